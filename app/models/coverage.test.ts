/** The coverage definitions computed by hand on a small organisation with a merge and a split. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { listCoverage, type CoverageRow } from './coverage.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

const TODAY = '2026-11-27'

beforeAll(() => {
  const run = (sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).run(...params)
  for (const id of ['S', 'A', 'B', 'A1', 'AB', 'A1X', 'A1Y']) run('INSERT INTO units (id, created_at) VALUES (?, 0)', id)
  const version = (unit: string, parent: string | null, kind: string, from: string, to: string | null) =>
    run('INSERT INTO unit_versions (unit_id, code, name, kind, parent_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)', unit, unit, `Đơn vị ${unit}`, kind, parent, from, to)
  version('S', null, 'so', '2020-01-01', null)
  version('A', 'S', 'phong', '2020-01-01', '2026-02-28')
  version('B', 'S', 'phong', '2020-01-01', '2026-02-28')
  version('A1', 'A', 'khac', '2020-01-01', '2026-02-28')
  version('AB', 'S', 'phong', '2026-03-01', null)
  version('A1', 'AB', 'khac', '2026-03-01', '2026-05-31')
  version('A1X', 'AB', 'khac', '2026-06-01', null)
  version('A1Y', 'AB', 'khac', '2026-06-01', null)
  const event = (id: number, type: string, date: string, links: [string, string | null, number][]) => {
    run("INSERT INTO lineage_events (id, type, effective_date, decision_number, decision_date, decision_issuer, created_at) VALUES (?, ?, ?, '1/QĐ-UBND', ?, 'UBND', 0)", id, type, date, date)
    for (const [from, to, ordinal] of links) run('INSERT INTO lineage_links (event_id, from_unit_id, to_unit_id, ordinal) VALUES (?, ?, ?, ?)', id, from, to, ordinal)
  }
  event(1, 'merge', '2026-03-01', [['A', 'AB', 0], ['B', 'AB', 1]])
  event(2, 'split', '2026-06-01', [['A1', 'A1X', 0], ['A1', 'A1Y', 1]])

  const person = (id: string, staffType: string, leftOn: string | null = null) =>
    run("INSERT INTO people (id, national_id, ho, ten, search_key, staff_type, left_on, created_at, updated_at) VALUES (?, ?, 'Lê', ?, 'x', ?, ?, 0, 0)", id, `0841900000${id.slice(1).padStart(2, '0')}`, id, staffType, leftOn)
  const assign = (personId: string, unitId: string, from: string, to: string | null, position = '') =>
    run("INSERT INTO assignments (person_id, unit_id, position, valid_from, valid_to, source) VALUES (?, ?, ?, ?, ?, 'test')", personId, unitId, position, from, to)
  person('p1', 'cong_chuc')
  assign('p1', 'A', '2020-01-01', '2026-02-28')
  assign('p1', 'AB', '2026-03-01', null)
  person('p2', 'vien_chuc')
  assign('p2', 'A1', '2020-01-01', '2026-05-31', 'Trưởng đơn vị')
  person('p3', 'cong_chuc')
  assign('p3', 'B', '2020-01-01', '2026-02-28')
  assign('p3', 'AB', '2026-03-01', null)
  person('p4', 'cong_chuc', '2025-12-30')
  assign('p4', 'B', '2020-01-01', '2025-12-30')
  person('p5', 'cong_chuc')
  assign('p5', 'A1', '2020-01-01', '2026-05-31')
  assign('p5', 'A1Y', '2026-06-01', null)
  person('p6', 'cong_chuc')
  assign('p6', 'A', '2020-01-01', '2026-02-28')
  assign('p6', 'B', '2020-01-01', '2026-02-28')

  const course = (id: string, tiet: number) =>
    run("INSERT INTO courses (id, folder, title, summary, category, duration_tiet, skill_strand, report_row, yearly, audience, objectives, status, version, position, has_quiz, synced_at) VALUES (?, ?, ?, 's', 'ky-nang-so', ?, 's', 'chuyen_doi_so', 1, 'a', '[]', 'published', 'v1', 1, 1, 0)", id, id, id, tiet)
  course('x', 4)
  course('y', 8)
  run("INSERT INTO plans (year, reference, target_pct, updated_at) VALUES (2025, '1/KH', 90, 0)")
  run(`INSERT INTO plan_requirements (year, course_id, audience, due_date) VALUES (2025, 'x', '{"all":true}', '2025-10-31'), (2025, 'y', '{"unitIds":["A"]}', '2025-11-30')`)

  let n = 0
  const completion = (personId: string, courseId: string, on: string) =>
    run("INSERT INTO completions (id, person_id, course_id, course_version, completed_on, completed_at, certificate_code) VALUES (?, ?, ?, 'v0', ?, 0, ?)", `c${++n}`, personId, courseId, on, `CODE${n}`)
  const external = (personId: string, courseId: string | null, on: string, tiet: number) =>
    run("INSERT INTO external_records (id, person_id, course_id, title, completed_on, duration_tiet, source, entered_at) VALUES (?, ?, ?, 'Lớp ngoài', ?, ?, 'OneTouch', 0)", `e${++n}`, personId, courseId, on, tiet)
  completion('p1', 'x', '2025-12-31') // the last day of the year counts
  external('p1', 'y', '2025-01-01', 6) // an external record naming the course counts, with its own duration
  completion('p2', 'x', '2026-01-01') // the next year does not
  external('p2', 'y', '2025-06-01', 8)
  completion('p3', 'x', '2025-05-05')
  completion('p4', 'x', '2025-06-06') // left before the as-of date: counted nowhere
  external('p5', null, '2025-03-03', 8) // an outside course: reach and hours, not coverage
  completion('p6', 'x', '2025-02-02')
  completion('p6', 'y', '2025-02-03')
})

const row = (rows: CoverageRow[], unitId: string) => {
  const found = rows.find((r) => r.unitId === unitId)
  if (!found) throw new Error(`no row for ${unitId}`)
  const { headcount, required, trainedAll, trainedAny, personTimes, learningHours, coveragePct, reachPct, targetPct } = found
  return { headcount, required, trainedAll, trainedAny, personTimes, learningHours, coveragePct, reachPct, targetPct }
}

describe('listCoverage, as recorded', () => {
  const report = () => listCoverage({ year: 2025, asOf: '2025-12-31', mode: 'recorded', today: TODAY })

  it('shows the units as they stood on the as-of date, as a tree', () => {
    expect(report().rows.map((r) => [r.unitId, r.depth])).toEqual([
      ['S', 0],
      ['A', 1],
      ['A1', 2],
      ['B', 1],
    ])
  })

  it('computes every definition per unit, a parent counting each person of its subtree once', () => {
    const rows = report().rows
    expect(row(rows, 'S')).toEqual({ headcount: 5, required: 5, trainedAll: 3, trainedAny: 5, personTimes: 7, learningHours: 42, coveragePct: 60, reachPct: 100, targetPct: 90 })
    expect(row(rows, 'A')).toEqual({ headcount: 4, required: 4, trainedAll: 2, trainedAny: 4, personTimes: 6, learningHours: 38, coveragePct: 50, reachPct: 100, targetPct: 90 })
    expect(row(rows, 'A1')).toEqual({ headcount: 2, required: 2, trainedAll: 0, trainedAny: 2, personTimes: 2, learningHours: 16, coveragePct: 0, reachPct: 100, targetPct: 90 })
    expect(row(rows, 'B')).toEqual({ headcount: 2, required: 2, trainedAll: 2, trainedAny: 2, personTimes: 3, learningHours: 16, coveragePct: 100, reachPct: 100, targetPct: 90 })
  })

  it('gives no percentage for an empty denominator', () => {
    const empty = listCoverage({ year: 2024, asOf: '2019-12-31', mode: 'recorded', today: TODAY })
    expect(empty.rows).toEqual([])
    const noPlan = listCoverage({ year: 2024, asOf: '2024-12-31', mode: 'recorded', today: TODAY })
    expect(row(noPlan.rows, 'S')).toMatchObject({ headcount: 6, required: 0, coveragePct: null, reachPct: 0, targetPct: null })
  })
})

describe('listCoverage, restated onto today’s structure', () => {
  it('maps merged units to their successor and split units to where each person went', () => {
    const report = listCoverage({ year: 2025, asOf: '2025-12-31', mode: 'restated', today: TODAY })
    expect(report.rows.map((r) => r.unitId)).toEqual(['S', 'AB', 'A1X', 'A1Y'])
    expect(row(report.rows, 'S')).toMatchObject({ headcount: 5, required: 5, trainedAll: 3, personTimes: 7, learningHours: 42 })
    // p6 held posts in both A and B: one person in AB.
    expect(row(report.rows, 'AB')).toMatchObject({ headcount: 5, required: 5, trainedAll: 3, trainedAny: 5, personTimes: 7 })
    // p2 had no post right after the split: the first successor. p5 went to A1Y.
    expect(row(report.rows, 'A1X')).toMatchObject({ headcount: 1, required: 1, trainedAll: 0, trainedAny: 1, learningHours: 8 })
    expect(row(report.rows, 'A1Y')).toMatchObject({ headcount: 1, required: 1, trainedAll: 0, trainedAny: 1, learningHours: 8 })
  })

  it('keeps only the subtree of a chosen unit', () => {
    const report = listCoverage({ year: 2025, asOf: '2025-12-31', mode: 'restated', rootUnitId: 'AB', today: TODAY })
    expect(report.rows.map((r) => [r.unitId, r.depth])).toEqual([
      ['AB', 0],
      ['A1X', 1],
      ['A1Y', 1],
    ])
  })
})

describe('the report cache', () => {
  const report = () => listCoverage({ year: 2025, asOf: '2025-12-31', mode: 'recorded', today: TODAY })

  it('serves a repeated report from the cache, and recomputes after any write, from this connection or another', async () => {
    const first = report()
    expect(report()).toBe(first) // the same frozen object: a cache hit
    expect(Object.isFrozen(first.rows[0])).toBe(true)

    // A write through the server's own connection: p3 leaves before the as-of date.
    db.sqlite.prepare("UPDATE people SET left_on = '2025-06-30' WHERE id = 'p3'").run()
    const afterUpdate = report()
    expect(afterUpdate).not.toBe(first)
    expect(row(afterUpdate.rows, 'S').headcount).toBe(row(first.rows, 'S').headcount - 1)

    // A write by another process's connection (a script, an import run elsewhere).
    const { default: Database } = await import('better-sqlite3')
    const other = new Database(db.path)
    try {
      other.prepare("UPDATE people SET left_on = NULL WHERE id = 'p3'").run()
    } finally {
      other.close()
    }
    expect(row(report().rows, 'S')).toEqual(row(first.rows, 'S'))
  })
})
