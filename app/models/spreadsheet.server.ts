/**
 * Reads an uploaded roster or records file (.xlsx or .csv) into rows of trimmed strings, within bounds, or says in
 * Vietnamese why it will not. Shared by the roster and completion-records imports.
 *
 * Bounds: the file size, the number of rows and columns, the uncompressed size of an .xlsx (a zip: checked by
 * inflating every entry ourselves with a ceiling before exceljs sees it, so a zip bomb never reaches memory), only
 * the first sheet, no formulas, no hidden sheets. Cell length is checked by the imports, which know column names.
 */
import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import { parseCsv } from '~/content/csv'

export const SPREADSHEET_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxDataRows: 10_000,
  maxColumns: 100,
  maxCellLength: 500,
  /** Sum of the uncompressed sizes of an .xlsx's parts. */
  maxUncompressedBytes: 60 * 1024 * 1024,
  maxZipEntries: 2_000,
}

/** A row with its number as the user sees it in Excel (the header is usually row 1). */
export type SheetRow = { number: number; cells: string[] }
export type Sheet = { header: SheetRow; rows: SheetRow[] }
export type ReadSpreadsheetResult = { ok: true; sheet: Sheet } | { ok: false; message: string }

const fail = (message: string): ReadSpreadsheetResult => ({ ok: false, message })

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

export function formatCount(n: number): string {
  return new Intl.NumberFormat('vi-VN').format(n)
}

/** Reads `data` (the file's bytes); `fileName` only helps the messages. */
export async function readSpreadsheet({ data, fileName = '' }: { data: Uint8Array; fileName?: string }): Promise<ReadSpreadsheetResult> {
  if (data.byteLength === 0) return fail('Tệp trống: không có dữ liệu nào.')
  if (data.byteLength > SPREADSHEET_LIMITS.maxBytes) {
    return fail(`Tệp quá lớn (${mb(data.byteLength)}); giới hạn là ${mb(SPREADSHEET_LIMITS.maxBytes)}. Hãy chia thành nhiều tệp.`)
  }
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return readXlsx(bytes)
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    return fail('Tệp Excel định dạng cũ (.xls) chưa được hỗ trợ. Hãy mở tệp trong Excel và lưu lại dưới dạng .xlsx.')
  }
  if (/\.xlsx$/i.test(fileName)) return fail('Tệp có đuôi .xlsx nhưng không phải là bảng tính Excel hợp lệ.')
  return readCsv(bytes)
}

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

const NOT_A_SPREADSHEET = 'Tệp không phải là bảng tính: chỉ nhận tệp .xlsx hoặc .csv (UTF-8).'

function readCsv(bytes: Buffer): ReadSpreadsheetResult {
  if (bytes.includes(0)) return fail(NOT_A_SPREADSHEET)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return fail('Tệp CSV không ở dạng mã UTF-8. Trong Excel, hãy chọn “Lưu thành” → “CSV UTF-8 (Comma delimited)”.')
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (!text.trim()) return fail('Tệp trống: không có dữ liệu nào.')
  const firstLine = text.slice(0, text.search(/\r|\n|$/))
  const delimiter = countOutsideQuotes(firstLine, ';') > countOutsideQuotes(firstLine, ',') ? ';' : ','
  let raw: string[][]
  try {
    raw = parseCsv(text, delimiter, { keepEmptyRows: true })
  } catch {
    return fail('Tệp CSV hỏng: có một ô mở dấu ngoặc kép (") mà không đóng.')
  }
  return toSheet(raw.map((cells, i) => ({ number: i + 1, cells: cells.map((c) => c.trim()) })))
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0
  let quoted = false
  for (const c of line) {
    if (c === '"') quoted = !quoted
    else if (!quoted && c === ch) n++
  }
  return n
}

/** Drops blank rows (keeping the numbers of the others), takes the first row as the header, applies the bounds. */
function toSheet(all: SheetRow[]): ReadSpreadsheetResult {
  const rows = all.filter((r) => r.cells.some((c) => c !== ''))
  if (rows.length === 0) return fail('Tệp trống: không có dữ liệu nào.')
  const [header, ...data] = rows as [SheetRow, ...SheetRow[]]
  if (data.length === 0) return fail('Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.')
  if (data.length > SPREADSHEET_LIMITS.maxDataRows) {
    return fail(
      `Tệp có ${formatCount(data.length)} dòng dữ liệu, vượt giới hạn ${formatCount(SPREADSHEET_LIMITS.maxDataRows)} dòng. Hãy chia thành nhiều tệp.`,
    )
  }
  const widest = Math.max(...rows.map((r) => r.cells.length))
  if (widest > SPREADSHEET_LIMITS.maxColumns) {
    return fail(`Tệp có ${widest} cột, vượt giới hạn ${SPREADSHEET_LIMITS.maxColumns} cột.`)
  }
  return { ok: true, sheet: { header, rows: data } }
}

// ---------------------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------------------

