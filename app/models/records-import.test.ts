/** The completion-records import and manual entry on a real migrated SQLite file. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { csvFile, xlsxFile } from '../../tests/import-files'
import { importCompletionRecords, recordExternalCompletion, searchPeopleForRecord, type RecordsImportResult } from './records-import.server'

let db: ReturnType<typeof createTestDatabase>
const NOW = Date.UTC(2026, 0, 5)
const TODAY = '2026-03-01'
const actor = { userId: 'user-hr' }
const HEADER = ['Số định danh cá nhân', 'Mã khóa học', 'Ngày hoàn thành', 'Số tiết', 'Hình thức', 'Nguồn', 'Ghi chú']

beforeAll(() => {
  db = createTestDatabase()
  const s = db.sqlite
  s.prepare('INSERT INTO units (id, created_at) VALUES (?, ?), (?, ?)').run('u-vp', NOW, 'u-dd', NOW)
  s.prepare("INSERT INTO unit_versions (unit_id, code, name, kind, valid_from, valid_to) VALUES ('u-vp', 'VP', 'Văn phòng', 'van_phong', '2000-01-01', NULL), ('u-dd', 'DD', 'Phòng Đo đạc', 'phong', '2000-01-01', NULL)").run()
  const person = s.prepare("INSERT INTO people (id, national_id, ho, chu_dem, ten, search_key, staff_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'cong_chuc', ?, ?)")
  person.run('p-1', '084100000001', 'Thạch', 'Thị', 'Sa Rên', 'thach thi sa ren', NOW, NOW)
  person.run('p-2', '084100000002', 'Nguyễn', 'Văn', 'An', 'nguyen van an', NOW, NOW)
  const assignment = s.prepare("INSERT INTO assignments (person_id, unit_id, position, valid_from, valid_to, source) VALUES (?, ?, '', ?, ?, 'seed')")
  assignment.run('p-1', 'u-vp', '2020-01-01', '2025-06-30')
  assignment.run('p-1', 'u-dd', '2025-07-01', null)
  assignment.run('p-2', 'u-vp', '2020-01-01', null)
  s.prepare(
    "INSERT INTO courses (id, folder, title, summary, category, duration_tiet, skill_strand, report_row, yearly, audience, objectives, status, version, position, has_quiz, synced_at) VALUES ('an-toan-thong-tin', '02', 'An toàn thông tin', 'x', 'x', 8, 'x', 'x', 1, 'x', '[]', 'published', 'v1', 1, 1, ?)",
  ).run(NOW)
  s.prepare("INSERT INTO users (id, username, password_hash, display_name, password_changed_at, created_at) VALUES ('user-hr', 'tochuc', 'x', 'Tổ chức', ?, ?)").run(NOW, NOW)
})
afterAll(() => db.cleanup())
beforeEach(() => db.sqlite.exec('DELETE FROM audit_log; DELETE FROM external_records; DELETE FROM import_batches;'))

const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const run = (data: Uint8Array, options: { dryRun?: boolean; skipRows?: number[] } = {}) =>
  importCompletionRecords({ data, fileName: 'onetouch.csv', dryRun: options.dryRun ?? false, skipRows: options.skipRows, actor, today: TODAY })
function errorAt(result: RecordsImportResult, row: number | null, column: string | null) {
  const found = result.errors.filter((e) => e.row === row && e.column === column)
  expect(found, `an error at row ${row}, column ${column}; got ${JSON.stringify(result.errors)}`).toHaveLength(1)
  return found[0]!.message
}

const good = [
  HEADER,
  ['084100000001', 'an-toan-thong-tin', '20/05/2025', '', 'Trực tuyến', 'OneTouch', ''],
  ['084100000001', 'Bồi dưỡng kỹ năng lãnh đạo cấp phòng', '15/09/2025', '40', 'Tập trung', 'QĐ 123/QĐ-SNV', 'Lớp tại Hà Nội'],
  ['084100000002', 'AN-TOAN-THONG-TIN', '01/02/2026', '8', 'kết hợp', '', ''],
]

describe('completion-records import', () => {
  it('previews, then writes every record with provenance and the unit of that day', async () => {
    const preview = await run(csvFile(good), { dryRun: true })
    expect(preview).toMatchObject({ ok: true, rows: 3, created: 3, unchanged: 0, errors: [] })
    expect(count('external_records')).toBe(0)
    const done = await run(csvFile(good))
    expect(done).toMatchObject({ ok: true, created: 3 })
    const rows = db.sqlite.prepare('SELECT * FROM external_records ORDER BY completed_on').all() as Record<string, unknown>[]
    expect(rows[0]).toMatchObject({ person_id: 'p-1', course_id: 'an-toan-thong-tin', title: 'An toàn thông tin', duration_tiet: 8, mode: 'truc_tuyen', source: 'OneTouch', unit_id: 'u-vp', batch_id: done.batchId, entered_by: 'user-hr' })
    expect(rows[1]).toMatchObject({ course_id: null, title: 'Bồi dưỡng kỹ năng lãnh đạo cấp phòng', duration_tiet: 40, mode: 'tap_trung', note: 'Lớp tại Hà Nội', unit_id: 'u-dd' })
    expect(rows[2]).toMatchObject({ person_id: 'p-2', course_id: 'an-toan-thong-tin', mode: 'ket_hop', source: 'Tệp onetouch.csv' })
    expect(db.sqlite.prepare("SELECT kind, row_count AS n FROM import_batches").get()).toEqual({ kind: 'completions', n: 3 })
    expect(db.sqlite.prepare('SELECT action FROM audit_log').all()).toEqual([{ action: 'import.completions' }])
  })

  it('re-importing the same file adds nothing', async () => {
    await run(csvFile(good))
    expect(await run(csvFile(good))).toMatchObject({ ok: true, created: 0, unchanged: 3 })
    expect(count('external_records')).toBe(3)
  })

  it('names every bad row and column, and writes nothing', async () => {
    const bad = [
      HEADER,
      ['12345', 'an-toan-thong-tin', '20/05/2025', '', '', 'x', ''], // 2 malformed id
      ['084199999999', 'an-toan-thong-tin', '20/05/2025', '', '', 'x', ''], // 3 unknown person
      ['084100000002', '', '20/05/2025', '4', '', 'x', ''], // 4 no course
      ['084100000002', 'Khóa ngoài', '30/02/2025', '4', '', 'x', ''], // 5 impossible date
      ['084100000002', 'Khóa ngoài', '2025-05-20', '4', '', 'x', ''], // 6 other format
      ['084100000002', 'Khóa ngoài', '20/05/2025', '', '', 'x', ''], // 7 no tiết for an outside course
      ['084100000002', 'Khóa ngoài', '21/05/2025', 'mười', '', 'x', ''], // 8 bad tiết
      ['084100000002', 'Khóa ngoài', '22/05/2025', '4', 'Tự học', 'x', ''], // 9 bad mode
      ['084100000002', 'Khóa ngoài', '01/01/2027', '4', '', 'x', ''], // 10 future
      ['084100000002', 'Khóa hợp lệ', '23/05/2025', '4', '', 'x', ''], // 11 ok
      ['084100000002', 'khóa hợp lệ', '23/05/2025', '4', '', 'y', ''], // 12 duplicate of 11
    ]
    const result = await run(csvFile(bad))
    expect(result.ok).toBe(false)
    expect(errorAt(result, 2, 'Số định danh cá nhân')).toMatch(/12 chữ số/)
    expect(errorAt(result, 3, 'Số định danh cá nhân')).toMatch(/Không có người nào/)
    expect(errorAt(result, 4, 'Mã khóa học')).toMatch(/Thiếu mã khóa học/)
    expect(errorAt(result, 5, 'Ngày hoàn thành')).toMatch(/không có thật/)
    expect(errorAt(result, 6, 'Ngày hoàn thành')).toMatch(/dd\/mm\/yyyy/)
    expect(errorAt(result, 7, 'Số tiết')).toMatch(/Thiếu số tiết/)
    expect(errorAt(result, 8, 'Số tiết')).toMatch(/phải là một số/)
    expect(errorAt(result, 9, 'Hình thức')).toMatch(/Trực tuyến, Tập trung hoặc Kết hợp/)
    expect(errorAt(result, 10, 'Ngày hoàn thành')).toMatch(/tương lai/)
    expect(errorAt(result, 12, 'Mã khóa học')).toMatch(/Trùng với dòng 11/)
    expect(result.errors).toHaveLength(10)
    expect(count('external_records') + count('import_batches') + count('audit_log')).toBe(0)
    const rest = await run(csvFile(bad), { skipRows: [2, 3, 4, 5, 6, 7, 8, 9, 10, 12] })
    expect(rest).toMatchObject({ ok: true, created: 1 })
  })

  it('reads .xlsx and refuses a wrong header row', async () => {
    const file = await xlsxFile([HEADER, ['084100000002', 'an-toan-thong-tin', new Date(Date.UTC(2025, 10, 3)), 8, 'Trực tuyến', 'OneTouch', '']])
    expect(await importCompletionRecords({ data: file, fileName: 'a.xlsx', dryRun: false, actor, today: TODAY })).toMatchObject({ ok: true, created: 1 })
    expect(db.sqlite.prepare('SELECT completed_on AS d FROM external_records').get()).toEqual({ d: '2025-11-03' })
    const wrong = await run(csvFile([['CCCD', 'Khóa', 'Ngày'], ['084100000002', 'x', '01/01/2025']]))
    expect(errorAt(wrong, 1, null)).toMatch(/“Số định danh cá nhân”, “Mã khóa học”, “Ngày hoàn thành”/)
  })
})

describe('manual entry', () => {
  it('records one external completion with a manual batch and an audit entry', () => {
    const result = recordExternalCompletion({
      input: { nationalId: '084100000001', course: 'Tập huấn sử dụng phần mềm một cửa', completedOn: '2025-04-10', durationTiet: 12, mode: 'tap_trung', source: 'Công văn 45/SNV', note: null },
      actor,
      today: TODAY,
    })
    expect(result.ok).toBe(true)
    expect(db.sqlite.prepare('SELECT course_id, title, unit_id, source, entered_by FROM external_records').get()).toEqual({
      course_id: null,
      title: 'Tập huấn sử dụng phần mềm một cửa',
      unit_id: 'u-vp',
      source: 'Công văn 45/SNV',
      entered_by: 'user-hr',
    })
    expect(db.sqlite.prepare('SELECT kind FROM import_batches').get()).toEqual({ kind: 'manual' })
    expect(db.sqlite.prepare('SELECT action FROM audit_log').get()).toEqual({ action: 'external_record.create' })
  })

  it('answers field errors and writes nothing', () => {
    const result = recordExternalCompletion({
      input: { nationalId: '084199999999', course: '', completedOn: '2027-01-01', durationTiet: null, mode: null, source: ' ', note: null },
      actor,
      today: TODAY,
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(['completedOn', 'course', 'durationTiet', 'nationalId', 'source'])
    expect(count('external_records') + count('import_batches') + count('audit_log')).toBe(0)
  })

  it('finds people by số định danh or by name without accents', () => {
    expect(searchPeopleForRecord({ query: '08410000000' }).map((p) => p.id).sort()).toEqual(['p-1', 'p-2'])
    expect(searchPeopleForRecord({ query: 'sa ren' })).toEqual([{ id: 'p-1', nationalId: '084100000001', name: 'Thạch Thị Sa Rên' }])
  })
})
