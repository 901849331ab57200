/**
 * API tokens, bearer authentication, the OpenAPI document and the audit log over HTTP against the real built server.
 */
import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OPENAPI_DOCUMENT } from '~/models/openapi'
import { startTestServer, type TestServer } from '../server'
import { get, post, signIn } from './client'

let server: TestServer
let admin: string
let hr: string
let learner: string
let token = ''
let tokenId = ''

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath)
  db.pragma('busy_timeout = 5000')
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const bearer = (path: string, value: string) => fetch(`${server.baseUrl}${path}`, { headers: { Authorization: `Bearer ${value}` }, redirect: 'manual' })
const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&amp;/g, '&')

beforeAll(async () => {
  server = await startTestServer()
  admin = await signIn(server, 'quantri')
  hr = await signIn(server, 'tochuc')
  learner = await signIn(server, 'hocvien')
})
afterAll(async () => {
  await server?.stop()
})

describe('the API tokens page', () => {
  it('is for admins only', async () => {
    expect((await get(server, '/admin/tokens', admin)).status).toBe(200)
    expect((await get(server, '/admin/tokens', hr)).status).toBe(403)
    const anonymous = await get(server, '/admin/tokens')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=%2Fadmin%2Ftokens/)
    expect((await post(server, '/admin/tokens', { intent: 'create', name: 'x', role: 'admin' }, { cookie: hr })).status).toBe(403)
  })

  it('answers bad input next to the field and keeps what was typed', async () => {
    const res = await post(server, '/admin/tokens', { intent: 'create', name: '   ', role: 'admin' }, { cookie: admin })
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Hãy nhập tên gợi nhớ cho mã.')
    expect(html).toMatch(/name="role" checked="" value="admin"/)
    const badRole = await post(server, '/admin/tokens', { intent: 'create', name: 'Kịch bản', role: 'learner' }, { cookie: admin })
    expect(badRole.status).toBe(400)
    const badHtml = await badRole.text()
    expect(badHtml).toContain('Hãy chọn một vai trò')
    expect(badHtml).toContain('value="Kịch bản"')
  })

  it('creates a token, shows it once and stores only its hash', async () => {
    const res = await post(server, '/admin/tokens', { intent: 'create', name: 'CSDL cán bộ tỉnh', role: 'hr' }, { cookie: admin })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toContain('no-store')
    const html = await res.text()
    expect(html).toContain('Mã chỉ hiện một lần này')
    token = /value="(hs_[A-Za-z0-9_-]{43})"/.exec(html)?.[1] ?? ''
    expect(token).not.toBe('')
    const row = withDb((db) => db.prepare('SELECT id, token_hash AS hash, prefix, role FROM api_tokens WHERE prefix = ?').get(token.slice(0, 11))) as {
      id: string
      hash: string
      prefix: string
      role: string
    }
    tokenId = row.id
    expect(row).toMatchObject({ hash: crypto.createHash('sha256').update(token).digest('hex'), role: 'hr' })
    const dump = withDb((db) => JSON.stringify([db.prepare('SELECT * FROM api_tokens').all(), db.prepare('SELECT * FROM audit_log').all()]))
    expect(dump).not.toContain(token)
    // Never again: the list shows the prefix, not the token.
    const list = await (await get(server, '/admin/tokens', admin)).text()
    expect(list).toContain('CSDL cán bộ tỉnh')
    expect(list).toContain(`${row.prefix}…`)
    expect(list).not.toContain(token)
  })
})

