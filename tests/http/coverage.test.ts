/** GET /api/v1/reports/coverage over HTTP against the real build and the demo organisation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../server'
import { get, signIn } from './client'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

type Row = Record<string, unknown> & { unitId: string; unitCode: string; unitName: string; depth: number; headcount: number; required: number }

describe('the coverage API', () => {
  it('answers HR with every unit of the 2024 structure as recorded, in the contract’s shape', async () => {
    const res = await get(server, '/api/v1/reports/coverage?year=2024&mode=recorded', await signIn(server, 'tochuc'))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { year: number; asOf: string; mode: string; rows: Row[] }
    expect(body).toMatchObject({ year: 2024, asOf: '2024-12-31', mode: 'recorded' })
    expect(Object.keys(body.rows[0]!).sort()).toEqual(
      ['unitId', 'unitCode', 'unitName', 'parentId', 'depth', 'headcount', 'required', 'trainedAll', 'trainedAny', 'personTimes', 'learningHours', 'coveragePct', 'reachPct', 'targetPct'].sort(),
    )
    expect(body.rows[0]).toMatchObject({ unitName: 'Sở Tài nguyên và Môi trường tỉnh Trà Vinh', depth: 0, targetPct: 100 })
    expect(body.rows.some((r) => r.unitCode === 'CN-CL')).toBe(true)
    // Every staff member is required to take the yearly courses: required equals headcount at the top.
    expect(body.rows[0]!.required).toBe(body.rows[0]!.headcount)
    expect(body.rows[0]!.headcount).toBeGreaterThan(250)
  })

  it('restates 2024 onto today’s structure: the same people, today’s units', async () => {
    const cookie = await signIn(server, 'tochuc')
    const recorded = (await (await get(server, '/api/v1/reports/coverage?year=2024&mode=recorded', cookie)).json()) as { rows: Row[] }
    const restated = (await (await get(server, '/api/v1/reports/coverage?year=2024&mode=restated', cookie)).json()) as { rows: Row[] }
    expect(restated.rows[0]!.unitName).toBe('Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long')
    expect(restated.rows.some((r) => r.unitCode === 'CN-CL')).toBe(false)
    // The nine district branches were merged into area branches: their people are restated there. Only the
    // dissolved IT centre's 2024 staff have no successor.
    const itCentre = recorded.rows.find((r) => r.unitCode === 'TTCNTT')!
    expect(restated.rows[0]!.headcount).toBe(recorded.rows[0]!.headcount - itCentre.headcount)
  })

  it('shows a unit head only their own unit and what is below it', async () => {
    const cookie = await signIn(server, 'truongphong')
    const res = await get(server, '/api/v1/reports/coverage?year=2026&mode=recorded', cookie)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { rows: Row[] }
    expect(body.rows.map((r) => r.unitId)).toEqual(['u-qldd-2026'])
    expect((await get(server, '/api/v1/reports/coverage?year=2026&unit=u-vp', cookie)).status).toBe(403)
  })

  it('refuses a learner (403), no session (401), and bad parameters (400 with details)', async () => {
    expect((await get(server, '/api/v1/reports/coverage?year=2025', await signIn(server, 'hocvien'))).status).toBe(403)
    expect((await get(server, '/api/v1/reports/coverage?year=2025')).status).toBe(401)
    const hr = await signIn(server, 'tochuc')
    for (const query of ['year=abc', 'year=2025&mode=sideways', 'year=2025&asOf=2025-02-30', '']) {
      const res = await get(server, `/api/v1/reports/coverage?${query}`, hr)
      expect(res.status, query).toBe(400)
      const body = (await res.json()) as { error: string; details: unknown[] }
      expect(body.error).toBeTruthy()
      expect(body.details.length, query).toBeGreaterThan(0)
    }
  })

  it('shows the same rows on the page and in the CSV export (UTF-8 with BOM)', async () => {
    const hr = await signIn(server, 'tochuc')
    const api = (await (await get(server, '/api/v1/reports/coverage?year=2024&mode=restated', hr)).json()) as { rows: Row[] }
    const page = await get(server, '/reports/coverage?year=2024&mode=restated', hr)
    expect(page.status).toBe(200)
    const html = await page.text()
    for (const row of api.rows) expect(html).toContain(row.unitName)
    expect(html).toMatch(/\d+,\d{2}%/)
    const csv = await get(server, '/reports/coverage.csv?year=2024&mode=restated', hr)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    const text = Buffer.from(await csv.arrayBuffer())
    expect([...text.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = text.toString('utf8').trim().split('\r\n')
    expect(lines).toHaveLength(api.rows.length + 1)
    expect(lines[1]).toContain(api.rows[0]!.unitName)
  })

  it('keeps the page to a unit head’s scope and away from learners', async () => {
    const head = await get(server, '/reports/coverage?year=2026', await signIn(server, 'truongphong'))
    expect(head.status).toBe(200)
    const html = await head.text()
    expect(html).toContain('Phòng Quản lý đất đai')
    expect(html).not.toContain('Văn phòng Sở')
    expect((await get(server, '/reports/coverage?year=2026', await signIn(server, 'hocvien'))).status).toBe(403)
    expect((await get(server, '/reports/coverage.csv?year=2026', await signIn(server, 'hocvien'))).status).toBe(403)
  })
})

