/** Builds the form post that answers an attempt — all right, or all wrong — from what the server stored. */
import type { ShownQuestion } from '~/models/quiz-types'

export function postedAnswers(shown: readonly ShownQuestion[], { right }: { right: boolean }): Record<string, string[]> {
  const posted: Record<string, string[]> = {}
  shown.forEach(({ question, order }, index) => {
    const key = `q${index}`
    switch (question.type) {
      case 'single': {
        const correct = order.findIndex((k) => question.options[k]!.id === question.correct)
        posted[key] = [String(right ? correct : (correct + 1) % order.length)]
        break
      }
      case 'multiple': {
        const positions = order.map((k, p) => (question.correct.includes(question.options[k]!.id) === right ? String(p) : null)).filter((p): p is string => p !== null)
        posted[key] = positions
        break
      }
      case 'truefalse':
        posted[key] = [String(right ? question.correct : !question.correct)]
        break
      case 'numeric':
        posted[key] = [String(right ? question.answer : question.answer + question.tolerance + 1000)]
        break
      case 'text':
        posted[key] = [right ? question.accept[0]! : 'không biết']
        break
      case 'ordering':
        posted[key] = order.map((k) => String(right ? k + 1 : order.length - k))
        break
    }
  })
  return posted
}
