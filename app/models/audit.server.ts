import { and, count, desc, eq, gte, isNotNull, lt, or, type SQL } from 'drizzle-orm'
import { getDb, type Db } from '~/db/client.server'
import { apiTokens, auditLog, users } from '~/db/schema'
import { compareVietnamese } from '~/i18n/format'

export type AuditEntry = {
  actorUserId?: string | null
  actorTokenId?: string | null
  action: string
  entityType: string
  entityId?: string | null
  details?: unknown
  at?: number
}

const TOKEN_PRINCIPAL = /^token:(.+)$/

/** Appends to the audit log; pass the transaction's `db` so the entry commits with the change it describes. */
export function recordAudit(entry: AuditEntry, db: Db = getDb()): void {
  // An API token principal's id (`token:<id>`) is no row of users: it is recorded as the token, which is what it is.
  const tokenPrincipal = entry.actorUserId ? TOKEN_PRINCIPAL.exec(entry.actorUserId) : null
  db.insert(auditLog)
    .values({
      at: entry.at ?? Date.now(),
      actorUserId: tokenPrincipal ? null : (entry.actorUserId ?? null),
      actorTokenId: entry.actorTokenId ?? tokenPrincipal?.[1] ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      details: entry.details ?? null,
    })
    .run()
}

export function countAuditEntries(): number {
  return getDb().select({ n: count() }).from(auditLog).get()?.n ?? 0
}

// ---------------------------------------------------------------------------------------------------------
// Reading the log: filters by actor (an account or an API token), action and a range of days in Việt Nam.
// ---------------------------------------------------------------------------------------------------------

export const AUDIT_PAGE_SIZE = 50

/** `user:<id>` or `token:<id>`: an actor as the filter form names it. */
export type AuditActorKey = `user:${string}` | `token:${string}`

export type AuditFilter = {
  actor?: AuditActorKey | null
  action?: string | null
  /** Inclusive ISO dates, read as days in Việt Nam. */
  from?: string | null
  to?: string | null
}

export type AuditRow = {
  id: number
  at: number
  actorUserId: string | null
  actorName: string | null
  actorUsername: string | null
  actorTokenId: string | null
  tokenName: string | null
  tokenPrefix: string | null
  action: string
  entityType: string
  entityId: string | null
  details: unknown
}

/** The first instant of an ISO day in Việt Nam (UTC+7 all year, no daylight saving). */
export function startOfVietnamDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00+07:00`)
}

function nextIsoDay(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}

function whereOf(filter: AuditFilter): SQL | undefined {
  const conditions: SQL[] = []
  if (filter.actor) {
    const [kind, id] = [filter.actor.slice(0, filter.actor.indexOf(':')), filter.actor.slice(filter.actor.indexOf(':') + 1)]
    conditions.push(kind === 'token' ? eq(auditLog.actorTokenId, id) : eq(auditLog.actorUserId, id))
  }
  if (filter.action) conditions.push(eq(auditLog.action, filter.action))
  if (filter.from) conditions.push(gte(auditLog.at, startOfVietnamDay(filter.from)))
  if (filter.to) conditions.push(lt(auditLog.at, startOfVietnamDay(nextIsoDay(filter.to))))
  return conditions.length ? and(...conditions) : undefined
}

function selectRows(db: Db, filter: AuditFilter, extra?: SQL) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorName: users.displayName,
      actorUsername: users.username,
      actorTokenId: auditLog.actorTokenId,
      tokenName: apiTokens.name,
      tokenPrefix: apiTokens.prefix,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(apiTokens, eq(apiTokens.id, auditLog.actorTokenId))
    .where(extra ? and(whereOf(filter), extra) : whereOf(filter))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
}

/** One page of entries, newest first, and how many match in all. */
export function listAuditEntries({ filter, page = 1 }: { filter: AuditFilter; page?: number }): { rows: AuditRow[]; total: number } {
  const db = getDb()
  const total = db.select({ n: count() }).from(auditLog).where(whereOf(filter)).get()?.n ?? 0
  const rows = selectRows(db, filter)
    .limit(AUDIT_PAGE_SIZE)
    .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE)
    .all()
  return { rows, total }
}

/**
 * Every matching entry, newest first (for the export), read in chunks that continue after the last entry read, so
 * entries written while the export runs neither repeat nor shift it.
 */
export function* iterateAuditEntries({ filter, chunk = 1000 }: { filter: AuditFilter; chunk?: number }): Generator<AuditRow> {
  let after: { at: number; id: number } | null = null
  for (;;) {
    const last: { at: number; id: number } | null = after
    const rows: AuditRow[] = selectRows(getDb(), filter, last ? or(lt(auditLog.at, last.at), and(eq(auditLog.at, last.at), lt(auditLog.id, last.id))) : undefined)
      .limit(chunk)
      .all()
    yield* rows
    if (rows.length < chunk) return
    const tail: AuditRow = rows[rows.length - 1]!
    after = { at: tail.at, id: tail.id }
  }
}

/** The actors and actions that occur in the log, for the filter form's choices. */
export function listAuditFacets(): {
  actors: { key: AuditActorKey; name: string; username: string | null; isToken: boolean }[]
  actions: string[]
} {
  const db = getDb()
  const people = db
    .selectDistinct({ id: users.id, name: users.displayName, username: users.username })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.actorUserId))
    .all()
  const tokens = db
    .selectDistinct({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix })
    .from(auditLog)
    .innerJoin(apiTokens, eq(apiTokens.id, auditLog.actorTokenId))
    .where(isNotNull(auditLog.actorTokenId))
    .all()
  const actions = db.selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(auditLog.action).all()
  return {
    actors: [
      ...people
        .map((p) => ({ key: `user:${p.id}` as const, name: p.name, username: p.username, isToken: false }))
        .sort((a, b) => compareVietnamese(a.name, b.name)),
      ...tokens
        .map((t) => ({ key: `token:${t.id}` as const, name: t.name, username: t.prefix, isToken: true }))
        .sort((a, b) => compareVietnamese(a.name, b.name)),
    ],
    actions: actions.map((a) => a.action),
  }
}
