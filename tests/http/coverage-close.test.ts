/**
 * The coverage report's .xlsx export, the drill-down from a unit to its people, and year close (khóa số liệu):
 * a frozen report and its exports stay the same whatever changes afterwards; reopening needs a reason and is
 * audited. Against the real build and the demo organisation.
 */
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../server'
import { get, post, signIn } from './client'

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
  unitCode: string
  unitName: string
  depth: number
  headcount: number
  required: number
  trainedAll: number
  coveragePct: number | null
  reachPct: number | null
  personTimes: number
  learningHours: number
  targetPct: number | null
}

async function api(query: string, cookie = hr): Promise<{ rows: Row[]; frozen?: unknown }> {
  const res = await get(server, `/api/v1/reports/coverage?${query}`, cookie)
  expect(res.status).toBe(200)
  return (await res.json()) as { rows: Row[] }
}

async function workbook(query: string, cookie = hr): Promise<ExcelJS.Worksheet> {
  const res = await get(server, `/reports/coverage.xlsx?${query}`, cookie)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer)
  return book.worksheets[0]!
}

/** Every cell value of a sheet, row by row. */
function cellValues(sheet: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => out.push((row.values as unknown[]).slice(1)))
  return out
}

/** The two tables of the printed report, without the per-request parts of the page. */
async function printedTables(query: string): Promise<string[]> {
  const res = await get(server, `/reports/coverage/print?${query}`, hr)
  expect(res.status).toBe(200)
  const tables = (await res.text()).match(/<table[\s\S]*?<\/table>/g) ?? []
  expect(tables.length).toBe(2)
  return tables
}

function headerRowNumber(sheet: ExcelJS.Worksheet): number {
  let found = 0
  sheet.eachRow((row, n) => {
    if (!found && row.getCell(1).value === 'Mã đơn vị') found = n
  })
  return found
}

describe('the .xlsx export', () => {
  it('holds the API’s rows as real numbers, under a header block, with widths, formats and a frozen header row', async () => {
    const query = 'year=2024&mode=recorded'
    const { rows } = await api(query)
    const sheet = await workbook(query)
    const values = cellValues(sheet)
    expect(String(values[0]![0])).toBe('UBND TỈNH VĨNH LONG')
    expect(values.some((line) => String(line[0] ?? '').includes('BÁO CÁO KẾT QUẢ BỒI DƯỠNG NĂM 2024'))).toBe(true)
    expect(values.some((line) => String(line[0] ?? '').includes('31/12/2024'))).toBe(true)
    const header = headerRowNumber(sheet)
    expect(header).toBeGreaterThan(3)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header })
    expect(sheet.getColumn(2).width).toBeGreaterThan(30)
    const data = values.slice(header)
    expect(data).toHaveLength(rows.length)
    rows.forEach((row, i) => {
      const line = data[i]!
      expect(line.slice(0, 6)).toEqual([
        row.unitCode,
        row.unitName,
        row.depth,
        row.headcount,
        row.required,
        row.trainedAll,
      ])
      // Percentages are fractions formatted as percent: 80,89% in a Vietnamese Excel.
      expect(line[6] ?? null).toEqual(row.coveragePct === null ? null : expect.closeTo(row.coveragePct / 100, 10))
      expect(line[9]).toBe(row.personTimes)
      expect(line[10]).toBe(row.learningHours)
    })
    const first = sheet.getRow(header + 1)
    expect(first.getCell(4).numFmt).toBe('#,##0')
    expect(first.getCell(7).numFmt).toBe('0.00%')
    expect(typeof first.getCell(4).value).toBe('number')
  })

  it('answers a unit head with their scope only, and refuses a learner and anyone signed out', async () => {
    const head = await signIn(server, 'truongphong')
    const sheet = await workbook('year=2026', head)
    const data = cellValues(sheet).slice(headerRowNumber(sheet))
    expect(data.map((line) => line[0])).toEqual((await api('year=2026', head)).rows.map((r) => r.unitCode))
    expect((await get(server, '/reports/coverage.xlsx?year=2026', await signIn(server, 'hocvien'))).status).toBe(403)
    expect((await get(server, '/reports/coverage.xlsx?year=2026')).status).toBe(302)
    expect((await get(server, '/reports/coverage.xlsx?year=nope', hr)).status).toBe(400)
  })
})

