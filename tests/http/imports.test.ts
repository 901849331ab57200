/**
 * The roster and completion-records imports over HTTP against the real production server and the demo data:
 * the API (preview, confirm, 422 writes nothing, 400, 401, 403) and the HR page's upload → preview → confirm.
 */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { csvFile, xlsxFile } from '../import-files'
import { startTestServer, type TestServer } from '../server'
import { get, signIn } from './client'

let server: TestServer
let hr: string
let learner: string

beforeAll(async () => {
  server = await startTestServer()
  hr = await signIn(server, 'tochuc')
  learner = await signIn(server, 'hocvien')
})
afterAll(() => server?.stop())

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath, { readonly: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}
const counts = () =>
  withDb((db) => ({
    people: (db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n,
    assignments: (db.prepare('SELECT count(*) AS n FROM assignments').get() as { n: number }).n,
    records: (db.prepare('SELECT count(*) AS n FROM external_records').get() as { n: number }).n,
    batches: (db.prepare('SELECT count(*) AS n FROM import_batches').get() as { n: number }).n,
  }))

function upload(path: string, file: Uint8Array, { cookie, name = 'ds.csv', fields = {} }: { cookie?: string; name?: string; fields?: Record<string, string> } = {}) {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  form.append('file', new Blob([Uint8Array.from(file)]), name)
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    body: form,
    headers: { Origin: server.baseUrl, ...(cookie ? { Cookie: cookie } : {}) },
    redirect: 'manual',
  })
}

const HEADER = ['Số định danh cá nhân', 'Họ và tên', 'Mã đơn vị', 'Chức vụ', 'Loại', 'Ngày bắt đầu']
const good = [HEADER, ['099000000001', 'Kim Thị Sô Phi', 'QLDD', '', 'Công chức', '01/03/2026'], ['099000000002', 'Lâm Văn Ðức', 'QLDD', '', 'Viên chức', '01/03/2026']]
const withError = [...good, ['099000000003', 'Sai Ngày', 'QLDD', '', 'Công chức', '31/02/2026']]

describe('POST /api/v1/imports/roster', () => {
  it('previews with dryRun=true and writes nothing', async () => {
    const before = counts()
    const res = await upload('/api/v1/imports/roster?dryRun=true', csvFile(withError), { cookie: hr })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toEqual({
      ok: false,
      rows: 3,
      created: 2,
      updated: 0,
      moved: 0,
      unchanged: 0,
      errors: [{ row: 4, column: 'Ngày bắt đầu', message: 'Ngày “31/02/2026” không có thật trên lịch.' }],
    })
    expect(counts()).toEqual(before)
  })

  it('answers 422 with the errors and writes nothing when dryRun=false and a row is wrong', async () => {
    const before = counts()
    const res = await upload('/api/v1/imports/roster?dryRun=false', csvFile(withError), { cookie: hr })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.error).toMatch(/không có dòng nào được ghi/)
    expect(body.details).toEqual(body.errors)
    expect(body.errors).toHaveLength(1)
    expect(counts()).toEqual(before)
  })

  it('writes all rows with dryRun=false; the same file again changes nothing', async () => {
    const before = counts()
    const file = await xlsxFile(good)
    const res = await upload('/api/v1/imports/roster?dryRun=false', file, { cookie: hr, name: 'ds.xlsx' })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ ok: true, rows: 2, created: 2, errors: [] })
    expect(counts()).toMatchObject({ people: before.people + 2, assignments: before.assignments + 2, batches: before.batches + 1 })
    const ten = withDb((db) => db.prepare("SELECT ten, full_name_original AS o FROM people WHERE national_id = '099000000002'").get())
    expect(ten).toEqual({ ten: 'Đức', o: 'Lâm Văn Ðức' })
    const again = await upload('/api/v1/imports/roster?dryRun=false', file, { cookie: hr, name: 'ds.xlsx' })
    expect(await again.json()).toMatchObject({ ok: true, created: 0, unchanged: 2 })
  })

  it('refuses a request without a file (400), a bad dryRun (400), no session (401) and a learner (403)', async () => {
    const noFile = await fetch(`${server.baseUrl}/api/v1/imports/roster?dryRun=true`, { method: 'POST', body: new FormData(), headers: { Origin: server.baseUrl, Cookie: hr } })
    expect(noFile.status).toBe(400)
    expect(await noFile.json()).toMatchObject({ error: expect.any(String), details: expect.any(Array) })
    expect((await upload('/api/v1/imports/roster?dryRun=maybe', csvFile(good), { cookie: hr })).status).toBe(400)
    expect((await upload('/api/v1/imports/roster?dryRun=true', csvFile(good))).status).toBe(401)
    const forbidden = await upload('/api/v1/imports/roster?dryRun=true', csvFile(good), { cookie: learner })
    expect(forbidden.status).toBe(403)
    expect((await upload('/api/v1/imports/completions?dryRun=true', csvFile(good), { cookie: learner })).status).toBe(403)
  })

  it('a file over the size limit is an error, not a crash', async () => {
    const big = new Uint8Array(5 * 1024 * 1024 + 10).fill(0x41)
    const res = await upload('/api/v1/imports/roster?dryRun=false', big, { cookie: hr })
    expect(res.status).toBe(422)
    expect((await res.json()).errors[0].message).toMatch(/Tệp quá lớn/)
  })
})

