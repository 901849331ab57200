/** "Báo cáo kết quả bồi dưỡng" by report row and staff type, computed by hand on a small organisation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { listCoverage } from './coverage.server'
import { listTrainingByReportRow, type TrainingByReportRow } from './coverage-training.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

beforeAll(() => {
  const run = (sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).run(...params)
  for (const id of ['S', 'A', 'A1', 'B', 'C', 'D']) run('INSERT INTO units (id, created_at) VALUES (?, 0)', id)
  const version = (unit: string, parent: string | null, kind: string, from: string, to: string | null) =>
    run(
      'INSERT INTO unit_versions (unit_id, code, name, kind, parent_id, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)',
      unit,
      unit,
      `Đơn vị ${unit}`,
      kind,
      parent,
      from,
      to,
    )
  version('S', null, 'so', '2020-01-01', null)
  version('A', 'S', 'phong', '2020-01-01', null)
  version('A1', 'A', 'khac', '2020-01-01', null)
  version('B', 'S', 'phong', '2020-01-01', null)
  // C moves from under A to under B on 01/7/2025; D is dissolved after 31/3/2025.
  version('C', 'A', 'khac', '2020-01-01', '2025-06-30')
  version('C', 'B', 'khac', '2025-07-01', null)
  version('D', 'S', 'phong', '2020-01-01', '2025-03-31')

  const person = (id: string, staffType: string, leftOn: string | null = null) =>
    run(
      "INSERT INTO people (id, national_id, ho, ten, search_key, staff_type, left_on, created_at, updated_at) VALUES (?, ?, 'Lê', ?, 'x', ?, ?, 0, 0)",
      id,
      `0841900000${id.slice(1).padStart(2, '0')}`,
      id,
      staffType,
      leftOn,
    )
  const assign = (personId: string, unitId: string, from: string, to: string | null) =>
    run(
      "INSERT INTO assignments (person_id, unit_id, position, valid_from, valid_to, source) VALUES (?, ?, '', ?, ?, 'test')",
      personId,
      unitId,
      from,
      to,
    )
  person('p1', 'cong_chuc')
  assign('p1', 'A', '2020-01-01', null)
  person('p2', 'vien_chuc')
  assign('p2', 'A1', '2020-01-01', null)
  person('p3', 'nguoi_lao_dong')
  assign('p3', 'B', '2020-01-01', null)
  person('p4', 'cong_chuc')
  assign('p4', 'C', '2020-01-01', null)
  person('p5', 'cong_chuc') // two posts, in A and in B: one person
  assign('p5', 'A', '2020-01-01', null)
  assign('p5', 'B', '2020-01-01', null)
  person('p6', 'vien_chuc', '2025-10-31') // left before 31/12/2025
  assign('p6', 'A', '2020-01-01', '2025-10-31')
  person('p7', 'cong_chuc') // in the dissolved unit D, no post afterwards
  assign('p7', 'D', '2020-01-01', '2025-03-31')

  const course = (id: string, tiet: number, reportRow: string) =>
    run(
      "INSERT INTO courses (id, folder, title, summary, category, duration_tiet, skill_strand, report_row, yearly, audience, objectives, status, version, position, has_quiz, synced_at) VALUES (?, ?, ?, 's', 'ky-nang-so', ?, 's', ?, 1, 'a', '[]', 'published', 'v1', 1, 1, 0)",
      id,
      id,
      id,
      tiet,
      reportRow,
    )
  course('x', 4, 'chuyen_doi_so')
  course('y', 6, 'an_toan_thong_tin')
  course('z', 8, 'tin_hoc')

  let n = 0
  const completion = (personId: string, courseId: string, on: string, revokedAt: number | null = null) =>
    run(
      "INSERT INTO completions (id, person_id, course_id, course_version, completed_on, completed_at, certificate_code, revoked_at) VALUES (?, ?, ?, 'v0', ?, 0, ?, ?)",
      `c${++n}`,
      personId,
      courseId,
      on,
      `CODE${n}`,
      revokedAt,
    )
  const external = (personId: string, courseId: string | null, on: string, tiet: number) =>
    run(
      "INSERT INTO external_records (id, person_id, course_id, title, completed_on, duration_tiet, source, entered_at) VALUES (?, ?, ?, 'Lớp ngoài', ?, ?, 'OneTouch', 0)",
      `e${++n}`,
      personId,
      courseId,
      on,
      tiet,
    )
  completion('p1', 'x', '2025-01-01') // the first day of the year counts
  completion('p1', 'y', '2024-12-31') // the year before does not
  completion('p1', 'z', '2026-01-01') // nor the year after
  completion('p2', 'x', '2025-12-31') // the last day counts
  completion('p2', 'y', '2025-05-05', 1) // revoked
  external('p3', 'y', '2025-03-03', 5) // names course y: its report row, its own duration
  external('p3', null, '2025-04-04', 3.5) // an outside course: "Khác"
  completion('p4', 'z', '2025-06-06')
  completion('p5', 'x', '2025-02-02')
  completion('p5', 'y', '2025-02-03')
  completion('p6', 'x', '2025-03-03')
  completion('p7', 'y', '2025-02-02')
})

/** The table as `row: [công chức, viên chức, người lao động, tổng, số tiết]`, rows with nothing left out. */
function table(report: TrainingByReportRow) {
  const out: Record<string, number[]> = {}
  for (const r of report.rows) {
    if (r.personTimes === 0 && r.learningHours === 0) continue
    out[r.reportRow] = [
      r.byStaffType.cong_chuc,
      r.byStaffType.vien_chuc,
      r.byStaffType.nguoi_lao_dong,
      r.personTimes,
      r.learningHours,
    ]
  }
  const t = report.total
  out.total = [
    t.byStaffType.cong_chuc,
    t.byStaffType.vien_chuc,
    t.byStaffType.nguoi_lao_dong,
    t.personTimes,
    t.learningHours,
  ]
  return out
}

