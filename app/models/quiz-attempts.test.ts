import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCatalog, type CourseSource } from '~/content/catalog.server'
import { completions, quizAttempts } from '~/db/schema'
import { createTestDatabase } from '../../tests/db'
import { postedAnswers } from '../../tests/quiz-answers'
import { markLessonDone, syncCourses } from './courses.server'
import { closeIfExpired, getAttempt, getQuizState, saveAnswers, startAttempt, submitAttempt, SUBMIT_GRACE_MS } from './quiz-attempts.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

const catalog = loadCatalog()
const security = catalog.find((c) => c.frontmatter.id === 'an-toan-thong-tin')! // yearly, 20 minutes, pass mark 80, 3 attempts
const writing = catalog.find((c) => c.frontmatter.id === 'van-ban-dien-tu-chu-ky-so')! // not yearly
const at = (iso: string) => Date.parse(`${iso}+07:00`)

beforeAll(() => {
  syncCourses({ catalog })
  const run = (sql: string) => db.sqlite.prepare(sql).run()
  run("INSERT INTO units (id, created_at) VALUES ('u-a', 0), ('u-b', 0)")
  run("INSERT INTO unit_versions (unit_id, code, name, kind, valid_from, valid_to) VALUES ('u-a', 'A', 'Phòng A cũ', 'phong', '2020-01-01', '2025-12-31'), ('u-a', 'A', 'Phòng A mới', 'phong', '2026-01-01', NULL), ('u-b', 'B', 'Phòng B', 'phong', '2020-01-01', NULL)")
  for (const [id, nid] of [['p1', '084190000001'], ['p2', '084190000002'], ['p3', '084190000003'], ['p4', '084190000004'], ['p5', '084190000005']]) {
    run(`INSERT INTO people (id, national_id, ho, ten, search_key, staff_type, created_at, updated_at) VALUES ('${id}', '${nid}', 'Lê', 'An', 'le an', 'cong_chuc', 0, 0)`)
    run(`INSERT INTO assignments (person_id, unit_id, valid_from, source) VALUES ('${id}', 'u-a', '2020-01-01', 'test')`)
  }
})

function finishLessons(personId: string, course: CourseSource, when: number) {
  for (const lesson of course.lessons) markLessonDone({ personId, lessonId: `${course.frontmatter.id}/${lesson.slug}`, courseId: course.frontmatter.id, at: when })
}

function start(personId: string, course: CourseSource, when: number): string {
  const result = startAttempt({ personId, course, at: when })
  if (!result.ok) throw new Error(result.reason)
  return result.attemptId
}

describe('starting an attempt', () => {
  it('waits until every lesson is done, then draws the questions once and resumes the open attempt', () => {
    expect(startAttempt({ personId: 'p1', course: security, at: at('2026-03-02T09:00') })).toEqual({ ok: false, reason: 'lessons_incomplete' })
    finishLessons('p1', security, at('2026-03-02T09:05'))
    const first = startAttempt({ personId: 'p1', course: security, at: at('2026-03-02T09:10') })
    expect(first).toMatchObject({ ok: true, resumed: false })
    const again = startAttempt({ personId: 'p1', course: security, at: at('2026-03-02T09:11') })
    expect(again).toEqual({ ok: true, attemptId: (first as { attemptId: string }).attemptId, resumed: true })
    const attempt = getAttempt({ attemptId: (first as { attemptId: string }).attemptId, personId: 'p1' })!
    expect(attempt.shown).toHaveLength(security.quiz!.settings.questionsPerAttempt)
    expect(attempt.deadlineAt).toBe(at('2026-03-02T09:10') + 20 * 60_000)
    expect(attempt.courseVersion).toBe(security.version)
  })
})

