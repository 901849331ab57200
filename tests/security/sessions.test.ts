/**
 * Sessions and passwords over HTTP against the real built server: argon2id as stored, the change-password page
 * (ends the other sessions, audited, throttled and locked like sign-in), an admin ending someone's sessions, and
 * sessions past their lifetime. Sign-in throttling itself is in app/auth/login.test.ts, logout in
 * tests/http/auth.test.ts.
 */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, get, post, signIn } from '../http/client'
import { startTestServer, type TestServer } from '../server'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath)
  db.pragma('busy_timeout = 5000')
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const sessionId = (cookie: string) => cookie.split('=')[1]!
/** 200 when the cookie still signs its holder in; 302 (to /login) once the session is over. */
const homeStatus = async (cookie: string) => (await get(server, '/', cookie)).status
const audits = (action: string) =>
  withDb((db) => db.prepare('SELECT actor_user_id AS actor, entity_id AS entity, details FROM audit_log WHERE action = ? ORDER BY id').all(action)) as {
    actor: string
    entity: string
    details: string
  }[]

describe('passwords', () => {
  it('are stored as argon2id with OWASP’s parameters (19 MiB, 2 passes, 1 lane), never in clear', () => {
    const rows = withDb((db) => db.prepare('SELECT username, password_hash AS hash FROM users').all()) as { username: string; hash: string }[]
    expect(rows.length).toBeGreaterThanOrEqual(4)
    for (const row of rows) {
      expect(row.hash, row.username).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
      expect(row.hash).not.toContain(DEMO_PASSWORD)
    }
  })
})

describe('the change-password page', () => {
  it('is for every signed-in person, linked from the header, and sends visitors to sign in', async () => {
    const anonymous = await get(server, '/account/password')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toBe('/login?redirectTo=%2Faccount%2Fpassword')
    const learner = await signIn(server, 'hocvien')
    const res = await get(server, '/account/password', learner)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const html = await res.text()
    expect(html).toContain('href="/account/password"')
    for (const name of ['current', 'next', 'confirm']) expect(html).toMatch(new RegExp(`<input[^>]*name="${name}"[^>]*type="password"|<input[^>]*type="password"[^>]*name="${name}"`))
    expect(html).toMatch(/autocomplete="new-password"/i)
  })

  it('answers each problem next to its field, in Vietnamese, and never sends a typed password back', async () => {
    const cookie = await signIn(server, 'hocvien')
    const cases: [Record<string, string>, string[]][] = [
      [{ current: '', next: '', confirm: '' }, ['Nhập mật khẩu hiện tại.', 'Nhập mật khẩu mới.', 'Nhập lại mật khẩu mới.']],
      [{ current: 'x-hien-tai-1', next: 'ngan-qua', confirm: 'ngan-qua' }, ['Mật khẩu mới cần ít nhất 10 ký tự.']],
      [{ current: 'x-hien-tai-1', next: 'toi-la-hocvien-2026', confirm: 'toi-la-hocvien-2026' }, ['Mật khẩu mới không được chứa tên đăng nhập.']],
      [{ current: 'x-hien-tai-1', next: 'HocSo@2026', confirm: 'HocSo@2026' }, ['Mật khẩu này quá phổ biến']],
      [{ current: 'x-hien-tai-1', next: 'Mot cau de nho 2026', confirm: 'Mot cau khac 2026' }, ['Hai lần nhập mật khẩu mới không khớp.']],
      [{ current: 'sai-mat-khau-99', next: 'Mot cau de nho 2026', confirm: 'Mot cau de nho 2026' }, ['Mật khẩu hiện tại không đúng.']],
    ]
    for (const [fields, messages] of cases) {
      const res = await post(server, '/account/password', fields, { cookie })
      expect(res.status, JSON.stringify(fields)).toBe(400)
      const html = await res.text()
      for (const message of messages) expect(html).toContain(message)
      expect(html).toMatch(/aria-invalid="true"/)
      for (const typed of Object.values(fields).filter(Boolean)) expect(html).not.toContain(`value="${typed}"`)
    }
    // Nothing changed: the demo password still signs in.
    await signIn(server, 'hocvien')
    withDb((db) => db.prepare("DELETE FROM login_throttles WHERE username_key = 'hocvien'").run())
  })

  it('changes the password, keeps this session, ends every other session of the account, and is audited', async () => {
    const here = await signIn(server, 'truongphong')
    const elsewhere = await signIn(server, 'truongphong')
    const otherAccount = await signIn(server, 'tochuc')
    const next = 'Cay lua tot 2026!'
    const res = await post(server, '/account/password', { current: DEMO_PASSWORD, next, confirm: next }, { cookie: here })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/account/password?changed=1')
    expect(await (await get(server, '/account/password?changed=1', here)).text()).toContain('Đã đổi mật khẩu.')
    expect(await homeStatus(here)).toBe(200)
    expect(await homeStatus(elsewhere)).toBe(302)
    expect(await homeStatus(otherAccount)).toBe(200)
    const left = withDb((db) => db.prepare("SELECT id FROM sessions WHERE user_id = 'usr-truongphong'").all()) as { id: string }[]
    expect(left.map((s) => s.id)).toEqual([sessionId(here)])
    await expect(signIn(server, 'truongphong')).rejects.toThrow(/failed/)
    withDb((db) => db.prepare("DELETE FROM login_throttles WHERE username_key = 'truongphong'").run())
    await signIn(server, 'truongphong', next)
    const [entry] = audits('password.change')
    expect(entry).toMatchObject({ actor: 'usr-truongphong', entity: 'usr-truongphong' })
    expect(JSON.parse(entry!.details)).toEqual({ endedSessions: 1 })
    const dump = withDb((db) => JSON.stringify(db.prepare('SELECT * FROM audit_log').all()))
    expect(dump).not.toContain(next)
    expect(server.output()).not.toContain(next)
  })

  it('is throttled and locked with sign-in: eight wrong current passwords lock the username for both', async () => {
    const cookie = await signIn(server, 'quantri')
    const next = 'Mot cau de nho 2026'
    const started = Date.now()
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) {
      statuses.push((await post(server, '/account/password', { current: `sai-${i}-mat-khau`, next, confirm: next }, { cookie })).status)
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400, 429])
    // From the fourth failure each answer waited a second more: 1 + 2 + 3 + 4 + 5 seconds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(15_000)
    const locked = await post(server, '/account/password', { current: DEMO_PASSWORD, next, confirm: next }, { cookie })
    expect(locked.status).toBe(429)
    expect(await locked.text()).toContain('Tài khoản tạm khóa')
    const hash = withDb((db) => (db.prepare("SELECT password_hash AS h FROM users WHERE username = 'quantri'").get() as { h: string }).h)
    expect(hash).toMatch(/^\$argon2id\$/)
    // The same lock holds at the sign-in form, even with the right password.
    const login = await post(server, '/login', { username: 'quantri', password: DEMO_PASSWORD })
    expect(login.status).toBe(200)
    expect(await login.text()).toContain('tạm thời bị khóa')
    withDb((db) => db.prepare("DELETE FROM login_throttles WHERE username_key = 'quantri'").run())
    await signIn(server, 'quantri')
  }, 60_000)
})

