/**
 * Sign-in with throttling. Failures are counted per normalised username — existing or not, so the answers
 * never tell whether an account exists. After three failures in a row each further attempt is answered a second
 * more slowly (up to five); the 8th failure locks the username for 15 minutes, even for the right password.
 */
import { verifyAgainstDummy, verifyPassword } from './password.server'
import {
  clearThrottle,
  getThrottle,
  recordLoginAttempt,
  saveThrottle,
  type ThrottleState,
} from '~/models/login-throttles.server'
import { findUserForLogin, normaliseUsername } from '~/models/users.server'

export const THROTTLE_POLICY = {
  /** Failures older than this are forgotten. */
  windowMs: 15 * 60 * 1000,
  /** Failures before answers start to slow down. */
  slowAfter: 2,
  /** Extra wait per failure beyond `slowAfter`, capped at `maxDelayMs`. */
  delayStepMs: 1000,
  maxDelayMs: 5000,
  /** Failures that lock the username. */
  lockAfter: 8,
  lockMs: 15 * 60 * 1000,
} as const

/** How long to wait before answering, given the failures already on record. */
export function loginDelayMs(failures: number): number {
  const over = failures - THROTTLE_POLICY.slowAfter
  return over <= 0 ? 0 : Math.min(over * THROTTLE_POLICY.delayStepMs, THROTTLE_POLICY.maxDelayMs)
}

export type LoginResult =
  | { ok: true; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterMinutes: number }

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Checks a password under the throttle of `usernameKey`: answers a locked username at once, waits as the policy
 * says, runs `check`, then clears or counts the failure. Every path that checks a password goes through here
 * (sign-in and the change-password form), so they share one counter and one lock.
 */
export async function checkPasswordThrottled<T>({
  usernameKey,
  check,
  ip = null,
  now = Date.now,
  sleep = realSleep,
}: {
  usernameKey: string
  /** Resolves to the success value, or null for a wrong password. */
  check: () => Promise<T | null>
  ip?: string | null
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}): Promise<{ ok: true; value: T } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'locked'; retryAfterMinutes: number }> {
  const started = now()
  let state: ThrottleState | null = getThrottle({ usernameKey })
  if (state && started - state.lastFailureAt > THROTTLE_POLICY.windowMs && !(state.lockedUntil && state.lockedUntil > started)) {
    state = null
  }
  if (state?.lockedUntil && state.lockedUntil > started) {
    recordLoginAttempt({ usernameKey, ok: false, ip, at: started })
    return { ok: false, reason: 'locked', retryAfterMinutes: Math.ceil((state.lockedUntil - started) / 60_000) }
  }

  const delay = loginDelayMs(state?.failures ?? 0)
  if (delay > 0) await sleep(delay)

  const value = await check()
  const at = now()
  if (value !== null) {
    clearThrottle({ usernameKey })
    recordLoginAttempt({ usernameKey, ok: true, ip, at })
    return { ok: true, value }
  }

  const failures = (state?.failures ?? 0) + 1
  const lockedUntil = failures >= THROTTLE_POLICY.lockAfter ? at + THROTTLE_POLICY.lockMs : null
  saveThrottle({ usernameKey, state: { failures, lastFailureAt: at, lockedUntil } })
  recordLoginAttempt({ usernameKey, ok: false, ip, at })
  if (lockedUntil) return { ok: false, reason: 'locked', retryAfterMinutes: Math.ceil(THROTTLE_POLICY.lockMs / 60_000) }
  return { ok: false, reason: 'invalid' }
}

export async function attemptLogin({
  username,
  password,
  ip = null,
  now = Date.now,
  sleep = realSleep,
}: {
  username: string
  password: string
  ip?: string | null
  now?: () => number
  /** Injected so tests can see the delay without waiting for it. */
  sleep?: (ms: number) => Promise<void>
}): Promise<LoginResult> {
  const result = await checkPasswordThrottled({
    usernameKey: normaliseUsername(username),
    ip,
    now,
    sleep,
    check: async () => {
      const user = findUserForLogin({ username })
      const passwordOk = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
      return user && passwordOk && !user.disabledAt ? user.id : null
    },
  })
  return result.ok ? { ok: true, userId: result.value } : result
}