describe('tampering', () => {
  it('refuses answers to questions not shown, to options not shown, and another person’s attempt — changing nothing', () => {
    const attemptId = getQuizState({ personId: 'p1', course: security, at: at('2026-03-02T09:12') }).open!.id
    const before = db.db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()
    expect(saveAnswers({ attemptId, personId: 'p1', posted: { q99: ['0'] }, at: at('2026-03-02T09:12') })).toEqual({ invalid: 'q99: no such question in this attempt' })
    const singleIndex = getAttempt({ attemptId, personId: 'p1' })!.shown.findIndex((s) => s.question.type === 'single')
    expect(saveAnswers({ attemptId, personId: 'p1', posted: { [`q${singleIndex}`]: ['9'] }, at: at('2026-03-02T09:12') })).toMatchObject({ invalid: expect.stringMatching(/not one of the shown options/) })
    expect(saveAnswers({ attemptId, personId: 'p2', posted: { q0: ['0'] }, at: at('2026-03-02T09:12') })).toBe('not_found')
    expect(submitAttempt({ attemptId, personId: 'p2', course: security, posted: {}, at: at('2026-03-02T09:12') })).toEqual({ status: 'not_found' })
    expect(getAttempt({ attemptId, personId: 'p2' })).toBeNull()
    expect(db.db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)).get()).toEqual(before)
  })
})

describe('submitting', () => {
  it('grades once: a second submit returns the same result and writes nothing more', () => {
    const attemptId = getQuizState({ personId: 'p1', course: security, at: at('2026-03-02T09:15') }).open!.id
    const shown = getAttempt({ attemptId, personId: 'p1' })!.shown
    const first = submitAttempt({ attemptId, personId: 'p1', course: security, posted: postedAnswers(shown, { right: true }), at: at('2026-03-02T09:20') })
    expect(first).toMatchObject({ status: 'graded', late: false })
    if (first.status !== 'graded') return
    expect(first.attempt.score).toBe(100)
    expect(first.attempt.passed).toBe(true)
    expect(first.completion).toMatchObject({ personId: 'p1', courseId: 'an-toan-thong-tin', completedOn: '2026-03-02', score: 100, unitName: 'Phòng A mới', courseVersion: security.version })
    expect(first.completion!.certificateCode).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
    const second = submitAttempt({ attemptId, personId: 'p1', course: security, posted: postedAnswers(shown, { right: false }), at: at('2026-03-02T09:21') })
    expect(second).toMatchObject({ status: 'already', attempt: { score: 100, passed: true } })
    expect(saveAnswers({ attemptId, personId: 'p1', posted: {}, at: at('2026-03-02T09:21') })).toBe('finished')
    expect(db.db.select().from(completions).where(eq(completions.personId, 'p1')).all()).toHaveLength(1)
  })

  it('after the time limit plus grace, grades only what was saved before the limit — whatever the client claims', () => {
    finishLessons('p2', security, at('2026-04-01T08:00'))
    const started = at('2026-04-01T08:30')
    const attemptId = start('p2', security, started)
    const shown = getAttempt({ attemptId, personId: 'p2' })!.shown
    const right = postedAnswers(shown, { right: true })
    const halfRight = Object.fromEntries(Object.entries(right).slice(0, 5))
    expect(saveAnswers({ attemptId, personId: 'p2', posted: halfRight, at: started + 10 * 60_000 })).toBe('saved')
    const deadline = started + 20 * 60_000
    expect(saveAnswers({ attemptId, personId: 'p2', posted: right, at: deadline + 1 })).toBe('expired')
    const late = submitAttempt({ attemptId, personId: 'p2', course: security, posted: right, at: deadline + SUBMIT_GRACE_MS + 1 })
    expect(late).toMatchObject({ status: 'graded', late: true, attempt: { score: 50, passed: false } })
  })

  it('accepts what is posted within the grace after the limit', () => {
    const started = at('2026-04-01T09:30')
    const attemptId = start('p2', security, started)
    const shown = getAttempt({ attemptId, personId: 'p2' })!.shown
    const result = submitAttempt({ attemptId, personId: 'p2', course: security, posted: postedAnswers(shown, { right: true }), at: started + 20 * 60_000 + 30_000 })
    expect(result).toMatchObject({ status: 'graded', late: false, attempt: { score: 100 } })
  })

  it('closes an abandoned attempt on what was saved when it is next looked at', () => {
    finishLessons('p3', security, at('2026-05-01T08:00'))
    const started = at('2026-05-01T08:10')
    const attemptId = start('p3', security, started)
    const attempt = getAttempt({ attemptId, personId: 'p3' })!
    expect(closeIfExpired({ attempt, course: security, at: started + 60_000 }).submittedAt).toBeNull()
    const closed = closeIfExpired({ attempt, course: security, at: started + 22 * 60_000 })
    expect(closed.submittedAt).toBe(started + 22 * 60_000)
    expect(closed.score).toBe(0)
  })

  it('stops at the number of attempts allowed', () => {
    finishLessons('p4', security, at('2026-06-01T08:00'))
    for (let i = 0; i < 3; i++) {
      const id = start('p4', security, at(`2026-06-01T0${i + 1}:00`))
      const shown = getAttempt({ attemptId: id, personId: 'p4' })!.shown
      submitAttempt({ attemptId: id, personId: 'p4', course: security, posted: postedAnswers(shown, { right: false }), at: at(`2026-06-01T0${i + 1}:05`) })
    }
    expect(startAttempt({ personId: 'p4', course: security, at: at('2026-06-02T08:00') })).toEqual({ ok: false, reason: 'no_attempts_left' })
  })
})

