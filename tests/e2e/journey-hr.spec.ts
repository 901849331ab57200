/**
 * HR's journeys as a person clicks them: import a roster with one bad row (see the error, exclude the row, confirm)
 * and see the coverage report count the new people; record a merger of two units and see the restated report move
 * their people into the new unit. The data touched (Trung tâm Khuyến nông, the Chi cục Thủy sản and Thủy lợi) is
 * used by no other spec.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { csvFile } from '../import-files'
import { checkPage } from './a11y'
import { launchBrowser, navigateTo, newContext, signIn } from './browser'
import { coverageRow, headcountOf, showCoverage, vietnamDays, viInt } from './coverage-page'

let browser: Browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser.close()
})

const ROOT = 'Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long'

async function openCoverage(page: Page) {
  await navigateTo(page, 'Báo cáo bồi dưỡng')
  await page.waitForURL(/\/reports\/coverage/)
  await page.locator('table.coverage-table').waitFor()
}

describe('HR journeys', () => {
  it('imports a roster with one bad row: sees the error, excludes the row, confirms, and the report counts the new people', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'tochuc')
    const { today } = vietnamDays()
    const year = today.slice(0, 4)

    await openCoverage(page)
    await checkPage(page, 'coverage')
    const unitBefore = await coverageRow(page, 'Trung tâm Khuyến nông')
    const rootBefore = await coverageRow(page, ROOT)
    assert.ok(unitBefore && rootBefore, 'the report has rows for the unit and the department')

    await navigateTo(page, 'Nhập danh sách nhân sự')
    await page.waitForURL(/\/imports\/roster$/)
    await checkPage(page, 'import')
    const file = csvFile([
      ['Số định danh cá nhân', 'Họ và tên', 'Mã đơn vị', 'Chức vụ', 'Loại', 'Ngày bắt đầu'],
      ['096090000101', 'Thạch Thị Sa Quên', 'TTKN', '', 'Viên chức', `01/01/${year}`],
      ['096090000102', 'Lâm Văn Ðức Thành', 'TTKN', '', 'Viên chức', `01/01/${year}`],
      ['096090000103', 'Sai Ngày Tháng', 'TTKN', '', 'Viên chức', `31/02/${year}`],
    ])
    await page
      .getByLabel('Tệp danh sách (.xlsx hoặc .csv)')
      .setInputFiles({ name: 'khuyen-nong.csv', mimeType: 'text/csv', buffer: Buffer.from(file) })
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click()
    await page.getByRole('heading', { name: 'Xem trước: khuyen-nong.csv' }).waitFor()

    // The bad row, by row number and column, and no way to confirm while it is in.
    const errorRow = page.locator('table.import-errors tbody tr').filter({ hasText: 'Ngày bắt đầu' })
    assert.equal(await errorRow.count(), 1)
    const cells = (await errorRow.locator('td').allTextContents()).map((c) => c.trim())
    assert.equal(cells[1], '4', 'the error names row 4 (the header is row 1)')
    assert.match(cells[3] ?? '', /31\/02\/\d{4}.*không có thật/)
    assert.equal(
      await page.getByRole('button', { name: /^Xác nhận nhập/ }).count(),
      0,
      'no confirm button while an error row is in',
    )
    await checkPage(page, 'import-preview', { fullPage: true })

    await page.getByRole('checkbox', { name: 'Loại dòng 4 ra khỏi lần nhập này' }).check()
    await page.getByRole('button', { name: 'Kiểm tra lại (loại các dòng đã đánh dấu)' }).click()
    const confirm = page.getByRole('button', { name: /^Xác nhận nhập \d+ dòng$/ })
    await confirm.waitFor()
    assert.equal(
      await page.locator('table.import-errors').getByText('không có thật').count(),
      0,
      'the excluded row no longer counts as an error',
    )
    await checkPage(page, 'import-ready')
    await confirm.click()
    await page.getByText('Đã nhập xong tệp khuyen-nong.csv').waitFor()
    await checkPage(page, 'import-done')

    await openCoverage(page)
    const unitAfter = await coverageRow(page, 'Trung tâm Khuyến nông')
    const rootAfter = await coverageRow(page, ROOT)
    assert.ok(unitAfter && rootAfter)
    for (const column of ['Số người', 'Phải bồi dưỡng']) {
      assert.equal(
        viInt(unitAfter[column]!),
        viInt(unitBefore[column]!) + 2,
        `${column} of the unit grows by the two people imported`,
      )
      assert.equal(
        viInt(rootAfter[column]!),
        viInt(rootBefore[column]!) + 2,
        `${column} of the department grows by two`,
      )
    }
    await context.close()
  })

  it('records a merger of two units, and the restated report moves their people into the new unit', async () => {
    const context = await newContext(browser)
    const page = await context.newPage()
    await signIn(page, 'tochuc')
    const { yesterday, todayVi, yesterdayVi } = vietnamDays()
    const year = yesterday.slice(0, 4)
    const NEW = 'Chi cục Thủy sản và Thủy lợi'

    await openCoverage(page)
    await showCoverage(page, { year, mode: 'restated', asOf: yesterdayVi })
    const fisheries = await headcountOf(page, 'Chi cục Thủy sản')
    const irrigation = await headcountOf(page, 'Chi cục Thủy lợi')
    assert.ok(fisheries && irrigation, 'both units have people before the merger')
    assert.equal(await headcountOf(page, NEW), null)

    await navigateTo(page, 'Cơ cấu tổ chức')
    await page.waitForURL(/\/org$/)
    await checkPage(page, 'org')
    await page.getByRole('link', { name: 'Chi cục Thủy sản', exact: true }).click()
    await page.getByRole('heading', { name: 'Chi cục Thủy sản', level: 1 }).waitFor()
    const merge = page
      .locator('details.unit-event-form')
      .filter({ has: page.locator('summary', { hasText: 'Hợp nhất với đơn vị khác' }) })
    await merge.locator('summary').click()
    await merge.getByLabel('Mã các đơn vị cùng hợp nhất').fill('CCTL')
    await merge.getByLabel('Mã đơn vị mới').fill('CCTSTL')
    await merge.getByLabel('Tên đơn vị mới').fill(NEW)
    await merge.getByLabel('Loại đơn vị mới').selectOption('chi_cuc')
    await merge.getByLabel('Đơn vị cấp trên của đơn vị mới').selectOption('SNNMT-VL')
    // A date that does not exist first: the error shows next to the field and is tied to it.
    await merge.getByLabel('Ngày có hiệu lực').fill('31/02/2026')
    await merge.getByLabel('Số quyết định').fill('45/QĐ-UBND')
    await merge.getByLabel('Ngày ký quyết định').fill(todayVi)
    await merge.getByLabel('Cơ quan ban hành').fill('UBND tỉnh Vĩnh Long')
    await merge.getByRole('button', { name: 'Xem trước' }).click()
    const dateField = merge.getByLabel('Ngày có hiệu lực')
    await page.waitForFunction(() => document.querySelector('details.unit-event-form[open] [aria-invalid="true"]'))
    assert.equal(await dateField.getAttribute('aria-invalid'), 'true')
    const describedBy = ((await dateField.getAttribute('aria-describedby')) ?? '').split(' ')
    const errorId = describedBy.find((id) => id.endsWith('-error'))
    assert.ok(errorId, `the date field is described by its error (${describedBy.join(' ')})`)
    assert.ok(await page.locator(`#${errorId}`).isVisible())
    assert.equal(await merge.getByLabel('Tên đơn vị mới').inputValue(), NEW, 'what was typed is kept')
    await checkPage(page, 'unit-merge-error')

    await dateField.fill(todayVi)
    await merge.getByRole('button', { name: 'Xem trước' }).click()
    const preview = page.locator('.unit-preview')
    await preview.waitFor()
    assert.ok(
      (await preview.textContent())?.includes(`${fisheries + irrigation} người sẽ được chuyển sang ${NEW}`),
      'the preview counts the people who move',
    )
    await checkPage(page, 'unit-merge-preview')
    await preview.getByRole('button', { name: 'Xác nhận ghi nhận' }).click()
    await page.getByText('Đã ghi nhận sự kiện.').waitFor()
    await page.getByRole('heading', { name: NEW, level: 1 }).waitFor()
    await checkPage(page, 'unit-merged')

    // Restated onto today's structure, the people of both units are in the new one…
    await openCoverage(page)
    await showCoverage(page, { year, mode: 'restated', asOf: yesterdayVi })
    assert.equal(await headcountOf(page, NEW), fisheries + irrigation)
    assert.equal(await headcountOf(page, 'Chi cục Thủy sản'), null)
    assert.equal(await headcountOf(page, 'Chi cục Thủy lợi'), null)
    await checkPage(page, 'coverage-restated')
    // …while the report as recorded on that day still reads as it did.
    await showCoverage(page, { year, mode: 'recorded', asOf: yesterdayVi })
    assert.equal(await headcountOf(page, 'Chi cục Thủy sản'), fisheries)
    assert.equal(await headcountOf(page, 'Chi cục Thủy lợi'), irrigation)
    assert.equal(await headcountOf(page, NEW), null)
    await context.close()
  })
})
