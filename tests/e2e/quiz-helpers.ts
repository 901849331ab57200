/** Answers a quiz attempt as a person would, right or wrong, knowing the key from what the server stored. */
import Database from 'better-sqlite3'
import type { Page } from 'playwright-core'
import type { ShownQuestion } from '../../app/models/quiz-types'
import { postedAnswers } from '../quiz-answers'

/** The questions the server drew for the attempt open on the page (read from the test database, never the page). */
export function shownOf(page: Page): ShownQuestion[] {
  const id = new URL(page.url()).pathname.split('/').pop()
  const db = new Database(process.env.E2E_DATABASE_PATH!, { readonly: true })
  try {
    return JSON.parse((db.prepare('SELECT shown FROM quiz_attempts WHERE id = ?').get(id) as { shown: string }).shown)
  } finally {
    db.close()
  }
}

/** Fills the attempt form by clicking radios and boxes, typing, choosing places. */
export async function answer(page: Page, shown: ShownQuestion[], right: boolean): Promise<void> {
  const posted = postedAnswers(shown, { right })
  for (const [index, { question }] of shown.entries()) {
    const values = posted[`q${index}`] ?? []
    const name = `q${index}`
    if (question.type === 'single' || question.type === 'truefalse')
      await page.locator(`input[name="${name}"][value="${values[0]}"]`).check()
    else if (question.type === 'multiple')
      for (const v of values) await page.locator(`input[name="${name}"][value="${v}"]`).check()
    else if (question.type === 'ordering') {
      const selects = page.locator(`select[name="${name}"]`)
      for (const [k, v] of values.entries()) await selects.nth(k).selectOption(v)
    } else await page.locator(`input[name="${name}"]`).fill((values[0] ?? '').replace('.', ','))
  }
}
