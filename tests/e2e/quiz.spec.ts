/** A learner finishes a course's lessons, fails the quiz once, passes it, and sees the certificate. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import Database from 'better-sqlite3'
import type { Browser, Page } from 'playwright-core'
import type { ShownQuestion } from '../../app/models/quiz-types'
import { postedAnswers } from '../quiz-answers'
import { horizontalOverflow, launchBrowser, newContext, screenshot, signIn } from './browser'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

function shownOf(page: Page): ShownQuestion[] {
  const id = new URL(page.url()).pathname.split('/').pop()
  const db = new Database(process.env.E2E_DATABASE_PATH!, { readonly: true })
  try {
    return JSON.parse((db.prepare('SELECT shown FROM quiz_attempts WHERE id = ?').get(id) as { shown: string }).shown)
  } finally {
    db.close()
  }
}

/** Fills the attempt form as a person would: clicking radios and boxes, typing, choosing places. */
async function answer(page: Page, shown: ShownQuestion[], right: boolean) {
  const posted = postedAnswers(shown, { right })
  for (const [index, { question }] of shown.entries()) {
    const values = posted[`q${index}`] ?? []
    const name = `q${index}`
    if (question.type === 'single' || question.type === 'truefalse') await page.locator(`input[name="${name}"][value="${values[0]}"]`).check()
    else if (question.type === 'multiple') for (const v of values) await page.locator(`input[name="${name}"][value="${v}"]`).check()
    else if (question.type === 'ordering') {
      const selects = page.locator(`select[name="${name}"]`)
      for (const [k, v] of values.entries()) await selects.nth(k).selectOption(v)
    } else await page.locator(`input[name="${name}"]`).fill((values[0] ?? '').replace('.', ','))
  }
}

describe('quiz', () => {
  it('fails once, passes, and gets a certificate that the public page verifies', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'hocvien')
    await page.goto('/courses/phan-tich-du-lieu-bang-tinh')
    await page.getByRole('link', { name: /Bắt đầu học/ }).click()
    for (let i = 0; i < 5; i++) {
      await page.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click()
      await page.getByText(/Bạn đã (hoàn thành bài này|học xong tất cả)/).waitFor()
      if (i < 4) await page.getByRole('link', { name: /Bài tiếp theo/ }).click()
    }
    await page.goto('/courses/phan-tich-du-lieu-bang-tinh/quiz')
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click()
    await page.waitForURL(/\/quiz\/[\w-]+$/)
    await screenshot(page, 'quiz-desktop')
    await answer(page, shownOf(page), false)
    await page.getByRole('button', { name: 'Nộp bài' }).click()
    await page.getByText('Bạn chưa đạt').waitFor()
    await screenshot(page, 'quiz-result-failed-desktop')

    await page.getByRole('link', { name: 'Làm lại bài kiểm tra' }).click()
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click()
    await page.waitForURL(/\/quiz\/[\w-]+$/)
    await answer(page, shownOf(page), true)
    await page.getByRole('button', { name: 'Lưu câu trả lời' }).click()
    await page.getByText(/Đã lưu câu trả lời lúc/).waitFor()
    await page.getByRole('button', { name: 'Nộp bài' }).click()
    await page.getByText('Chúc mừng, bạn đã đạt').waitFor()
    assert.ok(await page.getByText('Điểm của bạn: 100,00%').isVisible())
    await screenshot(page, 'quiz-result-passed-desktop')
    await page.getByRole('link', { name: 'Xem giấy chứng nhận' }).click()
    await page.waitForURL(/\/certificates\/[A-Z2-9-]{12,14}$/)
    await screenshot(page, 'certificate-desktop')
    const code = new URL(page.url()).pathname.split('/').pop()!.replace(/-/g, '')

    const anonymous = await newContext(browser, 'phone')
    const publicPage = await anonymous.newPage()
    const response = await publicPage.goto(`/verify/${code}`)
    assert.equal(response?.status(), 200)
    await publicPage.getByText('Còn hiệu lực').first().waitFor()
    assert.equal(await horizontalOverflow(publicPage), 0)
    await screenshot(publicPage, 'verify-phone')
    await anonymous.close()
    await context.close()
  })

  it('takes a quiz on a phone, and with JavaScript off', async () => {
    const context = await newContext(browser, 'phone', { javaScriptEnabled: false })
    const page = await context.newPage()
    await signIn(page, 'tochuc')
    for (const slug of ['nhan-dien-lua-dao', 'mat-khau-xac-thuc-thiet-bi', 'phan-loai-thong-tin-chon-kenh', 'xu-ly-su-co']) {
      await page.goto(`/courses/an-toan-thong-tin/${slug}`)
      await page.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click()
      await page.getByText(/Bạn đã (hoàn thành bài này|học xong tất cả)/).waitFor()
    }
    await page.goto('/courses/an-toan-thong-tin/quiz')
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click()
    await page.waitForURL(/\/quiz\/[\w-]+$/)
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'quiz-phone')
    await answer(page, shownOf(page), true)
    await page.getByRole('button', { name: 'Nộp bài' }).click()
    await page.getByText('Chúc mừng, bạn đã đạt').waitFor()
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'quiz-result-phone')
    await context.close()
  })
})
