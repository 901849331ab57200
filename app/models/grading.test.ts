import { describe, expect, it } from 'vitest'
import type { QuizFile, QuizQuestion } from '~/content/schema'
import { loadCatalog } from '~/content/catalog.server'
import { answerProblem, drawQuestions, gradeAttempt, gradeQuestion } from './grading'
import type { ShownQuestion } from './quiz-types'

const single: QuizQuestion = {
  id: 's1',
  type: 'single',
  prompt: 'Tỷ lệ nào đúng?',
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
    { id: 'c', text: 'C' },
  ],
  correct: 'b',
  explanation: 'Vì B.',
}
const multiple: QuizQuestion = {
  id: 'm1',
  type: 'multiple',
  prompt: 'Chọn các ý đúng.',
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
    { id: 'c', text: 'C' },
    { id: 'd', text: 'D' },
  ],
  correct: ['a', 'c'],
  explanation: 'A và C.',
}
const numeric: QuizQuestion = { id: 'n1', type: 'numeric', prompt: 'Tỷ lệ trễ hạn?', answer: 1.63, tolerance: 0.01, unit: '%', explanation: 'Tử chia mẫu.' }
const exact: QuizQuestion = { id: 'n2', type: 'numeric', prompt: 'Bao nhiêu hồ sơ?', answer: 621, tolerance: 0, explanation: 'Đếm.' }
const text: QuizQuestion = { id: 't1', type: 'text', prompt: 'Nghị định nào?', accept: ['Nghị định 13/2023/NĐ-CP', 'NĐ 13/2023'], explanation: 'NĐ 13.' }
const truefalse: QuizQuestion = { id: 'tf', type: 'truefalse', prompt: 'Đúng hay sai?', correct: false, explanation: 'Sai.' }
const ordering: QuizQuestion = {
  id: 'o1',
  type: 'ordering',
  prompt: 'Sắp xếp các bước.',
  items: [
    { id: 'a', text: 'Tiếp nhận' },
    { id: 'b', text: 'Thẩm định' },
    { id: 'c', text: 'Trả kết quả' },
  ],
  explanation: 'Theo quy trình.',
}

// Options shown as C, A, B (indexes 2, 0, 1): position "2" on screen is option B.
const shownSingle: ShownQuestion = { question: single, order: [2, 0, 1] }
const shownMultiple: ShownQuestion = { question: multiple, order: [3, 2, 1, 0] } // D, C, B, A
const shownOrdering: ShownQuestion = { question: ordering, order: [2, 0, 1] } // Trả kết quả, Tiếp nhận, Thẩm định

describe('gradeQuestion', () => {
  it('grades single choice by the shown position, not the authored id', () => {
    expect(gradeQuestion(shownSingle, '2')).toMatchObject({ score: 1, correct: true, chosen: ['b'] })
    expect(gradeQuestion(shownSingle, '1')).toMatchObject({ score: 0, correct: false, chosen: ['a'] })
    expect(gradeQuestion(shownSingle, undefined)).toMatchObject({ score: 0, answered: false })
  })

  it('gives partial credit for multiple choice: right minus wrong over the correct count, never below 0', () => {
    expect(gradeQuestion(shownMultiple, ['1', '3'])).toMatchObject({ score: 1, correct: true }) // C and A
    expect(gradeQuestion(shownMultiple, ['3'])).toMatchObject({ score: 0.5, correct: false }) // A only
    expect(gradeQuestion(shownMultiple, ['3', '2'])).toMatchObject({ score: 0, correct: false }) // A and B
    expect(gradeQuestion(shownMultiple, ['0', '2'])).toMatchObject({ score: 0 }) // D and B: 0 − 2 → 0
    expect(gradeQuestion(shownMultiple, ['0', '1', '2', '3'])).toMatchObject({ score: 0 }) // all four: 2 − 2
    expect(gradeQuestion(shownMultiple, ['1', '3', '2']).score).toBeCloseTo(0.5) // A, C and B
  })

  it('accepts a number within the tolerance, typed with a comma or a point', () => {
    const shown = { question: numeric, order: [] }
    for (const ok of ['1,63', '1.63', '1,64', ' 1,62 ', '1.620']) expect(gradeQuestion(shown, ok).correct, ok).toBe(true)
    for (const bad of ['1,65', '1,6', '163', 'một phẩy sáu', '1,63%']) expect(gradeQuestion(shown, bad).correct, bad).toBe(false)
    expect(gradeQuestion({ question: exact, order: [] }, '621').correct).toBe(true)
    expect(gradeQuestion({ question: exact, order: [] }, '621,5').correct).toBe(false)
    expect(gradeQuestion({ question: exact, order: [] }, '621,0').correct).toBe(true)
  })

  it('matches text accent-, case- and space-insensitively against any accepted answer', () => {
    const shown = { question: text, order: [] }
    for (const ok of ['Nghị định 13/2023/NĐ-CP', 'nghi dinh 13/2023/nd-cp', '  NGHỊ   ĐỊNH 13/2023/NĐ-CP ', 'nđ 13/2023', 'N\u00D0 13/2023'])
      expect(gradeQuestion(shown, ok).correct, ok).toBe(true)
    for (const bad of ['Nghị định 13', 'Nghị định 13/2024/NĐ-CP', '']) expect(gradeQuestion(shown, bad).correct, bad).toBe(false)
  })

  it('grades true/false', () => {
    expect(gradeQuestion({ question: truefalse, order: [] }, 'false')).toMatchObject({ correct: true, chosen: ['false'] })
    expect(gradeQuestion({ question: truefalse, order: [] }, 'true')).toMatchObject({ correct: false, chosen: ['true'] })
  })

  it('grades ordering only when every item is in its place', () => {
    // Shown: Trả kết quả, Tiếp nhận, Thẩm định → right positions 3, 1, 2.
    expect(gradeQuestion(shownOrdering, ['3', '1', '2']).correct).toBe(true)
    expect(gradeQuestion(shownOrdering, ['1', '2', '3']).correct).toBe(false)
    expect(gradeQuestion(shownOrdering, ['3', '1', '1']).correct).toBe(false)
    expect(gradeQuestion(shownOrdering, ['3', '1', '']).correct).toBe(false)
  })
})