describe('POST /api/v1/imports/completions', () => {
  it('previews, refuses with 422 on an error, then writes', async () => {
    const header = ['Số định danh cá nhân', 'Mã khóa học', 'Ngày hoàn thành', 'Số tiết', 'Hình thức', 'Nguồn']
    const rows = [header, ['099000000001', 'an-toan-thong-tin', '10/01/2026', '', 'Trực tuyến', 'OneTouch'], ['099000000001', 'Lớp quản lý nhà nước', '12/01/2026', '40', 'Tập trung', 'QĐ 12/QĐ-SNV']]
    const bad = [...rows, ['099000000001', 'x', '12/01/2026', '', 'Tự học', '']]
    const before = counts()
    const refused = await upload('/api/v1/imports/completions?dryRun=false', csvFile(bad), { cookie: hr })
    expect(refused.status).toBe(422)
    const body = await refused.json()
    expect(body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`).sort()).toEqual(['4:Hình thức', '4:Số tiết'])
    expect(counts()).toEqual(before)
    const ok = await upload('/api/v1/imports/completions?dryRun=false', csvFile(rows), { cookie: hr })
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ ok: true, rows: 2, created: 2 })
    expect(counts().records).toBe(before.records + 2)
  })
})

describe('the HR pages', () => {
  it('a learner gets 403 on the import pages', async () => {
    expect((await get(server, '/imports/roster', learner)).status).toBe(403)
    expect((await get(server, '/imports/completions', learner)).status).toBe(403)
  })

  it('upload → preview (nothing written) → exclude the error row → confirm', async () => {
    const page = await get(server, '/imports/roster', hr)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('accept=".xlsx,.csv"')
    expect(html).toMatch(/enctype="multipart\/form-data"/i)

    const rows = [HEADER, ['099000000011', 'Danh Thị Bé', 'QLDD', '', 'Công chức', '01/03/2026'], ['099000000012', '', 'QLDD', '', 'Công chức', '01/03/2026']]
    const before = counts()
    const preview = await upload('/imports/roster', csvFile(rows), { cookie: hr, fields: { intent: 'preview' } })
    expect(preview.status).toBe(200)
    const previewHtml = await preview.text()
    expect(previewHtml).toContain('Họ và tên trống.')
    expect(previewHtml).toContain('Danh Thị Bé')
    const uploadId = /name="uploadId" value="([A-Za-z0-9_-]{32})"/.exec(previewHtml)?.[1]
    expect(uploadId).toBeTruthy()
    expect(counts()).toEqual(before)

    const post = (fields: [string, string][], cookie = hr) =>
      fetch(`${server.baseUrl}/imports/roster`, { method: 'POST', body: new URLSearchParams(fields), headers: { Origin: server.baseUrl, Cookie: cookie }, redirect: 'manual' })
    // Confirming with the error row still in: refused, nothing written.
    const refused = await post([['intent', 'confirm'], ['uploadId', uploadId!]])
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('Chưa ghi gì')
    expect(counts()).toEqual(before)
    // Another user cannot use this upload id.
    const stolen = await fetch(`${server.baseUrl}/imports/roster`, {
      method: 'POST',
      body: new URLSearchParams([['intent', 'confirm'], ['uploadId', uploadId!], ['skip', '3']]),
      headers: { Origin: server.baseUrl, Cookie: await signIn(server, 'quantri') },
    })
    expect(stolen.status).toBe(410)
    // Leaving row 3 out: written.
    const done = await post([['intent', 'confirm'], ['uploadId', uploadId!], ['skip', '3']])
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('Đã nhập xong')
    expect(counts()).toMatchObject({ people: before.people + 1, batches: before.batches + 1 })
    // The upload is gone after confirming.
    expect((await post([['intent', 'confirm'], ['uploadId', uploadId!], ['skip', '3']])).status).toBe(410)
  })

  it('a file-level problem shows next to the file field', async () => {
    const res = await upload('/imports/roster', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), { cookie: hr, name: 'anh.png', fields: { intent: 'preview' } })
    expect(res.status).toBe(422)
    expect(await res.text()).toMatch(/id="import-file-error"[^>]*>Tệp không phải là bảng tính/)
  })

  it('manual entry records one external completion and keeps the input on an error', async () => {
    const before = counts()
    const post = (fields: Record<string, string>) =>
      fetch(`${server.baseUrl}/imports/completions`, { method: 'POST', body: new URLSearchParams({ intent: 'record', ...fields }), headers: { Origin: server.baseUrl, Cookie: hr } })
    const bad = await post({ nationalId: '099000000001', courseId: '__other__', title: 'Lớp kỹ năng lãnh đạo', completedOn: '31/02/2026', durationTiet: '16', source: 'QĐ 9' })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('Hãy nhập một ngày có thật')
    expect(badHtml).toContain('value="Lớp kỹ năng lãnh đạo"')
    const ok = await post({ nationalId: '099000000001', courseId: '__other__', title: 'Lớp kỹ năng lãnh đạo', completedOn: '20/02/2026', durationTiet: '16', mode: 'tap_trung', source: 'QĐ 9' })
    expect(ok.status).toBe(200)
    expect(await ok.text()).toContain('Đã lưu kết quả.')
    expect(counts().records).toBe(before.records + 1)
    const page = await (await get(server, '/imports/completions?q=so%20phi', hr)).text()
    expect(page).toContain('Kim Thị Sô Phi')
    expect(page).toContain('Lớp kỹ năng lãnh đạo')
  })
})
