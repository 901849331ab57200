/**
 * Certificates, public verification and question statistics over HTTP against the real production server, with
 * completions and attempts written straight into its database (WAL lets the test write while it serves).
 */
import fs from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { formatCertificateCode, newCertificateCode } from '~/models/certificate-code'
import { startTestServer, type TestServer } from '../server'
import { get as getAs, signIn as signInAs } from './client'

let server: TestServer
let learnerPersonId: string
let learnerName: string
let otherPersonId: string
const mine = newCertificateCode()
const someoneElses = newCertificateCode()
const unknown = newCertificateCode()

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath)
  db.pragma('busy_timeout = 5000')
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

function insertCompletion(db: Database.Database, { personId, code, completedOn, score }: { personId: string; code: string; completedOn: string; score: number }) {
  const version = (db.prepare("SELECT version FROM courses WHERE id = 'an-toan-thong-tin'").get() as { version: string }).version
  db.prepare(
    "INSERT INTO completions (id, person_id, course_id, course_version, completed_on, completed_at, score, unit_id, unit_name, certificate_code) VALUES (?, ?, 'an-toan-thong-tin', ?, ?, ?, ?, NULL, 'Phòng Quản lý đất đai', ?)",
  ).run(`test-${code}`, personId, version, completedOn, Date.now(), score, code)
}

beforeAll(async () => {
  server = await startTestServer()
  withDb((db) => {
    const learner = db
      .prepare("SELECT p.id, p.ho, p.chu_dem AS chuDem, p.ten FROM users u JOIN people p ON p.id = u.person_id WHERE u.username = 'hocvien'")
      .get() as { id: string; ho: string; chuDem: string; ten: string }
    learnerPersonId = learner.id
    learnerName = [learner.ho, learner.chuDem, learner.ten].filter(Boolean).join(' ')
    otherPersonId = (db.prepare('SELECT id FROM people WHERE id != ? ORDER BY id LIMIT 1').get(learnerPersonId) as { id: string }).id
    insertCompletion(db, { personId: learnerPersonId, code: mine, completedOn: '2026-01-05', score: 90 })
    insertCompletion(db, { personId: otherPersonId, code: someoneElses, completedOn: '2025-12-01', score: 85 })
  })
})
afterAll(async () => {
  await server?.stop()
})

const signIn = (username: string) => signInAs(server, username)
const get = (url: string, cookie?: string) => getAs(server, url, cookie)

const revoke = (code: string, reason: string, cookie: string, origin = server.baseUrl) =>
  fetch(`${server.baseUrl}/certificates/${formatCertificateCode(code)}`, {
    method: 'POST',
    body: new URLSearchParams({ reason }),
    headers: { Cookie: cookie, Origin: origin },
    redirect: 'manual',
  })

const revokedState = (code: string) =>
  withDb((db) => db.prepare('SELECT revoked_at AS revokedAt, revoked_reason AS reason FROM completions WHERE certificate_code = ?').get(code)) as {
    revokedAt: number | null
    reason: string | null
  }