describe('sessions', () => {
  it('an admin ends every session of a person’s account from the person page; audited', async () => {
    const admin = await signIn(server, 'quantri')
    const first = await signIn(server, 'hocvien')
    const second = await signIn(server, 'hocvien')
    const personId = withDb((db) => (db.prepare("SELECT person_id AS p FROM users WHERE username = 'hocvien'").get() as { p: string }).p)
    const page = await (await get(server, `/people/${personId}`, admin)).text()
    expect(page).toMatch(/Đang có \d+ phiên đăng nhập còn hiệu lực\./)
    expect(page).toContain('name="intent" value="endSessions"')
    // HR sees no such button and cannot post it.
    const hr = await signIn(server, 'tochuc')
    expect(await (await get(server, `/people/${personId}`, hr)).text()).not.toContain('value="endSessions"')
    expect((await post(server, `/people/${personId}`, { intent: 'endSessions' }, { cookie: hr })).status).toBe(403)
    expect(await homeStatus(first)).toBe(200)

    const res = await post(server, `/people/${personId}`, { intent: 'endSessions' }, { cookie: admin })
    expect(res.status).toBe(302)
    const location = res.headers.get('location')!
    expect(location).toMatch(new RegExp(`^/people/${personId}\\?sessionsEnded=\\d+#sessions$`))
    expect(await homeStatus(first)).toBe(302)
    expect(await homeStatus(second)).toBe(302)
    expect(await homeStatus(admin)).toBe(200)
    expect(await (await get(server, location.replace(/#.*/, ''), admin)).text()).toMatch(/Đã kết thúc \d+ phiên đăng nhập/)
    const entry = audits('sessions.end').at(-1)!
    expect(entry).toMatchObject({ actor: 'usr-quantri', entity: 'usr-hocvien' })
    expect(JSON.parse(entry.details).endedSessions).toBeGreaterThanOrEqual(2)
  })

  it('a session past its lifetime is refused, whether by its age or its expiry date', async () => {
    const byAge = await signIn(server, 'hocvien')
    const byExpiry = await signIn(server, 'hocvien')
    expect(await homeStatus(byAge)).toBe(200)
    withDb((db) => {
      db.prepare('UPDATE sessions SET created_at = ? WHERE id = ?').run(Date.now() - 12 * 60 * 60 * 1000 - 1000, sessionId(byAge))
      db.prepare('UPDATE sessions SET expires_at = ? WHERE id = ?').run(Math.floor(Date.now() / 1000) - 10, sessionId(byExpiry))
    })
    for (const cookie of [byAge, byExpiry]) {
      const res = await get(server, '/learn', cookie)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('/login?redirectTo=%2Flearn&expired=1')
    }
    const left = withDb((db) => db.prepare('SELECT id FROM sessions WHERE id IN (?, ?)').all(sessionId(byAge), sessionId(byExpiry)))
    expect(left).toEqual([])
  })
})
