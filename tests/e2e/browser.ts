/** Headless Debian Chromium through playwright-core (no browser download; flags as this machine needs). */
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const SCREENSHOT_DIR = path.resolve('tests/e2e/output')

export const VIEWPORTS = {
  desktop: { width: 1366, height: 768 },
  phone: { width: 390, height: 844 },
} as const

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL is not set: run the browser tests with `npm run test:e2e`.')
  return url
}

export async function newContext(
  browser: Browser,
  viewport: keyof typeof VIEWPORTS = 'desktop',
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({ viewport: VIEWPORTS[viewport], baseURL: baseUrl(), locale: 'vi-VN', ...options })
}

export async function signIn(page: Page, username: string, password = 'HocSo@2026'): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(password)
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/login')),
    page.getByRole('button', { name: 'Đăng nhập', exact: true }).click(),
  ])
}

/** Saves a screenshot (full page unless told otherwise) under tests/e2e/output/<name>.png. */
export async function screenshot(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const file = path.join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path: file, fullPage })
  return file
}

/** Width of the document beyond the viewport: 0 when the page does not scroll sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

/**
 * Follows a link of the main navigation as a person would: on a phone through the Menu; on a wide screen opening
 * the group (disclosure menu) that holds it first, when it is in one.
 */
export async function navigateTo(page: Page, label: string): Promise<void> {
  if ((page.viewportSize()?.width ?? VIEWPORTS.desktop.width) <= 720) {
    await page.locator('.nav-menu > summary').click()
    await page.locator('.nav-menu').getByRole('link', { name: label, exact: true }).click()
    return
  }
  const nav = page.locator('.main-nav-wide')
  await nav.waitFor()
  const link = nav.getByRole('link', { name: label, exact: true })
  const group = nav.locator('details.nav-group').filter({ has: page.locator('a', { hasText: label }) })
  if ((await group.count()) && !(await link.isVisible())) await group.locator('summary').click()
  await link.click()
}

/** Every link of the main navigation a person can reach: through the Menu on a phone, opening each group when wide. */
export async function navLinkLabels(page: Page): Promise<string[]> {
  if ((page.viewportSize()?.width ?? VIEWPORTS.desktop.width) <= 720) {
    await page.locator('.nav-menu > summary').click()
    return page
      .locator('.nav-menu')
      .getByRole('navigation', { name: 'Điều hướng chính' })
      .getByRole('link')
      .allTextContents()
  }
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' })
  const labels = await nav.locator(':scope > ul > li > a').allTextContents()
  const groups = nav.locator('details.nav-group')
  for (let i = 0; i < (await groups.count()); i++) {
    await groups.nth(i).locator('summary').click()
    labels.push(...(await groups.nth(i).getByRole('link').allTextContents()))
  }
  return labels
}
