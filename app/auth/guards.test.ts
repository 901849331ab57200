import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessions } from '~/db/schema'
import { createUser } from '~/models/users.server'
import { createTestDatabase } from '../../tests/db'
import { canSeeUnit, requireRole, requireUnitScope, requireUser } from './guards.server'
import { SESSION_LIFETIME_MS } from './lucia.server'
import { createSession, endAllSessions, readSession } from './session.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

// A small tree valid in 2026: Sở ─┬─ Phòng A ── Tổ A1
//                                 └─ Phòng B
beforeAll(() => {
  const add = db.sqlite.prepare("INSERT INTO units (id, created_at) VALUES (?, 0)")
  const version = db.sqlite.prepare(
    "INSERT INTO unit_versions (unit_id, code, name, kind, parent_id, valid_from) VALUES (?, ?, ?, ?, ?, '2020-01-01')",
  )
  for (const [id, code, name, kind, parent] of [
    ['so', 'SO', 'Sở', 'so', null],
    ['a', 'A', 'Phòng A', 'phong', 'so'],
    ['a1', 'A1', 'Tổ A1', 'khac', 'a'],
    ['b', 'B', 'Phòng B', 'phong', 'so'],
  ] as const) {
    add.run(id)
    version.run(id, code, name, kind, parent)
  }
  const user = (id: string, grants: Parameters<typeof createUser>[0]['grants']) =>
    createUser({ id, username: id, passwordHash: 'x', displayName: id, personId: null, grants })
  user('learner', [{ role: 'learner', unitId: null }])
  user('head-a', [{ role: 'unit_head', unitId: 'a' }])
  user('head-b', [{ role: 'unit_head', unitId: 'b' }])
  user('hr', [{ role: 'hr', unitId: null }])
  user('admin', [{ role: 'admin', unitId: null }])
  // Granted before HR and admin grants were made department-wide only (or written straight into the database).
  user('hr-b', [{ role: 'hr', unitId: 'b' }])
  user('admin-b', [{ role: 'admin', unitId: 'b' }])
})

async function requestAs(userId: string | null, url = 'http://localhost/team'): Promise<Request> {
  if (!userId) return new Request(url)
  const setCookie = await createSession({ request: new Request(url), userId })
  return new Request(url, { headers: { Cookie: setCookie.split(';')[0]! } })
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise
    return 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    throw thrown
  }
}

describe('sessions', () => {
  it('set an HttpOnly, SameSite=Lax cookie, Secure only over HTTPS', async () => {
    const plain = await createSession({ request: new Request('http://localhost/login'), userId: 'learner' })
    expect(plain).toMatch(/^hocso_session=[a-z0-9]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/)
    const secure = await createSession({ request: new Request('https://hocso.example/login'), userId: 'learner' })
    expect(secure).toMatch(/; Secure$/)
  })

  it('are refused once past their fixed lifetime, counted from sign-in', async () => {
    const request = await requestAs('learner')
    const read = await readSession(request)
    expect(read.state).toBe('valid')
    if (read.state !== 'valid') return
    db.db.update(sessions).set({ createdAt: Date.now() - SESSION_LIFETIME_MS - 1 }).where(eq(sessions.id, read.user.sessionId)).run()
    expect((await readSession(request)).state).toBe('expired')
    expect(db.db.select().from(sessions).where(eq(sessions.id, read.user.sessionId)).all()).toEqual([])
  })

  it('end everywhere when all of an account’s sessions are ended', async () => {
    const first = await requestAs('hr')
    const second = await requestAs('hr')
    await endAllSessions({ userId: 'hr' })
    expect((await readSession(first)).state).toBe('expired')
    expect((await readSession(second)).state).toBe('expired')
  })

  it('ignore a forged or malformed cookie', async () => {
    expect((await readSession(new Request('http://localhost/', { headers: { Cookie: 'hocso_session=abc' } }))).state).toBe('none')
    expect((await readSession(new Request('http://localhost/', { headers: { Cookie: 'hocso_session=aaaaaaaaaaaaaaaaaaaaaaaa' } }))).state).toBe('expired')
  })
})

