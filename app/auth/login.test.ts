import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loginAttempts, loginThrottles, users } from '~/db/schema'
import { createUser } from '~/models/users.server'
import { createTestDatabase } from '../../tests/db'
import { attemptLogin, loginDelayMs, THROTTLE_POLICY } from './login.server'
import { hashPassword } from './password.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

beforeAll(async () => {
  createUser({ id: 'usr-an', username: 'Nguyen.An', passwordHash: await hashPassword('Mat-khau-dung-1'), displayName: 'Nguyễn Văn An', personId: null, grants: [{ role: 'learner', unitId: null }] })
  createUser({ id: 'usr-off', username: 'da.nghi', passwordHash: await hashPassword('Mat-khau-dung-1'), displayName: 'Đã nghỉ', personId: null, grants: [] })
  db.db.update(users).set({ disabledAt: Date.now() }).where(eq(users.id, 'usr-off')).run()
})
beforeEach(() => {
  db.db.delete(loginThrottles).run()
})

/** A clock the test moves, and a sleep that records what it was asked to wait (and moves the clock). */
function fakeTime(start = Date.UTC(2026, 0, 5, 2, 0)) {
  let now = start
  const waits: number[] = []
  return {
    now: () => now,
    advance: (ms: number) => (now += ms),
    sleep: async (ms: number) => {
      waits.push(ms)
      now += ms
    },
    waits,
  }
}

describe('attemptLogin', () => {
  it('accepts the right password, case-insensitively for the username', async () => {
    const time = fakeTime()
    expect(await attemptLogin({ username: ' nguyen.an ', password: 'Mat-khau-dung-1', ...time })).toEqual({ ok: true, userId: 'usr-an' })
    expect(time.waits).toEqual([])
  })

  it('refuses a wrong password and an unknown username with the same answer', async () => {
    const time = fakeTime()
    const wrong = await attemptLogin({ username: 'nguyen.an', password: 'sai', ...time })
    const unknown = await attemptLogin({ username: 'khong.ton.tai', password: 'sai', ...time })
    expect(wrong).toEqual({ ok: false, reason: 'invalid' })
    expect(unknown).toEqual(wrong)
  })

  it('refuses a disabled account even with the right password', async () => {
    expect(await attemptLogin({ username: 'da.nghi', password: 'Mat-khau-dung-1', ...fakeTime() })).toEqual({ ok: false, reason: 'invalid' })
  })

  it('answers more slowly after repeated failures, then locks the username, even for the right password', async () => {
    const time = fakeTime()
    for (let i = 0; i < THROTTLE_POLICY.lockAfter - 1; i++) {
      expect(await attemptLogin({ username: 'nguyen.an', password: `sai-${i}`, ...time })).toEqual({ ok: false, reason: 'invalid' })
    }
    // The first three attempts answer at once; after three failures each attempt waits a second more.
    expect(time.waits).toEqual([1000, 2000, 3000, 4000])
    const locking = await attemptLogin({ username: 'nguyen.an', password: 'sai-cuoi', ...time })
    expect(locking).toEqual({ ok: false, reason: 'locked', retryAfterMinutes: 15 })
    expect(time.waits.at(-1)).toBe(5000)
    const whileLocked = await attemptLogin({ username: 'nguyen.an', password: 'Mat-khau-dung-1', ...time })
    expect(whileLocked.ok).toBe(false)
    expect(whileLocked).toMatchObject({ reason: 'locked' })
    time.advance(THROTTLE_POLICY.lockMs + 1000)
    expect(await attemptLogin({ username: 'nguyen.an', password: 'Mat-khau-dung-1', ...time })).toEqual({ ok: true, userId: 'usr-an' })
  })

  it('locks an unknown username exactly like a real one (nothing tells them apart)', async () => {
    const time = fakeTime()
    const answers = []
    for (let i = 0; i < THROTTLE_POLICY.lockAfter; i++) answers.push(await attemptLogin({ username: 'ai.do', password: 'x', ...time }))
    expect(answers.at(-1)).toEqual({ ok: false, reason: 'locked', retryAfterMinutes: 15 })
  })

  it('forgets old failures after the window, and a success clears them', async () => {
    const time = fakeTime()
    await attemptLogin({ username: 'nguyen.an', password: 'sai', ...time })
    await attemptLogin({ username: 'nguyen.an', password: 'sai', ...time })
    time.advance(THROTTLE_POLICY.windowMs + 1)
    await attemptLogin({ username: 'nguyen.an', password: 'sai', ...time })
    expect(time.waits).toEqual([])
    await attemptLogin({ username: 'nguyen.an', password: 'Mat-khau-dung-1', ...time })
    expect(db.db.select().from(loginThrottles).all()).toEqual([])
  })

  it('records every attempt for the audit trail', async () => {
    const before = db.db.select().from(loginAttempts).all().length
    await attemptLogin({ username: 'nguyen.an', password: 'sai', ip: '127.0.0.9', ...fakeTime() })
    const rows = db.db.select().from(loginAttempts).all()
    expect(rows.length).toBe(before + 1)
    expect(rows.at(-1)).toMatchObject({ usernameKey: 'nguyen.an', ok: false, ip: '127.0.0.9' })
  })
})

describe('loginDelayMs', () => {
  it('is zero for the first failures and capped', () => {
    expect([0, 1, 2, 3, 4, 7, 20].map(loginDelayMs)).toEqual([0, 0, 0, 1000, 2000, 5000, 5000])
  })
})
