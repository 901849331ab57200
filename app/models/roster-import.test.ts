/** The roster import on a real migrated SQLite file, with real .csv and .xlsx files. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { csvFile, xlsxFile, zipBomb } from '../../tests/import-files'
import { importRoster, type RosterImportResult } from './roster-import.server'
import { SPREADSHEET_LIMITS } from './spreadsheet.server'

let db: ReturnType<typeof createTestDatabase>
const NOW = Date.UTC(2026, 0, 5)
const TODAY = '2026-03-01'
const actor = { userId: 'user-hr' }

const HEADER = ['Số định danh cá nhân', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Mã đơn vị', 'Chức vụ', 'Ngạch/chức danh', 'Loại', 'Email', 'Ngày bắt đầu']

function resetData() {
  const s = db.sqlite
  s.exec('DELETE FROM audit_log; DELETE FROM assignments; DELETE FROM people; DELETE FROM import_batches;')
}

beforeAll(() => {
  db = createTestDatabase()
  const s = db.sqlite
  const unit = s.prepare('INSERT INTO units (id, created_at) VALUES (?, ?)')
  const version = s.prepare('INSERT INTO unit_versions (unit_id, code, name, kind, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?)')
  for (const id of ['u-so', 'u-vp', 'u-qldd', 'u-qldd-2026', 'u-dd', 'u-ttra']) unit.run(id, NOW)
  version.run('u-so', 'STNMT', 'Sở Tài nguyên và Môi trường', 'so', '2000-01-01', null)
  version.run('u-vp', 'VP', 'Văn phòng Sở', 'van_phong', '2000-01-01', null)
  version.run('u-qldd', 'QLDD', 'Phòng Quản lý đất đai', 'phong', '2000-01-01', '2025-12-31')
  version.run('u-qldd-2026', 'QLDD', 'Phòng Quản lý đất đai', 'phong', '2026-01-01', null)
  version.run('u-dd', 'DD', 'Phòng Đo đạc, bản đồ', 'phong', '2026-01-01', null)
  version.run('u-ttra', 'TTRA', 'Thanh tra Sở', 'thanh_tra', '2000-01-01', '2020-12-31')
  s.prepare("INSERT INTO users (id, username, password_hash, display_name, password_changed_at, created_at) VALUES ('user-hr', 'tochuc', 'x', 'Tổ chức', ?, ?)").run(NOW, NOW)
})
afterAll(() => db.cleanup())
beforeEach(() => resetData())

const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
const snapshot = () => ({ people: count('people'), assignments: count('assignments'), batches: count('import_batches'), audit: count('audit_log') })
const personByNid = (nid: string) =>
  db.sqlite.prepare('SELECT * FROM people WHERE national_id = ?').get(nid) as Record<string, string | null> | undefined
const historyOf = (nid: string) =>
  db.sqlite
    .prepare('SELECT a.unit_id AS unitId, a.position, a.valid_from AS validFrom, a.valid_to AS validTo FROM assignments a JOIN people p ON p.id = a.person_id WHERE p.national_id = ? ORDER BY a.valid_from')
    .all(nid)

const run = (data: Uint8Array, options: { dryRun?: boolean; skipRows?: number[]; fileName?: string } = {}) =>
  importRoster({ data, fileName: options.fileName ?? 'ds.csv', dryRun: options.dryRun ?? false, skipRows: options.skipRows, actor, today: TODAY })

function errorAt(result: RosterImportResult, row: number | null, column: string | null) {
  const found = result.errors.filter((e) => e.row === row && e.column === column)
  expect(found, `an error at row ${row}, column ${column}; got ${JSON.stringify(result.errors)}`).toHaveLength(1)
  return found[0]!.message
}

const base = [
  HEADER,
  ['084100000001', 'Nguyễn Văn An', '05/01/1985', 'Nam', 'QLDD', 'Trưởng phòng', 'Chuyên viên chính', 'Công chức', 'an@example.vn', '01/01/2026'],
  ['084100000002', 'Trần Thị Bình', '12/03/1990', 'Nữ', 'VP', '', 'Chuyên viên', 'Công chức', '', '01/01/2020'],
  ['084100000003', 'Lê Hoàng Cường', '', 'Nam', 'DD', '', 'Kỹ sư', 'Viên chức', '', '01/02/2026'],
]

describe('roster import: happy paths', () => {
  it('previews without writing, then confirms everything in one batch with an audit entry', async () => {
    const file = csvFile(base)
    const preview = await run(file, { dryRun: true })
    expect(preview).toMatchObject({ ok: true, rows: 3, created: 3, updated: 0, moved: 0, unchanged: 0, errors: [] })
    expect(snapshot()).toEqual({ people: 0, assignments: 0, batches: 0, audit: 0 })

    const done = await run(file)
    expect(done).toMatchObject({ ok: true, rows: 3, created: 3 })
    expect(done.batchId).toBeTruthy()
    expect(snapshot()).toEqual({ people: 3, assignments: 3, batches: 1, audit: 1 })
    const an = personByNid('084100000001')!
    expect(an).toMatchObject({ ho: 'Nguyễn', chu_dem: 'Văn', ten: 'An', birth_date: '1985-01-05', sex: 'nam', staff_type: 'cong_chuc', email: 'an@example.vn', rank: 'Chuyên viên chính', search_key: 'nguyen van an' })
    expect(historyOf('084100000001')).toEqual([{ unitId: 'u-qldd-2026', position: 'Trưởng phòng', validFrom: '2026-01-01', validTo: null }])
    // A start before the 2026 successor existed resolves QLDD as it stood then.
    expect(historyOf('084100000002')).toEqual([{ unitId: 'u-vp', position: '', validFrom: '2020-01-01', validTo: null }])
    const audit = db.sqlite.prepare('SELECT action, entity_id AS entityId, actor_user_id AS actor, details FROM audit_log').get() as Record<string, string>
    expect(audit).toMatchObject({ action: 'import.roster', entityId: done.batchId, actor: 'user-hr' })
    expect(JSON.parse(audit.details!)).toMatchObject({ rows: 3, created: 3 })
  })

  it('re-importing the same file is idempotent: every row unchanged, nothing new written', async () => {
    const file = csvFile(base)
    await run(file)
    const before = db.sqlite.prepare('SELECT * FROM assignments ORDER BY id').all()
    const again = await run(file)
    expect(again).toMatchObject({ ok: true, rows: 3, created: 0, updated: 0, moved: 0, unchanged: 3, changes: [] })
    expect(db.sqlite.prepare('SELECT * FROM assignments ORDER BY id').all()).toEqual(before)
  })

  it('reads headers in any order, case and accents, a semicolon CSV without BOM', async () => {
    const rows = [
      ['MA DON VI', 'loai', 'ho va ten', 'SO DINH DANH CA NHAN *', 'Ngày  bắt đầu (dd/mm/yyyy)', 'Cột lạ'],
      ['vp', 'viên chức', 'Phạm Thu; Hà', '084100000009', '1/2/2024', 'bỏ qua'],
    ]
    const result = await run(csvFile(rows, { bom: false, delimiter: ';' }))
    expect(result).toMatchObject({ ok: true, created: 1 })
    expect(personByNid('084100000009')).toMatchObject({ ho: 'Phạm', chu_dem: 'Thu;', ten: 'Hà', staff_type: 'vien_chuc' })
    expect(historyOf('084100000009')).toEqual([{ unitId: 'u-vp', position: '', validFrom: '2024-02-01', validTo: null }])
  })

  it('cleans names (NFC, Ð U+00D0 → Đ, spaces) and keeps the original; parts may be given separately', async () => {
    const decomposed = 'Tha\u0323ch  \u00D0a\u0300o   Sóc Khơ '.normalize('NFD')
    const rows = [
      ['Số định danh cá nhân', 'Họ và tên', 'Mã đơn vị', 'Loại', 'Ngày bắt đầu'],
      ['084100000011', decomposed, 'VP', 'Công chức', '01/01/2026'],
    ]
    expect(await run(csvFile(rows))).toMatchObject({ ok: true, created: 1 })
    const p = personByNid('084100000011')!
    expect(p).toMatchObject({ ho: 'Thạch', chu_dem: 'Đào Sóc', ten: 'Khơ', search_key: 'thach dao soc kho' })
    expect(p.ho).toBe('Th\u1EA1ch') // NFC
    expect(p.full_name_original).toBe(decomposed.trim())

    // HR's own split of a Khmer name (họ of two words) survives a re-import of the same full name.
    db.sqlite.prepare("UPDATE people SET ho = 'Thạch Đào', chu_dem = 'Sóc' WHERE national_id = '084100000011'").run()
    expect(await run(csvFile(rows))).toMatchObject({ ok: true, unchanged: 1 })
    expect(personByNid('084100000011')).toMatchObject({ ho: 'Thạch Đào', chu_dem: 'Sóc', ten: 'Khơ' })

    const parts = [
      ['Số định danh cá nhân', 'Họ', 'Chữ đệm', 'Tên', 'Mã đơn vị', 'Loại'],
      ['084100000012', 'Thạch', 'Trần Thị', 'Cầm', 'VP', 'Người lao động'],
    ]
    expect(await run(csvFile(parts))).toMatchObject({ ok: true, created: 1 })
    expect(personByNid('084100000012')).toMatchObject({ ho: 'Thạch', chu_dem: 'Trần Thị', ten: 'Cầm', staff_type: 'nguoi_lao_dong' })
    // No start date: the assignment starts on the import day.
    expect(historyOf('084100000012')).toEqual([{ unitId: 'u-vp', position: '', validFrom: TODAY, validTo: null }])
  })

  it('reads .xlsx with real date cells and text ids', async () => {
    const file = await xlsxFile([
      ['Số định danh cá nhân', 'Họ và tên', 'Ngày sinh', 'Mã đơn vị', 'Loại', 'Ngày bắt đầu'],
      ['084100000021', 'Võ Thị Mai', new Date(Date.UTC(1992, 6, 9)), 'VP', 'Công chức', '15/01/2026'],
    ])
    const result = await run(file, { fileName: 'ds.xlsx' })
    expect(result).toMatchObject({ ok: true, created: 1 })
    expect(personByNid('084100000021')).toMatchObject({ birth_date: '1992-07-09', ten: 'Mai' })
  })
})

describe('roster import: moves and the replace rule', () => {
  it('a changed unit or position closes the old assignment the day before and opens a new one', async () => {
    await run(csvFile(base))
    const moved = [HEADER, ['084100000002', 'Trần Thị Bình', '12/03/1990', 'Nữ', 'DD', 'Phó trưởng phòng', 'Chuyên viên', 'Công chức', '', '01/03/2026']]
    const preview = await run(csvFile(moved), { dryRun: true })
    expect(preview).toMatchObject({ ok: true, moved: 1, created: 0 })
    expect(preview.changes[0]!.details.join(' ')).toContain('28/02/2026')
    await run(csvFile(moved))
    expect(historyOf('084100000002')).toEqual([
      { unitId: 'u-vp', position: '', validFrom: '2020-01-01', validTo: '2026-02-28' },
      { unitId: 'u-dd', position: 'Phó trưởng phòng', validFrom: '2026-03-01', validTo: null },
    ])
    // Only the position changes: another step of history.
    const promoted = [HEADER, ['084100000002', 'Trần Thị Bình', '12/03/1990', 'Nữ', 'DD', 'Trưởng phòng', 'Chuyên viên', 'Công chức', '', '01/06/2026']]
    expect(await run(csvFile(promoted))).toMatchObject({ ok: true, moved: 1 })
    expect(historyOf('084100000002')).toHaveLength(3)
    expect(historyOf('084100000002')[1]).toMatchObject({ validTo: '2026-05-31' })
  })

  it('a new start on or before the current assignment’s first day replaces it', async () => {
    await run(csvFile(base)) // Cường in DD from 01/02/2026
    const sameDay = [HEADER, ['084100000003', 'Lê Hoàng Cường', '', 'Nam', 'QLDD', '', 'Kỹ sư', 'Viên chức', '', '01/02/2026']]
    expect(await run(csvFile(sameDay))).toMatchObject({ ok: true, moved: 1 })
    expect(historyOf('084100000003')).toEqual([{ unitId: 'u-qldd-2026', position: '', validFrom: '2026-02-01', validTo: null }])
    const earlier = [HEADER, ['084100000003', 'Lê Hoàng Cường', '', 'Nam', 'DD', '', 'Kỹ sư', 'Viên chức', '', '01/01/2026']]
    expect(await run(csvFile(earlier))).toMatchObject({ ok: true, moved: 1 })
    expect(historyOf('084100000003')).toEqual([{ unitId: 'u-dd', position: '', validFrom: '2026-01-01', validTo: null }])
  })

  it('person fields change without a move: counted as updated; a leaver gets a last working day', async () => {
    await run(csvFile(base))
    const rows = [
      [...HEADER, 'Ngày thôi việc'],
      ['084100000001', 'Nguyễn Văn Ân', '05/01/1985', 'Nam', 'QLDD', 'Trưởng phòng', 'Chuyên viên chính', 'Công chức', 'an@example.vn', '01/01/2026', '30/06/2026'],
    ]
    const result = await run(csvFile(rows))
    expect(result).toMatchObject({ ok: true, updated: 1, moved: 0 })
    expect(personByNid('084100000001')).toMatchObject({ ten: 'Ân', left_on: '2026-06-30', full_name_original: 'Nguyễn Văn Ân' })
    expect(historyOf('084100000001')).toHaveLength(1)
  })
})

describe('roster import: every bad row is named by row and column, and nothing is written', () => {
  const bad = [
    HEADER, // row 1
    ['', 'Thiếu Số', '', '', 'VP', '', '', 'Công chức', '', ''], // 2 missing id
    ['08410000001', 'Mất Số Không', '', '', 'VP', '', '', 'Công chức', '', ''], // 3 eleven digits
    ['084100000031', 'Người Thứ Nhất', '', '', 'VP', '', '', 'Công chức', '', ''], // 4 ok
    ['084100000031', 'Người Trùng', '', '', 'VP', '', '', 'Công chức', '', ''], // 5 duplicate of row 4
    ['084100000032', 'Sai Đơn Vị', '', '', 'KHONGCO', '', '', 'Công chức', '', ''], // 6 unknown unit
    ['084100000033', 'Đơn Vị Cũ', '', '', 'TTRA', '', '', 'Công chức', '', '01/01/2025'], // 7 unit not valid then
    ['084100000034', 'Ngày Ảo', '31/02/2025', '', 'VP', '', '', 'Công chức', '', ''], // 8 impossible date
    ['084100000035', 'Ngày Kiểu Khác', '', '', 'VP', '', '', 'Công chức', '', '2025-02-03'], // 9 ISO date
    ['084100000036', 'Loại Lạ', '', '', 'VP', '', '', 'Hợp đồng', '', ''], // 10 unknown staff type
    ['084100000037', '   ', '', '', 'VP', '', '', 'Công chức', '', ''], // 11 empty name
    ['084100000038', 'Giới Tính Lạ', '', 'Khác', 'VP', '', '', 'Công chức', '', ''], // 12 sex
    ['084100000039', 'Email Hỏng', '', '', 'VP', '', '', 'Công chức', 'khong-phai-email', ''], // 13 email
    ['084100000040', 'Quá Dài', '', '', 'VP', 'x'.repeat(SPREADSHEET_LIMITS.maxCellLength + 1), '', 'Công chức', '', ''], // 14 cell length
  ]

  it('lists each problem in Vietnamese; confirm is refused and writes nothing', async () => {
    const result = await run(csvFile(bad))
    expect(result.ok).toBe(false)
    expect(errorAt(result, 2, 'Số định danh cá nhân')).toMatch(/Thiếu số định danh/)
    expect(errorAt(result, 3, 'Số định danh cá nhân')).toMatch(/đúng 12 chữ số.*số 0 ở đầu/)
    expect(errorAt(result, 5, 'Số định danh cá nhân')).toMatch(/trùng với dòng 4/)
    expect(errorAt(result, 6, 'Mã đơn vị')).toMatch(/Không có đơn vị nào mang mã “KHONGCO”/)
    expect(errorAt(result, 7, 'Mã đơn vị')).toMatch(/không có hiệu lực vào ngày 01\/01\/2025/)
    expect(errorAt(result, 8, 'Ngày sinh')).toMatch(/31\/02\/2025.*không có thật/)
    expect(errorAt(result, 9, 'Ngày bắt đầu')).toMatch(/không đúng định dạng dd\/mm\/yyyy/)
    expect(errorAt(result, 10, 'Loại')).toMatch(/Loại “Hợp đồng” không hợp lệ/)
    expect(errorAt(result, 11, 'Họ và tên')).toMatch(/Họ và tên trống/)
    expect(errorAt(result, 12, 'Giới tính')).toMatch(/Nam hoặc Nữ/)
    expect(errorAt(result, 13, 'Email')).toMatch(/không hợp lệ/)
    expect(errorAt(result, 14, 'Chức vụ')).toMatch(/vượt giới hạn 500 ký tự/)
    expect(result.errors).toHaveLength(12)
    expect(snapshot()).toEqual({ people: 0, assignments: 0, batches: 0, audit: 0 })
  })

  it('once the error rows are excluded, the rest can be confirmed', async () => {
    const errorRows = [2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]
    const preview = await run(csvFile(bad), { dryRun: true, skipRows: errorRows })
    expect(preview).toMatchObject({ ok: true, rows: 1, created: 1, skipped: errorRows })
    const done = await run(csvFile(bad), { skipRows: errorRows })
    expect(done).toMatchObject({ ok: true, created: 1 })
    expect(personByNid('084100000031')).toMatchObject({ ten: 'Nhất' })
    // Excluding only some still refuses.
    resetData()
    expect(await run(csvFile(bad), { skipRows: [2, 3] })).toMatchObject({ ok: false })
    expect(snapshot().people).toBe(0)
  })

  it('a unit valid today but not on the start date of a new person is refused', async () => {
    const rows = [HEADER, ['084100000041', 'Mới Vào', '', '', 'DD', '', '', 'Công chức', '', '01/06/2025']]
    const result = await run(csvFile(rows))
    expect(errorAt(result, 2, 'Mã đơn vị')).toMatch(/chưa có hoặc đã thôi hiệu lực vào Ngày bắt đầu 01\/06\/2025/)
  })

  it('a missing Loại for a new person is an error', async () => {
    const rows = [HEADER, ['084100000042', 'Không Loại', '', '', 'VP', '', '', '', '', '']]
    expect(errorAt(await run(csvFile(rows)), 2, 'Loại')).toMatch(/Thiếu Loại/)
  })

  it('a wrong header row says which required headers are missing', async () => {
    const rows = [['CCCD', 'Tên đầy đủ', 'Đơn vị'], ['084100000001', 'Nguyễn Văn An', 'VP']]
    const result = await run(csvFile(rows))
    const message = errorAt(result, 1, null)
    expect(message).toContain('“Số định danh cá nhân”')
    expect(message).toContain('“Mã đơn vị”')
    expect(message).toContain('Họ và tên')
  })

  it('file-level problems: empty, header only, not a spreadsheet, not UTF-8, too big, too many rows', async () => {
    expect(errorAt(await run(new Uint8Array()), null, null)).toMatch(/Tệp trống/)
    expect(errorAt(await run(csvFile([])), null, null)).toMatch(/Tệp trống/)
    expect(errorAt(await run(csvFile([HEADER])), null, null)).toMatch(/chỉ có dòng tiêu đề/)
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
    expect(errorAt(await run(png, { fileName: 'anh.png' }), null, null)).toMatch(/không phải là bảng tính/)
    const latin1 = new Uint8Array([...new TextEncoder().encode('Số định danh cá nhân,Họ và tên\n'), 0xe0, 0xe1, 0x0a])
    expect(errorAt(await run(latin1), null, null)).toMatch(/UTF-8/)
    expect(errorAt(await run(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { fileName: 'x.xlsx' }), null, null)).toMatch(/hỏng/)
    const huge = new Uint8Array(SPREADSHEET_LIMITS.maxBytes + 1).fill(0x41)
    expect(errorAt(await run(huge), null, null)).toMatch(/Tệp quá lớn.*giới hạn là 5 MB/)
    const many = [HEADER, ...Array.from({ length: SPREADSHEET_LIMITS.maxDataRows + 1 }, (_, i) => [`0841${String(i).padStart(8, '0')}`, 'A B', '', '', 'VP', '', '', 'Công chức', '', ''])]
    expect(errorAt(await run(csvFile(many)), null, null)).toMatch(/10\.001 dòng dữ liệu, vượt giới hạn 10\.000 dòng/)
    expect(snapshot()).toEqual({ people: 0, assignments: 0, batches: 0, audit: 0 })
  })

  it('xlsx: formulas, hidden sheets and a zip bomb are refused', async () => {
    const withFormula = await xlsxFile([HEADER, ['084100000001', 'Nguyễn Văn An', '', '', 'VP', '', '', 'Công chức', '', { formula: 'TODAY()', result: 46000 }]])
    expect(errorAt(await run(withFormula, { fileName: 'a.xlsx' }), null, null)).toMatch(/công thức \(ví dụ ô J2\)/)
    const hidden = await xlsxFile([HEADER, ['084100000001', 'Nguyễn Văn An', '', '', 'VP', '', '', 'Công chức', '', '']], {
      extraSheets: [{ name: 'Nhân sự ẩn', state: 'hidden' }],
    })
    expect(errorAt(await run(hidden, { fileName: 'a.xlsx' }), null, null)).toMatch(/trang tính ẩn \(“Nhân sự ẩn”\)/)
    const started = Date.now()
    expect(errorAt(await run(zipBomb(), { fileName: 'bomb.xlsx' }), null, null)).toMatch(/giải nén vượt quá/)
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(snapshot()).toEqual({ people: 0, assignments: 0, batches: 0, audit: 0 })
  })
})

describe('roster import: all or nothing', () => {
  it('a failure half-way through the writes rolls every row back', async () => {
    await run(csvFile(base))
    const before = { ...snapshot(), assignments: db.sqlite.prepare('SELECT * FROM assignments ORDER BY id').all() }
    // A real database failure on the third written row (the checks in the plan cannot see it coming).
    db.sqlite.exec(`CREATE TRIGGER fail_on_third BEFORE INSERT ON people WHEN NEW.national_id = '084100000053'
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`)
    try {
      const rows = [
        HEADER,
        ['084100000002', 'Trần Thị Bình', '12/03/1990', 'Nữ', 'DD', '', 'Chuyên viên', 'Công chức', '', '01/03/2026'], // a move
        ['084100000051', 'Một Hai Ba', '', '', 'VP', '', '', 'Công chức', '', ''],
        ['084100000052', 'Bốn Năm Sáu', '', '', 'VP', '', '', 'Công chức', '', ''],
        ['084100000053', 'Bảy Tám Chín', '', '', 'VP', '', '', 'Công chức', '', ''],
        ['084100000054', 'Mười Một Hai', '', '', 'VP', '', '', 'Công chức', '', ''],
      ]
      expect((await run(csvFile(rows), { dryRun: true })).ok).toBe(true)
      await expect(run(csvFile(rows))).rejects.toThrow(/simulated failure/)
      expect({ ...snapshot(), assignments: db.sqlite.prepare('SELECT * FROM assignments ORDER BY id').all() }).toEqual(before)
      expect(personByNid('084100000051')).toBeUndefined()
    } finally {
      db.sqlite.exec('DROP TRIGGER fail_on_third')
    }
  })
})

describe('roster import: a 5.000-row file', () => {
  it('previews correctly with bulk reads, then confirms', async () => {
    const codes = ['VP', 'QLDD', 'DD']
    const rows = [HEADER, ...Array.from({ length: 5000 }, (_, i) => [`0842${String(i).padStart(8, '0')}`, `Nguyễn Văn Số${i}`, '01/01/1990', i % 2 ? 'Nam' : 'Nữ', codes[i % 3]!, '', 'Chuyên viên', 'Công chức', '', '01/02/2026'])]
    const file = csvFile(rows)
    let started = performance.now()
    const preview = await run(file, { dryRun: true })
    const previewMs = performance.now() - started
    expect(preview).toMatchObject({ ok: true, rows: 5000, created: 5000, errors: [] })
    started = performance.now()
    expect(await run(file)).toMatchObject({ ok: true, created: 5000 })
    const confirmMs = performance.now() - started
    expect(count('people')).toBe(5000)
    started = performance.now()
    expect(await run(file, { dryRun: true })).toMatchObject({ ok: true, unchanged: 5000 })
    const repreviewMs = performance.now() - started
    console.log(`5.000-row CSV: preview ${previewMs.toFixed(0)} ms, confirm ${confirmMs.toFixed(0)} ms, re-preview (all existing) ${repreviewMs.toFixed(0)} ms`)
  })
})
