/**
 * Changing one's own password: the current password is checked under the same throttle and lock as sign-in
 * (one counter per username, so neither form can be used to guess around the other); the new one must be long
 * and not guessable from the account; on success every other session of the account ends.
 */
import { getPasswordHash, setPassword } from '~/models/accounts.server'
import { normaliseUsername } from '~/models/users.server'
import { checkPasswordThrottled } from './login.server'
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './password.server'

export const MAX_PASSWORD_LENGTH = 200

/** Passwords people reach for first, and the demo password (published in the README). */
const TOO_COMMON = new Set(['hocso@2026', '1234567890', '0123456789', '12345678910', 'matkhau123', 'matkhau@123', 'password123', 'password@123', 'qwertyuiop', 'abc1234567', 'admin12345'])

export type NewPasswordProblem = 'required' | 'tooShort' | 'tooLong' | 'containsUsername' | 'tooCommon' | 'sameAsCurrent'
export type PasswordErrors = Partial<{ current: 'required' | 'wrong'; next: NewPasswordProblem; confirm: 'required' | 'mismatch' }>

/** What is wrong with a proposed password (length counted in characters, not bytes), or null. */
export function newPasswordProblem({ username, password }: { username: string; password: string }): NewPasswordProblem | null {
  if (!password) return 'required'
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return 'tooShort'
  if (length > MAX_PASSWORD_LENGTH) return 'tooLong'
  const folded = password.normalize('NFC').toLowerCase()
  const name = normaliseUsername(username)
  if (name.length >= 3 && folded.includes(name)) return 'containsUsername'
  if (TOO_COMMON.has(folded) || /^(.)\1+$/.test(folded)) return 'tooCommon'
  return null
}

export type ChangePasswordResult =
  | { ok: true; endedSessions: number }
  | { ok: false; errors: PasswordErrors }
  | { ok: false; locked: true; retryAfterMinutes: number; errors: PasswordErrors }

export async function changePassword({
  user,
  current,
  next,
  confirm,
  ip = null,
  now,
  sleep,
}: {
  user: { id: string; username: string; sessionId: string }
  current: string
  next: string
  confirm: string
  ip?: string | null
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}): Promise<ChangePasswordResult> {
  const errors: PasswordErrors = {}
  if (!current) errors.current = 'required'
  const problem = newPasswordProblem({ username: user.username, password: next })
  if (problem) errors.next = problem
  else if (next === current) errors.next = 'sameAsCurrent'
  if (!confirm) errors.confirm = 'required'
  else if (!errors.next && confirm !== next) errors.confirm = 'mismatch'
  // The current password is checked (and a failure counted) only for an otherwise acceptable form.
  if (Object.keys(errors).length) return { ok: false, errors }

  const checked = await checkPasswordThrottled({
    usernameKey: normaliseUsername(user.username),
    ip,
    now,
    sleep,
    check: async () => {
      const stored = getPasswordHash({ userId: user.id })
      return stored && (await verifyPassword(stored, current)) ? true : null
    },
  })
  if (!checked.ok) {
    if (checked.reason === 'locked') return { ok: false, locked: true, retryAfterMinutes: checked.retryAfterMinutes, errors: {} }
    return { ok: false, errors: { current: 'wrong' } }
  }
  const result = setPassword({ userId: user.id, passwordHash: await hashPassword(next), keepSessionId: user.sessionId })
  return { ok: true, endedSessions: result.endedSessions }
}
