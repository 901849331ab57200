/** The walking skeleton as a person sees it: sign in per role, navigate, switch language, sign out. */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { horizontalOverflow, launchBrowser, navLinkLabels, newContext, screenshot, signIn } from './browser'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

describe('sign-in and the app shell', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`shows the login page with the demo accounts (${viewport})`, async () => {
      const context = await newContext(browser, viewport)
      const page = await context.newPage()
      await page.goto('/login')
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Đăng nhập')
      for (const username of ['hocvien', 'truongphong', 'tochuc', 'quantri']) {
        assert.ok(await page.getByRole('button', { name: `Đăng nhập bằng ${username}` }).isVisible())
      }
      assert.equal(await horizontalOverflow(page), 0)
      await screenshot(page, `login-${viewport}`)
      await context.close()
    })
  }

  it('refuses a wrong password with a message, keeping the username', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto('/login')
    await page.getByLabel('Tên đăng nhập').fill('hocvien')
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau')
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'không đúng' }).waitFor()
    assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'hocvien')
    await screenshot(page, 'login-error-desktop')
    await context.close()
  })

  const LEARNER_NAV = ['Trang chủ', 'Khóa học của tôi', 'Danh mục khóa học']
  const homes = [
    {
      username: 'hocvien',
      heading: 'Thông tin công tác',
      nav: LEARNER_NAV,
      absent: ['Cơ cấu tổ chức', 'Cán bộ', 'Kế hoạch năm'],
    },
    {
      username: 'truongphong',
      heading: 'Đơn vị của tôi',
      nav: [...LEARNER_NAV, 'Cơ cấu tổ chức', 'Cán bộ'],
      absent: ['Kế hoạch năm', 'Mã truy cập API'],
    },
    {
      username: 'tochuc',
      heading: 'Tổng quan tổ chức',
      nav: [...LEARNER_NAV, 'Cơ cấu tổ chức', 'Cán bộ', 'Kế hoạch năm', 'Nhập danh sách nhân sự'],
      absent: ['Mã truy cập API'],
    },
    {
      username: 'quantri',
      heading: 'Quản trị',
      nav: [...LEARNER_NAV, 'Cơ cấu tổ chức', 'Kế hoạch năm', 'Nhật ký thao tác', 'Mã truy cập API'],
      absent: [],
    },
  ]
  for (const home of homes) {
    for (const viewport of ['desktop', 'phone'] as const) {
      it(`gives ${home.username} a home page for their role (${viewport})`, async () => {
        const context = await newContext(browser, viewport)
        const page = await context.newPage()
        await signIn(page, home.username)
        assert.equal(new URL(page.url()).pathname, '/')
        await page
          .getByRole('heading', { name: new RegExp(home.heading) })
          .first()
          .waitFor()
        const navLinks = await navLinkLabels(page)
        for (const label of home.nav) assert.ok(navLinks.includes(label), `${home.username} should see ${label}`)
        for (const label of home.absent)
          assert.ok(!navLinks.includes(label), `${home.username} should not see ${label}`)
        assert.equal(await horizontalOverflow(page), 0)
        await screenshot(page, `home-${home.username}-${viewport}`)
        await context.close()
      })
    }
  }

  it('shows HR the unit tree as of a past date, and a clear error for a bad date', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'tochuc')
    await page.goto('/org?asOf=30/06/2024')
    assert.ok(await page.getByRole('cell', { name: 'Sở Tài nguyên và Môi trường tỉnh Trà Vinh' }).isVisible())
    await screenshot(page, 'org-2024-desktop')
    await page.getByLabel('Tính đến ngày').fill('31/02/2025')
    await page.getByRole('button', { name: 'Xem' }).click()
    await page.getByText('Ngày không hợp lệ').waitFor()
    await context.close()
  })

  it('refuses the organisation page to a learner with a 403 page', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'hocvien')
    const response = await page.goto('/org')
    assert.equal(response?.status(), 403)
    await page.getByRole('heading', { name: 'Bạn không có quyền xem trang này' }).waitFor()
    await screenshot(page, 'forbidden-desktop')
    await context.close()
  })

  it('answers an unknown URL with the 404 page', async () => {
    const context = await newContext(browser, 'phone')
    const page = await context.newPage()
    const response = await page.goto('/khong-co-trang-nay')
    assert.equal(response?.status(), 404)
    await page.getByRole('heading', { name: 'Không tìm thấy trang' }).waitFor()
    await screenshot(page, 'not-found-phone')
    await context.close()
  })

  it('switches to English and back, and signs out', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'tochuc')
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await page.getByRole('heading', { name: 'Organisation overview' }).waitFor()
    await screenshot(page, 'home-tochuc-english-desktop')
    await page.getByRole('button', { name: 'Chuyển sang tiếng Việt' }).click()
    await page.getByRole('heading', { name: 'Tổng quan tổ chức' }).waitFor()
    await page.getByRole('button', { name: 'Đăng xuất' }).click()
    await page.getByText('Bạn đã đăng xuất.').waitFor()
    const response = await page.goto('/')
    assert.equal(new URL(page.url()).pathname, '/login')
    assert.ok(response)
    await context.close()
  })

  it('works from the keyboard: skip link, then the login form', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await page.goto('/login')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Chuyển đến nội dung chính')
    await page.keyboard.press('Enter')
    await page.getByLabel('Tên đăng nhập').focus()
    await page.keyboard.type('hocvien')
    await page.keyboard.press('Tab')
    await page.keyboard.type('HocSo@2026')
    await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.keyboard.press('Enter')])
    await context.close()
  })
})
