/** Reading the coverage report page the way a person reads it: by unit name and column heading. */
import type { Page } from 'playwright-core'

export type CoverageFigures = Record<string, string>

/** Vietnamese integer ("1.234") → number. */
export function viInt(text: string): number {
  const value = Number(text.replace(/\./g, '').trim())
  if (!Number.isInteger(value)) throw new Error(`not a whole number: “${text}”`)
  return value
}

/** The row of a unit, as { column heading: cell text }; null when the report has no row for it. */
export async function coverageRow(page: Page, unitName: string): Promise<CoverageFigures | null> {
  const table = page.locator('table.coverage-table')
  await table.waitFor()
  const headings = (await table.locator('thead th').allTextContents()).map((h) => h.trim())
  const exactly = new RegExp(`^\\s*${unitName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
  const row = table.locator('tbody tr').filter({ has: page.locator('th[scope="row"] a', { hasText: exactly }) })
  const count = await row.count()
  if (count === 0) return null
  if (count > 1) throw new Error(`${count} rows for ${unitName}`)
  const cells = (await row.locator('th, td').allTextContents()).map((c) => c.trim())
  return Object.fromEntries(headings.map((h, i) => [h, cells[i] ?? '']))
}

/** The headcount ("Số người") of a unit's row. */
export async function headcountOf(page: Page, unitName: string): Promise<number | null> {
  const row = await coverageRow(page, unitName)
  return row ? viInt(row['Số người'] ?? '') : null
}

/** Shows the report for a year, mode and date through the page's own form (dates as dd/mm/yyyy). */
export async function showCoverage(
  page: Page,
  { year, mode, asOf }: { year: string; mode: 'recorded' | 'restated'; asOf: string },
): Promise<void> {
  const form = page.locator('form.filter-bar')
  await form.getByLabel('Năm', { exact: true }).fill(year)
  await form.getByLabel('Cách tính đơn vị').selectOption(mode)
  await form.getByLabel('Tính đến ngày').fill(asOf)
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('mode') === mode),
    form.getByRole('button', { name: 'Xem báo cáo' }).click(),
  ])
  await page.locator('table.coverage-table').waitFor()
}

/** Today and yesterday in Vietnam, as the server counts days: ISO and dd/mm/yyyy. */
export function vietnamDays(): { today: string; yesterday: string; todayVi: string; yesterdayVi: string } {
  const iso = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(d)
  const vi = (isoDate: string) => isoDate.split('-').reverse().join('/')
  const today = iso(new Date())
  const yesterday = new Date(`${today}T00:00:00Z`)
  yesterday.setUTCDate(yesterday.getUTCDate() - 1)
  const y = yesterday.toISOString().slice(0, 10)
  return { today, yesterday: y, todayVi: vi(today), yesterdayVi: vi(y) }
}