describe('the public verification page', () => {
  it('shows a valid certificate without a session, with only the minimum of personal data', async () => {
    const res = await get(`/verify/${formatCertificateCode(mine)}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(learnerName)
    expect(html).toContain('An toàn thông tin và phòng chống lừa đảo trực tuyến')
    expect(html).toContain('05/01/2026')
    expect(html).toContain('Còn hiệu lực')
    expect(html).not.toContain('Đã thu hồi')
    const person = withDb((db) => db.prepare('SELECT national_id AS nationalId, birth_date AS birthDate FROM people WHERE id = ?').get(learnerPersonId)) as {
      nationalId: string
      birthDate: string | null
    }
    expect(html).not.toContain(person.nationalId)
    if (person.birthDate) expect(html).not.toContain(person.birthDate.split('-').reverse().join('/'))
    expect(html).not.toContain('90,00%')
    expect(html).not.toContain('Phòng Quản lý đất đai')
  })

  it('sends a code typed in lower case or without dashes to its canonical address', async () => {
    const res = await get(`/verify/${mine.toLowerCase()}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/verify/${formatCertificateCode(mine)}`)
    const typed = await get(`/verify?code=${encodeURIComponent(` ${mine.slice(0, 6).toLowerCase()} ${mine.slice(6)} `)}`)
    expect(typed.status).toBe(302)
    expect(typed.headers.get('location')).toBe(`/verify/${formatCertificateCode(mine)}`)
  })

  it('answers 404 with a message and the form for an unknown or malformed code', async () => {
    for (const code of [formatCertificateCode(unknown), 'KHONG-CO-MA', 'ABCD-EFGH-JKL0']) {
      const res = await get(`/verify/${code}`)
      expect(res.status, code).toBe(404)
      const html = await res.text()
      expect(html).toContain('Không tìm thấy giấy chứng nhận')
      expect(html).toContain('name="code"')
      expect(html).not.toContain(learnerName)
    }
  })

  it('refuses a malformed code typed in the form with a message next to the field, keeping it', async () => {
    const res = await get('/verify?code=ABCD-1234')
    expect(res.status).toBe(400)
    const html = await res.text()
    expect(html).toContain('Mã không đúng dạng')
    expect(html).toContain('value="ABCD-1234"')
    expect(html).toMatch(/aria-invalid="true"/)
    expect(await (await get('/verify')).text()).toContain('Mã xác thực')
  })
})

describe('the certificate page', () => {
  it('sends a visitor without a session to sign in', async () => {
    const res = await get(`/certificates/${formatCertificateCode(mine)}`)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(/^\/login\?redirectTo=/)
  })

  it('shows the owner a printable certificate with the QR code of the verification page', async () => {
    const cookie = await signIn('hocvien')
    const res = await get(`/certificates/${formatCertificateCode(mine)}`, cookie)
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const text of [
      'UBND TỈNH VĨNH LONG',
      'SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH VĨNH LONG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Vĩnh Long, ngày 05 tháng 01 năm 2026',
      'GIẤY CHỨNG NHẬN',
      learnerName,
      'Phòng Quản lý đất đai',
      'An toàn thông tin và phòng chống lừa đảo trực tuyến',
      '90,00%',
      `Mã xác thực: ${formatCertificateCode(mine)}`,
      `${server.baseUrl}/verify/${formatCertificateCode(mine)}`,
      'GIÁM ĐỐC',
    ]) {
      expect(html, text).toContain(text)
    }
    expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/)
    expect(html).not.toContain('name="reason"')
    expect(html).not.toContain('ĐÃ THU HỒI')
  })

  it('stays in Vietnamese (an administrative document) when the interface is in English', async () => {
    const cookie = `${await signIn('hocvien')}; hocso_lang=en`
    const html = await (await get(`/certificates/${formatCertificateCode(mine)}`, cookie)).text()
    expect(html).toContain('GIẤY CHỨNG NHẬN')
    expect(html).toContain('Vĩnh Long, ngày 05 tháng 01 năm 2026')
    expect(html).toContain('always issued in Vietnamese')
    expect(html).toContain('Open the public verification page')
    const verify = await (await get(`/verify/${formatCertificateCode(mine)}`, 'hocso_lang=en')).text()
    expect(verify).toContain('Valid')
    expect(verify).toContain('Completed on')
  })

  it('is 404 for another learner’s certificate (as for an unknown code), and for a unit head', async () => {
    const learner = await signIn('hocvien')
    const other = await get(`/certificates/${formatCertificateCode(someoneElses)}`, learner)
    expect(other.status).toBe(404)
    const missing = await get(`/certificates/${formatCertificateCode(unknown)}`, learner)
    expect(missing.status).toBe(404)
    expect(await other.text()).not.toContain('GIẤY CHỨNG NHẬN')
    const head = await signIn('truongphong')
    expect((await get(`/certificates/${formatCertificateCode(mine)}`, head)).status).toBe(404)
  })

  it('is shown to HR without the revoke form, and to an admin with it', async () => {
    const hr = await signIn('tochuc')
    const forHr = await get(`/certificates/${formatCertificateCode(someoneElses)}`, hr)
    expect(forHr.status).toBe(200)
    expect(await forHr.text()).not.toContain('name="reason"')
    const admin = await signIn('quantri')
    const forAdmin = await get(`/certificates/${formatCertificateCode(someoneElses)}`, admin)
    expect(forAdmin.status).toBe(200)
    expect(await forAdmin.text()).toContain('name="reason"')
  })
})

describe('revoking a certificate', () => {
  it('refuses a cross-site post and changes nothing', async () => {
    const admin = await signIn('quantri')
    const res = await revoke(mine, 'Kết quả không hợp lệ', admin, 'https://evil.example')
    expect(res.status).toBe(403)
    expect(revokedState(mine)).toEqual({ revokedAt: null, reason: null })
  })

  it('refuses HR and learners (403)', async () => {
    expect((await revoke(mine, 'Kết quả không hợp lệ', await signIn('tochuc'))).status).toBe(403)
    expect((await revoke(mine, 'Kết quả không hợp lệ', await signIn('hocvien'))).status).toBe(403)
    expect(revokedState(mine)).toEqual({ revokedAt: null, reason: null })
  })

  it('refuses an empty or too short reason with a message next to the field, keeping what was typed', async () => {
    const admin = await signIn('quantri')
    const empty = await revoke(mine, '   ', admin)
    expect(empty.status).toBe(400)
    const html = await empty.text()
    expect(html).toContain('Nhập lý do thu hồi, ít nhất 5 ký tự.')
    expect(html).toMatch(/<textarea[^>]*aria-invalid="true"/)
    const short = await revoke(mine, 'Sai', admin)
    expect(short.status).toBe(400)
    expect(await short.text()).toMatch(/<textarea[^>]*>Sai<\/textarea>/)
    expect(revokedState(mine)).toEqual({ revokedAt: null, reason: null })
  })

  it('revokes, shows the revoked state, and the verification page then says so without the reason', async () => {
    const admin = await signIn('quantri')
    const res = await revoke(mine, 'Kết quả bài kiểm tra không hợp lệ', admin)
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe(`/certificates/${formatCertificateCode(mine)}?revoked=1`)
    expect(revokedState(mine)).toMatchObject({ reason: 'Kết quả bài kiểm tra không hợp lệ' })
    const audit = withDb((db) => db.prepare("SELECT details FROM audit_log WHERE action = 'certificate.revoke'").all()) as { details: string }[]
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ code: mine, reason: 'Kết quả bài kiểm tra không hợp lệ' }])

    const page = await (await get(res.headers.get('location')!, admin)).text()
    expect(page).toContain('ĐÃ THU HỒI')
    expect(page).toContain('Lý do: Kết quả bài kiểm tra không hợp lệ')
    expect(page).toContain('Đã thu hồi giấy chứng nhận.')
    expect(page).not.toContain('name="reason"')
    const owner = await (await get(`/certificates/${formatCertificateCode(mine)}`, await signIn('hocvien'))).text()
    expect(owner).toContain('ĐÃ THU HỒI')

    const verify = await get(`/verify/${formatCertificateCode(mine)}`)
    expect(verify.status).toBe(200)
    const html = await verify.text()
    expect(html).toMatch(/Đã thu hồi ngày \d{2}\/\d{2}\/\d{4}/)
    expect(html).not.toContain('Còn hiệu lực')
    expect(html).not.toContain('Kết quả bài kiểm tra không hợp lệ')
  })

  it('refuses to revoke twice', async () => {
    const res = await revoke(mine, 'Thu hồi thêm lần nữa', await signIn('quantri'))
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('đã được thu hồi trước đó')
    expect(revokedState(mine)).toMatchObject({ reason: 'Kết quả bài kiểm tra không hợp lệ' })
  })
})

describe('question statistics', () => {
  it('are refused to a learner and a unit head (403)', async () => {
    expect((await get('/reports/questions', await signIn('hocvien'))).status).toBe(403)
    expect((await get('/reports/questions?course=an-toan-thong-tin', await signIn('truongphong'))).status).toBe(403)
  })

  it('show HR the course choice, an empty state, then the numbers once an attempt is submitted', async () => {
    const hr = await signIn('tochuc')
    const start = await get('/reports/questions', hr)
    expect(start.status).toBe(200)
    const startHtml = await start.text()
    expect(startHtml).toContain('Chọn một khóa học ở trên')
    expect(startHtml).toContain('href="/reports/questions"')

    const empty = await (await get('/reports/questions?course=an-toan-thong-tin', hr)).text()
    expect(empty).toContain('Chưa có lượt làm bài nào cho khóa học này')
    expect(empty).toContain('href="/courses/an-toan-thong-tin"')

    const quiz = YAML.parse(fs.readFileSync('content/courses/02-an-toan-thong-tin/quiz.yaml', 'utf8')) as {
      questions: { id: string; type: string; options?: { id: string; text: string }[]; correct?: unknown }[]
    }
    const q01 = quiz.questions.find((q) => q.id === 'q01')!
    const q04 = quiz.questions.find((q) => q.id === 'q04')!
    const wrongOption = q01.options!.find((o) => o.id !== q01.correct)!
    withDb((db) => {
      const version = (db.prepare("SELECT version FROM courses WHERE id = 'an-toan-thong-tin'").get() as { version: string }).version
      const insert = db.prepare(
        "INSERT INTO quiz_attempts (id, person_id, course_id, course_version, shown, answers, started_at, submitted_at, score, passed, graded) VALUES (?, ?, 'an-toan-thong-tin', ?, ?, '{}', ?, ?, 0, 0, ?)",
      )
      for (let i = 0; i < 5; i++) {
        insert.run(
          `stats-${i}`,
          learnerPersonId,
          version,
          JSON.stringify([{ question: q01, order: [0, 1, 2, 3] }, { question: q04, order: [] }]),
          Date.now(),
          Date.now(),
          JSON.stringify([
            { questionId: 'q01', type: 'single', score: 0, correct: false, chosen: [wrongOption.id], answered: true },
            { questionId: 'q04', type: 'truefalse', score: 1, correct: true, chosen: ['false'], answered: true },
          ]),
        )
      }
    })
    const res = await get('/reports/questions?course=an-toan-thong-tin', hr)
    expect(res.status).toBe(200)
    // React separates adjacent text nodes with <!-- -->.
    const html = (await res.text()).replace(/<!-- -->/g, '')
    expect(html).toContain('5 lượt làm bài đã nộp')
    expect(html).toContain(wrongOption.text.replace(/&/g, '&amp;'))
    expect(html).toContain('(5 lần)')
    expect(html).toContain('Hầu hết học viên trả lời sai')
    expect(html).toContain('100,00%')
    expect(html).toContain('0,00%')
  })

  it('answer an unknown course with a message next to the field', async () => {
    const res = await get('/reports/questions?course=khong-co-khoa-nay', await signIn('quantri'))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Khóa học này không tồn tại hoặc không có bài kiểm tra cuối khóa')
  })
})
