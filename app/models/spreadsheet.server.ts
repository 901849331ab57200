/**
 * Reads an uploaded roster or records file (.xlsx or .csv) into rows of trimmed strings, within bounds, or says in
 * Vietnamese why it will not. Shared by the roster and completion-records imports. docs/imports.md lists the limits.
 *
 * Bounds: the file size, the number of rows, columns and cells, the uncompressed size of an .xlsx (a zip: its
 * central directory is checked first — declared sizes and compression ratio — and then every entry is inflated by
 * streaming, counting bytes and cells and keeping none, so a zip bomb or a sheet of millions of cells is refused
 * before exceljs, which inflates and models everything in memory, ever sees it), only the first sheet, no
 * formulas (neither evaluated nor their cached results trusted: the file is refused), no hidden sheets. Control
 * and invisible formatting characters are removed from every cell. Cell length is checked by the imports, which
 * know column names.
 */
import zlib from 'node:zlib'
import type ExcelJS from 'exceljs'

/** exceljs is large (over half a second to load): loaded on the first .xlsx, not at server start. */
let excel: typeof ExcelJS | null = null
async function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= (await import('exceljs')).default
  return excel
}
import { parseCsv } from '~/content/csv'

export const SPREADSHEET_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxDataRows: 10_000,
  maxColumns: 100,
  maxCellLength: 500,
  /**
   * Cells in all the sheets of an .xlsx, empty formatted ones included (`<c>` elements): what bounds exceljs's
   * memory (about 1 KB a cell). 10.000 rows of the 14 roster columns is 140.000.
   */
  maxCells: 300_000,
  /** XML elements in all the parts of an .xlsx (styles, shared strings…): a ceiling on everything else exceljs models. */
  maxXmlElements: 3_000_000,
  /** Sum of the uncompressed sizes of an .xlsx's parts. */
  maxUncompressedBytes: 40 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of one part above 1 MB; real sheets stay far below (about 10–30). */
  maxCompressionRatio: 500,
  maxZipEntries: 2_000,
}

/** A row with its number as the user sees it in Excel (the header is usually row 1). */
export type SheetRow = { number: number; cells: string[] }
export type Sheet = { header: SheetRow; rows: SheetRow[] }
export type ReadSpreadsheetResult = { ok: true; sheet: Sheet } | { ok: false; message: string }

const fail = (message: string): ReadSpreadsheetResult => ({ ok: false, message })

