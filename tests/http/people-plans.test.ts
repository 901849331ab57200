/**
 * People and annual plans over HTTP against the real production server: who may see whom, name and role forms,
 * the plan pages and PUT/GET /api/v1/plans/:year with every bad-input status.
 */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../server'
import { get as getAs, post as postAs, signIn } from './client'

let server: TestServer
const cookies: Record<string, string> = {}
let insider: string
let outsider: string
let insiderNationalId: string
let otherUnit: string
let qlddCode: string

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath)
  db.pragma('busy_timeout = 5000')
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  server = await startTestServer()
  for (const name of ['hocvien', 'truongphong', 'tochuc', 'quantri']) cookies[name] = await signIn(server, name)
  withDb((db) => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())
    const active = `valid_from <= '${today}' AND (valid_to IS NULL OR valid_to >= '${today}')`
    const inside = db.prepare(`SELECT a.person_id AS id, p.national_id AS nid FROM assignments a JOIN people p ON p.id = a.person_id WHERE a.unit_id = 'u-qldd-2026' AND ${active} AND p.left_on IS NULL ORDER BY a.person_id LIMIT 1`).get() as { id: string; nid: string }
    insider = inside.id
    insiderNationalId = inside.nid
    outsider = (db.prepare(`SELECT person_id AS id FROM assignments WHERE unit_id = 'u-ttqt' AND ${active} ORDER BY person_id LIMIT 1`).get() as { id: string }).id
    otherUnit = 'u-ttqt'
    qlddCode = (db.prepare(`SELECT code FROM unit_versions WHERE unit_id = 'u-qldd-2026' AND ${active}`).get() as { code: string }).code
  })
})
afterAll(async () => {
  await server?.stop()
})

const get = (path: string, who?: string) => getAs(server, path, who ? cookies[who] : undefined)
const post = (path: string, fields: Record<string, string>, who: string) => postAs(server, path, fields, { cookie: cookies[who] })
const api = (method: string, path: string, { who, body, raw }: { who?: string; body?: unknown; raw?: string } = {}) =>
  fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { Origin: server.baseUrl, 'Content-Type': 'application/json', ...(who ? { Cookie: cookies[who]! } : {}) },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    redirect: 'manual',
  })