/**
 * Walks the zip's central directory and inflates every entry with a ceiling on the total output, so that what
 * the directory declares cannot lie. Returns a message when the archive is unreadable or too big.
 */
export function checkZipBounds(bytes: Buffer, maxTotal = SPREADSHEET_LIMITS.maxUncompressedBytes): string | null {
  const broken = 'Tệp .xlsx bị hỏng hoặc không phải là bảng tính Excel.'
  const tooBig = `Tệp .xlsx khi giải nén vượt quá ${mb(maxTotal)}; hệ thống không đọc tệp này (có thể là tệp nén độc hại).`
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes at the end of the file.
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return broken
  const entries = bytes.readUInt16LE(eocd + 10)
  let offset = bytes.readUInt32LE(eocd + 16)
  if (entries === 0xffff || offset === 0xffffffff) return tooBig // ZIP64: no spreadsheet we accept needs it
  if (entries > SPREADSHEET_LIMITS.maxZipEntries) return tooBig
  let remaining = maxTotal
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return broken
    const method = bytes.readUInt16LE(offset + 10)
    const compressedSize = bytes.readUInt32LE(offset + 20)
    const declaredSize = bytes.readUInt32LE(offset + 24)
    const nameLength = bytes.readUInt16LE(offset + 28)
    const extraLength = bytes.readUInt16LE(offset + 30)
    const commentLength = bytes.readUInt16LE(offset + 32)
    const localOffset = bytes.readUInt32LE(offset + 42)
    offset += 46 + nameLength + extraLength + commentLength
    if (declaredSize > remaining) return tooBig
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== 0x04034b50) return broken
    const start = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28)
    if (start + compressedSize > bytes.length) return broken
    const body = bytes.subarray(start, start + compressedSize)
    let size: number
    if (method === 0) size = body.length
    else if (method === 8) {
      try {
        size = zlib.inflateRawSync(body, { maxOutputLength: Math.max(remaining, 1) }).length
      } catch (error) {
        return error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? tooBig : broken
      }
    } else return broken
    remaining -= size
    if (remaining < 0) return tooBig
  }
  return null
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value
  if (value === null || value === undefined) return ''
  if (value instanceof Date) {
    // Excel dates arrive as UTC midnight of the calendar day.
    const d = value
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value)
  if (typeof value === 'string' || typeof value === 'boolean') return String(value)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('')
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('error' in value) return String(value.error)
  }
  return String(cell.text ?? '')
}

function isFormula(cell: ExcelJS.Cell): boolean {
  const value = cell.value as unknown
  return (
    cell.type === ExcelJS.ValueType.Formula ||
    (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value))
  )
}

function columnLetter(n: number): string {
  let s = ''
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

async function readXlsx(bytes: Buffer): Promise<ReadSpreadsheetResult> {
  const zipProblem = checkZipBounds(bytes)
  if (zipProblem) return fail(zipProblem)
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs's types predate Node's generic Buffer; the bytes are what it expects.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  } catch {
    return fail('Tệp .xlsx bị hỏng hoặc không phải là bảng tính Excel.')
  }
  const sheets = workbook.worksheets
  if (sheets.length === 0) return fail('Tệp .xlsx không có trang tính nào.')
  const hidden = sheets.filter((s) => s.state === 'hidden' || s.state === 'veryHidden')
  if (hidden.length) {
    return fail(
      `Tệp có trang tính ẩn (${hidden.map((s) => `“${s.name}”`).join(', ')}). Hãy xóa hoặc bỏ ẩn trang tính đó rồi tải lên lại, để không có dữ liệu nào bị bỏ sót mà không ai thấy.`,
    )
  }
  const sheet = sheets[0]!
  const rows: SheetRow[] = []
  const formulas: string[] = []
  let tooMany = false
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > SPREADSHEET_LIMITS.maxDataRows + 1 + 1000 || tooMany) {
      tooMany = true
      return
    }
    const cells: string[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > SPREADSHEET_LIMITS.maxColumns) return
      if (isFormula(cell)) {
        if (formulas.length < 5) formulas.push(`${columnLetter(col)}${rowNumber}`)
        return
      }
      cells[col - 1] = cellText(cell).trim()
    })
    rows.push({ number: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
  })
  if (formulas.length) {
    return fail(
      `Tệp có công thức (ví dụ ô ${formulas.join(', ')}). Hãy sao chép và “Dán giá trị” (Paste Values) thay cho công thức rồi tải lên lại.`,
    )
  }
  if (tooMany) {
    return fail(`Tệp vượt giới hạn ${formatCount(SPREADSHEET_LIMITS.maxDataRows)} dòng dữ liệu. Hãy chia thành nhiều tệp.`)
  }
  if (sheet.columnCount > SPREADSHEET_LIMITS.maxColumns) {
    return fail(`Tệp có ${sheet.columnCount} cột, vượt giới hạn ${SPREADSHEET_LIMITS.maxColumns} cột.`)
  }
  return toSheet(rows)
}
