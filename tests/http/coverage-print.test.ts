/**
 * The printed coverage report (/reports/coverage/print) and three years side by side (/reports/coverage/compare)
 * over HTTP against the real build and the demo organisation: the figures on both pages are the API's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatNumber, formatOfficialDate, formatPercent, formatSignedNumber, isoDateInVietnam } from '~/i18n/format'
import { startTestServer, type TestServer } from '../server'
import { get, signIn } from './client'

let server: TestServer
let hr: string
beforeAll(async () => {
  server = await startTestServer()
  hr = await signIn(server, 'tochuc')
})
afterAll(async () => {
  await server?.stop()
})

type Row = {
  unitId: string
  unitName: string
  depth: number
  headcount: number
  required: number
  trainedAll: number
  trainedAny: number
  personTimes: number
  learningHours: number
  coveragePct: number | null
  targetPct: number | null
}
type Report = { year: number; asOf: string; mode: string; rows: Row[] }

async function api(query: string, cookie = hr): Promise<Report> {
  const res = await get(server, `/api/v1/reports/coverage?${query}`, cookie)
  expect(res.status, query).toBe(200)
  return (await res.json()) as Report
}

async function page(path: string, cookie = hr): Promise<string> {
  const res = await get(server, path, cookie)
  expect(res.status, path).toBe(200)
  return res.text()
}

const text = (html: string) =>
  html
    .replace(/<!--.*?-->/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .trim()

/** The text of each cell of the row whose `attribute` is `value`. */
function cells(html: string, attribute: string, value: string): string[] {
  const row = new RegExp(`<tr[^>]*${attribute}="${value}"[^>]*>(.*?)</tr>`, 's').exec(html)
  if (!row) throw new Error(`no row with ${attribute}="${value}"`)
  return [...row[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((m) => text(m[1]!))
}

const rowIds = (html: string, attribute: string) => [...html.matchAll(new RegExp(`<tr[^>]*${attribute}="([^"]+)"`, 'g'))].map((m) => m[1]!)
const amount = (value: number) => formatNumber(value, { decimals: Number.isInteger(value) ? 0 : Number.isInteger(value * 10) ? 1 : 2 })
/** Lượt người (3 staff types and total) and số tiết of a row of table 2, as numbers. */
const trainingFigures = (html: string, key: string) =>
  cells(html, 'data-report-row', key)
    .slice(2)
    .map((cell) => Number(cell.replace(/\./g, '').replace(',', '.')))

describe('the printed coverage report', () => {
  it('is an administrative document: agency, national motto, số ký hiệu, place and date, title, both tables, signatures', async () => {
    const html = await page('/reports/coverage/print?year=2025&mode=recorded')
    expect(html).toContain('UBND TỈNH VĨNH LONG')
    expect(html).toContain('SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH VĨNH LONG')
    expect(html).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')
    expect(html).toContain('Độc lập - Tự do - Hạnh phúc')
    expect(text(html)).toMatch(/Số:\s*\/BC-SNNMT/)
    expect(html).toContain(`Vĩnh Long, ${formatOfficialDate(isoDateInVietnam())}`)
    expect(html).toContain('BÁO CÁO')
    expect(html).toContain('Kết quả đào tạo, bồi dưỡng kỹ năng số năm 2025')
    expect(html).toContain('31/12/2025')
    expect(html).toContain('Kết quả bồi dưỡng theo đơn vị')
    expect(html).toContain('Báo cáo kết quả bồi dưỡng theo nội dung')
    expect(html).toContain('Nơi nhận:')
    expect(html).toContain('- Sở Nội vụ;')
    expect(html).toContain('NGƯỜI LẬP BIỂU')
    expect(html).toContain('GIÁM ĐỐC')
    // The A4 page with the margins of NĐ 30, in the page's own stylesheet.
    const css = /href="(\/assets\/print-report-[^"]+\.css)"/.exec(html)?.[1]
    expect(css).toBeTruthy()
    const style = await (await get(server, css!)).text()
    expect(style).toMatch(/@page\s*\{\s*size:\s*A4 portrait;\s*margin:\s*20mm 15mm 20mm 30mm/)
    expect(style).toMatch(/@media print\s*\{[^}]*main\s*\{/)
    // A printed A4 page is under 720 CSS pixels wide: the phone layout must not apply to it.
    expect(style).not.toMatch(/@media\s*\(max-width/)
  })

  it('shows in table 1 exactly the API’s rows and figures, written the Vietnamese way', async () => {
    const report = await api('year=2025&mode=recorded')
    const html = await page('/reports/coverage/print?year=2025&mode=recorded')
    expect(rowIds(html, 'data-unit')).toEqual(report.rows.map((r) => r.unitId))
    const sample = [report.rows[0]!, ...report.rows.filter((r) => r.depth > 0).slice(0, 3), report.rows[report.rows.length - 1]!]
    for (const r of sample) {
      const [, name, ...figures] = cells(html, 'data-unit', r.unitId)
      expect(name).toBe(r.unitName)
      expect(figures).toEqual([
        formatNumber(r.headcount),
        formatNumber(r.required),
        formatNumber(r.trainedAll),
        r.coveragePct === null ? '—' : formatNumber(r.coveragePct, { decimals: 2 }),
        formatNumber(r.trainedAny),
        formatNumber(r.personTimes),
        amount(r.learningHours),
        r.targetPct === null ? '—' : amount(r.targetPct),
      ])
    }
    // Vietnamese style: a decimal comma in the ratios, the thousands dot in large numbers.
    expect(cells(html, 'data-unit', report.rows[0]!.unitId)[5]).toMatch(/^\d{1,3},\d{2}$/)
    expect(report.rows[0]!.learningHours).toBeGreaterThan(999)
    expect(cells(html, 'data-unit', report.rows[0]!.unitId)[8]).toMatch(/^\d{1,3}\.\d{3}$/)
    // TT: I for the department, 1, 2 … below it, 16.1 … one level further down.
    expect(cells(html, 'data-unit', report.rows[0]!.unitId)[0]).toBe('I')
    expect(cells(html, 'data-unit', report.rows[1]!.unitId)[0]).toBe('1')
    const grandchild = report.rows.findIndex((r) => r.depth === 2)
    expect(cells(html, 'data-unit', report.rows[grandchild]!.unitId)[0]).toMatch(/^\d+\.1$/)
  })

  it('counts in table 2 every person-time of the report, by report row and staff type', async () => {
    for (const query of ['year=2025&mode=recorded', 'year=2024&mode=recorded', 'year=2025&asOf=2025-06-30']) {
      const top = (await api(query)).rows[0]!
      const html = await page(`/reports/coverage/print?${query}`)
      const keys = ['chuyen_doi_so', 'an_toan_thong_tin', 'vi_tri_viec_lam', 'tin_hoc', 'cap_nhat_kien_thuc', 'khac']
      expect(rowIds(html, 'data-report-row')).toEqual([...keys, 'total'])
      const total = trainingFigures(html, 'total')
      // Every course has a report row and outside records fall under "Khác": the total is the top row's lượt người.
      expect(total[3], query).toBe(top.personTimes)
      expect(total[4], query).toBeCloseTo(top.learningHours, 2)
      expect(top.personTimes).toBeGreaterThan(0)
      const rows = keys.map((key) => trainingFigures(html, key))
      for (const [i, row] of rows.entries()) expect(row[0]! + row[1]! + row[2]!, keys[i]).toBe(row[3])
      for (const column of [0, 1, 2, 3]) expect(rows.reduce((sum, row) => sum + row[column]!, 0), query).toBe(total[column])
      // The demo organisation has all three staff types trained in the year.
      expect(total.slice(0, 3).every((n) => n > 0), query).toBe(true)
    }
  })

  it('answers a learner with 403, someone signed out with the login page, a bad query with 400', async () => {
    expect((await get(server, '/reports/coverage/print?year=2025', await signIn(server, 'hocvien'))).status).toBe(403)
    const anonymous = await get(server, '/reports/coverage/print?year=2025')
    expect(anonymous.status).toBe(302)
    expect(anonymous.headers.get('location')).toMatch(/^\/login\?redirectTo=%2Freports%2Fcoverage%2Fprint/)
    for (const query of ['year=abc', 'year=2025&mode=sideways', 'year=2025&asOf=31/02/2025']) {
      const res = await get(server, `/reports/coverage/print?${query}`, hr)
      expect(res.status, query).toBe(400)
      expect(await res.text()).toContain('Tham số không hợp lệ')
    }
  })

  it('keeps a unit head to their own unit, signed by the head of the unit', async () => {
    const head = await signIn(server, 'truongphong')
    const report = await api('year=2026&mode=recorded', head)
    const html = await page('/reports/coverage/print?year=2026&mode=recorded', head)
    expect(rowIds(html, 'data-unit')).toEqual(report.rows.map((r) => r.unitId))
    expect(report.rows.map((r) => r.unitId)).toEqual(['u-qldd-2026'])
    expect(html).not.toContain('Văn phòng Sở')
    expect(html).toContain('Phạm vi: Phòng Quản lý đất đai')
    expect(html).toContain('THỦ TRƯỞNG ĐƠN VỊ')
    expect(trainingFigures(html, 'total')[3]).toBe(report.rows[0]!.personTimes)
    expect(trainingFigures(html, 'total')[3]).toBeLessThan((await api('year=2026&mode=recorded')).rows[0]!.personTimes)
    expect((await get(server, '/reports/coverage/print?year=2026&unit=u-vp', head)).status).toBe(403)
  })

  it('is linked from the report page, with the same query', async () => {
    const html = await page('/reports/coverage?year=2024&mode=restated')
    expect(html).toContain('href="/reports/coverage/print?year=2024&amp;mode=restated"')
    expect(html).toContain('href="/reports/coverage/compare?year=2024&amp;mode=restated"')
  })
})

describe('three years side by side', () => {
  it('shows each year restated onto today’s structure, as the API does, with the change in points', async () => {
    const reports = await Promise.all([2024, 2025, 2026].map((year) => api(`year=${year}&mode=restated`)))
    const html = await page('/reports/coverage/compare?year=2026')
    expect(html).toContain('2024–2026')
    const latest = reports[2]!
    expect(rowIds(html, 'data-unit')).toEqual(latest.rows.map((r) => r.unitId))
    const points = (a: number | null, b: number | null) => (a === null || b === null ? '—' : `${formatSignedNumber(b - a)} điểm`)
    let changes = 0
    for (const row of latest.rows) {
      const [y1, y2, y3] = reports.map((r) => r.rows.find((x) => x.unitId === row.unitId)!)
      const [name, ...figures] = cells(html, 'data-unit', row.unitId)
      expect(name).toBe(row.unitName)
      expect(figures, row.unitName).toEqual([
        formatPercent(y1!.coveragePct),
        formatPercent(y2!.coveragePct),
        formatPercent(y3!.coveragePct),
        points(y1!.coveragePct, y2!.coveragePct),
        points(y2!.coveragePct, y3!.coveragePct),
        formatNumber(y1!.headcount),
        formatNumber(y2!.headcount),
        formatNumber(y3!.headcount),
      ])
      if (figures[4] !== '—') changes++
    }
    expect(changes).toBeGreaterThan(5)
    // The top row, worked by hand: the difference of the API's percentages, signed, in points.
    const top = cells(html, 'data-unit', latest.rows[0]!.unitId)
    const diff = Math.round((reports[2]!.rows[0]!.coveragePct! - reports[1]!.rows[0]!.coveragePct!) * 100) / 100
    expect(top[5]).toBe(`${diff > 0 ? '+' : diff < 0 ? '\u2212' : ''}${formatNumber(Math.abs(diff), { decimals: 2 })} điểm`)
    expect(html).toContain('31/12/2024')
    expect(html).toContain('31/12/2025')
  })

  it('keeps a unit head to their scope, refuses learners and bad years', async () => {
    const head = await signIn(server, 'truongphong')
    const html = await page('/reports/coverage/compare?year=2026', head)
    expect(rowIds(html, 'data-unit')).toEqual(['u-qldd-2026'])
    expect((await get(server, '/reports/coverage/compare?year=2026&unit=u-vp', head)).status).toBe(403)
    expect((await get(server, '/reports/coverage/compare?year=2026', await signIn(server, 'hocvien'))).status).toBe(403)
    expect((await get(server, '/reports/coverage/compare?year=2026')).status).toBe(302)
    for (const year of ['abc', '2001']) expect((await get(server, `/reports/coverage/compare?year=${year}`, hr)).status, year).toBe(400)
  })

  it('says what to do next when nobody is in scope in those years', async () => {
    // The demo organisation's first posts start in 2004.
    const html = await page('/reports/coverage/compare?year=2002')
    expect(rowIds(html, 'data-unit')).toEqual([])
    expect(html).toContain('Chưa có ai trong phạm vi của bạn ở các năm 2000–2002')
    expect(html).toContain('href="/reports/coverage?year=2002"')
  })
})