describe('answerProblem', () => {
  it('spots answers that could not come from the shown form', () => {
    expect(answerProblem(shownSingle, '3')).not.toBeNull()
    expect(answerProblem(shownSingle, ['0', '1'])).not.toBeNull()
    expect(answerProblem(shownSingle, 'b')).not.toBeNull()
    expect(answerProblem(shownMultiple, ['1', '1'])).not.toBeNull()
    expect(answerProblem({ question: truefalse, order: [] }, 'maybe')).not.toBeNull()
    expect(answerProblem(shownOrdering, ['1', '2'])).not.toBeNull()
    expect(answerProblem(shownOrdering, ['1', '2', '4'])).not.toBeNull()
    expect(answerProblem({ question: text, order: [] }, 'x'.repeat(201))).not.toBeNull()
    expect(answerProblem(shownSingle, '2')).toBeNull()
    expect(answerProblem(shownMultiple, [])).toBeNull()
    expect(answerProblem(shownOrdering, ['3', '1', '2'])).toBeNull()
  })
})

describe('gradeAttempt', () => {
  it('averages question scores into a percentage with 2 decimals', () => {
    const shown = [shownSingle, shownMultiple, { question: numeric, order: [] }]
    const grade = gradeAttempt(shown, { q0: '2', q1: ['3'], q2: '9' })
    expect(grade.scorePct).toBe(50)
    expect(grade.graded.map((g) => g.score)).toEqual([1, 0.5, 0])
    expect(gradeAttempt([shownSingle, shownSingle, shownSingle], { q0: '2' }).scorePct).toBe(33.33)
  })
})

describe('drawQuestions', () => {
  const quizzes: QuizFile[] = loadCatalog().map((c) => c.quiz!)

  it('draws the configured number of distinct questions, with every option shown once', () => {
    let seed = 1
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646
    for (const quiz of quizzes) {
      const drawn = drawQuestions(quiz, random)
      expect(drawn).toHaveLength(quiz.settings.questionsPerAttempt)
      expect(new Set(drawn.map((d) => d.question.id)).size).toBe(drawn.length)
      for (const { question, order } of drawn) {
        const size = question.type === 'single' || question.type === 'multiple' ? question.options.length : question.type === 'ordering' ? question.items.length : 0
        expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: size }, (_, i) => i))
        if (question.type === 'ordering') expect(order).not.toEqual(Array.from({ length: size }, (_, i) => i))
      }
    }
  })

  it('varies what is drawn between attempts', () => {
    const quiz = quizzes[0]!
    const draws = new Set(Array.from({ length: 20 }, () => drawQuestions(quiz).map((d) => d.question.id).join(',')))
    expect(draws.size).toBeGreaterThan(15)
  })
})
