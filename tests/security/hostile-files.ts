/**
 * Hand-built zip and .xlsx files for the hostile-upload tests: a minimal valid workbook whose parts we control
 * byte by byte, a zip bomb that inflates to gigabytes from a few megabytes, a sheet of too many cells. Built in
 * the test (nothing binary is committed) with Node's zlib.
 */
import zlib from 'node:zlib'

export type ZipEntryInput = {
  name: string
  /** The entry's real content (stored deflated unless `method` is 0). */
  data?: Buffer
  /** Already-deflated bytes, for entries too large to hold uncompressed (a bomb). */
  deflated?: Buffer
  method?: 0 | 8
  /** What the directory claims the uncompressed size is (defaults to the truth; a bomb may lie). */
  declaredSize?: number
}

/** A zip archive (local headers, central directory, end record), CRCs included where the content is known. */
export function zipFile(entries: readonly ZipEntryInput[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name)
    const method = entry.method ?? 8
    const body =
      entry.deflated ??
      (method === 8 ? zlib.deflateRawSync(entry.data ?? Buffer.alloc(0)) : entry.data ?? Buffer.alloc(0))
    const size = entry.declaredSize ?? entry.data?.length ?? 0
    const crc = entry.data ? zlib.crc32(entry.data) : 0
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`)

/** The parts every workbook needs around its one sheet. */
function workbookParts(): ZipEntryInput[] {
  return [
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
    },
  ]
}

/** XML escapes, and the control characters XML cannot hold written as Excel writes them (`_x0007_`). */
const escapeXml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    )

/** One cell: a string (inline), or a formula with the cached result a spreadsheet program saved. */
export type RawCell = string | { formula: string; cached: string }

export function columnName(n: number): string {
  let s = ''
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** The sheet XML for `rows` (row 1 first), every string inline so that no shared-strings part is needed. */
export function sheetXml(rows: readonly (readonly RawCell[])[]): string {
  const body = rows
    .map((cells, r) => {
      const inner = cells
        .map((cell, c) => {
          const ref = `${columnName(c + 1)}${r + 1}`
          if (typeof cell === 'string')
            return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`
          return `<c r="${ref}" t="str"><f>${escapeXml(cell.formula)}</f><v>${escapeXml(cell.cached)}</v></c>`
        })
        .join('')
      return `<row r="${r + 1}">${inner}</row>`
    })
    .join('')
  return `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`
}

/** A minimal valid .xlsx with one sheet whose XML is `sheet` (or whose entry is given whole). */
export function minimalXlsx(sheet: string | ZipEntryInput): Buffer {
  const entry = typeof sheet === 'string' ? { name: 'xl/worksheets/sheet1.xml', data: xml(sheet) } : sheet
  return zipFile([...workbookParts(), entry])
}

/**
 * A deflate stream of `gigabytes` GB of zeros, a few MB long: one megabyte of zeros deflated and ended with a
 * sync flush (byte-aligned, not final, no references outside itself) repeated, then an empty final block.
 */
export function deflatedZeros(megabytes: number): Buffer {
  const block = zlib.deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH })
  const finalBlock = Buffer.from([0x03, 0x00])
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), finalBlock])
}

/**
 * An .xlsx whose sheet inflates to `megabytes` MB. `lie`: the directory declares 1 KB, so only inflating with a
 * ceiling catches it; otherwise it declares the truth (capped at 4 GB − 1, the most a plain zip can say).
 */
export function sheetBomb({ megabytes, lie }: { megabytes: number; lie: boolean }): Buffer {
  const declaredSize = lie ? 1024 : Math.min(megabytes * 1024 * 1024, 0xffffffff)
  return minimalXlsx({ name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(megabytes), declaredSize })
}

/**
 * An .xlsx of `cells` tiny numeric cells in 100-column rows: a few hundred kilobytes that exceljs would turn into
 * hundreds of megabytes of objects.
 */
export function cellBomb(cells: number): Buffer {
  const perRow = 100
  const rows: string[] = []
  for (let r = 0; r * perRow < cells; r++) {
    const n = Math.min(perRow, cells - r * perRow)
    let row = `<row r="${r + 1}">`
    for (let c = 0; c < n; c++) row += `<c r="${columnName(c + 1)}${r + 1}"><v>1</v></c>`
    rows.push(`${row}</row>`)
  }
  return minimalXlsx(
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join(
      '',
    )}</sheetData></worksheet>`,
  )
}

/** A deterministic PRNG (mulberry32): the same seed gives the same files. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomBytes(random: () => number, length: number): Buffer {
  const out = Buffer.alloc(length)
  for (let i = 0; i < length; i++) out[i] = Math.floor(random() * 256)
  return out
}