describe('guards', () => {
  it('requireUser redirects a page request to /login with where to come back, and answers 401 to the API', async () => {
    const thrown = await requireUser(new Request('http://localhost/team?x=1')).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(302)
    expect((thrown as Response).headers.get('Location')).toBe('/login?redirectTo=%2Fteam%3Fx%3D1')
    expect(await statusOf(requireUser(new Request('http://localhost/api/v1/units')))).toBe(401)
  })

  it('requireRole refuses the wrong role with 403 and lets admins through', async () => {
    expect(await statusOf(requireRole(await requestAs('learner'), 'hr'))).toBe(403)
    expect(await statusOf(requireRole(await requestAs('head-a'), 'hr'))).toBe(403)
    expect(await statusOf(requireRole(await requestAs('hr'), 'hr'))).toBe(200)
    expect(await statusOf(requireRole(await requestAs('admin'), 'hr'))).toBe(200)
    expect(await statusOf(requireRole(await requestAs('head-a'), ['unit_head', 'hr']))).toBe(200)
  })

  it('treat an HR or admin grant limited to a unit as a unit head of that unit, never as department-wide HR', async () => {
    for (const id of ['hr-b', 'admin-b']) {
      expect(await statusOf(requireRole(await requestAs(id), 'hr')), id).toBe(403)
      expect(await statusOf(requireRole(await requestAs(id), 'admin')), id).toBe(403)
      expect(await statusOf(requireRole(await requestAs(id), ['unit_head', 'hr'])), id).toBe(200)
      expect(await statusOf(requireUnitScope(await requestAs(id), 'b', '2026-06-30')), id).toBe(200)
      expect(await statusOf(requireUnitScope(await requestAs(id), 'a', '2026-06-30')), id).toBe(403)
    }
  })

  it('requireUnitScope lets a unit head see their unit and what is below it, and nothing else', async () => {
    const headA = await requestAs('head-a')
    expect(await statusOf(requireUnitScope(headA, 'a', '2026-06-30'))).toBe(200)
    expect(await statusOf(requireUnitScope(headA, 'a1', '2026-06-30'))).toBe(200)
    expect(await statusOf(requireUnitScope(headA, 'b', '2026-06-30'))).toBe(403)
    expect(await statusOf(requireUnitScope(headA, 'so', '2026-06-30'))).toBe(403)
    expect(await statusOf(requireUnitScope(await requestAs('head-b'), 'a1', '2026-06-30'))).toBe(403)
    expect(await statusOf(requireUnitScope(await requestAs('learner'), 'a', '2026-06-30'))).toBe(403)
    expect(await statusOf(requireUnitScope(await requestAs('hr'), 'a1', '2026-06-30'))).toBe(200)
    expect(await statusOf(requireUnitScope(await requestAs(null), 'a'))).toBe(302)
  })

  it('canSeeUnit follows the tree as it stood on the date asked', async () => {
    // Tổ A1 moves under Phòng B from 2027: head A loses it then, head B gains it.
    db.sqlite.prepare("UPDATE unit_versions SET valid_to = '2026-12-31' WHERE unit_id = 'a1'").run()
    db.sqlite
      .prepare("INSERT INTO unit_versions (unit_id, code, name, kind, parent_id, valid_from) VALUES ('a1', 'A1', 'Tổ A1', 'khac', 'b', '2027-01-01')")
      .run()
    const headA = await readSession(await requestAs('head-a'))
    const headB = await readSession(await requestAs('head-b'))
    if (headA.state !== 'valid' || headB.state !== 'valid') throw new Error('sessions should be valid')
    expect(canSeeUnit(headA.user, 'a1', '2026-12-31')).toBe(true)
    expect(canSeeUnit(headA.user, 'a1', '2027-01-01')).toBe(false)
    expect(canSeeUnit(headB.user, 'a1', '2027-01-01')).toBe(true)
  })
})
