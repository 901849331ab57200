/**
 * The life of a quiz attempt: start (draw and shuffle, store exactly what was shown) → save answers → submit →
 * result. The server clock decides everything about time. Writes run in BEGIN IMMEDIATE transactions, so a
 * double submit grades once and both callers see the same result.
 */
import crypto from 'node:crypto'
import { and, asc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { CourseSource } from '~/content/catalog.server'
import { getDb, preparedQuery, writeTransaction, type Db } from '~/db/client.server'
import { quizAttempts } from '~/db/schema'
import { isoDateInVietnam } from '~/i18n/format'
import { completeCourseIfDone, type CompletionRow } from './completions.server'
import { listDoneLessonIds, listLessons } from './courses.server'
import { answerProblem, drawQuestions, gradeAttempt } from './grading'
import type { GradedQuestion, RawAnswers, ShownQuestion } from './quiz-types'

/** A submission this long after the time limit still counts what it carries (a slow network, a click at 0:00). */
export const SUBMIT_GRACE_MS = 60_000

export type AttemptRow = {
  id: string
  personId: string
  courseId: string
  courseVersion: string
  shown: ShownQuestion[]
  answers: RawAnswers
  startedAt: number
  deadlineAt: number | null
  submittedAt: number | null
  score: number | null
  passed: boolean | null
  graded: GradedQuestion[] | null
}

function toRow(row: typeof quizAttempts.$inferSelect): AttemptRow {
  return {
    ...row,
    shown: row.shown as ShownQuestion[],
    answers: (row.answers ?? {}) as RawAnswers,
    graded: (row.graded ?? null) as GradedQuestion[] | null,
  }
}

function yearBounds(at: number): { from: number; to: number; year: number } {
  const year = Number(isoDateInVietnam(at).slice(0, 4))
  // Việt Nam is UTC+7 all year: 01/01 00:00 there is 31/12 17:00 UTC.
  return { year, from: Date.UTC(year - 1, 11, 31, 17), to: Date.UTC(year, 11, 31, 17) - 1 }
}

/** Attempts of a person at a course, oldest first; for a yearly course only those started this year. */
export function listAttempts({ personId, course, at = Date.now() }: { personId: string; course: CourseSource; at?: number }): AttemptRow[] {
  const courseId = course.frontmatter.id
  const rows = course.frontmatter.yearly
    ? attemptsStartedBetween().all({ personId, courseId, ...yearBounds(at) })
    : everyAttempt().all({ personId, courseId })
  return rows.map(toRow)
}

const attemptsOf = (db: Db, ...more: SQL[]) =>
  db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.personId, sql.placeholder('personId')), eq(quizAttempts.courseId, sql.placeholder('courseId')), ...more))
    .orderBy(asc(quizAttempts.startedAt))
    .prepare()
const everyAttempt = preparedQuery((db) => attemptsOf(db))
const attemptsStartedBetween = preparedQuery((db) =>
  attemptsOf(db, gte(quizAttempts.startedAt, sql.placeholder('from')), lte(quizAttempts.startedAt, sql.placeholder('to'))),
)

/** The result that counts, by the quiz's grading method (highest or latest submitted attempt). */
export function countingResult(attempts: readonly AttemptRow[], grading: 'highest' | 'latest'): AttemptRow | null {
  const submitted = attempts.filter((a) => a.submittedAt !== null)
  if (!submitted.length) return null
  if (grading === 'latest') return submitted.reduce((a, b) => (b.submittedAt! > a.submittedAt! ? b : a))
  return submitted.reduce((a, b) => ((b.score ?? 0) > (a.score ?? 0) ? b : a))
}

export type QuizState = {
  attempts: AttemptRow[]
  attemptsLeft: number | null
  open: AttemptRow | null
  counting: AttemptRow | null
  lessonsComplete: boolean
}

export function getQuizState({ personId, course, at = Date.now() }: { personId: string; course: CourseSource; at?: number }): QuizState {
  const quiz = course.quiz
  const attempts = listAttempts({ personId, course, at })
  const lessons = listLessons({ courseId: course.frontmatter.id })
  const done = listDoneLessonIds({ personId, courseId: course.frontmatter.id })
  const allowed = quiz?.settings.attemptsAllowed ?? 0
  return {
    attempts,
    attemptsLeft: allowed === 0 ? null : Math.max(0, allowed - attempts.length),
    open: attempts.find((a) => a.submittedAt === null) ?? null,
    counting: quiz ? countingResult(attempts, quiz.settings.grading) : null,
    lessonsComplete: lessons.every((l) => done.has(l.id)),
  }
}

export type StartResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: 'no_quiz' | 'lessons_incomplete' | 'no_attempts_left' }

/** Starts an attempt, or resumes the one still open. */
export function startAttempt({
  personId,
  course,
  at = Date.now(),
  random = Math.random,
}: {
  personId: string
  course: CourseSource
  at?: number
  random?: () => number
}): StartResult {
  const quiz = course.quiz
  if (!quiz) return { ok: false, reason: 'no_quiz' }
  return writeTransaction(() => {
    const state = getQuizState({ personId, course, at })
    if (state.open) return { ok: true, attemptId: state.open.id, resumed: true }
    if (!state.lessonsComplete) return { ok: false, reason: 'lessons_incomplete' }
    if (state.attemptsLeft === 0) return { ok: false, reason: 'no_attempts_left' }
    const id = crypto.randomBytes(12).toString('base64url')
    getDb()
      .insert(quizAttempts)
      .values({
        id,
        personId,
        courseId: course.frontmatter.id,
        courseVersion: course.version,
        shown: drawQuestions(quiz, random),
        answers: {},
        startedAt: at,
        deadlineAt: quiz.settings.timeLimitMinutes ? at + quiz.settings.timeLimitMinutes * 60_000 : null,
      })
      .run()
    return { ok: true, attemptId: id, resumed: false }
  })
}

