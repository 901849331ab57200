/**
 * What a quiz attempt stores (quiz_attempts.shown / answers / graded). Everything here stays on the server:
 * `shown` holds a snapshot of each drawn question, answer key included, so an attempt is graded on exactly
 * what was shown even if the course changes meanwhile. Browsers only ever see prompts and options.
 */
import type { QuizQuestion } from '~/content/schema'

/** One drawn question: its snapshot and, for choice and ordering questions, the shown order of its options/items (indexes into the snapshot's list). */
export type ShownQuestion = { question: QuizQuestion; order: number[] }

/**
 * An answer as posted, per question position (0-based) in the attempt:
 * single → shown option position as a string ("0".."n-1"); multiple → those strings; truefalse → "true"/"false";
 * numeric and text → what was typed; ordering → for each shown item (in shown order), the position the learner
 * gave it ("1".."n").
 */
export type RawAnswer = string | string[]
export type RawAnswers = Record<string, RawAnswer>

/** The grade of one question of a submitted attempt. */
export type GradedQuestion = {
  questionId: string
  type: QuizQuestion['type']
  /** 0–1; partial credit only for multiple choice. */
  score: number
  correct: boolean
  /** For single/multiple: the option ids chosen; truefalse: ["true"] or ["false"]; otherwise []. Feeds question statistics. */
  chosen: string[]
  answered: boolean
}