describe('the people pages', () => {
  it('lets HR search the whole list without accents, and refuses learners', async () => {
    const res = await get('/people?q=thach&status=all', 'tochuc')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Thạch')
    expect((await get('/people', 'hocvien')).status).toBe(403)
    expect((await get('/people')).status).toBe(302)
  })

  it('shows a unit head their own people only: another unit’s list is 403, a person outside is 404', async () => {
    const own = await get('/people', 'truongphong')
    expect(own.status).toBe(200)
    const html = await own.text()
    expect(html).toContain(`/people/${insider}`)
    expect(html).not.toContain(`/people/${outsider}`)
    expect((await get(`/people?unit=${otherUnit}`, 'truongphong')).status).toBe(403)
    expect((await get(`/people/${outsider}`, 'truongphong')).status).toBe(404)
    const page = await get(`/people/${insider}`, 'truongphong')
    expect(page.status).toBe(200)
    const body = await page.text()
    // (The demo's person ids are built from the số định danh, so only the displayed field can be checked.)
    expect(body).not.toContain(`<code>${insiderNationalId}</code>`)
    expect(body).toContain(`<code>••••••••${insiderNationalId.slice(-4)}</code>`)
    expect(body).not.toContain('name="intent" value="rename"')
    const hr = await (await get(`/people/${insider}`, 'tochuc')).text()
    expect(hr).toContain(`<code>${insiderNationalId}</code>`)
    expect(hr).toContain('name="intent" value="rename"')
    expect(hr).not.toContain('name="intent" value="grant"')
  })

  it('lets HR correct a name (audited) and only admins grant roles', async () => {
    expect((await post(`/people/${insider}`, { intent: 'rename', ho: 'Thạch', chuDem: 'Trần Thị', ten: 'Cầm' }, 'truongphong')).status).toBe(403)
    const bad = await post(`/people/${insider}`, { intent: 'rename', ho: 'Thạch', chuDem: 'Trần Thị', ten: ' ' }, 'tochuc')
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Nhập tên.')
    const ok = await post(`/people/${insider}`, { intent: 'rename', ho: 'Thạch', chuDem: 'Trần Thị', ten: 'Cầm' }, 'tochuc')
    expect(ok.status).toBe(302)
    expect(await (await get('/people?q=thach+tran+thi+cam', 'tochuc')).text()).toContain(`/people/${insider}`)
    withDb((db) => expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'person.rename' AND entity_id = ?").get(insider)).toEqual({ n: 1 }))

    expect((await post(`/people/${outsider}`, { intent: 'grant', role: 'learner', unit: '', username: 'moi.taikhoan' }, 'tochuc')).status).toBe(403)
    const granted = await post(`/people/${outsider}`, { intent: 'grant', role: 'unit_head', unit: 'u-ttqt', username: 'moi.taikhoan' }, 'quantri')
    expect(granted.status).toBe(200)
    const shown = await granted.text()
    const password = /class="one-time-secret">([^<]+)</.exec(shown)?.[1]
    expect(password?.length).toBeGreaterThanOrEqual(12)
    // The new account signs in with the one-time password, and sees its own unit's people.
    const cookie = await signIn(server, 'moi.taikhoan', password!)
    expect((await getAs(server, `/people/${outsider}`, cookie)).status).toBe(200)
    expect((await getAs(server, `/people/${insider}`, cookie)).status).toBe(404)
    withDb((db) => {
      const actions = (db.prepare("SELECT action FROM audit_log WHERE action IN ('account.create', 'role.grant') ORDER BY id").all() as { action: string }[]).map((r) => r.action)
      expect(actions).toEqual(['account.create', 'role.grant'])
    })
  })
})

const validPlan = () => ({
  reference: '45/KH-SNNMT',
  referenceDate: '2026-03-01',
  targetPct: 90,
  requirements: [
    { courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: '2035-06-30' },
    { courseId: 'an-toan-thong-tin', audience: { unitCodes: [qlddCode] }, dueDate: '2035-09-30' },
    { courseId: 'bao-ve-du-lieu-ca-nhan', audience: { staffTypes: ['Viên chức'] }, dueDate: '2035-10-31' },
    { courseId: 'van-ban-dien-tu-chu-ky-so', audience: { positions: ['Trưởng phòng'] }, dueDate: '2035-11-30' },
  ],
})

describe('PUT and GET /api/v1/plans/:year', () => {
  it('needs an HR or admin session: 401 without, 403 for a learner or a unit head', async () => {
    expect((await api('GET', '/api/v1/plans/2026')).status).toBe(401)
    expect((await api('GET', '/api/v1/plans/2026', { who: 'hocvien' })).status).toBe(403)
    expect((await api('GET', '/api/v1/plans/2026', { who: 'truongphong' })).status).toBe(403)
    expect((await api('PUT', '/api/v1/plans/2035', { body: validPlan() })).status).toBe(401)
    expect((await api('PUT', '/api/v1/plans/2035', { who: 'truongphong', body: validPlan() })).status).toBe(403)
    const res = await api('GET', '/api/v1/plans/2026', { who: 'quantri' })
    expect(res.status).toBe(200)
    const plan = await res.json()
    expect(plan).toMatchObject({ year: 2026, reference: '12/KH-SNNMT', targetPct: 100 })
    expect(plan.requirements).toContainEqual({ courseId: 'tthc-dat-dai-moi-truong', audience: { unitCodes: ['VPDKDD', qlddCode] }, dueDate: '2026-12-15' })
  })

  it('saves and returns the plan as stored; 404 for a year without a plan', async () => {
    expect((await api('GET', '/api/v1/plans/2035', { who: 'tochuc' })).status).toBe(404)
    const put = await api('PUT', '/api/v1/plans/2035', { who: 'tochuc', body: validPlan() })
    expect(put.status).toBe(200)
    const got = await (await api('GET', '/api/v1/plans/2035', { who: 'tochuc' })).json()
    expect(got).toMatchObject({ ...validPlan(), year: 2035, closed: false })
    withDb((db) => {
      const row = db.prepare("SELECT audience FROM plan_requirements WHERE year = 2035 AND course_id = 'an-toan-thong-tin'").get() as { audience: string }
      expect(JSON.parse(row.audience)).toEqual({ unitIds: ['u-qldd-2026'] })
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'plan.save' AND entity_id = '2035'").get()).toEqual({ n: 1 })
    })
  })

  it('answers bad input with 400 and details, and a closed year with 409', async () => {
    const cases: [string, unknown, string][] = [
      ['unknown course', { ...validPlan(), requirements: [{ courseId: 'khong-co', audience: { all: true }, dueDate: '2035-01-01' }] }, 'requirements[0].courseId'],
      ['unknown unit code', { ...validPlan(), requirements: [{ courseId: 'chuyen-doi-so', audience: { unitCodes: ['KHONG-CO'] }, dueDate: '2035-01-01' }] }, 'requirements[0].audience.unitCodes'],
      ['impossible date', { ...validPlan(), requirements: [{ courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: '2035-02-30' }] }, 'requirements[0].dueDate'],
      ['date in another format', { ...validPlan(), requirements: [{ courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: '30/06/2035' }] }, 'requirements[0].dueDate'],
      ['target over 100', { ...validPlan(), targetPct: 101 }, 'targetPct'],
      ['target under 0', { ...validPlan(), targetPct: -1 }, 'targetPct'],
      ['target not a number', { ...validPlan(), targetPct: '90' }, 'targetPct'],
      ['unknown staff type', { ...validPlan(), requirements: [{ courseId: 'chuyen-doi-so', audience: { staffTypes: ['Cán bộ'] }, dueDate: '2035-01-01' }] }, 'requirements[0].audience.staffTypes'],
      ['unknown audience', { ...validPlan(), requirements: [{ courseId: 'chuyen-doi-so', audience: { ranks: ['x'] }, dueDate: '2035-01-01' }] }, 'requirements[0].audience'],
    ]
    for (const [name, body, path] of cases) {
      const res = await api('PUT', '/api/v1/plans/2036', { who: 'tochuc', body })
      expect(res.status, name).toBe(400)
      const json = await res.json()
      expect(json.error, name).toEqual(expect.any(String))
      expect(json.details.map((d: { path: string }) => d.path), name).toContain(path)
    }
    const notJson = await api('PUT', '/api/v1/plans/2036', { who: 'tochuc', raw: '{ not json' })
    expect(notJson.status).toBe(400)
    expect((await api('PUT', '/api/v1/plans/20x6', { who: 'tochuc', body: validPlan() })).status).toBe(400)
    expect((await api('GET', '/api/v1/plans/2036', { who: 'tochuc' })).status).toBe(404)

    withDb((db) => db.prepare("INSERT INTO year_closes (year, params, report, closed_at) VALUES (2035, '{}', '{}', 0)").run())
    const closed = await api('PUT', '/api/v1/plans/2035', { who: 'tochuc', body: { ...validPlan(), targetPct: 50 } })
    expect(closed.status).toBe(409)
    expect((await closed.json()).error).toMatch(/closed/)
    expect((await (await api('GET', '/api/v1/plans/2035', { who: 'tochuc' })).json()).targetPct).toBe(90)
    const page = await (await get('/plans/2035', 'tochuc')).text()
    expect(page).toContain('đã khóa số liệu')
    expect(page).not.toContain('name="intent" value="preview"')
  })
})

describe('the plan pages', () => {
  it('list the years, preview a change, then save it', async () => {
    expect((await get('/plans', 'truongphong')).status).toBe(403)
    const list = await (await get('/plans', 'tochuc')).text()
    expect(list).toContain('12/KH-SNNMT')
    const page = await (await get('/plans/2026', 'tochuc')).text()
    expect(page).toContain('30/06/2026')
    expect(page).toContain('Toàn bộ cán bộ')
    const fields = {
      rows: '1',
      reference: '01/KH-TEST',
      referenceDate: '05/01/2037',
      targetPct: '95,5',
      'r0.course': 'an-toan-thong-tin',
      'r0.kind': 'units',
      'r0.units': qlddCode,
      'r0.positions': '',
      'r0.due': '30/9/2037',
    }
    const badDate = await post('/plans/2037', { ...fields, 'r0.due': '31/02/2037', intent: 'preview' }, 'tochuc')
    expect(badDate.status).toBe(400)
    const badHtml = await badDate.text()
    expect(badHtml).toContain('Ngày không hợp lệ')
    expect(badHtml).toContain('value="31/02/2037"')
    const preview = await post('/plans/2037', { ...fields, intent: 'preview' }, 'tochuc')
    expect(preview.status).toBe(200)
    const html = await preview.text()
    expect(html).toContain('Xem trước thay đổi')
    expect(html).toMatch(/\d+ người thêm vào diện phải học/)
    const fingerprint = /name="fingerprint" value="([0-9a-f]+)"/.exec(html)?.[1]
    expect(fingerprint).toBeDefined()
    // A save of something other than what was previewed shows a new preview instead of saving.
    const stale = await post('/plans/2037', { ...fields, targetPct: '80', intent: 'save', fingerprint: fingerprint! }, 'tochuc')
    expect(stale.status).toBe(200)
    expect(await stale.text()).toContain('thay đổi sau lần xem trước')
    const saved = await post('/plans/2037', { ...fields, intent: 'save', fingerprint: fingerprint! }, 'tochuc')
    expect(saved.status).toBe(302)
    const got = await (await api('GET', '/api/v1/plans/2037', { who: 'tochuc' })).json()
    expect(got).toMatchObject({ reference: '01/KH-TEST', referenceDate: '2037-01-05', targetPct: 95.5, requirements: [{ courseId: 'an-toan-thong-tin', audience: { unitCodes: [qlddCode] }, dueDate: '2037-09-30' }] })
    const copied = await post('/plans/2038', { intent: 'copy' }, 'tochuc')
    expect(copied.status).toBe(302)
    expect((await (await api('GET', '/api/v1/plans/2038', { who: 'tochuc' })).json()).requirements[0].dueDate).toBe('2038-09-30')
  })
})
