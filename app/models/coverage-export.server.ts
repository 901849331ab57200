/**
 * The coverage report's downloads — CSV and .xlsx — from one column list, so both carry the same rows and
 * columns as the page and the API (contract.md). The .xlsx holds real numbers with number formats (a Vietnamese
 * Excel shows 1.234 and 83,21%), a header block naming the agency and the parameters, set column widths and a
 * frozen header row.
 */
import type ExcelJS from 'exceljs'
import { formatDate, formatDateTime } from '~/i18n/format'
import type { FrozenInfo, ScopedCoverage } from './coverage-access.server'
import type { CoverageRow } from './coverage.server'
import { csvHeaders, toCsv, type CsvCell } from './csv-export'
import { ORGANISATION } from './organisation-name'

type Column = {
  header: string
  width: number
  kind: 'text' | 'integer' | 'percent' | 'hours'
  value: (row: CoverageRow) => string | number | null
}

const COLUMNS: Column[] = [
  { header: 'Mã đơn vị', width: 16, kind: 'text', value: (r) => r.unitCode },
  { header: 'Đơn vị', width: 52, kind: 'text', value: (r) => r.unitName },
  { header: 'Cấp', width: 6, kind: 'integer', value: (r) => r.depth },
  { header: 'Số người', width: 11, kind: 'integer', value: (r) => r.headcount },
  { header: 'Phải bồi dưỡng', width: 15, kind: 'integer', value: (r) => r.required },
  { header: 'Hoàn thành đủ', width: 15, kind: 'integer', value: (r) => r.trainedAll },
  { header: 'Tỷ lệ hoàn thành (%)', width: 19, kind: 'percent', value: (r) => r.coveragePct },
  { header: 'Đã học ≥ 1 khóa', width: 16, kind: 'integer', value: (r) => r.trainedAny },
  { header: 'Tỷ lệ tham gia (%)', width: 18, kind: 'percent', value: (r) => r.reachPct },
  { header: 'Lượt người', width: 12, kind: 'integer', value: (r) => r.personTimes },
  { header: 'Số tiết', width: 11, kind: 'hours', value: (r) => r.learningHours },
  { header: 'Chỉ tiêu (%)', width: 13, kind: 'percent', value: (r) => r.targetPct },
]

export const COVERAGE_EXPORT_HEADER = COLUMNS.map((c) => c.header)

function baseName(report: ScopedCoverage): string {
  return `bao-cao-boi-duong-${report.year}-${report.mode}-${report.asOf}`
}

/** CSV, UTF-8 with BOM; percentages as numbers (83.21), empty when the denominator is empty. */
export function coverageCsvResponse(report: ScopedCoverage): Response {
  const body = toCsv({ header: COVERAGE_EXPORT_HEADER, rows: report.rows.map((row) => COLUMNS.map((c) => c.value(row) as CsvCell)) })
  return new Response(body, { headers: csvHeaders({ fileName: `${baseName(report)}.csv` }) })
}

function modeText(report: ScopedCoverage): string {
  return report.mode === 'recorded' ? 'theo cơ cấu tổ chức tại ngày tính số liệu' : 'quy đổi về cơ cấu tổ chức hiện nay'
}

function stampText(frozen: FrozenInfo | null, generatedAt: number): string {
  return frozen
    ? `Số liệu đã khóa lúc ${formatDateTime(frozen.closedAt)}${frozen.closedBy ? ` (${frozen.closedBy})` : ''}; cơ cấu quy đổi tại ngày ${formatDate(frozen.structureDate)}.`
    : `Xuất lúc ${formatDateTime(generatedAt)}. Số liệu chưa khóa, có thể thay đổi.`
}

/** The .xlsx workbook: header block, one row per unit (indented by depth), frozen header row. */
export async function coverageXlsx(report: ScopedCoverage, { generatedAt = Date.now() }: { generatedAt?: number } = {}): Promise<Buffer> {
  // Loaded on the first download, not at server start (exceljs takes over half a second to load).
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  workbook.creator = 'HọcSố'
  // A frozen report's file carries its closing time, so two downloads of it hold the same content.
  const stamp = report.frozen ? report.frozen.closedAt : generatedAt
  workbook.created = new Date(stamp)
  workbook.modified = new Date(stamp)
  const sheet = workbook.addWorksheet(`Năm ${report.year}`, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.columns = COLUMNS.map((c) => ({ width: c.width }))
  const last = COLUMNS.length
  const line = (text: string, style: Partial<ExcelJS.Font> = {}) => {
    const row = sheet.addRow([text])
    sheet.mergeCells(row.number, 1, row.number, last)
    row.getCell(1).font = { name: 'Times New Roman', size: 12, ...style }
    return row
  }
  line(ORGANISATION.superior)
  line(ORGANISATION.name, { bold: true })
  sheet.addRow([])
  const title = line(`BÁO CÁO KẾT QUẢ BỒI DƯỠNG NĂM ${report.year}`, { bold: true, size: 14 })
  title.getCell(1).alignment = { horizontal: 'center' }
  const subtitle = line(`Số liệu tính đến ngày ${formatDate(report.asOf)}, ${modeText(report)}.`, { italic: true })
  subtitle.getCell(1).alignment = { horizontal: 'center' }
  line(stampText(report.frozen, generatedAt), { italic: true, size: 10 })
  sheet.addRow([])

  const header = sheet.addRow(COVERAGE_EXPORT_HEADER)
  header.height = 32
  header.eachCell((cell) => {
    cell.font = { name: 'Times New Roman', size: 11, bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  sheet.views = [{ state: 'frozen', ySplit: header.number, xSplit: 2, activeCell: `A${header.number + 1}` }]
  sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number, column: last } }

  for (const row of report.rows) {
    const added = sheet.addRow(
      COLUMNS.map((c) => {
        const value = c.value(row)
        if (value === null) return null
        return c.kind === 'percent' && typeof value === 'number' ? value / 100 : value
      }),
    )
    COLUMNS.forEach((c, i) => {
      const cell = added.getCell(i + 1)
      cell.font = { name: 'Times New Roman', size: 11, bold: row.depth === 0 }
      if (c.kind === 'integer') cell.numFmt = '#,##0'
      if (c.kind === 'percent') cell.numFmt = '0.00%'
      if (c.kind === 'hours') cell.numFmt = '#,##0.##'
    })
    added.getCell(2).alignment = { indent: Math.min(row.depth, 10) }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export async function coverageXlsxResponse(report: ScopedCoverage): Promise<Response> {
  const body = await coverageXlsx(report)
  const fileName = `${baseName(report)}.xlsx`
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': csvHeaders({ fileName })['Content-Disposition']!,
      'Cache-Control': 'private, no-store',
    },
  })
}
