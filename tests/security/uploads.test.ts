/**
 * Hostile uploads at model level (issue 7, point 4): both importers, preview and confirm, against bytes that are
 * not spreadsheets, zip and cell bombs, formulas, very long strings and invisible characters. Every refused file
 * is answered with one Vietnamese message and writes nothing (a fingerprint of every table, before and after).
 * The HTTP side (request size, CSV exports) is in uploads-http.test.ts; docs/imports.md describes the limits.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { importCompletionRecords } from '~/models/records-import.server'
import { importRoster } from '~/models/roster-import.server'
import { checkZipBounds, readSpreadsheet, SPREADSHEET_LIMITS } from '~/models/spreadsheet.server'
import { csvFile, xlsxFile } from '../import-files'
import { cellBomb, minimalXlsx, prng, randomBytes, sheetBomb, sheetXml, zipFile } from './hostile-files'
import {
  actor,
  createImportWorld,
  RECORDS_HEADER,
  recordRow,
  ROSTER_HEADER,
  rosterRow,
  TODAY,
  type World,
} from './import-world'

let world: World
beforeAll(() => {
  world = createImportWorld()
})
afterAll(() => world.cleanup())
beforeEach(() => world.reset())

type Importer = 'roster' | 'records'
const importers: Importer[] = ['roster', 'records']

function run(importer: Importer, data: Uint8Array, { fileName = 'tep.csv', dryRun = false } = {}) {
  const args = { data, fileName, dryRun, actor, today: TODAY }
  return importer === 'roster' ? importRoster(args) : importCompletionRecords(args)
}

/** Runs the file through both importers, preview and confirm; returns the one file-level message (the same each time). */
async function refusedEverywhere(data: Uint8Array, fileName: string): Promise<string> {
  const before = world.fingerprint()
  const messages = new Set<string>()
  for (const importer of importers) {
    for (const dryRun of [true, false]) {
      const result = await run(importer, data, { fileName, dryRun })
      expect(result.ok, `${importer} ${dryRun ? 'preview' : 'confirm'} of ${fileName}`).toBe(false)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toMatchObject({ row: null, column: null })
      expect(result.batchId).toBeNull()
      messages.add(result.errors[0]!.message)
    }
  }
  expect(world.fingerprint()).toEqual(before)
  expect([...messages]).toHaveLength(1)
  return [...messages][0]!
}

/** exceljs's loader, spied on, to prove that a refused file never reached it. */
const xlsxLoader = Object.getPrototypeOf(new ExcelJS.Workbook().xlsx) as {
  load: (...args: unknown[]) => Promise<unknown>
}

