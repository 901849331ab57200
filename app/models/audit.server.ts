import { count } from 'drizzle-orm'
import { getDb, type Db } from '~/db/client.server'
import { auditLog } from '~/db/schema'

export type AuditEntry = {
  actorUserId?: string | null
  actorTokenId?: string | null
  action: string
  entityType: string
  entityId?: string | null
  details?: unknown
  at?: number
}

/** Appends to the audit log; pass the transaction's `db` so the entry commits with the change it describes. */
export function recordAudit(entry: AuditEntry, db: Db = getDb()): void {
  db.insert(auditLog)
    .values({
      at: entry.at ?? Date.now(),
      actorUserId: entry.actorUserId ?? null,
      actorTokenId: entry.actorTokenId ?? null,
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
