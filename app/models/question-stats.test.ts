/** Question statistics over hand-made submitted attempts with known answers, on a real migrated SQLite file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { QuizQuestion } from '~/content/schema'
import { createTestDatabase } from '../../tests/db'
import { getQuestionStats, type QuestionStat } from './question-stats.server'
import type { GradedQuestion, ShownQuestion } from './quiz-types'

let db: ReturnType<typeof createTestDatabase>
const NOW = Date.UTC(2026, 0, 5)

const base = (id: string) => ({ id, prompt: `Câu hỏi ${id}?`, explanation: 'Giải thích của câu hỏi.' })
const options = (...ids: string[]) => ids.map((id) => ({ id, text: `Phương án ${id.toUpperCase()}` }))

// The current bank (content/): the order of the report.
const q1: QuizQuestion = { ...base('q1'), type: 'single', options: options('a', 'b', 'c'), correct: 'b' }
const q2: QuizQuestion = { ...base('q2'), type: 'multiple', options: options('a', 'b', 'c', 'd'), correct: ['a', 'c'] }
const q3: QuizQuestion = { ...base('q3'), type: 'truefalse', correct: false }
const q4: QuizQuestion = { ...base('q4'), type: 'numeric', answer: 1.63, tolerance: 0.01 }
const q5: QuizQuestion = { ...base('q5'), type: 'single', options: options('a', 'b', 'c'), correct: 'a' }
const q6: QuizQuestion = { ...base('q6'), type: 'single', options: options('x', 'y', 'z'), correct: 'x' }
const BANK = [q1, q2, q3, q4, q5, q6]

// Older snapshots: q1 once had "a" as its key; q6 once had an option "w" that has since been removed.
const q1Old: QuizQuestion = { ...q1, correct: 'a' }
const q6Old: QuizQuestion = { ...base('q6'), type: 'single', options: options('w', 'x', 'y'), correct: 'x' }

type Answer = [question: QuizQuestion, chosen: string[], correct: boolean]

let attemptNo = 0
function insertAttempt({ courseId = 'c-quiz', submitted = true, answers }: { courseId?: string; submitted?: boolean; answers: Answer[] }) {
  attemptNo += 1
  const shown: ShownQuestion[] = answers.map(([question]) => ({ question, order: [0, 1, 2] }))
  const graded: GradedQuestion[] = answers.map(([question, chosen, correct]) => ({
    questionId: question.id,
    type: question.type,
    score: correct ? 1 : 0,
    correct,
    chosen,
    answered: chosen.length > 0 || question.type === 'numeric',
  }))
  db.sqlite
    .prepare(
      'INSERT INTO quiz_attempts (id, person_id, course_id, course_version, shown, answers, started_at, submitted_at, score, passed, graded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      `a-${attemptNo}`,
      'p-1',
      courseId,
      'v1',
      JSON.stringify(shown),
      '{}',
      NOW,
      submitted ? NOW + 60_000 : null,
      submitted ? 50 : null,
      submitted ? 0 : null,
      submitted ? JSON.stringify(graded) : null,
    )
}

beforeAll(() => {
  db = createTestDatabase()
  db.sqlite
    .prepare(
      "INSERT INTO people (id, national_id, ho, chu_dem, ten, search_key, staff_type, created_at, updated_at) VALUES ('p-1', '084123456789', 'Lê', 'Thị', 'Hoa', 'le thi hoa', 'vien_chuc', ?, ?)",
    )
    .run(NOW, NOW)
  const course = db.sqlite.prepare(
    "INSERT INTO courses (id, folder, title, summary, category, duration_tiet, skill_strand, report_row, yearly, audience, objectives, status, version, position, has_quiz, synced_at) VALUES (?, ?, 'Khóa học', 'Tóm tắt khóa học', 'ky-nang-so', 4, 'Kỹ năng', 'chuyen_doi_so', 0, 'Mọi người', '[]', 'published', 'v1', ?, 1, ?)",
  )
  course.run('c-quiz', '01-c-quiz', 1, NOW)
  course.run('c-other', '02-c-other', 2, NOW)
  course.run('c-empty', '03-c-empty', 3, NOW)

  insertAttempt({ answers: [[q1, ['a'], false], [q2, ['a', 'c'], true], [q3, ['true'], false], [q4, [], true], [q6Old, ['w'], false]] })
  insertAttempt({ answers: [[q1, ['a'], false], [q2, ['a', 'b'], false], [q3, ['true'], false], [q4, [], false], [q6Old, ['w'], false]] })
  insertAttempt({ answers: [[q1, ['c'], false], [q2, ['a', 'b', 'd'], false], [q3, ['false'], true], [q4, [], false], [q6, ['y'], false]] })
  // Only a right option chosen but one missing: wrong, yet no wrong option to count.
  insertAttempt({ answers: [[q1, ['b'], true], [q2, ['c'], false], [q3, ['true'], false], [q4, [], false], [q6Old, ['w'], false]] })
  insertAttempt({ answers: [[q1, ['a'], false], [q2, ['b'], false], [q3, ['true'], false]] })
  // Graded on the old key of q1 ("a"): right then, so not a wrong choice now either.
  insertAttempt({ answers: [[q1Old, ['a'], true], [q3, ['true'], false], [{ ...base('gone'), type: 'truefalse', correct: true }, ['false'], false]] })
  // Not counted: an attempt still open, and attempts of another course.
  insertAttempt({ submitted: false, answers: [[q1, ['c'], false], [q5, ['b'], false]] })
  insertAttempt({ courseId: 'c-other', answers: [[q1, ['c'], false], [q5, ['c'], false]] })
})
afterAll(() => db.cleanup())

describe('getQuestionStats', () => {
  it('counts submitted attempts of the course only', () => {
    expect(getQuestionStats({ courseId: 'c-quiz', questions: BANK }).attempts).toBe(6)
    expect(getQuestionStats({ courseId: 'c-other', questions: BANK }).attempts).toBe(1)
  })

  it('gives draws, correct answers, % correct and the most chosen wrong option per question, in bank order', () => {
    const stats = getQuestionStats({ courseId: 'c-quiz', questions: BANK }).questions
    const byId = Object.fromEntries(stats.map((s) => [s.questionId, s])) as Record<string, QuestionStat>
    expect(stats.map((s) => s.questionId)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6'])

    expect(byId.q1).toMatchObject({ type: 'single', prompt: 'Câu hỏi q1?', drawn: 6, correct: 2, mostlyWrong: false })
    expect(byId.q1!.correctPct).toBeCloseTo(33.333, 2)
    expect(byId.q1!.topWrong).toEqual({ optionId: 'a', text: 'Phương án A', count: 3 })

    // Exactly 20 % correct is not "under 20 %".
    expect(byId.q2).toMatchObject({ drawn: 5, correct: 1, correctPct: 20, mostlyWrong: false })
    expect(byId.q2!.topWrong).toEqual({ optionId: 'b', text: 'Phương án B', count: 3 })

    expect(byId.q3).toMatchObject({ type: 'truefalse', drawn: 6, correct: 1, mostlyWrong: true })
    expect(byId.q3!.correctPct).toBeCloseTo(16.667, 2)
    expect(byId.q3!.topWrong).toEqual({ optionId: 'true', text: null, count: 5 })

    expect(byId.q4).toEqual({ questionId: 'q4', type: 'numeric', prompt: 'Câu hỏi q4?', drawn: 4, correct: 1, correctPct: 25, topWrong: null, mostlyWrong: false })

    // In the bank but never drawn: no percentage, not 0.
    expect(byId.q5).toMatchObject({ drawn: 0, correct: 0, correctPct: null, topWrong: null, mostlyWrong: false })

    // Never right, but drawn only 4 times: too few to flag. The top wrong option has left the question since.
    expect(byId.q6).toMatchObject({ drawn: 4, correct: 0, correctPct: 0, mostlyWrong: false })
    expect(byId.q6!.topWrong).toEqual({ optionId: 'w', text: null, count: 3 })
  })

  it('leaves questions that are no longer in the bank out', () => {
    const stats = getQuestionStats({ courseId: 'c-quiz', questions: BANK }).questions
    expect(stats.some((s) => s.questionId === 'gone')).toBe(false)
  })

  it('has zero attempts and empty rows for a course nobody has taken', () => {
    const stats = getQuestionStats({ courseId: 'c-empty', questions: [q1, q3] })
    expect(stats.attempts).toBe(0)
    expect(stats.questions).toEqual([
      { questionId: 'q1', type: 'single', prompt: 'Câu hỏi q1?', drawn: 0, correct: 0, correctPct: null, topWrong: null, mostlyWrong: false },
      { questionId: 'q3', type: 'truefalse', prompt: 'Câu hỏi q3?', drawn: 0, correct: 0, correctPct: null, topWrong: null, mostlyWrong: false },
    ])
  })
})
