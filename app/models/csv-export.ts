/**
 * Writing the CSV files HọcSố hands out (contract.md, "CSV and spreadsheet files"): UTF-8 with a BOM so Excel
 * shows the diacritics, comma-separated, header row first, CRLF line ends (RFC 4180). Pure; shared by every export.
 *
 * CSV injection: a text cell that starts with = + - @ (or a tab or carriage return) would be read as a formula by
 * a spreadsheet, so it gets a leading apostrophe. Numbers are written as numbers (a negative number is no formula).
 */
export type CsvCell = string | number | null | undefined

export const CSV_BOM = '\uFEFF'

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/** One cell as it goes into the file: neutralised, then quoted when it must be. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvLine(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(',')
}

/** The whole file: BOM, header row, the rows, each line ended by CRLF. */
export function toCsv({ header, rows }: { header: readonly string[]; rows: Iterable<readonly CsvCell[]> }): string {
  const lines = [csvLine(header)]
  for (const row of rows) lines.push(csvLine(row))
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`
}

/**
 * The response headers of a CSV download named `fileName` (an ASCII fallback and the UTF-8 name, RFC 6266), so
 * routes need not repeat them.
 */
export function csvHeaders({ fileName }: { fileName: string }): Record<string, string> {
  const ascii = fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D')).replace(/[^\w.-]+/g, '-')
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'private, no-store',
  }
}