describe('listTrainingByReportRow', () => {
  it('lists every row of the form in order, zeros included', () => {
    const report = listTrainingByReportRow({ year: 2025, asOf: '2025-12-31', rootUnitId: null })
    expect(report.rows.map((r) => r.reportRow)).toEqual([
      'chuyen_doi_so',
      'an_toan_thong_tin',
      'vi_tri_viec_lam',
      'tin_hoc',
      'cap_nhat_kien_thuc',
      'khac',
    ])
    expect(report.rows.find((r) => r.reportRow === 'vi_tri_viec_lam')).toEqual({
      reportRow: 'vi_tri_viec_lam',
      byStaffType: { cong_chuc: 0, vien_chuc: 0, nguoi_lao_dong: 0 },
      personTimes: 0,
      learningHours: 0,
    })
  })

  it('counts the whole organisation: people in post on the as-of date, completions dated in the year', () => {
    // In post on 31/12/2025: p1–p5 (p6 left, p7's unit was dissolved). p5 holds two posts and counts once.
    expect(table(listTrainingByReportRow({ year: 2025, asOf: '2025-12-31', rootUnitId: null }))).toEqual({
      chuyen_doi_so: [2, 1, 0, 3, 12], // p1 x, p2 x, p5 x
      an_toan_thong_tin: [1, 0, 1, 2, 11], // p5 y (6 tiết), p3's outside record naming y (5 tiết); p2's revoked y not
      tin_hoc: [1, 0, 0, 1, 8], // p4 z
      khac: [0, 0, 1, 1, 3.5], // p3's outside course
      total: [4, 1, 2, 7, 34.5],
    })
  })

  it('takes a unit and its subtree as the tree stood on the as-of date', () => {
    // On 31/12/2025 C hangs under B: A holds p1, p2 (A1) and p5.
    expect(table(listTrainingByReportRow({ year: 2025, asOf: '2025-12-31', rootUnitId: 'A' }))).toEqual({
      chuyen_doi_so: [2, 1, 0, 3, 12],
      an_toan_thong_tin: [1, 0, 0, 1, 6],
      total: [3, 1, 0, 4, 18],
    })
    // On 30/6/2025 C (p4) was still under A, and p6 was in post.
    expect(table(listTrainingByReportRow({ year: 2025, asOf: '2025-06-30', rootUnitId: 'A' }))).toEqual({
      chuyen_doi_so: [2, 2, 0, 4, 16],
      an_toan_thong_tin: [1, 0, 0, 1, 6],
      tin_hoc: [1, 0, 0, 1, 8],
      total: [4, 2, 0, 6, 30],
    })
    expect(table(listTrainingByReportRow({ year: 2025, asOf: '2025-12-31', rootUnitId: 'B' }))).toEqual({
      chuyen_doi_so: [1, 0, 0, 1, 4],
      an_toan_thong_tin: [1, 0, 1, 2, 11],
      tin_hoc: [1, 0, 0, 1, 8],
      khac: [0, 0, 1, 1, 3.5],
      total: [3, 0, 2, 5, 26.5],
    })
  })

  it('gives nothing for a unit that did not exist on the as-of date, and its people while it did', () => {
    expect(table(listTrainingByReportRow({ year: 2025, asOf: '2025-12-31', rootUnitId: 'D' }))).toEqual({
      total: [0, 0, 0, 0, 0],
    })
    expect(table(listTrainingByReportRow({ year: 2025, asOf: '2025-03-01', rootUnitId: 'D' }))).toEqual({
      an_toan_thong_tin: [1, 0, 0, 1, 6],
      total: [1, 0, 0, 1, 6],
    })
  })

  it('keeps to the calendar year', () => {
    expect(table(listTrainingByReportRow({ year: 2024, asOf: '2024-12-31', rootUnitId: null }))).toEqual({
      an_toan_thong_tin: [1, 0, 0, 1, 6],
      total: [1, 0, 0, 1, 6],
    })
  })

  it('totals the person-times and hours of the coverage report’s top row', () => {
    for (const asOf of ['2025-12-31', '2025-06-30', '2025-03-01']) {
      const top = listCoverage({ year: 2025, asOf, mode: 'recorded', today: '2026-11-27' }).rows[0]!
      const training = listTrainingByReportRow({ year: 2025, asOf, rootUnitId: null }).total
      expect([training.personTimes, training.learningHours], asOf).toEqual([top.personTimes, top.learningHours])
    }
  })
})