describe('bytes that are not a spreadsheet', () => {
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e7b0a30000000049454e44ae426082',
    'hex',
  )

  it('an empty file', async () => {
    expect(await refusedEverywhere(new Uint8Array(), 'trong.csv')).toBe('Tệp trống: không có dữ liệu nào.')
    expect(await refusedEverywhere(new Uint8Array(), 'trong.xlsx')).toBe('Tệp trống: không có dữ liệu nào.')
    expect(await refusedEverywhere(new TextEncoder().encode('\uFEFF \r\n,,\r\n\t,\u200B\r\n'), 'trong.csv')).toBe(
      'Tệp trống: không có dữ liệu nào.',
    )
  })

  it('a PNG named .xlsx or .csv', async () => {
    expect(await refusedEverywhere(png, 'danh-sach.xlsx')).toBe(
      'Tệp có đuôi .xlsx nhưng không phải là bảng tính Excel hợp lệ.',
    )
    expect(await refusedEverywhere(png, 'danh-sach.csv')).toMatch(
      /^Tệp không phải là bảng tính: chỉ nhận tệp \.xlsx hoặc \.csv/,
    )
  })

  it('random bytes named .xlsx or .csv, and random bytes behind a zip signature', async () => {
    const random = prng(7)
    const noise = randomBytes(random, 4096)
    expect(await refusedEverywhere(noise, 'x.xlsx')).toMatch(/không phải là bảng tính Excel hợp lệ/)
    expect(await refusedEverywhere(noise, 'x.csv')).toMatch(/không phải là bảng tính|UTF-8/)
    const zipLike = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise])
    expect(await refusedEverywhere(zipLike, 'x.xlsx')).toBe('Tệp .xlsx bị hỏng hoặc không phải là bảng tính Excel.')
  })

  it('a UTF-16 file (Excel’s “Unicode Text”), with or without a byte-order mark', async () => {
    const text = [ROSTER_HEADER, rosterRow('084100000031', 'Lâm Thị Mai')].map((r) => r.join('\t')).join('\r\n')
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le).swap16()
    const bare = Buffer.from(text, 'utf16le')
    for (const file of [le, be, bare])
      expect(await refusedEverywhere(file, 'danh-sach.csv')).toMatch(/^Tệp ở dạng mã UTF-16 .*CSV UTF-8/)
  })

  it('an old .xls (or a password-protected workbook) and a zip that is not a workbook', async () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)])
    expect(await refusedEverywhere(ole, 'cu.xls')).toMatch(/\.xls.*mật khẩu/)
    const notWorkbook = zipFile([{ name: 'readme.txt', data: Buffer.from('xin chào') }])
    expect(await refusedEverywhere(notWorkbook, 'nen.xlsx')).toMatch(/hỏng|không có trang tính/)
  })
  it('a number cell whose value is not a number (found by the fuzz test: it was read as “NaN”)', async () => {
    const header = sheetXml([RECORDS_HEADER]).replace('</sheetData></worksheet>', '')
    const damaged = `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>084100000001</t></is></c><c r="D2"><v>tám</v></c></row></sheetData></worksheet>`
    expect(await refusedEverywhere(minimalXlsx(damaged), 'hong.xlsx')).toBe(
      'Tệp .xlsx bị hỏng: không đọc được giá trị số của ô D2. Hãy mở tệp trong Excel, sửa các ô đó và lưu lại.',
    )
  })
})

describe('size, row, column and cell limits', () => {
  it('one byte over the size limit is refused before anything is parsed; at the limit it is read', async () => {
    const filler = (n: number) => {
      const head = new TextEncoder().encode(`${RECORDS_HEADER.join(',')}\r\n`)
      const out = new Uint8Array(n).fill(0x20) // spaces: blank cells
      out.set(head)
      return out
    }
    expect(await refusedEverywhere(filler(SPREADSHEET_LIMITS.maxBytes + 1), 'lon.csv')).toBe(
      'Tệp quá lớn (5 MB); giới hạn là 5 MB. Hãy chia thành nhiều tệp.',
    )
    const atLimit = await readSpreadsheet({ data: filler(SPREADSHEET_LIMITS.maxBytes), fileName: 'vua.csv' })
    expect(atLimit).toEqual({ ok: false, message: 'Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.' })
  })

  it('more columns than allowed, in a CSV and in an .xlsx', async () => {
    const wide = [
      [...ROSTER_HEADER, ...Array.from({ length: SPREADSHEET_LIMITS.maxColumns }, (_, i) => `Cột ${i}`)],
      rosterRow('084100000032', 'Rộng Quá'),
    ]
    const expected = `Tệp có ${SPREADSHEET_LIMITS.maxColumns + ROSTER_HEADER.length} cột, vượt giới hạn ${
      SPREADSHEET_LIMITS.maxColumns
    } cột.`
    expect(await refusedEverywhere(csvFile(wide), 'rong.csv')).toBe(expected)
    expect(await refusedEverywhere(minimalXlsx(sheetXml(wide)), 'rong.xlsx')).toMatch(/cột, vượt giới hạn 100 cột\.$/)
  })

  it('more rows than allowed in an .xlsx', async () => {
    const many = [RECORDS_HEADER, ...Array.from({ length: SPREADSHEET_LIMITS.maxDataRows + 1 }, () => recordRow())]
    expect(await refusedEverywhere(minimalXlsx(sheetXml(many)), 'dai.xlsx')).toBe(
      'Tệp có 10.001 dòng dữ liệu, vượt giới hạn 10.000 dòng. Hãy chia thành nhiều tệp.',
    )
  })

  it('a sheet of more cells than allowed is refused from the zip, before exceljs builds a cell', async () => {
    const bomb = cellBomb(SPREADSHEET_LIMITS.maxCells + 100)
    expect(bomb.length).toBeLessThan(SPREADSHEET_LIMITS.maxBytes) // small on disk, heavy in memory
    const load = vi.spyOn(xlsxLoader, 'load')
    try {
      expect(await refusedEverywhere(bomb, 'o.xlsx')).toBe(
        'Tệp .xlsx có hơn 300.000 ô (kể cả ô trống đã định dạng), vượt giới hạn. Hãy chỉ giữ các cột và dòng cần nhập, hoặc chia thành nhiều tệp.',
      )
      expect(load).not.toHaveBeenCalled()
      // Just under the limit it goes on to exceljs (and is then refused for its rows, not its cells).
      expect(await checkZipBounds(cellBomb(SPREADSHEET_LIMITS.maxCells - 100))).toBeNull()
    } finally {
      load.mockRestore()
    }
  })
})

