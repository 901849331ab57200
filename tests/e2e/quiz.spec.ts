/** A quiz on a phone with JavaScript off (the full learner journey, failing once, is journey-learner.spec.ts). */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { horizontalOverflow, launchBrowser, newContext, screenshot, signIn } from './browser'
import { answer, shownOf } from './quiz-helpers'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

describe('quiz', () => {
  it('takes a quiz on a phone, and with JavaScript off', async () => {
    const context = await newContext(browser, 'phone', { javaScriptEnabled: false })
    const page = await context.newPage()
    await signIn(page, 'tochuc')
    for (const slug of [
      'nhan-dien-lua-dao',
      'mat-khau-xac-thuc-thiet-bi',
      'phan-loai-thong-tin-chon-kenh',
      'xu-ly-su-co',
    ]) {
      await page.goto(`/courses/an-toan-thong-tin/${slug}`)
      await page.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click()
      await page.getByText(/Bạn đã (hoàn thành bài này|học xong tất cả)/).waitFor()
    }
    await page.goto('/courses/an-toan-thong-tin/quiz')
    await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click()
    await page.waitForURL(/\/quiz\/[\w-]+$/)
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'quiz-nojs-phone')
    await answer(page, shownOf(page), true)
    await page.getByRole('button', { name: 'Nộp bài' }).click()
    await page.getByText('Chúc mừng, bạn đã đạt').waitFor()
    assert.equal(await horizontalOverflow(page), 0)
    await screenshot(page, 'quiz-result-nojs-phone')
    await context.close()
  })
})