describe('the integration API with a bearer token', () => {
  it('GET /api/v1/courses answers an HR token with the published courses, and the use is audited', async () => {
    const res = await bearer('/api/v1/courses', token)
    expect(res.status).toBe(200)
    const courses = (await res.json()) as Record<string, unknown>[]
    expect(courses.length).toBeGreaterThanOrEqual(7)
    for (const course of courses) expect(Object.keys(course).sort()).toEqual(['durationTiet', 'id', 'title', 'version'])
    expect(courses.map((c) => c.id)).toContain('an-toan-thong-tin')
    const use = withDb((db) => db.prepare("SELECT actor_user_id AS u, actor_token_id AS t, details FROM audit_log WHERE action = 'token.use' ORDER BY id DESC").get()) as {
      u: string | null
      t: string
      details: string
    }
    expect(use).toMatchObject({ u: null, t: tokenId })
    expect(JSON.parse(use.details)).toEqual({ method: 'GET', path: '/api/v1/courses' })
    expect(withDb((db) => db.prepare('SELECT last_used_at AS at FROM api_tokens WHERE id = ?').get(tokenId))).toMatchObject({ at: expect.any(Number) })
  })

  it('writes with a bearer token and no Origin (no cookie, so no cross-site risk), recorded as the token', async () => {
    const res = await fetch(`${server.baseUrl}/api/v1/units`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'TOKEN-TEST', name: 'Tổ thử mã API', kind: 'khac', parentCode: null, validFrom: '2026-01-01' }),
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ code: 'TOKEN-TEST', name: 'Tổ thử mã API', parentId: null })
    const writes = withDb((db) => db.prepare("SELECT actor_user_id AS u, action FROM audit_log WHERE actor_token_id = ? AND action != 'token.use'").all(tokenId))
    expect(writes).toEqual([{ u: null, action: expect.any(String) }])
    // The same call with the token beside a cookie but without Origin is a cross-site candidate: refused.
    const withCookie = await fetch(`${server.baseUrl}/api/v1/units`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, Cookie: hr, 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: 'TOKEN-TEST2', name: 'Tổ thử 2', kind: 'khac', parentCode: null, validFrom: '2026-01-01' }),
    })
    expect(withCookie.status).toBe(403)
  })

  it('answers 401 without credentials or with an unknown token, 403 to a learner’s session, 200 to HR’s', async () => {
    const none = await get(server, '/api/v1/courses')
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual({ error: 'Authentication required' })
    const unknown = await bearer('/api/v1/courses', `hs_${'x'.repeat(43)}`)
    expect(unknown.status).toBe(401)
    expect(await unknown.json()).toEqual({ error: 'Invalid API token' })
    const asLearner = await get(server, '/api/v1/courses', learner)
    expect(asLearner.status).toBe(403)
    expect(await asLearner.json()).toMatchObject({ error: expect.any(String) })
    expect((await get(server, '/api/v1/courses', hr)).status).toBe(200)
  })

  it('ignores a bearer token on a page', async () => {
    const page = await bearer('/admin/audit', token)
    expect(page.status).toBe(302)
    expect(page.headers.get('location')).toMatch(/^\/login/)
  })

  it('refuses a revoked token with 401; revoking is audited', async () => {
    const res = await post(server, '/admin/tokens', { intent: 'revoke', tokenId }, { cookie: admin })
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Đã thu hồi mã.')
    const refused = await bearer('/api/v1/courses', token)
    expect(refused.status).toBe(401)
    expect(await refused.json()).toEqual({ error: 'This API token has been revoked' })
    const revokedBy = withDb((db) =>
      db.prepare("SELECT u.username FROM audit_log a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'token.revoke' AND a.entity_id = ?").all(tokenId),
    )
    expect(revokedBy).toEqual([{ username: 'quantri' }])
    const again = await post(server, '/admin/tokens', { intent: 'revoke', tokenId }, { cookie: admin })
    expect(again.status).toBe(409)
  })

  it('serves the OpenAPI document to anyone', async () => {
    const res = await get(server, '/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(OPENAPI_DOCUMENT)))
  })
})

describe('the audit log page', () => {
  it('is for HR and admins', async () => {
    expect((await get(server, '/admin/audit', hr)).status).toBe(200)
    expect((await get(server, '/admin/audit', admin)).status).toBe(200)
    expect((await get(server, '/admin/audit', learner)).status).toBe(403)
    expect((await get(server, '/admin/audit.csv', learner)).status).toBe(403)
  })

  it('filters by action, actor and date, and answers a bad date next to the field', async () => {
    const byAction = decode(await (await get(server, '/admin/audit?action=token.revoke', hr)).text())
    expect(byAction).toContain('1 mục')
    expect(byAction).toContain('<code>token.revoke</code>')
    expect(byAction).not.toContain('<code>token.use</code>')
    const byToken = decode(await (await get(server, `/admin/audit?actor=token:${tokenId}`, hr)).text())
    expect(byToken).toContain('Mã API: CSDL cán bộ tỉnh')
    expect(byToken).toContain('<code>token.use</code>')
    expect(byToken).not.toContain('<code>token.create</code>')
    const future = await (await get(server, '/admin/audit?from=01/01/2100', hr)).text()
    expect(future).toContain('0 mục')
    const bad = await get(server, '/admin/audit?from=31/02/2025&to=hôm%20qua', hr)
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html.match(/Ngày không hợp lệ/g)).toHaveLength(2)
    expect(html).toContain('value="31/02/2025"')
    expect(html).toContain('value="hôm qua"')
  })

  it('exports the filtered entries as CSV: BOM, header row, neutralised formula cells', async () => {
    withDb((db) =>
      db
        .prepare("INSERT INTO audit_log (at, action, entity_type, entity_id, details) VALUES (?, 'test.injection', 'plan', ?, NULL)")
        .run(Date.now(), '=HYPERLINK("http://evil.example","x")'),
    )
    const res = await get(server, '/admin/audit.csv?action=test.injection', hr)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="nhat-ky-\d{4}-\d{2}-\d{2}\.csv"/)
    const bytes = Buffer.from(await res.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = bytes.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toBe('Thời điểm,Người thực hiện,Tài khoản,Thao tác,Loại đối tượng,Mã đối tượng,Chi tiết')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain(`,test.injection,plan,"'=HYPERLINK(""http://evil.example"",""x"")",`)
    const uses = (await (await get(server, `/admin/audit.csv?actor=token:${tokenId}`, hr)).text()).split('\r\n').filter(Boolean)
    expect(uses.length).toBeGreaterThanOrEqual(2)
    expect(uses.slice(1).every((line) => line.includes(',Mã API: CSDL cán bộ tỉnh,'))).toBe(true)
    expect(uses.filter((line) => line.includes(',token.use,')).length).toBeGreaterThanOrEqual(2)
    expect((await get(server, '/admin/audit.csv?from=99/99/2025', hr)).status).toBe(400)
  })

  it('appears in the navigation of HR and admins; tokens only for admins', async () => {
    const hrHome = await (await get(server, '/', hr)).text()
    expect(hrHome).toContain('href="/admin/audit"')
    expect(hrHome).not.toContain('href="/admin/tokens"')
    const adminHome = await (await get(server, '/', admin)).text()
    expect(adminHome).toContain('href="/admin/tokens"')
  })
})
