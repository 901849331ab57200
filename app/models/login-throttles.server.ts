/** Failed sign-in bookkeeping per normalised username (whether or not such an account exists). */
import { eq } from 'drizzle-orm'
import { getDb, writeTransaction } from '~/db/client.server'
import { loginAttempts, loginThrottles } from '~/db/schema'

export type ThrottleState = { failures: number; lastFailureAt: number; lockedUntil: number | null }

export function getThrottle({ usernameKey }: { usernameKey: string }): ThrottleState | null {
  return (
    getDb()
      .select({
        failures: loginThrottles.failures,
        lastFailureAt: loginThrottles.lastFailureAt,
        lockedUntil: loginThrottles.lockedUntil,
      })
      .from(loginThrottles)
      .where(eq(loginThrottles.usernameKey, usernameKey))
      .get() ?? null
  )
}

export function saveThrottle({ usernameKey, state }: { usernameKey: string; state: ThrottleState }): void {
  getDb()
    .insert(loginThrottles)
    .values({ usernameKey, ...state })
    .onConflictDoUpdate({ target: loginThrottles.usernameKey, set: state })
    .run()
}

export function clearThrottle({ usernameKey }: { usernameKey: string }): void {
  getDb().delete(loginThrottles).where(eq(loginThrottles.usernameKey, usernameKey)).run()
}

export function recordLoginAttempt({
  usernameKey,
  ok,
  ip,
  at,
}: {
  usernameKey: string
  ok: boolean
  ip: string | null
  at: number
}): void {
  writeTransaction((tx) => {
    tx.insert(loginAttempts).values({ usernameKey, ok, ip, at }).run()
  })
}
