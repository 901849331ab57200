/**
 * Hostile uploads over HTTP, against the real production server and the demo data (issue 7, point 4):
 * request bodies far over the limit are refused with a clear answer without the server holding them, whether
 * they declare their length or not; and text that a spreadsheet would run as a formula — a person, a unit and an
 * account named `=HYPERLINK(…)` — comes out of every CSV export neutralised.
 */
import fs from 'node:fs'
import http from 'node:http'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCsv } from '~/content/csv'
import { csvFile } from '../import-files'
import { get, post, signIn } from '../http/client'
import { startTestServer, type TestServer } from '../server'

let server: TestServer
let hr: string

beforeAll(async () => {
  server = await startTestServer()
  hr = await signIn(server, 'tochuc')
})
afterAll(() => server?.stop())

const MB = 1024 * 1024

/** The server's resident memory now, from /proc. */
function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb) * 1024
}

type Sent = { status: number | null; body: string; error: string | null; peakRssGrowth: number }

/**
 * Streams a multipart upload of `bytes` bytes of file content to `path`, declaring its length or chunked, while
 * sampling the server's memory; resolves with the answer (or the connection error) once the exchange is over.
 */
function sendLargeUpload({ path, bytes, chunked }: { path: string; bytes: number; chunked: boolean }): Promise<Sent> {
  return new Promise((resolve) => {
    const url = new URL(server.baseUrl)
    const boundary = 'hocso-boundary-7'
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lon.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    )
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
    const headers: Record<string, string> = {
      Cookie: hr,
      Origin: server.baseUrl,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
    }
    if (!chunked) headers['Content-Length'] = String(head.length + bytes + tail.length)
    const baseline = rssBytes(server.pid)
    let peak = baseline
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(server.pid))), 5)
    let result: Omit<Sent, 'peakRssGrowth'> | null = null
    const finish = (r: Omit<Sent, 'peakRssGrowth'>) => {
      if (result) return
      result = r
      clearInterval(sampler)
      peak = Math.max(peak, rssBytes(server.pid))
      resolve({ ...r, peakRssGrowth: peak - baseline })
    }
    const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', headers })
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => finish({ status: res.statusCode ?? null, body, error: null }))
    })
    req.on('error', (error) => finish({ status: null, body: '', error: error.message }))
    const chunk = Buffer.alloc(256 * 1024, 0x41)
    let sent = 0
    req.write(head)
    const pump = () => {
      while (!result && sent < bytes) {
        const n = Math.min(chunk.length, bytes - sent)
        sent += n
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump)
      }
      if (!result) req.end(tail)
    }
    pump()
  })
}

describe('request bodies over the limit', () => {
  // The limit of an import file is 5 MB; a body declared above 8 MB is refused before any route reads it, and a
  // body that does not declare its length is cut off by the import route at 5 MB. Either way the server never
  // holds the 50 MB: its resident memory must not grow by anything like that while the body streams in.
  const GROWTH_LIMIT = 25 * MB

  it('50 MB declared to the import API: 413 with a JSON error; memory does not grow with the body', async () => {
    const sent = await sendLargeUpload({ path: '/api/v1/imports/roster?dryRun=false', bytes: 50 * MB, chunked: false })
    expect(sent.error).toBeNull()
    expect(sent.status).toBe(413)
    expect(JSON.parse(sent.body)).toEqual({
      error: expect.stringMatching(/^Yêu cầu quá lớn: giới hạn là 8 MB/),
      details: [],
    })
    expect(sent.peakRssGrowth).toBeLessThan(GROWTH_LIMIT)
  })

  it('50 MB declared to the HR import page: 413 with a plain message', async () => {
    const sent = await sendLargeUpload({ path: '/imports/completions', bytes: 50 * MB, chunked: false })
    expect(sent.status).toBe(413)
    expect(sent.body).toMatch(/^Yêu cầu quá lớn: giới hạn là 8 MB\. \/ Request body too large/)
    expect(sent.peakRssGrowth).toBeLessThan(GROWTH_LIMIT)
  })

  it('50 MB chunked (no length declared): the import answers “Tệp quá lớn” and writes nothing', async () => {
    const batches = () =>
      new Database(server.databasePath, { readonly: true }).prepare('SELECT count(*) AS n FROM import_batches').get()
    const before = batches()
    const sent = await sendLargeUpload({ path: '/api/v1/imports/roster?dryRun=false', bytes: 50 * MB, chunked: true })
    expect(sent.status).toBe(422)
    expect(JSON.parse(sent.body).errors).toEqual([
      { row: null, column: null, message: 'Tệp quá lớn; giới hạn là 5 MB. Hãy chia thành nhiều tệp.' },
    ])
    expect(sent.peakRssGrowth).toBeLessThan(GROWTH_LIMIT)
    expect(batches()).toEqual(before)
  })

  it('a 6 MB upload declared (over the file limit, under the body limit) gets the import’s own answer; the server stays up', async () => {
    const sent = await sendLargeUpload({ path: '/api/v1/imports/roster?dryRun=true', bytes: 6 * MB, chunked: false })
    expect(sent.status).toBe(200)
    expect(JSON.parse(sent.body)).toMatchObject({
      ok: false,
      errors: [{ message: 'Tệp quá lớn; giới hạn là 5 MB. Hãy chia thành nhiều tệp.' }],
    })
    // Other forms are bounded too: a 9 MB sign-in is refused before it is read.
    const login = await sendLargeUpload({ path: '/login', bytes: 9 * MB, chunked: false })
    expect(login.status).toBe(413)
    expect((await get(server, '/healthz')).status).toBe(200)
  })
})