describe('zip bombs disguised as .xlsx', () => {
  it('a sheet that inflates to 2 GB while the directory says 1 KB: refused after at most the ceiling is inflated, in bounded memory', async () => {
    const bomb = sheetBomb({ megabytes: 2048, lie: true })
    expect(bomb.length).toBeLessThan(SPREADSHEET_LIMITS.maxBytes)
    const load = vi.spyOn(xlsxLoader, 'load')
    const rssBefore = process.memoryUsage().rss
    const started = Date.now()
    try {
      expect(await refusedEverywhere(bomb, 'bom.xlsx')).toBe(
        'Tệp .xlsx khi giải nén vượt quá 40 MB; hệ thống không đọc tệp này (có thể là tệp nén độc hại).',
      )
      expect(load).not.toHaveBeenCalled()
    } finally {
      load.mockRestore()
    }
    // Four reads of the bomb: a hang guard only. Memory: inflating is streamed and counted, nothing kept; even one
    // copy of the 40 MB ceiling per read would not fit.
    expect(Date.now() - started).toBeLessThan(60_000)
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * 1024 * 1024)
  })

  it('a sheet that declares 4 GB is refused from the directory alone, as is a ratio no real sheet has', async () => {
    const honest = sheetBomb({ megabytes: 4096, lie: false })
    const load = vi.spyOn(xlsxLoader, 'load')
    try {
      expect(await refusedEverywhere(honest, 'bom.xlsx')).toMatch(/giải nén vượt quá 40 MB/)
      // 30 MB of zeros declared truthfully: under the total ceiling, but a thousand times its compressed size.
      const ratio = minimalXlsx({ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(30 * 1024 * 1024) })
      expect(await checkZipBounds(ratio)).toMatch(/giải nén vượt quá/)
      expect(load).not.toHaveBeenCalled()
    } finally {
      load.mockRestore()
    }
  })

  it('a zip with a broken entry or thousands of entries', async () => {
    const good = minimalXlsx(sheetXml([RECORDS_HEADER, recordRow()]))
    const broken = Buffer.from(good)
    // Corrupt the deflated body of the last entry (the sheet) without touching the headers.
    const sheetAt = broken.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml'), broken.length - 200)
    for (let i = sheetAt + 30; i < sheetAt + 60; i++) broken[i] = 0xff
    expect(await refusedEverywhere(broken, 'hong.xlsx')).toBe('Tệp .xlsx bị hỏng hoặc không phải là bảng tính Excel.')
    const crowd = zipFile(
      Array.from({ length: SPREADSHEET_LIMITS.maxZipEntries + 1 }, (_, i) => ({
        name: `x/${i}.xml`,
        data: Buffer.from('<a/>'),
      })),
    )
    expect(await refusedEverywhere(crowd, 'nhieu.xlsx')).toMatch(/giải nén vượt quá/)
  })
})

