import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordAudit } from '~/models/audit.server'
import { createApiToken, revokeApiToken } from '~/models/api-tokens.server'
import { createUser } from '~/models/users.server'
import { createTestDatabase } from '../../tests/db'
import { getOptionalUser, requireRole, requireUser } from './guards.server'
import { actorOf, createSession } from './session.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

let hrToken = ''
let hrTokenId = ''
let adminToken = ''
let revokedToken = ''
beforeAll(() => {
  createUser({ id: 'admin', username: 'admin', passwordHash: 'x', displayName: 'Admin', personId: null, grants: [{ role: 'admin', unitId: null }] })
  createUser({ id: 'learner', username: 'learner', passwordHash: 'x', displayName: 'Learner', personId: null, grants: [{ role: 'learner', unitId: null }] })
  const make = (role: 'hr' | 'admin') => {
    const created = createApiToken({ name: `token ${role}`, role, createdBy: 'admin' })
    if (!created.ok) throw new Error('not created')
    return created
  }
  const hr = make('hr')
  hrToken = hr.token
  hrTokenId = hr.id
  adminToken = make('admin').token
  const revoked = make('hr')
  revokedToken = revoked.token
  revokeApiToken({ tokenId: revoked.id, actorUserId: 'admin' })
})

function request(path: string, headers: Record<string, string> = {}, method = 'GET'): Request {
  return new Request(`http://localhost${path}`, { method, headers })
}

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: string; location: string | null }> {
  try {
    await promise
    return { status: 200, body: '', location: null }
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown
    return { status: thrown.status, body: await thrown.text(), location: thrown.headers.get('Location') }
  }
}

const uses = () => (db.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'token.use'").get() as { n: number }).n

describe('bearer tokens in the guards', () => {
  it('authenticate an API call as a token principal with the token’s role and no person', async () => {
    const user = await requireRole(request('/api/v1/courses', { Authorization: `Bearer ${hrToken}` }), 'hr')
    expect(user).toMatchObject({ id: `token:${hrTokenId}`, personId: null, tokenId: hrTokenId, roles: [{ role: 'hr', unitId: null }], displayName: 'token hr' })
    expect(actorOf(user)).toEqual({ actorUserId: null, actorTokenId: hrTokenId })
  })

  it('check a token once per request, however many guards run', async () => {
    const before = uses()
    const req = request('/api/v1/courses', { Authorization: `Bearer ${hrToken}` })
    await requireUser(req)
    await requireRole(req, 'hr')
    await getOptionalUser(req)
    expect(uses()).toBe(before + 1)
  })

  it('answer 401 JSON for a revoked, unknown or empty token, even beside a valid session cookie', async () => {
    const cookie = (await createSession({ request: request('/login'), userId: 'admin' })).split(';')[0]!
    for (const [authorization, message] of [
      [`Bearer ${revokedToken}`, 'This API token has been revoked'],
      [`Bearer hs_${'A'.repeat(43)}`, 'Invalid API token'],
      ['Bearer ', 'Invalid API token'],
    ] as const) {
      const result = await outcome(requireRole(request('/api/v1/courses', { Authorization: authorization, Cookie: cookie }), 'hr'))
      expect(result.status).toBe(401)
      expect(JSON.parse(result.body)).toEqual({ error: message })
    }
  })

  it('refuse a token of the wrong role with 403; an admin token passes every role', async () => {
    expect((await outcome(requireRole(request('/api/v1/x', { Authorization: `Bearer ${hrToken}` }), 'admin'))).status).toBe(403)
    expect((await outcome(requireRole(request('/api/v1/x', { Authorization: `Bearer ${adminToken}` }), 'hr'))).status).toBe(200)
  })

  it('ignore a bearer token outside /api/: pages know only the session cookie', async () => {
    const before = uses()
    const page = await outcome(requireUser(request('/admin/audit', { Authorization: `Bearer ${adminToken}` })))
    expect(page.status).toBe(302)
    expect(page.location).toMatch(/^\/login\?/)
    expect(await getOptionalUser(request('/', { Authorization: `Bearer ${adminToken}` }))).toBeNull()
    const cookie = (await createSession({ request: request('/login'), userId: 'learner' })).split(';')[0]!
    const user = await requireUser(request('/learn', { Authorization: `Bearer ${adminToken}`, Cookie: cookie }))
    expect(user).toMatchObject({ id: 'learner', tokenId: null })
    expect(uses()).toBe(before)
  })

  it('keep the cookie path for API calls without a bearer header', async () => {
    const cookie = (await createSession({ request: request('/login'), userId: 'learner' })).split(';')[0]!
    expect((await outcome(requireRole(request('/api/v1/courses', { Cookie: cookie }), 'hr'))).status).toBe(403)
    const none = await outcome(requireRole(request('/api/v1/courses'), 'hr'))
    expect(none.status).toBe(401)
    expect(JSON.parse(none.body)).toEqual({ error: 'Authentication required' })
  })

  it('record a token principal passed as actorUserId as the token in the audit log', async () => {
    const user = await requireUser(request('/api/v1/plans/2026', { Authorization: `Bearer ${hrToken}` }, 'PUT'))
    recordAudit({ actorUserId: user.id, action: 'plan.save', entityType: 'plan', entityId: '2026' })
    const row = db.sqlite.prepare("SELECT actor_user_id AS u, actor_token_id AS t FROM audit_log WHERE action = 'plan.save'").get()
    expect(row).toEqual({ u: null, t: hrTokenId })
  })
})