describe('completion', () => {
  it('completes a yearly course again the next year, keeping last year’s, with attempts counted per year', () => {
    finishLessons('p5', security, at('2025-10-01T08:00'))
    const id2025 = start('p5', security, at('2025-10-01T09:00'))
    submitAttempt({ attemptId: id2025, personId: 'p5', course: security, posted: postedAnswers(getAttempt({ attemptId: id2025, personId: 'p5' })!.shown, { right: true }), at: at('2025-10-01T09:10') })
    expect(getQuizState({ personId: 'p5', course: security, at: at('2026-01-05T08:00') }).attempts).toHaveLength(0)
    const id2026 = start('p5', security, at('2026-01-05T08:00'))
    const result = submitAttempt({ attemptId: id2026, personId: 'p5', course: security, posted: postedAnswers(getAttempt({ attemptId: id2026, personId: 'p5' })!.shown, { right: true }), at: at('2026-01-05T08:10') })
    expect(result).toMatchObject({ status: 'graded', completion: { completedOn: '2026-01-05', unitName: 'Phòng A mới' } })
    const rows = db.db.select().from(completions).where(eq(completions.personId, 'p5')).all()
    expect(rows.map((r) => [r.completedOn, r.unitName])).toEqual([
      ['2025-10-01', 'Phòng A cũ'],
      ['2026-01-05', 'Phòng A mới'],
    ])
  })

  it('completes a course once (not yearly), only when lessons are done and the quiz passed, at the highest score', () => {
    finishLessons('p3', writing, at('2026-02-01T08:00'))
    const failed = start('p3', writing, at('2026-02-01T09:00'))
    const failResult = submitAttempt({ attemptId: failed, personId: 'p3', course: writing, posted: postedAnswers(getAttempt({ attemptId: failed, personId: 'p3' })!.shown, { right: false }), at: at('2026-02-01T09:05') })
    expect(failResult).toMatchObject({ status: 'graded', completion: null, attempt: { passed: false } })
    const passed = start('p3', writing, at('2026-02-01T10:00'))
    const passResult = submitAttempt({ attemptId: passed, personId: 'p3', course: writing, posted: postedAnswers(getAttempt({ attemptId: passed, personId: 'p3' })!.shown, { right: true }), at: at('2026-02-01T10:05') })
    expect(passResult).toMatchObject({ status: 'graded', completion: { score: 100, attemptId: passed } })
    expect(db.db.select().from(completions).where(eq(completions.courseId, writing.frontmatter.id)).all()).toHaveLength(1)
  })
})
