/** The unit head's /team page and export over HTTP against the real build and the demo data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { formatPercent, sortByName, type NameParts } from '~/i18n/format'
import { startTestServer, type TestServer } from '../server'
import { get, signIn } from './client'

let server: TestServer
let head: string
beforeAll(async () => {
  server = await startTestServer()
  head = await signIn(server, 'truongphong')
})
afterAll(async () => {
  await server?.stop()
})

const rowsOf = (html: string) =>
  [...html.matchAll(/<tr><th scope="row"><a[^>]*href="\/people\/([^"]+)"[^>]*>([^<]+)<\/a><\/th>([\s\S]*?)<\/tr>/g)].map((m) => ({ personId: m[1]!, name: m[2]!, cells: m[3]! }))

describe('/team', () => {
  it('lists the people of my unit, in Vietnamese name order, with a readiness equal to the coverage report', async () => {
    const res = await get(server, '/team', head)
    expect(res.status).toBe(200)
    const html = await res.text()
    const rows = rowsOf(html)
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.map((r) => r.name)).toContain('Sơn Trần Ngọc Cầm')
    const year = new Date().getUTCFullYear()
    const api = (await (await get(server, `/api/v1/reports/coverage?year=${year}`, head)).json()) as { rows: { unitId: string; coveragePct: number | null }[] }
    expect(api.rows[0]!.unitId).toBe('u-qldd-2026')
    expect(html).toContain(formatPercent(api.rows[0]!.coveragePct))
    // tên, then chữ đệm, then họ, as stored (a Khmer tên may have two words).
    const db = new Database(server.databasePath, { readonly: true })
    const parts = rows.map((r) => db.prepare('SELECT ho, chu_dem AS chuDem, ten FROM people WHERE id = ?').get(r.personId) as NameParts)
    db.close()
    expect(rows.map((r) => r.personId)).toEqual(sortByName(rows.map((r, i) => ({ ...parts[i]!, personId: r.personId })), (p) => p).map((p) => p.personId))
  })

  it('filters to people with an overdue course, and exports the list as CSV', async () => {
    const html = await (await get(server, '/team?status=overdue', head)).text()
    const rows = rowsOf(html)
    for (const row of rows) expect(row.cells).toContain('status-overdue')
    const csv = Buffer.from(await (await get(server, '/team.csv?status=overdue', head)).arrayBuffer())
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = csv.toString('utf8').trim().split('\r\n')
    expect(lines[0]).toBe('Họ và tên,Đơn vị,Khóa học,Tình trạng,Hạn hoàn thành,Ngày hoàn thành,Điểm')
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(rows.map((r) => r.name)))
  })

  it('is only for unit heads (and admins)', async () => {
    expect((await get(server, '/team', await signIn(server, 'hocvien'))).status).toBe(403)
    expect((await get(server, '/team.csv', await signIn(server, 'hocvien'))).status).toBe(403)
    expect((await get(server, '/team')).status).toBe(302)
  })
})
