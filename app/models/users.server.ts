import { and, count, eq, gt, isNull, sql } from 'drizzle-orm'
import { getDb, type Db } from '~/db/client.server'
import { roleGrants, sessions, users, type Role } from '~/db/schema'

export type RoleGrant = { role: Role; unitId: string | null }

/** Usernames are matched case-insensitively; stored lower-case. */
export function normaliseUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase()
}

export function findUserForLogin({ username }: { username: string }) {
  const db = getDb()
  return (
    db
      .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.username, normaliseUsername(username)))
      .get() ?? null
  )
}

let grantsStatement: ReturnType<typeof prepareGrants> | undefined
function prepareGrants(db: Db) {
  return db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, sql.placeholder('userId')), isNull(roleGrants.revokedAt)))
    .prepare()
}

/** The roles an account holds now (prepared once: it runs on every authenticated request). */
export function listRoleGrants({ userId }: { userId: string }): RoleGrant[] {
  grantsStatement ??= prepareGrants(getDb())
  return grantsStatement.all({ userId })
}

export function createUser(
  {
    id,
    username,
    passwordHash,
    displayName,
    personId,
    isDemo = false,
    grants,
    at = Date.now(),
  }: {
    id: string
    username: string
    passwordHash: string
    displayName: string
    personId: string | null
    isDemo?: boolean
    grants: RoleGrant[]
    at?: number
  },
  db: Db = getDb(),
): void {
  db.insert(users)
    .values({
      id,
      username: normaliseUsername(username),
      passwordHash,
      displayName,
      personId,
      isDemo,
      passwordChangedAt: at,
      createdAt: at,
    })
    .run()
  for (const grant of grants) {
    db.insert(roleGrants).values({ userId: id, role: grant.role, unitId: grant.unitId, grantedAt: at }).run()
  }
}

/** The demo accounts, when the database holds demo data (the login page lists them then, never otherwise). */
export function listDemoUsernames(): string[] {
  return getDb()
    .select({ username: users.username })
    .from(users)
    // A literal, not a bound parameter: SQLite uses the partial index users_demo_idx only for `is_demo = 1`.
    .where(sql`${users.isDemo} = 1`)
    .all()
    .map((row) => row.username)
}

export function countAccounts(): { accounts: number; activeSessions: number } {
  const db = getDb()
  const accounts = db.select({ n: count() }).from(users).get()?.n ?? 0
  const activeSessions =
    db
      .select({ n: count() })
      .from(sessions)
      .where(gt(sessions.expiresAt, Math.floor(Date.now() / 1000)))
      .get()?.n ?? 0
  return { accounts, activeSessions }
}