const mb = (bytes: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`

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
    return fail(
      'Tệp Excel định dạng cũ (.xls) hoặc tệp có đặt mật khẩu: chưa được hỗ trợ. Hãy mở tệp trong Excel, bỏ mật khẩu (nếu có) và lưu lại dưới dạng .xlsx.',
    )
  }
  if (/\.xlsx$/i.test(fileName)) return fail('Tệp có đuôi .xlsx nhưng không phải là bảng tính Excel hợp lệ.')
  if (looksLikeUtf16(bytes)) {
    return fail('Tệp ở dạng mã UTF-16 (“Unicode Text”). Trong Excel, hãy chọn “Lưu thành” → “CSV UTF-8 (Comma delimited)”.')
  }
  return readCsv(bytes)
}

/** A UTF-16 byte-order mark, or a start where every other byte is NUL (UTF-16 text without one). */
function looksLikeUtf16(bytes: Buffer): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true
  const sample = bytes.subarray(0, 64)
  if (sample.length < 8) return false
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 ? oddNul++ : evenNul++
  // Mostly-Latin text: the high byte of most characters is 0 (Vietnamese letters are not, hence the margin).
  const half = sample.length / 2
  return (oddNul >= half * 0.4 && evenNul <= half * 0.05) || (evenNul >= half * 0.4 && oddNul <= half * 0.05)
}

/**
 * Control characters (C0 but tab and line ends, DEL, C1), invisible formatting (zero-width spaces and joiners,
 * direction marks and overrides that can make a name display differently from what is stored, word joiners,
 * BOMs, interlinear annotation marks) and lone surrogates. Removed from every cell: they have no place in a name,
 * a code or a date, and they are invisible in the preview.
 */
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** One cell as the imports see it: line breaks and tabs inside it become spaces, invisible characters go, ends trimmed. */
export function cleanCell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').replace(INVISIBLE, '').trim()
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
  return toSheet(raw.map((cells, i) => ({ number: i + 1, cells: cells.map(cleanCell) })))
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

type ZipEntry = { name: string; method: number; compressedSize: number; declaredSize: number; dataStart: number }

const ZIP_BROKEN = 'Tệp .xlsx bị hỏng hoặc không phải là bảng tính Excel.'
const zipTooBig = (maxTotal: number) =>
  `Tệp .xlsx khi giải nén vượt quá ${mb(maxTotal)}; hệ thống không đọc tệp này (có thể là tệp nén độc hại).`

/** The central directory's entries with where each one's data starts, or a message. Reads headers only. */
function readZipDirectory(bytes: Buffer, maxTotal: number): ZipEntry[] | string {
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes at the end of the file.
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return ZIP_BROKEN
  const count = bytes.readUInt16LE(eocd + 10)
  let offset = bytes.readUInt32LE(eocd + 16)
  if (count === 0xffff || offset === 0xffffffff) return zipTooBig(maxTotal) // ZIP64: no spreadsheet we accept needs it
  if (count > SPREADSHEET_LIMITS.maxZipEntries) return zipTooBig(maxTotal)
  const entries: ZipEntry[] = []
  let declaredTotal = 0
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== 0x02014b50) return ZIP_BROKEN
    const method = bytes.readUInt16LE(offset + 10)
    const compressedSize = bytes.readUInt32LE(offset + 20)
    const declaredSize = bytes.readUInt32LE(offset + 24)
    const nameLength = bytes.readUInt16LE(offset + 28)
    const extraLength = bytes.readUInt16LE(offset + 30)
    const commentLength = bytes.readUInt16LE(offset + 32)
    const localOffset = bytes.readUInt32LE(offset + 42)
    if (offset + 46 + nameLength > bytes.length) return ZIP_BROKEN
    const name = bytes.toString('latin1', offset + 46, offset + 46 + nameLength)
    offset += 46 + nameLength + extraLength + commentLength
    // What the directory declares, before inflating anything: the total and the ratio.
    declaredTotal += declaredSize
    if (declaredTotal > maxTotal) return zipTooBig(maxTotal)
    if (declaredSize > 1024 * 1024 && declaredSize > Math.max(compressedSize, 1) * SPREADSHEET_LIMITS.maxCompressionRatio) return zipTooBig(maxTotal)
    if (method !== 0 && method !== 8) return ZIP_BROKEN
    if (localOffset + 30 > bytes.length || bytes.readUInt32LE(localOffset) !== 0x04034b50) return ZIP_BROKEN
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28)
    if (dataStart + compressedSize > bytes.length) return ZIP_BROKEN
    entries.push({ name, method, compressedSize, declaredSize, dataStart })
  }
  return entries
}

/** Counts `<tag` followed by white space, `>` or `/` in a stream of chunks, across chunk boundaries. */
function tagCounter(tag: string) {
  const needle = Buffer.from(`<${tag}`)
  let carry = Buffer.alloc(0)
  let count = 0
  const ends = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f])
  return {
    feed(chunk: Buffer) {
      const text = carry.length ? Buffer.concat([carry, chunk]) : chunk
      let at = text.indexOf(needle)
      let scannedTo = 0
      while (at >= 0) {
        const after = at + needle.length
        if (after >= text.length) break // decided by the next chunk
        if (ends.has(text[after]!)) count++
        scannedTo = after
        at = text.indexOf(needle, after)
      }
      // Keep what a match could still start in: the last needle.length bytes, or an undecided match.
      const keepFrom = at >= 0 ? at : Math.max(scannedTo, text.length - needle.length)
      carry = Buffer.from(text.subarray(keepFrom))
    },
    get count() {
      return count
    },
  }
}

/** Counts '<' bytes: every XML element (and closing tag) begins with one. */
function countOpenings(chunk: Buffer): number {
  let n = 0
  for (let at = chunk.indexOf(0x3c); at >= 0; at = chunk.indexOf(0x3c, at + 1)) n++
  return n
}

/**
 * Checks an .xlsx (a zip) before exceljs sees it: the central directory's declared sizes and compression ratios,
 * then every entry inflated by streaming with a ceiling on the total, counting the cells of the worksheets and the
 * XML elements of every part. Memory stays at a few chunks whatever the file claims or holds. Returns a message
 * in Vietnamese, or null when the file is within bounds.
 */
export async function checkZipBounds(bytes: Buffer, maxTotal = SPREADSHEET_LIMITS.maxUncompressedBytes): Promise<string | null> {
  const entries = readZipDirectory(bytes, maxTotal)
  if (typeof entries === 'string') return entries
  let total = 0
  let cells = 0
  let elements = 0
  for (const entry of entries) {
    const body = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)
    const cellCounter = isSheet ? tagCounter('c') : null
    const tooMuch = (): string | null => {
      if (total > maxTotal) return zipTooBig(maxTotal)
      if (cells + (cellCounter?.count ?? 0) > SPREADSHEET_LIMITS.maxCells) {
        return `Tệp .xlsx có hơn ${formatCount(SPREADSHEET_LIMITS.maxCells)} ô (kể cả ô trống đã định dạng), vượt giới hạn. Hãy chỉ giữ các cột và dòng cần nhập, hoặc chia thành nhiều tệp.`
      }
      if (elements > SPREADSHEET_LIMITS.maxXmlElements) return zipTooBig(maxTotal)
      return null
    }
    const entryStart = total
    if (entry.method === 0) {
      total += body.length
      cellCounter?.feed(body)
      elements += countOpenings(body)
    } else {
      const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 })
      try {
        inflater.end(body)
        for await (const chunk of inflater as AsyncIterable<Buffer>) {
          total += chunk.length
          cellCounter?.feed(chunk)
          elements += countOpenings(chunk)
          const problem = tooMuch()
          if (problem) {
            inflater.destroy()
            return problem
          }
        }
      } catch {
        inflater.destroy()
        return ZIP_BROKEN
      }
    }
    const size = total - entryStart
    if (size > 1024 * 1024 && size > Math.max(entry.compressedSize, 1) * SPREADSHEET_LIMITS.maxCompressionRatio) return zipTooBig(maxTotal)
    const problem = tooMuch()
    if (problem) return problem
    cells += cellCounter?.count ?? 0
  }
  return null
}

/**
 * OOXML writes the characters XML cannot hold as `_xHHHH_` (a literal `_x…_` as `_x005F_x…_`); exceljs leaves
 * them encoded. Decoded here, so that cleanCell sees (and removes) the control characters they usually are.
 */
function decodeOoxmlEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text
}

function cellText(cell: ExcelJS.Cell): string {
  return decodeOoxmlEscapes(rawCellText(cell))
}

function rawCellText(cell: ExcelJS.Cell): string {
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
    cell.type === excel?.ValueType.Formula ||
    (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value))
  )
}

function columnLetter(n: number): string {
  let s = ''
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

async function readXlsx(bytes: Buffer): Promise<ReadSpreadsheetResult> {
  const zipProblem = await checkZipBounds(bytes)
  if (zipProblem) return fail(zipProblem)
  try {
    return await readCheckedXlsx(bytes)
  } catch {
    // exceljs trips over some damaged files after loading them; the user gets the same answer as for any other.
    return fail(ZIP_BROKEN)
  }
}

async function readCheckedXlsx(bytes: Buffer): Promise<ReadSpreadsheetResult> {
  const workbook = new (await loadExcel()).Workbook()
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
  const unreadable: string[] = []
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
      // A number cell whose value is not a number (a damaged or hand-made file): exceljs reads NaN.
      if (typeof cell.value === 'number' && !Number.isFinite(cell.value)) {
        if (unreadable.length < 5) unreadable.push(`${columnLetter(col)}${rowNumber}`)
        return
      }
      cells[col - 1] = cleanCell(cellText(cell))
    })
    rows.push({ number: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
  })
  if (unreadable.length) {
    return fail(`Tệp .xlsx bị hỏng: không đọc được giá trị số của ô ${unreadable.join(', ')}. Hãy mở tệp trong Excel, sửa các ô đó và lưu lại.`)
  }
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