/** An attempt, only for its owner (anyone else gets null, as if it did not exist). */
export function getAttempt({ attemptId, personId, db = getDb() }: { attemptId: string; personId: string; db?: Db }): AttemptRow | null {
  const row = db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.id, attemptId), eq(quizAttempts.personId, personId)))
    .get()
  return row ? toRow(row) : null
}

export type AnswerCheck = { ok: true; answers: RawAnswers } | { ok: false; problem: string }

/** Keeps only `q<n>` fields of shown questions; anything else is tampering and refuses the whole post. */
export function checkAnswers(shown: readonly ShownQuestion[], posted: Record<string, string[]>): AnswerCheck {
  const answers: RawAnswers = {}
  for (const [key, values] of Object.entries(posted)) {
    const match = /^q(\d+)$/.exec(key)
    if (!match) continue
    const entry = shown[Number(match[1])]
    if (!entry) return { ok: false, problem: `${key}: no such question in this attempt` }
    const raw = entry.question.type === 'multiple' || entry.question.type === 'ordering' ? values : values[0] ?? ''
    const problem = answerProblem(entry, raw)
    if (problem) return { ok: false, problem: `${key}: ${problem}` }
    answers[key] = raw
  }
  return { ok: true, answers }
}

export type SaveResult = 'saved' | 'not_found' | 'finished' | 'expired' | { invalid: string }

/** Saves answers of an open attempt before its time limit. */
export function saveAnswers({ attemptId, personId, posted, at = Date.now() }: { attemptId: string; personId: string; posted: Record<string, string[]>; at?: number }): SaveResult {
  return writeTransaction((tx) => {
    const attempt = getAttempt({ attemptId, personId, db: tx })
    if (!attempt) return 'not_found'
    if (attempt.submittedAt !== null) return 'finished'
    if (attempt.deadlineAt !== null && at > attempt.deadlineAt) return 'expired'
    const checked = checkAnswers(attempt.shown, posted)
    if (!checked.ok) return { invalid: checked.problem }
    tx.update(quizAttempts).set({ answers: checked.answers }).where(eq(quizAttempts.id, attemptId)).run()
    return 'saved'
  })
}

export type SubmitResult =
  | { status: 'graded'; attempt: AttemptRow; completion: CompletionRow | null; late: boolean }
  | { status: 'already'; attempt: AttemptRow }
  | { status: 'not_found' }
  | { status: 'invalid'; problem: string }

/**
 * Submits and grades an attempt. A second submit returns the first result and changes nothing. After the time
 * limit plus the grace, what is posted now is ignored and the answers saved before the limit are graded.
 */
export function submitAttempt({
  attemptId,
  personId,
  course,
  posted,
  at = Date.now(),
}: {
  attemptId: string
  personId: string
  course: CourseSource
  posted: Record<string, string[]> | null
  at?: number
}): SubmitResult {
  return writeTransaction((tx) => {
    const attempt = getAttempt({ attemptId, personId, db: tx })
    if (!attempt || attempt.courseId !== course.frontmatter.id) return { status: 'not_found' }
    if (attempt.submittedAt !== null) return { status: 'already', attempt }
    const late = attempt.deadlineAt !== null && at > attempt.deadlineAt + SUBMIT_GRACE_MS
    let answers = attempt.answers
    if (!late && posted) {
      const checked = checkAnswers(attempt.shown, posted)
      if (!checked.ok) return { status: 'invalid', problem: checked.problem }
      answers = checked.answers
    }
    const passMark = course.quiz?.settings.passMark ?? 100
    const grade = gradeAttempt(attempt.shown, answers)
    const passed = grade.scorePct >= passMark
    tx.update(quizAttempts)
      .set({ answers, submittedAt: at, score: grade.scorePct, passed, graded: grade.graded })
      .where(and(eq(quizAttempts.id, attemptId), isNull(quizAttempts.submittedAt)))
      .run()
    const completion = passed ? completeCourseIfDone({ personId, course, at }, tx) : null
    return { status: 'graded', attempt: { ...attempt, answers, submittedAt: at, score: grade.scorePct, passed, graded: grade.graded }, completion, late }
  })
}

/** An open attempt whose time (and grace) ran out is submitted on what was saved, the next time anyone looks. */
export function closeIfExpired({ attempt, course, at = Date.now() }: { attempt: AttemptRow; course: CourseSource; at?: number }): AttemptRow {
  if (attempt.submittedAt !== null || attempt.deadlineAt === null || at <= attempt.deadlineAt + SUBMIT_GRACE_MS) return attempt
  const result = submitAttempt({ attemptId: attempt.id, personId: attempt.personId, course, posted: null, at })
  return result.status === 'graded' || result.status === 'already' ? result.attempt : attempt
}
