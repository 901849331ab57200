/**
 * Drawing and grading quiz questions. Pure: no database, no clock; the attempt model stores and times.
 *
 * Scoring: single, true/false, numeric, text and ordering score 1 or 0; multiple choice scores
 * max(0, right − wrong) / number of correct options (docs/content-format.md). Text answers match accent-, case-
 * and space-insensitively; numbers may be typed with a decimal comma or point.
 */
import type { QuizFile, QuizQuestion } from '~/content/schema'
import { foldForSearch, parseLocaleNumber } from '~/i18n/format'
import type { GradedQuestion, RawAnswer, RawAnswers, ShownQuestion } from './quiz-types'

function shuffled(length: number, random: () => number): number[] {
  const out = Array.from({ length }, (_, i) => i)
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

function isIdentity(order: number[]): boolean {
  return order.every((value, index) => value === index)
}

/** Draws `questionsPerAttempt` distinct questions in random order, each with its options or items shuffled. */
export function drawQuestions(quiz: QuizFile, random: () => number = Math.random): ShownQuestion[] {
  const count = Math.min(quiz.settings.questionsPerAttempt, quiz.questions.length)
  return shuffled(quiz.questions.length, random)
    .slice(0, count)
    .map((index) => {
      const question = quiz.questions[index]!
      if (question.type === 'single' || question.type === 'multiple') return { question, order: shuffled(question.options.length, random) }
      if (question.type === 'ordering') {
        // Items are authored in the correct order: never show them that way.
        let order = shuffled(question.items.length, random)
        for (let tries = 0; isIdentity(order) && tries < 10; tries++) order = shuffled(question.items.length, random)
        if (isIdentity(order)) order = [...order.slice(1), order[0]!]
        return { question, order }
      }
      return { question, order: [] }
    })
}

const asList = (raw: RawAnswer | undefined): string[] => (raw === undefined ? [] : Array.isArray(raw) ? raw : [raw])
const asOne = (raw: RawAnswer | undefined): string => asList(raw)[0]?.trim() ?? ''

/** Why a posted answer cannot belong to the shown question (tampering or a broken form), or null when it fits. */
export function answerProblem(shown: ShownQuestion, raw: RawAnswer | undefined): string | null {
  const { question, order } = shown
  const values = asList(raw)
  const inRange = (value: string, size: number) => /^\d+$/.test(value) && Number(value) < size
  switch (question.type) {
    case 'single':
      return values.length <= 1 && values.every((v) => inRange(v, order.length)) ? null : 'not one of the shown options'
    case 'multiple':
      return values.every((v) => inRange(v, order.length)) && new Set(values).size === values.length ? null : 'not among the shown options'
    case 'truefalse':
      return values.length <= 1 && values.every((v) => v === 'true' || v === 'false') ? null : 'not true or false'
    case 'numeric':
    case 'text':
      return values.length <= 1 && (values[0] ?? '').length <= 200 ? null : 'too long'
    case 'ordering':
      return values.length === 0 || (values.length === order.length && values.every((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= order.length)))
        ? null
        : 'not a position of the shown items'
  }
}

function optionIds(question: Extract<QuizQuestion, { type: 'single' | 'multiple' }>, order: number[], values: string[]): string[] {
  return values.map((v) => question.options[order[Number(v)]!]!.id)
}

/** Grades one shown question against what was posted for it. */
export function gradeQuestion(shown: ShownQuestion, raw: RawAnswer | undefined): GradedQuestion {
  const { question, order } = shown
  const base = { questionId: question.id, type: question.type }
  const values = asList(raw).filter((v) => v.trim() !== '')
  if (values.length === 0) return { ...base, score: 0, correct: false, chosen: [], answered: false }
  switch (question.type) {
    case 'single': {
      const chosen = optionIds(question, order, values.slice(0, 1))
      const correct = chosen[0] === question.correct
      return { ...base, score: correct ? 1 : 0, correct, chosen, answered: true }
    }
    case 'multiple': {
      const chosen = optionIds(question, order, values)
      const right = chosen.filter((id) => question.correct.includes(id)).length
      const wrong = chosen.length - right
      const score = Math.max(0, right - wrong) / question.correct.length
      return { ...base, score, correct: score === 1, chosen, answered: true }
    }
    case 'truefalse': {
      const given = values[0] === 'true'
      const correct = given === question.correct
      return { ...base, score: correct ? 1 : 0, correct, chosen: [String(given)], answered: true }
    }
    case 'numeric': {
      const given = parseLocaleNumber(values[0]!)
      const correct = given !== null && Math.abs(given - question.answer) <= question.tolerance + 1e-9
      return { ...base, score: correct ? 1 : 0, correct, chosen: [], answered: true }
    }
    case 'text': {
      const given = foldForSearch(values[0]!)
      const correct = question.accept.some((accepted) => foldForSearch(accepted) === given)
      return { ...base, score: correct ? 1 : 0, correct, chosen: [], answered: true }
    }
    case 'ordering': {
      // values[k] is the position the learner gave the k-th shown item; the item at position p must be item p-1.
      const positions = asList(raw).map((v) => Number(v))
      const correct = positions.length === order.length && positions.every((position, k) => position === order[k]! + 1)
      return { ...base, score: correct ? 1 : 0, correct, chosen: [], answered: true }
    }
  }
}

export type AttemptGrade = { scorePct: number; graded: GradedQuestion[] }

/** The whole attempt: questions not answered score 0; the score is a percentage with 2 decimals. */
export function gradeAttempt(shown: readonly ShownQuestion[], answers: RawAnswers): AttemptGrade {
  const graded = shown.map((entry, index) => gradeQuestion(entry, answers[`q${index}`]))
  const total = graded.reduce((sum, g) => sum + g.score, 0)
  const scorePct = shown.length ? Math.round((total / shown.length) * 10000) / 100 : 0
  return { scorePct, graded }
}

/** The correct answer of a question, in words, for the review after submitting. */
export function correctAnswerText(question: QuizQuestion): string {
  switch (question.type) {
    case 'single':
      return question.options.find((o) => o.id === question.correct)?.text ?? ''
    case 'multiple':
      return question.options.filter((o) => question.correct.includes(o.id)).map((o) => o.text).join('; ')
    case 'truefalse':
      return question.correct ? 'true' : 'false'
    case 'numeric':
      return String(question.answer)
    case 'text':
      return question.accept[0] ?? ''
    case 'ordering':
      return question.items.map((item) => item.text).join(' → ')
  }
}
