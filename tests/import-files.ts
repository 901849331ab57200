/** Builds real .csv, .xlsx and hostile zip files for the import tests. */
import zlib from 'node:zlib'
import ExcelJS from 'exceljs'

/** A CSV file; `bom` and `delimiter` as Excel would write them. Cells with the delimiter or quotes are quoted. */
export function csvFile(rows: readonly (readonly string[])[], { bom = true, delimiter = ',' }: { bom?: boolean; delimiter?: string } = {}): Uint8Array {
  const quote = (cell: string) => (/[",;\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  const text = rows.map((r) => r.map(quote).join(delimiter)).join('\r\n') + '\r\n'
  return new TextEncoder().encode((bom ? '\uFEFF' : '') + text)
}

type XlsxCell = string | number | Date | { formula: string; result?: number | string }

/** An .xlsx workbook: the first sheet holds `rows`; `extraSheets` may be hidden. */
export async function xlsxFile(
  rows: readonly (readonly XlsxCell[])[],
  { extraSheets = [] }: { extraSheets?: { name: string; state?: 'visible' | 'hidden' | 'veryHidden'; rows?: XlsxCell[][] }[] } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Danh sách')
  for (const row of rows) sheet.addRow([...row])
  for (const extra of extraSheets) {
    const s = workbook.addWorksheet(extra.name, { state: extra.state ?? 'visible' })
    for (const row of extra.rows ?? [['x']]) s.addRow(row)
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/**
 * A zip that claims to hold a small file but inflates to `realBytes` of zeros: the central directory lies, so only
 * inflating with a ceiling catches it.
 */
export function zipBomb(realBytes = 200 * 1024 * 1024): Uint8Array {
  const name = Buffer.from('xl/worksheets/sheet1.xml')
  const body = zlib.deflateRawSync(Buffer.alloc(realBytes), { level: 9 })
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(body.length, 18)
  local.writeUInt32LE(1000, 22)
  local.writeUInt16LE(name.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(body.length, 20)
  central.writeUInt32LE(1000, 24) // the lie
  central.writeUInt16LE(name.length, 28)
  central.writeUInt32LE(0, 42)
  const centralOffset = local.length + name.length + body.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + name.length, 12)
  end.writeUInt32LE(centralOffset, 16)
  return new Uint8Array(Buffer.concat([local, name, body, central, name, end]))
}
