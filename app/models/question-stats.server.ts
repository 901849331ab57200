/**
 * Question statistics for a course's final quiz: how often each question was drawn and answered correctly in
 * submitted attempts, and which wrong option was chosen most. Counting happens in SQLite over the attempts'
 * `graded` JSON (GradedQuestion[]); a chosen option is wrong when the answer key of the snapshot the attempt was
 * graded on (`shown`, ShownQuestion[]) does not contain it, so a later change of the key does not rewrite history.
 */
import { sql } from 'drizzle-orm'
import type { QuizQuestion } from '~/content/schema'
import { getDb } from '~/db/client.server'

/** A question is flagged when it was drawn at least this often and fewer than this share answered it right. */
export const MOSTLY_WRONG_MIN_DRAWN = 5
export const MOSTLY_WRONG_BELOW_PCT = 20

const CHOICE_TYPES = ['single', 'multiple', 'truefalse'] as const
type ChoiceType = (typeof CHOICE_TYPES)[number]

export type QuestionStat = {
  questionId: string
  type: QuizQuestion['type']
  prompt: string
  drawn: number
  correct: number
  /** correct / drawn × 100; null when never drawn. */
  correctPct: number | null
  /**
   * The wrong option chosen most often (ties: the first in the question's order), for choice and true/false
   * questions. `optionId` is an option id, or "true"/"false"; `text` is null for true/false (the page words it)
   * and for an option that has since left the question.
   */
  topWrong: { optionId: string; text: string | null; count: number } | null
  mostlyWrong: boolean
}

export type QuestionStats = { attempts: number; questions: QuestionStat[] }

function isChoice(type: QuizQuestion['type']): type is ChoiceType {
  return (CHOICE_TYPES as readonly string[]).includes(type)
}

/** Statistics for every question of `questions` (the course's current bank, in its order). */
export function getQuestionStats({
  courseId,
  questions,
}: {
  courseId: string
  questions: readonly QuizQuestion[]
}): QuestionStats {
  const db = getDb()
  const attempts =
    db.get<{ n: number }>(sql`
      SELECT count(*) AS n FROM quiz_attempts
      WHERE course_id = ${courseId} AND submitted_at IS NOT NULL AND graded IS NOT NULL`)?.n ?? 0

  const perQuestion = db.all<{ questionId: string; drawn: number; correct: number }>(sql`
    SELECT json_extract(g.value, '$.questionId') AS questionId,
           count(*) AS drawn,
           sum(CASE WHEN json_extract(g.value, '$.correct') THEN 1 ELSE 0 END) AS correct
    FROM quiz_attempts a, json_each(a.graded) g
    WHERE a.course_id = ${courseId} AND a.submitted_at IS NOT NULL AND a.graded IS NOT NULL
    GROUP BY questionId`)

  // One row per chosen option that the graded snapshot's key does not hold.
  const wrongChoices = db.all<{ questionId: string; optionId: string; n: number }>(sql`
    SELECT json_extract(g.value, '$.questionId') AS questionId, c.value AS optionId, count(*) AS n
    FROM quiz_attempts a, json_each(a.graded) g, json_each(g.value, '$.chosen') c
    WHERE a.course_id = ${courseId} AND a.submitted_at IS NOT NULL AND a.graded IS NOT NULL
      AND json_extract(g.value, '$.type') IN ('single', 'multiple', 'truefalse')
      AND NOT EXISTS (
        SELECT 1 FROM json_each(a.shown) s
        WHERE json_extract(s.value, '$.question.id') = json_extract(g.value, '$.questionId')
          AND CASE json_extract(s.value, '$.question.type')
            WHEN 'single' THEN json_extract(s.value, '$.question.correct') = c.value
            WHEN 'multiple' THEN EXISTS (SELECT 1 FROM json_each(s.value, '$.question.correct') k WHERE k.value = c.value)
            WHEN 'truefalse' THEN (CASE WHEN json_extract(s.value, '$.question.correct') THEN 'true' ELSE 'false' END) = c.value
            ELSE 0
          END)
    GROUP BY questionId, optionId`)

  const counts = new Map(perQuestion.map((row) => [row.questionId, row]))
  const wrongByQuestion = new Map<string, Map<string, number>>()
  for (const row of wrongChoices) {
    const options = wrongByQuestion.get(row.questionId) ?? new Map<string, number>()
    options.set(String(row.optionId), row.n)
    wrongByQuestion.set(row.questionId, options)
  }

  return {
    attempts,
    questions: questions.map((question) => {
      const drawn = counts.get(question.id)?.drawn ?? 0
      const correct = counts.get(question.id)?.correct ?? 0
      const correctPct = drawn > 0 ? (correct / drawn) * 100 : null
      return {
        questionId: question.id,
        type: question.type,
        prompt: question.prompt,
        drawn,
        correct,
        correctPct,
        topWrong: isChoice(question.type) ? topWrongOption(question, wrongByQuestion.get(question.id)) : null,
        mostlyWrong: drawn >= MOSTLY_WRONG_MIN_DRAWN && correctPct !== null && correctPct < MOSTLY_WRONG_BELOW_PCT,
      }
    }),
  }
}

function topWrongOption(question: QuizQuestion, wrong: Map<string, number> | undefined): QuestionStat['topWrong'] {
  if (!wrong?.size) return null
  const known =
    question.type === 'single' || question.type === 'multiple'
      ? question.options.map((o) => ({ id: o.id, text: o.text as string | null }))
      : [
          { id: 'true', text: null },
          { id: 'false', text: null },
        ]
  // Options of the current question first (in their order), then any that have since been removed.
  const candidates = [...known, ...[...wrong.keys()].filter((id) => !known.some((o) => o.id === id)).map((id) => ({ id, text: null }))]
  let best: QuestionStat['topWrong'] = null
  for (const option of candidates) {
    const count = wrong.get(option.id) ?? 0
    if (count > 0 && (!best || count > best.count)) best = { optionId: option.id, text: option.text, count }
  }
  return best
}
