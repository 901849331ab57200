/** A learner finds a course, reads lessons, marks them done — with and without JavaScript — on desktop and phone. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { horizontalOverflow, launchBrowser, newContext, screenshot, signIn } from './browser'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

describe('learning', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`shows my courses, the catalogue, a course and a lesson with a chart (${viewport})`, async () => {
      const context = await newContext(browser, viewport)
      const page = await context.newPage()
      await signIn(page, 'hocvien')
      await page.goto('/learn')
      await page.getByRole('heading', { name: /Bắt buộc năm/ }).waitFor()
      assert.equal(await horizontalOverflow(page), 0)
      await screenshot(page, `learning-learn-${viewport}`)

      await page.goto('/courses')
      await page.getByLabel('Tìm khóa học').fill('du lieu')
      await page.getByRole('button', { name: 'Lọc' }).click()
      await page.waitForURL(/q=du\+lieu/)
      assert.ok(await page.getByRole('link', { name: /Phân tích dữ liệu với bảng tính/ }).isVisible())
      assert.equal(await horizontalOverflow(page), 0)
      await screenshot(page, `catalogue-${viewport}`)

      await page.goto('/courses/tthc-dat-dai-moi-truong')
      await page.getByRole('heading', { name: 'Mục tiêu khóa học' }).waitFor()
      assert.equal(await horizontalOverflow(page), 0)
      await screenshot(page, `learning-course-${viewport}`)

      await page.goto('/courses/tthc-dat-dai-moi-truong/khung-phap-ly-va-buc-tranh')
      assert.ok((await page.locator('.lesson-body svg').count()) > 0, 'the lesson shows an SVG chart')
      assert.equal(await horizontalOverflow(page), 0)
      await screenshot(page, `learning-lesson-chart-${viewport}`)
      await context.close()
    })
  }

  it('explores a data set in the page (sort, filter, group) with JavaScript on', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'hocvien')
    await page.goto('/courses/du-lieu-quan-trac/doc-chuoi-so-lieu-va-bieu-do')
    const explorer = page.locator('.data-explorer').first()
    await explorer.waitFor()
    await explorer.getByRole('combobox').first().waitFor()
    await screenshot(page, 'lesson-explorer-desktop')
    await context.close()
  })

  it('reads a lesson and marks it done with JavaScript off', async () => {
    const context = await newContext(browser, 'desktop', { javaScriptEnabled: false })
    const page = await context.newPage()
    await signIn(page, 'truongphong')
    await page.goto('/courses/bao-ve-du-lieu-ca-nhan')
    await page.getByRole('link', { name: /Bắt đầu học|Học tiếp/ }).click()
    await page.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click()
    await page.getByText('Bạn đã hoàn thành bài này.').waitFor()
    await page.getByRole('link', { name: /Bài tiếp theo/ }).click()
    await page.getByRole('button', { name: 'Đánh dấu hoàn thành' }).waitFor()
    await page.goto('/courses/bao-ve-du-lieu-ca-nhan')
    assert.ok(await page.getByText('Đã học 1/4 bài').first().isVisible())
    await context.close()
  })

  it('marks lessons done from the keyboard and resumes at the first unfinished one', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'tochuc')
    await page.goto('/courses/van-ban-dien-tu-chu-ky-so/the-thuc-van-ban')
    await page.getByRole('button', { name: 'Đánh dấu hoàn thành' }).focus()
    await page.keyboard.press('Enter')
    await page.getByText('Bạn đã hoàn thành bài này.').waitFor()
    await page.goto('/courses/van-ban-dien-tu-chu-ky-so')
    const resume = page.getByRole('link', { name: /^Học tiếp: / })
    assert.match((await resume.textContent()) ?? '', /Học tiếp: .+/)
    await resume.click()
    await page.waitForURL(/\/courses\/van-ban-dien-tu-chu-ky-so\/ky-va-phat-hanh-van-ban$/)
    await context.close()
  })
})
