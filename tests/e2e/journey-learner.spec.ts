/**
 * The learner's journey as a person clicks it: sign in, open this year's required course from "Khóa học của tôi",
 * read every lesson, take the quiz, fail once, pass, get the certificate, and see the public page say it is valid —
 * once with JavaScript (every page checked by axe and at phone size) and once without it.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { checkPage } from './a11y'
import { launchBrowser, navigateTo, newContext } from './browser'
import { answer, shownOf } from './quiz-helpers'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

type Options = { js: boolean; prefix: string }

async function signInByForm(page: Page, username: string, { js, prefix }: Options) {
  await page.goto('/login')
  await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor()
  await checkPage(page, `${prefix}login`, { axe: js })
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill('HocSo@2026')
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'),
    page.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
  ])
}

/** From /learn to a verified certificate. Returns the course id it took. */
async function learnerJourney(
  page: Page,
  browserForPublic: Browser,
  username: string,
  options: Options,
): Promise<string> {
  const { js, prefix } = options
  await signInByForm(page, username, options)
  await navigateTo(page, 'Khóa học của tôi')
  await page.waitForURL(/\/learn$/)
  await page.getByRole('heading', { name: /^Bắt buộc năm \d{4}$/ }).waitFor()
  await checkPage(page, `${prefix}learn`, { axe: js })

  // The first required course not done yet this year.
  const open = page.locator('.required-card:not(.required-done)').first()
  assert.ok(await open.count(), `${username} should have a required course left to do`)
  const title = (await open.getByRole('heading').textContent())!.trim()
  await open.getByRole('link', { name: title }).click()
  await page.waitForURL(/\/courses\/[\w-]+$/)
  const courseId = new URL(page.url()).pathname.split('/').pop()!
  await page.getByRole('heading', { name: title, level: 1 }).waitFor()
  const lessonCount = await page.locator('.lesson-list > li').count()
  assert.ok(lessonCount >= 3, 'a course has at least three lessons')
  assert.ok(
    await page.getByText('Bài kiểm tra mở khi bạn hoàn thành tất cả các bài học.').isVisible(),
    'the quiz waits for the lessons',
  )
  await checkPage(page, `${prefix}course`, { axe: js })

  await page.getByRole('link', { name: /^(Bắt đầu học|Học tiếp: )/ }).click()
  let chartShown = false
  for (let i = 1; i <= lessonCount; i++) {
    await page.getByText(`Bài ${i}/${lessonCount}`, { exact: false }).first().waitFor()
    const chart = page.locator('.lesson-body svg').first()
    const hasChart = (await chart.count()) > 0
    await checkPage(page, `${prefix}lesson-${i}`, { axe: js, scrollTo: hasChart ? chart : undefined })
    if (hasChart && !prefix && !chartShown) {
      await checkPage(page, 'lesson-chart', { axe: false, scrollTo: chart })
      chartShown = true
    }
    await page.getByRole('button', { name: 'Đánh dấu hoàn thành' }).click()
    await page
      .getByText(i < lessonCount ? 'Bạn đã hoàn thành bài này.' : 'Bạn đã học xong tất cả các bài của khóa học.')
      .waitFor()
    await page
      .getByRole('navigation', { name: 'Nội dung khóa học' })
      .getByRole('link', { name: i < lessonCount ? /Bài tiếp theo/ : /Về trang khóa học/ })
      .click()
  }
  await page.waitForURL(new RegExp(`/courses/${courseId}$`))
  assert.ok(await page.getByText(`Đã học ${lessonCount}/${lessonCount} bài`).first().isVisible())

  // The quiz: fail once…
  await page.getByRole('link', { name: 'Làm bài kiểm tra' }).click()
  await page.waitForURL(new RegExp(`/courses/${courseId}/quiz$`))
  await checkPage(page, `${prefix}quiz-start`, { axe: js })
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click()
  await page.waitForURL(/\/quiz\/[\w-]+$/)
  await checkPage(page, `${prefix}quiz`, { axe: js })
  await answer(page, shownOf(page), false)
  await page.getByRole('button', { name: 'Nộp bài' }).click()
  await page.getByText('Bạn chưa đạt').waitFor()
  assert.ok(await page.getByText('Điểm của bạn: 0,00%').isVisible())
  await checkPage(page, `${prefix}result-failed`, { axe: js })

  // …then pass.
  await page.getByRole('link', { name: 'Làm lại bài kiểm tra' }).click()
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click()
  await page.waitForURL(/\/quiz\/[\w-]+$/)
  await answer(page, shownOf(page), true)
  await page.getByRole('button', { name: 'Lưu câu trả lời' }).click()
  await page.getByText(/Đã lưu câu trả lời lúc/).waitFor()
  await page.getByRole('button', { name: 'Nộp bài' }).click()
  await page.getByText('Chúc mừng, bạn đã đạt').waitFor()
  assert.ok(await page.getByText('Điểm của bạn: 100,00%').isVisible())
  await checkPage(page, `${prefix}result-passed`, { axe: js })

  await page.getByRole('link', { name: 'Xem giấy chứng nhận' }).click()
  await page.waitForURL(/\/certificates\/[A-Z2-9-]{12,14}$/)
  await page.getByText('GIẤY CHỨNG NHẬN', { exact: true }).waitFor()
  await checkPage(page, `${prefix}certificate`, { axe: js, fullPage: true })
  const code = new URL(page.url()).pathname.split('/').pop()!.replace(/-/g, '')

  // Anyone, signed in or not, can check it.
  const anonymous = await newContext(browserForPublic, 'phone', { javaScriptEnabled: js })
  const publicPage = await anonymous.newPage()
  const response = await publicPage.goto(`/verify/${code}`)
  assert.equal(response?.status(), 200)
  await publicPage.getByText('Còn hiệu lực').first().waitFor()
  assert.ok(await publicPage.getByText(title).first().isVisible(), 'the verification page names the course')
  await checkPage(publicPage, `${prefix}verify`, { axe: js })
  await anonymous.close()

  // Back on "Khóa học của tôi", the course now counts as done.
  await page.goto('/learn')
  const card = page.locator('.required-card').filter({ has: page.getByRole('link', { name: title, exact: true }) })
  assert.match((await card.getAttribute('class')) ?? '', /required-done/)
  return courseId
}

describe('the learner journey', () => {
  it('hocvien reads the required course, fails the quiz once, passes and gets a certificate the public page verifies', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    const courseId = await learnerJourney(page, browser, 'hocvien', { js: true, prefix: '' })
    assert.equal(courseId, 'chuyen-doi-so', 'the demo learner still owes this year’s digital-skills course')
    await context.close()
  })

  it('does the same with JavaScript off (quantri, as a learner)', async () => {
    const context = await newContext(browser, 'desktop', { javaScriptEnabled: false })
    const page = await context.newPage()
    await learnerJourney(page, browser, 'quantri', { js: false, prefix: 'nojs-' })
    await context.close()
  })
})