describe('formulas', () => {
  // Decision (docs/imports.md): a formula is never evaluated, and its cached result is not trusted either — the
  // program that saved it may not have recalculated, and it may be a link to elsewhere. The file is refused with
  // the cells named, and the user pastes values.
  it('an .xlsx formula cell is refused with its address, whatever its cached result', async () => {
    const rows = [
      RECORDS_HEADER,
      [
        '084100000001',
        'an-toan-thong-tin',
        { formula: 'TEXT(TODAY(),"dd/mm/yyyy")', cached: '20/05/2025' },
        '',
        '',
        '',
        '',
      ],
    ]
    expect(await refusedEverywhere(minimalXlsx(sheetXml(rows)), 'cong-thuc.xlsx')).toBe(
      'Tệp có công thức (ví dụ ô C2). Hãy sao chép và “Dán giá trị” (Paste Values) thay cho công thức rồi tải lên lại.',
    )
  })

  it('shared formulas (Excel’s fill-down) are refused too', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('a')
    sheet.addRow(ROSTER_HEADER)
    sheet.addRow(rosterRow('084100000033', 'Một'))
    sheet.addRow(rosterRow('084100000034', 'Hai'))
    sheet.getCell('F2').value = {
      formula: 'UPPER("x")',
      result: 'X',
      shareType: 'shared',
      ref: 'F2:F3',
    } as ExcelJS.CellValue
    sheet.getCell('F3').value = { sharedFormula: 'F2', result: 'X' } as ExcelJS.CellValue
    const file = new Uint8Array(await workbook.xlsx.writeBuffer())
    expect(await refusedEverywhere(file, 'chia-se.xlsx')).toMatch(/^Tệp có công thức \(ví dụ ô F2, F3\)/)
  })

  it('text that looks like a formula is stored as that text, from a CSV or from an .xlsx text cell', async () => {
    const hyperlink = '=HYPERLINK("http://evil.example/?x=1","Bấm")'
    const csvRows = [
      ROSTER_HEADER,
      rosterRow('084100000035', '=1+1', '@SUM(A1:A9)'),
      rosterRow('084100000036', 'Kim =2*3', '+84 912 000'),
    ]
    expect(await run('roster', csvFile(csvRows))).toMatchObject({ ok: true, created: 2 })
    const xlsxRows = [RECORDS_HEADER, recordRow(hyperlink, '-2+3')]
    expect(await run('records', await xlsxFile(xlsxRows), { fileName: 'a.xlsx' })).toMatchObject({
      ok: true,
      created: 1,
    })
    const person = (nid: string) =>
      world.sqlite.prepare('SELECT ho, chu_dem AS chuDem, ten FROM people WHERE national_id = ?').get(nid)
    expect(person('084100000035')).toEqual({ ho: '', chuDem: '', ten: '=1+1' })
    expect(person('084100000036')).toEqual({ ho: 'Kim', chuDem: '', ten: '=2*3' })
    expect(
      world.sqlite
        .prepare(
          "SELECT position FROM assignments a JOIN people p ON p.id = a.person_id WHERE p.national_id = '084100000035'",
        )
        .get(),
    ).toEqual({
      position: '@SUM(A1:A9)',
    })
    expect(world.sqlite.prepare('SELECT note, source FROM external_records').get()).toEqual({
      note: hyperlink,
      source: '-2+3',
    })
  })
})