describe('CSV injection through the real exports', () => {
  const HOSTILE = '=HYPERLINK("http://evil.example/?q=1","Bấm vào đây")'
  const FORMULA_START = /^[=+\-@\t\r]/

  /** Every cell of a CSV download: none may start like a formula; returns the cells for further checks. */
  async function exportCells(path: string, cookie: string): Promise<string[]> {
    const res = await get(server, path, cookie)
    expect(res.status, path).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/)
    const text = await res.text()
    const cells = parseCsv(text.replace(/^\uFEFF/, '')).flat()
    expect(cells.length, path).toBeGreaterThan(10)
    expect(
      cells.filter((cell) => FORMULA_START.test(cell)),
      `${path}: cells a spreadsheet would run`,
    ).toEqual([])
    return cells
  }

  it('a person imported as =HYPERLINK(…), a unit created as +…, an account renamed to @…: neutralised in the team, coverage and audit CSVs', async () => {
    // A person with that name, imported into the unit head's own unit (the import stores the text as it is).
    const form = new FormData()
    const header = ['Số định danh cá nhân', 'Họ và tên', 'Mã đơn vị', 'Chức vụ', 'Loại', 'Ngày bắt đầu']
    form.append(
      'file',
      new Blob([
        Uint8Array.from(
          csvFile([header, ['099000000777', HOSTILE, 'QLDD', '-Trưởng nhóm', 'Công chức', '01/03/2026']]),
        ),
      ]),
      'ds.csv',
    )
    const imported = await fetch(`${server.baseUrl}/api/v1/imports/roster?dryRun=false`, {
      method: 'POST',
      body: form,
      headers: { Origin: server.baseUrl, Cookie: hr },
    })
    expect(await imported.json()).toMatchObject({ ok: true, created: 1 })
    const db = new Database(server.databasePath, { readonly: true })
    const stored = db
      .prepare("SELECT ho || ' ' || chu_dem || ' ' || ten AS name FROM people WHERE national_id = '099000000777'")
      .get() as { name: string }
    expect(stored.name.replace(/\s+/g, ' ')).toBe(HOSTILE)

    // A unit named like a formula, under the current root.
    const units = (await (await get(server, '/api/v1/units', hr)).json()) as { code: string; parentId: string | null }[]
    const root = units.find((u) => u.parentId === null)!
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const unit = await fetch(`${server.baseUrl}/api/v1/units`, {
      method: 'POST',
      body: JSON.stringify({
        code: 'EVIL',
        name: '+SUM(1;2)*cmd|"/C calc"!A0',
        kind: 'phong',
        parentCode: root.code,
        validFrom: yesterday,
      }),
      headers: { 'Content-Type': 'application/json', Origin: server.baseUrl, Cookie: hr },
    })
    expect(unit.status).toBe(201)

    // HR's own account renamed (its display name follows the person's name) so that the audit log's actor column carries it.
    const hrPerson = (db.prepare("SELECT person_id AS id FROM users WHERE username = 'tochuc'").get() as { id: string })
      .id
    db.close()
    const renamed = await post(
      server,
      `/people/${hrPerson}`,
      { intent: 'rename', ho: '@SUM(A1:A9)', chuDem: '', ten: 'Tổ chức' },
      { cookie: hr },
    )
    expect(renamed.status).toBeLessThan(400)

    const team = await exportCells('/team.csv?status=all', await signIn(server, 'truongphong'))
    expect(team).toContain(`'${HOSTILE}`)
    const coverage = await exportCells(`/reports/coverage.csv?year=${yesterday.slice(0, 4)}`, hr)
    expect(coverage).toContain(`'+SUM(1;2)*cmd|"/C calc"!A0`)
    const audit = await exportCells('/admin/audit.csv', hr)
    expect(audit).toContain(`'@SUM(A1:A9) Tổ chức`)
  })
})