describe('the drill-down from a unit to its people', () => {
  it('lists the people of a row with what each is missing, and the missing-only filter', async () => {
    const { rows } = await api('year=2026&mode=recorded')
    const unit = rows.find((r) => r.unitId === 'u-qldd-2026')!
    const res = await get(server, `/reports/coverage/people?year=2026&mode=recorded&unit=${unit.unitId}`, hr)
    expect(res.status).toBe(200)
    const html = await res.text()
    const listed = html.match(/<th scope="row"><a [^>]*href="\/people\//g) ?? []
    expect(listed).toHaveLength(unit.headcount)
    const missing = await (
      await get(server, `/reports/coverage/people?year=2026&mode=recorded&unit=${unit.unitId}&missing=1`, hr)
    ).text()
    const missingRows = missing.match(/<th scope="row"><a [^>]*href="\/people\//g) ?? []
    // Everyone required but not trained in full is missing something.
    expect(missingRows).toHaveLength(unit.required - unit.trainedAll)
  })

  it('keeps a unit head inside their scope and a learner out', async () => {
    const head = await signIn(server, 'truongphong')
    expect((await get(server, '/reports/coverage/people?year=2026&unit=u-qldd-2026', head)).status).toBe(200)
    expect((await get(server, '/reports/coverage/people?year=2026&unit=u-vp', head)).status).toBe(403)
    expect(
      (await get(server, '/reports/coverage/people?year=2026&unit=u-qldd-2026', await signIn(server, 'hocvien')))
        .status,
    ).toBe(403)
    expect((await get(server, '/reports/coverage/people?year=2026', hr)).status).toBe(400)
  })
})

describe('year close (khóa số liệu)', () => {
  const query = 'year=2024&mode=recorded'

  it('freezes 2024: after changes to people and records the report and its exports are the same; reopening takes a reason', async () => {
    const before = await api(query)
    const beforeRestated = await api('year=2024&mode=restated')
    const beforeCsv = await (await get(server, `/reports/coverage.csv?${query}`, hr)).text()

    // A unit head cannot close a year.
    const head = await signIn(server, 'truongphong')
    expect(
      (await post(server, `/reports/coverage?${query}`, { intent: 'close', year: '2024' }, { cookie: head })).status,
    ).toBe(403)

    const closed = await post(server, `/reports/coverage?${query}`, { intent: 'close', year: '2024' }, { cookie: hr })
    expect(closed.status).toBe(200)
    expect(await closed.text()).toContain('Đã khóa số liệu năm 2024')
    const frozenCsv = await (await get(server, `/reports/coverage.csv?${query}`, hr)).text()
    expect(frozenCsv).toBe(beforeCsv)
    const frozenSheet = cellValues(await workbook(query))
    const frozenPrint = await printedTables(query)

    // Change the past behind the report's back: 20 people left mid-2024, and everyone got an outside record of
    // every 2024 course.
    const db = new Database(server.databasePath)
    try {
      db.prepare(
        "UPDATE people SET left_on = '2024-06-30' WHERE id IN (SELECT id FROM people ORDER BY id LIMIT 20)",
      ).run()
      db.prepare(
        `INSERT INTO external_records (id, person_id, course_id, title, completed_on, duration_tiet, source, entered_at)
         SELECT 'freeze-' || p.id || '-' || r.course_id, p.id, r.course_id, 'Lớp ngoài', '2024-11-15', 4, 'test', 0
         FROM people p CROSS JOIN (SELECT DISTINCT course_id FROM plan_requirements WHERE year = 2024) r`,
      ).run()
    } finally {
      db.close()
    }

    const after = await api(query)
    expect(after.rows).toEqual(before.rows)
    expect((await api('year=2024&mode=restated')).rows).toEqual(beforeRestated.rows)
    expect(await (await get(server, `/reports/coverage.csv?${query}`, hr)).text()).toBe(beforeCsv)
    expect(cellValues(await workbook(query))).toEqual(frozenSheet)
    expect(await printedTables(query)).toEqual(frozenPrint)
    const page = await (await get(server, `/reports/coverage?${query}`, hr)).text()
    expect(page).toContain('đã khóa')
    // The plan of a closed year cannot change.
    const put = await fetch(`${server.baseUrl}/api/v1/plans/2024`, {
      method: 'PUT',
      headers: { Cookie: hr, Origin: server.baseUrl, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reference: 'x', targetPct: 50, requirements: [] }),
    })
    expect(put.status).toBe(409)

    // Reopening needs a reason; a short one is refused next to the field and the year stays closed.
    const short = await post(
      server,
      `/reports/coverage?${query}`,
      { intent: 'reopen', year: '2024', reason: 'sửa' },
      { cookie: hr },
    )
    expect(short.status).toBe(200)
    expect(await short.text()).toContain('ít nhất 10 ký tự')
    expect((await api(query)).rows).toEqual(before.rows)

    const reason = 'Theo Công văn 12/SNV-CCVC yêu cầu rà soát lại số liệu'
    const reopened = await post(
      server,
      `/reports/coverage?${query}`,
      { intent: 'reopen', year: '2024', reason },
      { cookie: hr },
    )
    expect(await reopened.text()).toContain('Đã mở khóa số liệu năm 2024')
    // Open again, the report shows what the data now says: fewer people, more of them trained.
    const live = await api(query)
    expect(live.rows[0]!.headcount).toBeLessThan(before.rows[0]!.headcount)
    expect(live.rows[0]!.coveragePct).toBe(100)
    expect(await printedTables(query)).not.toEqual(frozenPrint)

    const audit = new Database(server.databasePath, { readonly: true })
    try {
      const entries = audit
        .prepare("SELECT action, entity_id AS entityId, details FROM audit_log WHERE action LIKE 'year.%' ORDER BY id")
        .all() as { action: string; entityId: string; details: string }[]
      expect(entries.map((e) => [e.action, e.entityId])).toEqual([
        ['year.close', '2024'],
        ['year.reopen', '2024'],
      ])
      expect(JSON.parse(entries[1]!.details)).toMatchObject({ reason })
    } finally {
      audit.close()
    }
  })

  it('refuses to close the current year and a cross-site close', async () => {
    const current = new Date().getUTCFullYear()
    const res = await post(
      server,
      `/reports/coverage?year=${current}`,
      { intent: 'close', year: String(current) },
      { cookie: hr },
    )
    expect(await res.text()).toContain('Chỉ khóa được số liệu của năm đã kết thúc')
    const crossSite = await post(
      server,
      '/reports/coverage?year=2025',
      { intent: 'close', year: '2025' },
      { cookie: hr, origin: 'https://evil.example' },
    )
    expect(crossSite.status).toBe(403)
    const page = await (await get(server, '/reports/coverage?year=2025', hr)).text()
    expect(page).not.toContain('đã khóa lúc')
  })
})
