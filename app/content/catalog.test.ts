/** Every course of content/ validates, and every lesson compiles and renders with the real pipeline. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ContentError, loadCatalog, loadCourse } from './catalog.server'

const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-mdx-cache-'))
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-content-'))
beforeAll(() => {
  process.env.CONTENT_CACHE_DIR = cacheDir
})
afterAll(() => {
  fs.rmSync(cacheDir, { recursive: true, force: true })
  fs.rmSync(scratch, { recursive: true, force: true })
})

const catalog = loadCatalog()

describe('the shipped courses', () => {
  it('are the seven of the product brief, each with 3–6 lessons, objectives and a quiz bank of 1,5× an attempt', () => {
    expect(catalog.map((c) => c.frontmatter.id)).toEqual([
      'chuyen-doi-so',
      'an-toan-thong-tin',
      'tthc-dat-dai-moi-truong',
      'van-ban-dien-tu-chu-ky-so',
      'phan-tich-du-lieu-bang-tinh',
      'du-lieu-quan-trac',
      'bao-ve-du-lieu-ca-nhan',
    ])
    for (const course of catalog) {
      expect(course.lessons.length, course.folder).toBeGreaterThanOrEqual(3)
      expect(course.lessons.length, course.folder).toBeLessThanOrEqual(6)
      expect(course.quiz, course.folder).not.toBeNull()
      expect(course.quiz!.questions.length, course.folder).toBeGreaterThanOrEqual(Math.ceil(course.quiz!.settings.questionsPerAttempt * 1.5))
    }
    const security = catalog.find((c) => c.frontmatter.id === 'an-toan-thong-tin')!
    expect(security.quiz!.settings.passMark).toBe(80)
    expect(security.frontmatter.yearly).toBe(true)
    const monitoring = catalog.find((c) => c.frontmatter.id === 'du-lieu-quan-trac')!
    expect(Object.values(monitoring.datasets)[0]!.rows.length).toBeGreaterThanOrEqual(200)
  })

  it('compile and render every lesson and introduction, using only the lesson components, with at least one chart or table per course', async () => {
    const { renderCourseIntro, renderLesson } = await import('./lessons.server')
    for (const course of catalog) {
      await renderCourseIntro(course)
      let hasChartOrTable = false
      for (const lesson of course.lessons) {
        const { html } = await renderLesson(course, lesson.slug)
        expect(html.length, lesson.file).toBeGreaterThan(500)
        expect(html, lesson.file).not.toMatch(/<script(?![^>]*type="application\/json")/)
        if (/<table|<svg/.test(html)) hasChartOrTable = true
      }
      expect(hasChartOrTable, course.folder).toBe(true)
    }
  }, 180_000)
})

describe('content problems are reported with the file and the reason', () => {
  function writeCourse(name: string, files: Record<string, string>): string {
    const dir = path.join(scratch, name)
    fs.mkdirSync(dir, { recursive: true })
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      fs.writeFileSync(path.join(dir, file), text)
    }
    return dir
  }
  const courseMdx = (extra = '') => `---
id: khoa-thu
title: "Khóa học thử nghiệm"
summary: "Một khóa học để kiểm tra quy trình nội dung."
category: ky-nang-so
durationTiet: 2
skillStrand: "Kỹ năng số cơ bản"
reportRow: chuyen_doi_so
yearly: false
audience: "Mọi người"
objectives: ["Hiểu quy trình", "Biết kiểm tra"]
status: published
${extra}---

Giới thiệu.
`
  const lesson = (body: string) => `---\ntitle: "Bài thử"\nminutes: 5\n---\n\n${body}\n`

  it('names a bad frontmatter field', () => {
    const dir = writeCourse('01-sai-frontmatter', { 'course.mdx': courseMdx().replace('durationTiet: 2', 'durationTiet: "hai"'), '01-bai.mdx': lesson('Nội dung.') })
    expect(() => loadCourse(dir)).toThrow(ContentError)
    expect(() => loadCourse(dir)).toThrow(/01-sai-frontmatter\/course\.mdx: durationTiet/)
  })

  it('refuses an unknown frontmatter field and an unexpected file', () => {
    const extra = writeCourse('02-truong-la', { 'course.mdx': courseMdx('colour: red\n'), '01-bai.mdx': lesson('x') })
    expect(() => loadCourse(extra)).toThrow(/course\.mdx: .*colour/)
    const stray = writeCourse('03-tep-la', { 'course.mdx': courseMdx(), '01-bai.mdx': lesson('x'), 'ghi-chu.txt': 'x' })
    expect(() => loadCourse(stray)).toThrow(/03-tep-la\/ghi-chu\.txt: unexpected file/)
  })

  it('checks the quiz: a bank smaller than 1,5× an attempt, a correct answer that is not an option', () => {
    const quiz = (perAttempt: number, correct: string) => `settings: { questionsPerAttempt: ${perAttempt}, passMark: 70, attemptsAllowed: 3, grading: highest, review: full }
questions:
  - { id: q1, type: single, prompt: "Câu một là gì?", options: [{ id: a, text: A }, { id: b, text: B }, { id: c, text: C }], correct: ${correct}, explanation: "Vì vậy." }
  - { id: q2, type: truefalse, prompt: "Câu hai đúng không?", correct: true, explanation: "Đúng vậy." }
  - { id: q3, type: numeric, prompt: "Tỷ lệ là bao nhiêu?", answer: 1.63, tolerance: 0.01, explanation: "Lấy tử chia mẫu." }
`
    const small = writeCourse('04-ngan-hang-nho', { 'course.mdx': courseMdx(), '01-bai.mdx': lesson('x'), 'quiz.yaml': quiz(3, 'a') })
    expect(() => loadCourse(small)).toThrow(/quiz\.yaml: questions: the bank must hold at least 1,5/)
    const wrong = writeCourse('05-dap-an-sai', { 'course.mdx': courseMdx(), '01-bai.mdx': lesson('x'), 'quiz.yaml': quiz(2, 'z') })
    expect(() => loadCourse(wrong)).toThrow(/quiz\.yaml: questions\.0: `correct` must name one of the options/)
  })

  it('refuses components that are not ours, imports and inline expressions, naming the file and line', async () => {
    const { compileMdx } = await import('./lessons.server')
    const cases: [string, RegExp][] = [
      ['Đoạn văn.\n\n<div>HTML thô</div>', /line 8: <div> is not one of the lesson components/],
      ['Đoạn văn.\n\n<Video src="x" />', /<Video> is not one of the lesson components/],
      ["import x from './x.js'\n\nĐoạn văn.", /import\/export statements are not allowed/],
      ['Tổng là {1 + 1}.', /\{…\} expressions are not allowed/],
      ['<Callout kind="nguy-hiem">Sai loại.</Callout>', /rendering failed: .*Callout/],
    ]
    // The compiler takes only files inside the content folder: the scratch folder is it for this test.
    process.env.CONTENT_DIR = scratch
    try {
      for (const [index, [body, expected]] of cases.entries()) {
        const dir = writeCourse(`1${index}-thanh-phan-la`, { 'course.mdx': courseMdx(), '01-bai.mdx': lesson(body) })
        const course = loadCourse(dir)
        await expect(compileMdx(course, course.lessons[0]!.file, course.lessons[0]!.source), body).rejects.toThrow(expected)
        await expect(compileMdx(course, course.lessons[0]!.file, course.lessons[0]!.source)).rejects.toThrow(/01-bai\.mdx/)
      }
    } finally {
      delete process.env.CONTENT_DIR
    }
  })
})

describe('compiling once per content version', () => {
  it('does not compile again for a second request, nor after a restart with unchanged content', async () => {
    const course = catalog[1]!
    const first = await import('./lessons.server')
    await first.renderLesson(course, course.lessons[0]!.slug)
    const compiledAfterFirst = first.renderStats.compiled
    await first.renderLesson(course, course.lessons[0]!.slug)
    expect(first.renderStats.compiled).toBe(compiledAfterFirst)

    // A new process: a fresh module, the same disk cache.
    vi.resetModules()
    const restarted = await import('./lessons.server')
    expect(restarted.renderStats).toEqual({ compiled: 0, fromDisk: 0 })
    const again = await restarted.renderLesson(course, course.lessons[0]!.slug)
    expect(restarted.renderStats).toEqual({ compiled: 0, fromDisk: 1 })
    expect(again.html).toBe((await first.renderLesson(course, course.lessons[0]!.slug)).html)
  })

  it('compiles one lesson at a time however many ask at once', async () => {
    vi.resetModules()
    process.env.CONTENT_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-mdx-cache-'))
    const fresh = await import('./lessons.server')
    const course = catalog[0]!
    const results = await Promise.all(Array.from({ length: 5 }, () => fresh.renderLesson(course, course.lessons[0]!.slug)))
    expect(new Set(results.map((r) => r.html)).size).toBe(1)
    expect(fresh.renderStats.compiled).toBe(1)
    process.env.CONTENT_CACHE_DIR = cacheDir
  })
})
