/**
 * Everything from the keyboard, with the focus visible at every stop: signing in, the navigation's groups (with and
 * without JavaScript), reading the lessons of a course, and taking its quiz. And forms tie their errors to fields.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { launchBrowser, newContext, signIn } from './browser'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

type Focus = {
  tag: string
  type: string | null
  id: string
  name: string
  text: string
  ring: boolean
  onScreen: boolean
  style: string
  html: string
}

/** The focused element, and whether its focus shows (an outline of 2 px or more, or a ring drawn as a shadow). */
function focusOf(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body)
      return { tag: 'body', type: null, id: '', name: '', text: '', ring: false, onScreen: false, style: '', html: '' }
    const style = getComputedStyle(el)
    const box = el.getBoundingClientRect()
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type'),
      id: el.id,
      name: el.getAttribute('name') ?? '',
      text: (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ring: outline || style.boxShadow !== 'none',
      onScreen: box.width > 0 && box.height > 0,
      style: `outline: ${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}; box-shadow: ${style.boxShadow}`,
      html: el.outerHTML.slice(0, 160),
    }
  })
}

/** Presses Tab until `wanted` holds; every element the focus lands on along the way must show it. */
async function tabUntil(
  page: Page,
  wanted: (focus: Focus) => boolean,
  what: string,
  max = 200,
  onStop?: (focus: Focus) => Promise<void>,
): Promise<Focus> {
  let outside = 0
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const focus = await focusOf(page)
    // Past the last control the focus leaves the page once (to the browser), then starts again at the top.
    if (focus.tag === 'body' && ++outside < 2) continue
    assert.notEqual(focus.tag, 'body', `the focus fell back to the page looking for ${what} (${page.url()})`)
    outside = 0
    assert.ok(focus.onScreen && focus.ring, `no visible focus on ${focus.html} (${focus.style}) at ${page.url()}`)
    if (wanted(focus)) return focus
    await onStop?.(focus)
  }
  return assert.fail(`${max} presses of Tab never reached ${what} (${page.url()})`)
}

const named = (text: string) => (focus: Focus) => focus.text === text || focus.text.startsWith(text)

describe('keyboard', () => {
  it('signs in, reads every lesson of a course and takes its quiz from the keyboard, the focus always visible', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto('/login')
    await tabUntil(page, (f) => f.id === 'username', 'the username field')
    await page.keyboard.type('tochuc')
    await tabUntil(page, (f) => f.id === 'password', 'the password field')
    await page.keyboard.type('HocSo@2026')
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Đăng nhập', 'the sign-in button')
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')])

    await page.goto('/courses/du-lieu-quan-trac')
    const lessons = await page.locator('.lesson-list > li').count()
    await tabUntil(page, named('Bắt đầu học'), 'the start link')
    await page.keyboard.press('Enter')
    for (let i = 1; i <= lessons; i++) {
      await page.getByText(`Bài ${i}/${lessons}`).first().waitFor()
      await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Đánh dấu hoàn thành', `“mark done” on lesson ${i}`)
      await page.keyboard.press('Enter')
      await page
        .getByText(i < lessons ? 'Bạn đã hoàn thành bài này.' : 'Bạn đã học xong tất cả các bài của khóa học.')
        .waitFor()
      await tabUntil(page, named(i < lessons ? 'Bài tiếp theo' : 'Về trang khóa học'), 'the next page')
      await page.keyboard.press('Enter')
    }
    await page.waitForURL(/\/courses\/du-lieu-quan-trac$/)
    await tabUntil(page, named('Làm bài kiểm tra'), 'the quiz link')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/quiz$/)
    await tabUntil(page, named('Bắt đầu làm bài'), 'the start button')
    await Promise.all([page.waitForURL(/\/quiz\/[\w-]+$/), page.keyboard.press('Enter')])
    await page.locator('.quiz-question').first().waitFor()

    // Answer as the keyboard allows, on the way to the submit button: Space picks a radio or a box, a field takes
    // typing, an arrow moves a select.
    const questions = await page.locator('.quiz-question').count()
    const answered = new Set<string>()
    await tabUntil(
      page,
      (f) => f.tag === 'button' && f.text === 'Nộp bài',
      'the submit button',
      400,
      async (f) => {
        if (f.tag === 'input' && (f.type === 'radio' || f.type === 'checkbox')) await page.keyboard.press('Space')
        else if (f.tag === 'input') await page.keyboard.type('1')
        else if (f.tag === 'select') await page.keyboard.press('ArrowDown')
        else return
        answered.add(f.name)
      },
    )
    assert.equal(answered.size, questions, 'every question got an answer from the keyboard')
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Kết quả bài kiểm tra' }).waitFor()
    const unanswered = await page.getByText('(không trả lời)').count()
    assert.equal(unanswered, 0, 'every answer given from the keyboard was recorded')
    await context.close()
  })

  for (const js of [true, false]) {
    it(`opens a navigation group and follows a link in it from the keyboard (JavaScript ${
      js ? 'on' : 'off'
    })`, async () => {
      const context = await newContext(browser, 'desktop', { javaScriptEnabled: js })
      const page = await context.newPage()
      await signIn(page, 'tochuc')
      const group = page
        .locator('.main-nav-wide details.nav-group')
        .filter({ has: page.locator('summary', { hasText: /^Báo cáo$/ }) })
      await tabUntil(page, (f) => f.tag === 'summary' && f.text === 'Báo cáo', 'the “Báo cáo” group')
      assert.equal(await group.getAttribute('open'), null, 'the group starts closed')
      await page.keyboard.press('Enter')
      assert.notEqual(await group.getAttribute('open'), null, 'Enter opens it')
      if (js) {
        await tabUntil(page, named('Báo cáo bồi dưỡng'), 'the first link of the group', 3)
        await page.keyboard.press('Escape')
        assert.equal(await group.getAttribute('open'), null, 'Escape closes it')
        assert.equal((await focusOf(page)).tag, 'summary', 'and puts the focus back on its button')
        await page.keyboard.press('Enter')
      }
      await tabUntil(page, named('Báo cáo bồi dưỡng'), 'the first link of the group', 3)
      await Promise.all([page.waitForURL(/\/reports\/coverage/), page.keyboard.press('Enter')])
      await context.close()
    })
  }

  it('ties the sign-in errors to the fields', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto('/login')
    const username = page.getByLabel('Tên đăng nhập')
    const password = page.getByLabel('Mật khẩu')
    await username.focus()
    await page.keyboard.press('Enter')
    await page.getByText('Nhập tên đăng nhập.').waitFor()
    for (const [field, message] of [
      [username, 'Nhập tên đăng nhập.'],
      [password, 'Nhập mật khẩu.'],
    ] as const) {
      assert.equal(await field.getAttribute('aria-invalid'), 'true')
      const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean)
      const texts = await Promise.all(ids.map((id) => page.locator(`#${id}`).textContent()))
      assert.ok(texts.includes(message), `the field is described by “${message}” (${texts.join(' | ')})`)
    }

    await username.fill('khong-co-tai-khoan-nay')
    await password.fill('sai-mat-khau')
    await page.keyboard.press('Enter')
    const alert = page.getByRole('alert').filter({ hasText: 'không đúng' })
    await alert.waitFor()
    const alertId = await alert.getAttribute('id')
    for (const field of [username, password]) {
      assert.equal(await field.getAttribute('aria-invalid'), 'true')
      assert.ok(
        ((await field.getAttribute('aria-describedby')) ?? '').split(' ').includes(alertId!),
        'the refusal is tied to both fields',
      )
    }
    await context.close()
  })
})
