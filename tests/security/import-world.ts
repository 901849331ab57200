/**
 * A small organisation for the hostile-upload tests of both importers, on a real SQLite file migrated by the real
 * migrations: two units, two people, one course, an HR account. And a fingerprint of every table an import can
 * write, to prove that a refused file wrote nothing.
 */
import crypto from 'node:crypto'
import { createTestDatabase } from '../db'

export const NOW = Date.UTC(2026, 0, 5)
export const TODAY = '2026-03-01'
export const actor = { userId: 'user-hr' }

export const ROSTER_HEADER = [
  'Số định danh cá nhân',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Mã đơn vị',
  'Chức vụ',
  'Ngạch/chức danh',
  'Loại',
  'Email',
  'Ngày bắt đầu',
]
export const RECORDS_HEADER = [
  'Số định danh cá nhân',
  'Mã khóa học',
  'Ngày hoàn thành',
  'Số tiết',
  'Hình thức',
  'Nguồn',
  'Ghi chú',
]

/** A roster row for a new person in VP; `name` and `position` vary between tests. */
export const rosterRow = (nationalId: string, name: string, position = '') => [
  nationalId,
  name,
  '05/01/1985',
  'Nam',
  'VP',
  position,
  'Chuyên viên',
  'Công chức',
  '',
  '01/02/2026',
]
/** A completion of the seeded course by the seeded person 084100000001. */
export const recordRow = (note = '', source = 'OneTouch', date = '20/05/2025') => [
  '084100000001',
  'an-toan-thong-tin',
  date,
  '',
  'Trực tuyến',
  source,
  note,
]

export type World = ReturnType<typeof createImportWorld>

export function createImportWorld() {
  const db = createTestDatabase()
  const s = db.sqlite
  s.prepare('INSERT INTO units (id, created_at) VALUES (?, ?), (?, ?)').run('u-vp', NOW, 'u-dd', NOW)
  s.prepare(
    "INSERT INTO unit_versions (unit_id, code, name, kind, valid_from, valid_to) VALUES ('u-vp', 'VP', 'Văn phòng', 'van_phong', '2000-01-01', NULL), ('u-dd', 'DD', 'Phòng Đo đạc', 'phong', '2000-01-01', NULL)",
  ).run()
  const seedPeople = () => {
    const person = s.prepare(
      "INSERT INTO people (id, national_id, ho, chu_dem, ten, search_key, staff_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'cong_chuc', ?, ?)",
    )
    person.run('p-1', '084100000001', 'Thạch', 'Thị', 'Sa Rên', 'thach thi sa ren', NOW, NOW)
    person.run('p-2', '084100000002', 'Nguyễn', 'Văn', 'An', 'nguyen van an', NOW, NOW)
    const assignment = s.prepare(
      "INSERT INTO assignments (person_id, unit_id, position, valid_from, valid_to, source) VALUES (?, ?, '', ?, ?, 'seed')",
    )
    assignment.run('p-1', 'u-vp', '2020-01-01', null)
    assignment.run('p-2', 'u-dd', '2020-01-01', null)
  }
  seedPeople()
  s.prepare(
    "INSERT INTO courses (id, folder, title, summary, category, duration_tiet, skill_strand, report_row, yearly, audience, objectives, status, version, position, has_quiz, synced_at) VALUES ('an-toan-thong-tin', '02', 'An toàn thông tin', 'x', 'x', 8, 'x', 'x', 1, 'x', '[]', 'published', 'v1', 1, 1, ?)",
  ).run(NOW)
  s.prepare(
    "INSERT INTO users (id, username, password_hash, display_name, password_changed_at, created_at) VALUES ('user-hr', 'tochuc', 'x', 'Tổ chức', ?, ?)",
  ).run(NOW, NOW)

  const WRITTEN_BY_IMPORTS = [
    'people',
    'assignments',
    'external_records',
    'import_batches',
    'audit_log',
    'units',
    'unit_versions',
    'courses',
    'users',
  ]

  /** Row count and a hash of every row of every table an import could touch. */
  const fingerprint = (): Record<string, string> =>
    Object.fromEntries(
      WRITTEN_BY_IMPORTS.map((table) => {
        const rows = s.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()
        return [
          table,
          `${rows.length}:${crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`,
        ]
      }),
    )

  /** Back to the seeded state, whatever an import wrote or changed. */
  const reset = () => {
    s.exec(
      "DELETE FROM audit_log; DELETE FROM external_records; DELETE FROM assignments; DELETE FROM people; DELETE FROM import_batches; DELETE FROM sqlite_sequence WHERE name IN ('assignments', 'audit_log');",
    )
    seedPeople()
  }

  return { ...db, fingerprint, reset }
}
