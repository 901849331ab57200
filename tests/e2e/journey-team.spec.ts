/** The unit head's journey: see the team's readiness, filter the people with an overdue course, export that list. */
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { checkPage } from './a11y'
import { launchBrowser, navigateTo, newContext, signIn } from './browser'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

/** A CSV as HọcSố writes it (comma-separated, double quotes around cells that need them) → rows of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  if (cell || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

describe('the unit head journey', () => {
  it('truongphong filters the people with an overdue course and downloads that list as CSV', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'truongphong')
    await navigateTo(page, 'Đơn vị của tôi')
    await page.waitForURL(/\/team$/)
    await page.getByRole('heading', { name: /^Mức độ sẵn sàng của đơn vị năm \d{4}$/ }).waitFor()
    const everyone = await page.locator('table.team-table tbody tr').count()
    assert.ok(everyone > 0, 'the unit has people')
    await checkPage(page, 'team')

    await page.getByLabel('Hiển thị').selectOption({ label: 'Có khóa quá hạn' })
    await Promise.all([page.waitForURL(/\/team\?status=overdue$/), page.getByRole('button', { name: 'Lọc' }).click()])
    const rows = page.locator('table.team-table tbody tr')
    await rows.first().waitFor()
    const shown = await rows.count()
    assert.ok(shown > 0 && shown < everyone, `some but not all of the ${everyone} people are overdue (${shown})`)
    assert.ok(await page.getByText(new RegExp(`^${shown}/${everyone} người$`)).isVisible())
    const names = (await rows.locator('th[scope="row"]').allTextContents()).map((n) => n.trim())
    for (let i = 0; i < shown; i++)
      assert.ok(
        (await rows.nth(i).getByText('Quá hạn', { exact: true }).count()) > 0,
        `${names[i]} has an overdue course`,
      )
    await checkPage(page, 'team-overdue')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải danh sách (CSV)' }).click(),
    ])
    assert.match(download.suggestedFilename(), /^san-sang-\d{4}-overdue\.csv$/)
    const bytes = fs.readFileSync((await download.path())!)
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM, so Excel shows the diacritics')
    const [header, ...lines] = parseCsv(bytes.subarray(3).toString('utf8'))
    assert.deepEqual(header, [
      'Họ và tên',
      'Đơn vị',
      'Khóa học',
      'Tình trạng',
      'Hạn hoàn thành',
      'Ngày hoàn thành',
      'Điểm',
    ])
    const csvNames = [...new Set(lines.map((line) => line[0]!))]
    assert.deepEqual([...csvNames].sort(), [...names].sort(), 'the file lists the same people as the filtered page')
    for (const name of csvNames) {
      assert.ok(
        lines.some((line) => line[0] === name && line[3] === 'Quá hạn'),
        `${name} has a row “Quá hạn” in the file`,
      )
    }
    await context.close()
  })
})
