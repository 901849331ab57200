/** getCertificate / revokeCertificate / listCertificatesForPerson on a real migrated SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { getCertificate, listCertificatesForPerson, revokeCertificate } from './certificates.server'

let db: ReturnType<typeof createTestDatabase>

const NOW = Date.UTC(2026, 0, 5, 3)

beforeAll(() => {
  db = createTestDatabase()
  const s = db.sqlite
  s.prepare('INSERT INTO units (id, created_at) VALUES (?, ?)').run('u-qldd', NOW)
  s.prepare(
    "INSERT INTO unit_versions (unit_id, code, name, kind, valid_from, valid_to) VALUES ('u-qldd', 'QLDD', 'Phòng Quản lý đất đai', 'phong', '2024-01-01', '2025-12-31'), ('u-qldd', 'QLDD', 'Phòng Đất đai', 'phong', '2026-01-01', NULL)",
  ).run()
  const person = s.prepare(
    "INSERT INTO people (id, national_id, ho, chu_dem, ten, search_key, sex, staff_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'cong_chuc', ?, ?)",
  )
  person.run('p-1', '084123456789', 'Thạch', 'Trần Thị', 'Cầm', 'thach tran thi cam', 'nu', NOW, NOW)
  person.run('p-2', '084123456780', 'Nguyễn', 'Văn', 'An', 'nguyen van an', 'nam', NOW, NOW)
  s.prepare(
    "INSERT INTO users (id, username, password_hash, display_name, person_id, password_changed_at, created_at) VALUES ('user-admin', 'quantri', 'x', 'Quản trị', NULL, ?, ?)",
  ).run(NOW, NOW)
  const course = s.prepare(
    "INSERT INTO courses (id, folder, title, summary, category, duration_tiet, skill_strand, report_row, yearly, audience, objectives, status, version, position, has_quiz, synced_at) VALUES (?, ?, ?, 'Tóm tắt khóa học', 'an-toan-thong-tin', ?, 'Kỹ năng', 'an_toan_thong_tin', 1, 'Mọi người', '[]', 'published', 'v1', ?, 1, ?)",
  )
  course.run('an-toan-thong-tin', '02-an-toan-thong-tin', 'An toàn thông tin và phòng chống lừa đảo trực tuyến', 8, 2, NOW)
  course.run('chuyen-doi-so', '01-chuyen-doi-so', 'Chuyển đổi số và kỹ năng số nền tảng', 6, 1, NOW)
  const completion = s.prepare(
    'INSERT INTO completions (id, person_id, course_id, course_version, completed_on, completed_at, score, unit_id, unit_name, certificate_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  completion.run('c-1', 'p-1', 'an-toan-thong-tin', 'v1', '2025-11-20', NOW, 90, 'u-qldd', 'Phòng Quản lý đất đai', 'ABCDEFGHJKLM')
  // No stored unit name: the name the unit had on the completion day is used.
  completion.run('c-2', 'p-1', 'chuyen-doi-so', 'v1', '2025-03-02', NOW, null, 'u-qldd', null, 'ZZZZ2222YYYY')
  completion.run('c-3', 'p-2', 'chuyen-doi-so', 'v1', '2026-01-03', NOW, 75.5, null, null, 'QQQQ3333RRRR')
})
afterAll(() => db.cleanup())

const auditRows = () =>
  db.sqlite.prepare("SELECT actor_user_id AS actor, action, entity_type AS entityType, entity_id AS entityId, details FROM audit_log WHERE action = 'certificate.revoke'").all() as {
    actor: string
    action: string
    entityType: string
    entityId: string
    details: string
  }[]
const completionRow = (id: string) =>
  db.sqlite.prepare('SELECT revoked_at AS revokedAt, revoked_reason AS revokedReason, revoked_by AS revokedBy FROM completions WHERE id = ?').get(id)

describe('getCertificate', () => {
  it('finds a certificate by its code however it is typed', () => {
    const expected = {
      completionId: 'c-1',
      code: 'ABCDEFGHJKLM',
      personId: 'p-1',
      ho: 'Thạch',
      chuDem: 'Trần Thị',
      ten: 'Cầm',
      sex: 'nu',
      courseId: 'an-toan-thong-tin',
      courseTitle: 'An toàn thông tin và phòng chống lừa đảo trực tuyến',
      durationTiet: 8,
      completedOn: '2025-11-20',
      score: 90,
      unitName: 'Phòng Quản lý đất đai',
      revokedAt: null,
      revokedReason: null,
    }
    expect(getCertificate({ code: 'ABCDEFGHJKLM' })).toEqual(expected)
    expect(getCertificate({ code: 'abcd-efgh-jklm' })).toEqual(expected)
  })

  it('names the unit as it was on the completion day when the completion did not store it', () => {
    expect(getCertificate({ code: 'ZZZZ-2222-YYYY' })).toMatchObject({ unitName: 'Phòng Quản lý đất đai', score: null })
    expect(getCertificate({ code: 'QQQQ3333RRRR' })).toMatchObject({ unitName: null, ho: 'Nguyễn', sex: 'nam' })
  })

  it('answers null for an unknown or malformed code', () => {
    expect(getCertificate({ code: 'ABCDEFGHJKLN' })).toBeNull()
    expect(getCertificate({ code: 'ABCDEFGHJKL' })).toBeNull()
    expect(getCertificate({ code: "' OR 1=1 --" })).toBeNull()
  })
})

describe('revokeCertificate', () => {
  it('refuses a reason shorter than 5 characters after trimming, and changes nothing', () => {
    for (const reason of ['', '    ', ' abc ', 'Sai\n ']) {
      expect(revokeCertificate({ code: 'ABCDEFGHJKLM', reason, actorUserId: 'user-admin' })).toEqual({ ok: false, error: 'reason_too_short' })
    }
    expect(revokeCertificate({ code: 'ABCDEFGHJKLM', reason: 'x'.repeat(501), actorUserId: 'user-admin' })).toEqual({ ok: false, error: 'reason_too_long' })
    expect(completionRow('c-1')).toEqual({ revokedAt: null, revokedReason: null, revokedBy: null })
    expect(auditRows()).toEqual([])
  })

  it('answers not_found for an unknown code', () => {
    expect(revokeCertificate({ code: 'ABCDEFGHJKLN', reason: 'Cấp nhầm người', actorUserId: 'user-admin' })).toEqual({ ok: false, error: 'not_found' })
    expect(auditRows()).toEqual([])
  })

  it('revokes with the cleaned reason and writes the audit entry in the same transaction', () => {
    const at = Date.UTC(2026, 0, 6, 2)
    const result = revokeCertificate({ code: 'abcd efgh jklm', reason: '  Kết quả   không hợp lệ  ', actorUserId: 'user-admin', at })
    expect(result).toMatchObject({ ok: true, certificate: { code: 'ABCDEFGHJKLM', revokedAt: at, revokedReason: 'Kết quả không hợp lệ' } })
    expect(completionRow('c-1')).toEqual({ revokedAt: at, revokedReason: 'Kết quả không hợp lệ', revokedBy: 'user-admin' })
    const audit = auditRows()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'user-admin', action: 'certificate.revoke', entityType: 'completion', entityId: 'c-1' })
    expect(JSON.parse(audit[0]!.details)).toEqual({ code: 'ABCDEFGHJKLM', reason: 'Kết quả không hợp lệ' })
    expect(getCertificate({ code: 'ABCDEFGHJKLM' })).toMatchObject({ revokedAt: at, revokedReason: 'Kết quả không hợp lệ' })
  })

  it('refuses to revoke twice, keeping the first revocation and writing no second audit entry', () => {
    const before = completionRow('c-1')
    expect(revokeCertificate({ code: 'ABCDEFGHJKLM', reason: 'Thu hồi lần nữa', actorUserId: 'user-admin' })).toEqual({ ok: false, error: 'already_revoked' })
    expect(completionRow('c-1')).toEqual(before)
    expect(auditRows()).toHaveLength(1)
    // The other certificates are untouched.
    expect(completionRow('c-2')).toEqual({ revokedAt: null, revokedReason: null, revokedBy: null })
  })

  it('rolls back the revocation when the audit entry cannot be written', () => {
    // The UPDATE succeeds, then the audit insert fails: nothing may remain half-written.
    db.sqlite.exec("CREATE TEMP TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END")
    try {
      expect(() => revokeCertificate({ code: 'ZZZZ2222YYYY', reason: 'Cấp nhầm khóa học', actorUserId: 'user-admin' })).toThrow(/audit down/)
    } finally {
      db.sqlite.exec('DROP TRIGGER audit_down')
    }
    expect(completionRow('c-2')).toEqual({ revokedAt: null, revokedReason: null, revokedBy: null })
    expect(auditRows()).toHaveLength(1)
  })
})

describe('listCertificatesForPerson', () => {
  it("lists a person's certificates newest first, revoked ones marked", () => {
    const list = listCertificatesForPerson({ personId: 'p-1' })
    expect(list.map((c) => [c.code, c.completedOn, c.revokedAt !== null])).toEqual([
      ['ABCDEFGHJKLM', '2025-11-20', true],
      ['ZZZZ2222YYYY', '2025-03-02', false],
    ])
    expect(list[0]).toMatchObject({ courseId: 'an-toan-thong-tin', courseTitle: 'An toàn thông tin và phòng chống lừa đảo trực tuyến', durationTiet: 8, score: 90 })
    expect(listCertificatesForPerson({ personId: 'p-2' })).toHaveLength(1)
    expect(listCertificatesForPerson({ personId: 'nobody' })).toEqual([])
  })
})