describe('very long strings', () => {
  it('a cell over the length limit in a known column is an error at that row and column; nothing is written', async () => {
    const before = world.fingerprint()
    const long = 'x'.repeat(SPREADSHEET_LIMITS.maxCellLength + 1)
    const roster = await run('roster', csvFile([ROSTER_HEADER, rosterRow('084100000037', 'Dài Quá', long)]))
    expect(roster.ok).toBe(false)
    expect(roster.errors).toContainEqual({
      row: 2,
      column: 'Chức vụ',
      message: 'Ô dài 501 ký tự, vượt giới hạn 500 ký tự.',
    })
    const records = await run('records', csvFile([RECORDS_HEADER, recordRow(long)]))
    expect(records.errors).toEqual([
      { row: 2, column: 'Ghi chú', message: 'Ô dài 501 ký tự, vượt giới hạn 500 ký tự.' },
    ])
    expect(world.fingerprint()).toEqual(before)
  })

  it('a name part longer than a correction on the person page allows is refused', async () => {
    const result = await run(
      'roster',
      csvFile([ROSTER_HEADER, rosterRow('084100000038', `Nguyễn Văn ${'A'.repeat(61)}`)]),
    )
    expect(result.errors).toEqual([
      { row: 2, column: 'Họ và tên', message: 'Họ tên quá dài: họ, chữ đệm và tên mỗi phần tối đa 60 ký tự.' },
    ])
  })

  it('a 4 MB field in a column the import does not use is ignored; a 4 MB quoted field that never closes is refused', async () => {
    const huge = 'y'.repeat(4 * 1024 * 1024)
    const result = await run(
      'records',
      csvFile([
        [...RECORDS_HEADER, 'Thừa'],
        [...recordRow(), huge],
      ]),
    )
    expect(result).toMatchObject({ ok: true, created: 1 })
    const unclosed = new TextEncoder().encode(`${RECORDS_HEADER.join(',')}\r\n084100000001,"${huge}`)
    expect(await refusedEverywhere(unclosed, 'mo.csv')).toBe(
      'Tệp CSV hỏng: có một ô mở dấu ngoặc kép (") mà không đóng.',
    )
  })
})

describe('control and invisible characters', () => {
  it('are removed from every cell — names, codes, dates, headers — in a CSV and in an .xlsx', async () => {
    const dirty = (s: string) => `\u200B${s.slice(0, 2)}\u0007${s.slice(2)}\u202E\u001B`
    const csvRows = [
      ROSTER_HEADER.map((h, i) => (i === 0 ? `\uFEFF\u200B${h}` : h)),
      [
        '0841000000\u200D39',
        'Nguy\u200Bễn Văn\u0007 \u202EAn\u2066',
        '05/01/1985',
        'Nam',
        'V\u0085P',
        'Phó\u000Btrưởng',
        '',
        'Công chức',
        '',
        '01/02/\u200E2026',
      ],
    ]
    expect(await run('roster', csvFile(csvRows))).toMatchObject({ ok: true, created: 1, errors: [] })
    expect(
      world.sqlite
        .prepare(
          "SELECT ho, chu_dem AS chuDem, ten, birth_date AS birthDate FROM people WHERE national_id = '084100000039'",
        )
        .get(),
    ).toEqual({
      ho: 'Nguyễn',
      chuDem: 'Văn',
      ten: 'An',
      birthDate: '1985-01-05',
    })
    expect(
      world.sqlite
        .prepare(
          "SELECT position FROM assignments a JOIN people p ON p.id = a.person_id WHERE p.national_id = '084100000039'",
        )
        .get(),
    ).toEqual({ position: 'Phótrưởng' })
    const xlsxRows = [RECORDS_HEADER, recordRow(dirty('Ghi chú'), `One\tTouch\r\n${dirty('2025')}`)]
    expect(await run('records', minimalXlsx(sheetXml(xlsxRows)), { fileName: 'a.xlsx' })).toMatchObject({
      ok: true,
      created: 1,
    })
    expect(world.sqlite.prepare('SELECT note, source FROM external_records').get()).toEqual({
      note: 'Ghi chú',
      source: 'One Touch 2025',
    })
  })

  it('a NUL byte marks a binary file, not text: refused', async () => {
    const withNul = new TextEncoder().encode(
      `${RECORDS_HEADER.join(',')}\r\n084100000001,an-toan-thong-tin,20/05/2025,,,One\u0000Touch,\r\n`,
    )
    expect(await refusedEverywhere(withNul, 'nul.csv')).toMatch(/^Tệp không phải là bảng tính/)
  })
})
