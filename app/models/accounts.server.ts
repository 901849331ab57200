/** An account's password and sessions: changing the password, ending sessions (audited). */
import { and, count, eq, gt, ne } from 'drizzle-orm'
import { getDb, writeTransaction } from '~/db/client.server'
import { sessions, users } from '~/db/schema'
import { recordAudit } from './audit.server'

export function getPasswordHash({ userId }: { userId: string }): string | null {
  return getDb().select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.hash ?? null
}

/**
 * Stores a new password hash and ends every other session of the account (whoever learnt the old password is
 * signed out everywhere); the session that made the change stays. Audited 'password.change'.
 */
export function setPassword({
  userId,
  passwordHash,
  keepSessionId,
  at = Date.now(),
}: {
  userId: string
  passwordHash: string
  keepSessionId: string
  at?: number
}): { endedSessions: number } {
  return writeTransaction((tx) => {
    tx.update(users).set({ passwordHash, passwordChangedAt: at }).where(eq(users.id, userId)).run()
    const ended = tx
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
      .run().changes
    recordAudit({ actorUserId: userId, action: 'password.change', entityType: 'user', entityId: userId, details: { endedSessions: ended }, at }, tx)
    return { endedSessions: ended }
  })
}

export function countActiveSessions({ userId, at = Date.now() }: { userId: string; at?: number }): number {
  return (
    getDb()
      .select({ n: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, Math.floor(at / 1000))))
      .get()?.n ?? 0
  )
}

/** An admin ends every session of an account (a lost laptop, a departure). Audited 'sessions.end'. */
export function endAccountSessions({ userId, actorUserId, at = Date.now() }: { userId: string; actorUserId: string; at?: number }): { endedSessions: number } {
  return writeTransaction((tx) => {
    const ended = tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes
    recordAudit({ actorUserId, action: 'sessions.end', entityType: 'user', entityId: userId, details: { endedSessions: ended }, at }, tx)
    return { endedSessions: ended }
  })
}
