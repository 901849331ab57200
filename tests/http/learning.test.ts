/** Learner pages over HTTP against the real production server: reading, marking done, drafts, no recompiles. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../server'
import { get as getAs, signIn as signInAs } from './client'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-learning-'))
const contentDir = path.join(dir, 'content')
let server: TestServer

beforeAll(async () => {
  fs.cpSync('content/courses', contentDir, { recursive: true })
  const draft = path.join(contentDir, '08-ban-nhap')
  fs.mkdirSync(draft)
  fs.writeFileSync(
    path.join(draft, 'course.mdx'),
    `---\nid: ban-nhap\ntitle: "Khóa học đang soạn"\nsummary: "Một khóa học chưa công bố cho học viên."\ncategory: ky-nang-so\ndurationTiet: 1\nskillStrand: "Kỹ năng số"\nreportRow: chuyen_doi_so\nyearly: false\naudience: "Mọi người"\nobjectives: ["Mục tiêu một", "Mục tiêu hai"]\nstatus: draft\n---\n\nĐang soạn.\n`,
  )
  fs.writeFileSync(path.join(draft, '01-bai-nhap.mdx'), '---\ntitle: "Bài nháp"\nminutes: 5\n---\n\nNội dung bản nháp bí mật.\n')
  server = await startTestServer({ dir, env: { CONTENT_DIR: contentDir } })
})
afterAll(async () => {
  await server?.stop()
})

const signIn = (username: string) => signInAs(server, username)
const get = (url: string, cookie?: string) => getAs(server, url, cookie)

function progressRows(lessonId: string): number {
  const db = new Database(server.databasePath, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM lesson_progress WHERE lesson_id = ? AND completed_at IS NOT NULL').get(lessonId) as { n: number }).n
  } finally {
    db.close()
  }
}

describe('learner pages', () => {
  it('send a visitor without a session from a lesson to /login', async () => {
    const res = await get('/courses/an-toan-thong-tin/nhan-dien-lua-dao')
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Fcourses%2Fan-toan-thong-tin%2Fnhan-dien-lua-dao')
  })

  it('show a lesson, and record “Đánh dấu hoàn thành” with a plain form post, once', async () => {
    const cookie = await signIn('hocvien')
    const page = await get('/courses/an-toan-thong-tin/nhan-dien-lua-dao', cookie)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Đánh dấu hoàn thành')
    expect(html).toContain('Bài 1/4')
    expect(html).toContain('name="intent" value="complete"')
    const markDone = () =>
      fetch(`${server.baseUrl}/courses/an-toan-thong-tin/nhan-dien-lua-dao`, {
        method: 'POST',
        body: new URLSearchParams({ intent: 'complete' }),
        headers: { Cookie: cookie, Origin: server.baseUrl },
        redirect: 'manual',
      })
    const first = await markDone()
    expect(first.status).toBe(302)
    expect(first.headers.get('location')).toBe('/courses/an-toan-thong-tin/nhan-dien-lua-dao#lesson-done')
    expect((await markDone()).status).toBe(302)
    expect(progressRows('an-toan-thong-tin/nhan-dien-lua-dao')).toBe(1)
    const after = await (await get('/courses/an-toan-thong-tin/nhan-dien-lua-dao', cookie)).text()
    expect(after).toContain('Bạn đã hoàn thành bài này.')
    const course = await (await get('/courses/an-toan-thong-tin', cookie)).text()
    expect(course).toContain('Đã học 1/4 bài')
    expect(course).toContain('Học tiếp: ')
  })

  it('refuses a malformed mark-done post and changes nothing', async () => {
    const cookie = await signIn('hocvien')
    const res = await fetch(`${server.baseUrl}/courses/an-toan-thong-tin/mat-khau-xac-thuc-thiet-bi`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'xoa-het' }),
      headers: { Cookie: cookie, Origin: server.baseUrl },
      redirect: 'manual',
    })
    expect(res.status).toBe(400)
    expect(progressRows('an-toan-thong-tin/mat-khau-xac-thuc-thiet-bi')).toBe(0)
  })

  it('keep lesson content out of the list pages', async () => {
    const cookie = await signIn('hocvien')
    const lesson = await (await get('/courses/an-toan-thong-tin/nhan-dien-lua-dao', cookie)).text()
    const marker = /<div class="lesson-body"[^>]*>([\s\S]{0,4000})/.exec(lesson)![1]!.replace(/<[^>]+>/g, ' ').split(/\s{2,}/).find((s) => s.trim().length > 40)!.trim()
    expect(marker.length).toBeGreaterThan(40)
    for (const list of ['/courses', '/learn', '/courses/an-toan-thong-tin']) {
      const html = await (await get(list, cookie)).text()
      expect(html, list).not.toContain(marker)
      expect(html, list).not.toMatch(/getMDXComponent|_jsx_runtime/)
    }
  })

  it('find courses by accent-free search and by category', async () => {
    const cookie = await signIn('hocvien')
    const byWords = await (await get('/courses?q=dat+dai', cookie)).text()
    expect(byWords).toContain('Giải quyết thủ tục hành chính đất đai')
    expect(byWords).not.toContain('An toàn thông tin và phòng chống lừa đảo')
    const byCategory = await (await get('/courses?category=an-toan-thong-tin', cookie)).text()
    expect(byCategory).toContain('An toàn thông tin và phòng chống lừa đảo')
    expect(byCategory).toContain('1 khóa học')
    const nothing = await (await get('/courses?q=khong+co+khoa+nay', cookie)).text()
    expect(nothing).toContain('Không có khóa học nào khớp')
  })

  it('list this year’s required courses first on /learn, with due dates', async () => {
    const cookie = await signIn('hocvien')
    const html = await (await get('/learn', cookie)).text()
    expect(html).toContain('Bắt buộc năm')
    const required = html.indexOf('Bắt buộc năm')
    const others = html.indexOf('Khóa học khác')
    expect(required).toBeGreaterThan(-1)
    expect(others).toBeGreaterThan(required)
    expect(html.slice(required, others)).toContain('Chuyển đổi số và kỹ năng số nền tảng')
    expect(html.slice(required, others)).toMatch(/Hạn hoàn thành: \d{2}\/\d{2}\/\d{4}/)
  })

  it('hide an unpublished course from learners, but not from HR', async () => {
    const learner = await signIn('hocvien')
    expect((await get('/courses/ban-nhap', learner)).status).toBe(404)
    expect((await get('/courses/ban-nhap/bai-nhap', learner)).status).toBe(404)
    expect(await (await get('/courses', learner)).text()).not.toContain('Khóa học đang soạn')
    const hr = await signIn('tochuc')
    expect((await get('/courses/ban-nhap', hr)).status).toBe(200)
    expect(await (await get('/courses/ban-nhap/bai-nhap', hr)).text()).toContain('Nội dung bản nháp bí mật.')
  })

  it('sends every page as clean UTF-8, with no NUL bytes inside Vietnamese words', async () => {
    const hr = await signIn('tochuc')
    for (const path of ['/org', '/org?asOf=30/06/2024', '/learn', '/courses', '/courses/an-toan-thong-tin', '/courses/du-lieu-quan-trac/doc-chuoi-so-lieu-va-bieu-do']) {
      const bytes = Buffer.from(await (await get(path, hr)).arrayBuffer())
      expect(bytes.indexOf(0), path).toBe(-1)
      expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes), path).toBe(true)
    }
  })

  it('answers an unknown course or lesson with 404', async () => {
    const cookie = await signIn('hocvien')
    expect((await get('/courses/khong-co', cookie)).status).toBe(404)
    expect((await get('/courses/an-toan-thong-tin/khong-co', cookie)).status).toBe(404)
  })

  it('compiles every lesson at start, and nothing after a restart with unchanged content', async () => {
    expect(server.output()).toMatch(/Nội dung: 8 khóa học, \d+ bài học \(biên dịch [1-9]\d*, lấy từ bộ nhớ đệm 0\)/)
    await server.stop({ keepFiles: true })
    server = await startTestServer({ dir, env: { CONTENT_DIR: contentDir } })
    expect(server.output()).toMatch(/Nội dung: 8 khóa học, (\d+) bài học \(biên dịch 0, lấy từ bộ nhớ đệm \d+\)/)
    const cookie = await signIn('hocvien')
    expect((await get('/courses/an-toan-thong-tin/nhan-dien-lua-dao', cookie)).status).toBe(200)
  })
})
