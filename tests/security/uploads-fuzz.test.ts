/**
 * Fuzzing both importers (issue 7, point 4): a few thousand random and mutated .csv and .xlsx files — byte flips,
 * truncation, inserted quotes, delimiters, BOMs and line breaks, huge fields, random headers, mangled sheet XML —
 * through preview and confirm at model level. Each must answer an import result (never throw), in bounded time,
 * with a clear message when it fails, and a failed file (or any preview) must leave every table as it was.
 *
 * Reproducible: the seed is printed; FUZZ_SEED=<n> replays a run, FUZZ_FILES=<n> changes the count.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportResult } from '~/models/import-common.server'
import { importCompletionRecords } from '~/models/records-import.server'
import { importRoster } from '~/models/roster-import.server'
import { csvFile } from '../import-files'
import { minimalXlsx, prng, randomBytes, sheetXml, zipFile, type RawCell } from './hostile-files'
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

const SEED = Number(process.env.FUZZ_SEED ?? 20260701)
const FILES = Number(process.env.FUZZ_FILES ?? 2500)
/** A hang guard per import call, not a speed requirement. */
const CALL_LIMIT_MS = 15_000

let world: World
beforeAll(() => {
  world = createImportWorld()
})
afterAll(() => world.cleanup())

type Importer = 'roster' | 'records'
type Fuzzed = { importer: Importer; fileName: string; data: Uint8Array; how: string }

const rosterRows = [
  ROSTER_HEADER,
  rosterRow('084100000101', 'Nguyễn Văn Bình'),
  rosterRow('084100000102', 'Thạch Thị Sa Rên', 'Phó trưởng phòng'),
  rosterRow('084100000103', 'Lâm Ðức Ân'),
]
const recordsRows = [
  RECORDS_HEADER,
  recordRow(),
  recordRow('Lớp tập trung', 'QĐ 12/QĐ-SNV', '01/02/2026'),
  ['084100000002', 'Kỹ năng số', '15/09/2025', '40', 'Tập trung', '', ''],
]

/** Valid files of each kind, as the mutations' starting points. */
async function seeds(): Promise<Record<Importer, { csv: Buffer[]; xlsx: Buffer[]; rows: string[][] }>> {
  const exceljsFile = async (rows: string[][]) => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Danh sách')
    for (const row of rows) sheet.addRow(row)
    return Buffer.from(await workbook.xlsx.writeBuffer())
  }
  const out = {} as Record<Importer, { csv: Buffer[]; xlsx: Buffer[]; rows: string[][] }>
  for (const [importer, rows] of [
    ['roster', rosterRows],
    ['records', recordsRows],
  ] as const) {
    out[importer] = {
      rows: rows.map((r) => [...r]),
      csv: [Buffer.from(csvFile(rows)), Buffer.from(csvFile(rows, { bom: false, delimiter: ';' }))],
      xlsx: [await exceljsFile(rows.map((r) => [...r])), minimalXlsx(sheetXml(rows))],
    }
  }
  return out
}

const NASTY = [
  '"',
  ',',
  ';',
  '\r',
  '\n',
  '\r\n',
  '\uFEFF',
  '\u0000',
  '""',
  '"\n"',
  '\t',
  '=',
  '\u202E',
  '\uD800',
  '�',
  'Ð',
  '\u0301',
  '<',
  '&',
  ']]>',
]

function fuzzFiles(random: () => number, base: Awaited<ReturnType<typeof seeds>>, count: number): Fuzzed[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const int = (max: number) => Math.floor(random() * max)
  const randomText = (max: number) => {
    const alphabet = ['a', 'Ễ', 'đ', ' ', '0', '9', '/', '-', '.', ...NASTY]
    return Array.from({ length: int(max) }, () => pick(alphabet)).join('')
  }

  const mutateBytes = (bytes: Buffer): { data: Buffer; how: string } => {
    const data = Buffer.from(bytes)
    switch (int(6)) {
      case 0: {
        const flips = 1 + int(8)
        for (let k = 0; k < flips; k++) data[int(data.length)] = int(256)
        return { data, how: `${flips} byte flips` }
      }
      case 1: {
        const at = int(data.length)
        return { data: data.subarray(0, at), how: `truncated at ${at}` }
      }
      case 2: {
        const at = int(data.length)
        const insert = Buffer.from(Array.from({ length: 1 + int(6) }, () => pick(NASTY)).join(''))
        return {
          data: Buffer.concat([data.subarray(0, at), insert, data.subarray(at)]),
          how: `inserted ${JSON.stringify(insert.toString())} at ${at}`,
        }
      }
      case 3: {
        const from = int(data.length)
        const length = int(Math.min(64, data.length - from))
        return {
          data: Buffer.concat([data.subarray(0, from), data.subarray(from + length)]),
          how: `deleted ${length} bytes at ${from}`,
        }
      }
      case 4: {
        const at = int(data.length)
        const size = pick([1_000, 70_000, 300_000])
        return {
          data: Buffer.concat([
            data.subarray(0, at),
            Buffer.alloc(size, pick(['x', '"', ',', ' ', '9'])),
            data.subarray(at),
          ]),
          how: `huge run of ${size} at ${at}`,
        }
      }
      default:
        return { data: Buffer.concat([data, data.subarray(int(data.length))]), how: 'tail repeated' }
    }
  }

  /** Cell-level changes to the rows, then written back as CSV or as an .xlsx with our own sheet XML. */
  const mutateRows = (rows: string[][]): { rows: RawCell[][]; how: string } => {
    const out: RawCell[][] = rows.map((r) => [...r])
    const r = int(out.length)
    const c = int(out[r]!.length)
    switch (int(7)) {
      case 0:
        out[0] = out[0]!.map(() => randomText(12))
        return { rows: out, how: 'random header' }
      case 1:
        out[0] = [...rows[0]!].sort(() => random() - 0.5).map((h) => (random() < 0.3 ? h.toUpperCase() : h))
        out[0]![int(out[0]!.length)] = out[0]![int(out[0]!.length)]! // a duplicate header, sometimes
        return { rows: out, how: 'shuffled, duplicated header' }
      case 2:
        out[r]![c] = randomText(40)
        return { rows: out, how: `random cell ${r}:${c}` }
      case 3:
        out[r]![c] = 'ý'.repeat(pick([501, 5_000, 100_000]))
        return { rows: out, how: `long cell ${r}:${c}` }
      case 4:
        out[r] = Array.from({ length: int(130) }, () => randomText(5))
        return { rows: out, how: `random row ${r}` }
      case 5:
        out[r]![c] = { formula: `${randomText(6)}+1`, cached: randomText(6) }
        return { rows: out, how: `formula at ${r}:${c}` }
      default:
        for (let k = 0; k < 1 + int(20); k++) out.push(out[1 + int(out.length - 1)] ?? [])
        return { rows: out, how: 'duplicated rows' }
    }
  }

  const files: Fuzzed[] = []
  for (let n = 0; n < count; n++) {
    const importer: Importer = n % 2 ? 'records' : 'roster'
    const source = base[importer]
    const kind = int(10)
    if (kind < 4) {
      const { data, how } = mutateBytes(pick(source.csv))
      files.push({ importer, fileName: 'tep.csv', data, how: `csv: ${how}` })
    } else if (kind < 6) {
      const { data, how } = mutateBytes(pick(source.xlsx))
      files.push({ importer, fileName: 'tep.xlsx', data, how: `xlsx: ${how}` })
    } else if (kind < 8) {
      const { rows, how } = mutateRows(source.rows)
      const asCsv = random() < 0.5 && !rows.some((row) => row.some((cell) => typeof cell !== 'string'))
      const data = asCsv
        ? Buffer.from(csvFile(rows as string[][], { delimiter: pick([',', ';']), bom: random() < 0.5 }))
        : minimalXlsx(sheetXml(rows))
      files.push({
        importer,
        fileName: asCsv ? 'tep.csv' : 'tep.xlsx',
        data,
        how: `rows (${asCsv ? 'csv' : 'xlsx'}): ${how}`,
      })
    } else if (kind < 9) {
      // Mangled sheet XML in an otherwise valid package.
      const xml = sheetXml(source.rows)
      const at = int(xml.length)
      const mangled =
        xml.slice(0, at) +
        pick(['<', '</c>', '<c r="ZZZ99999999">', '<f>1+1</f>', '&bogus;', '<row r="-1">', '"', '<v>1e308</v>', '']) +
        xml.slice(at + int(8))
      files.push({ importer, fileName: 'tep.xlsx', data: minimalXlsx(mangled), how: `sheet xml mangled at ${at}` })
    } else {
      const length = int(3000)
      const data =
        random() < 0.5
          ? randomBytes(random, length)
          : zipFile([{ name: 'xl/worksheets/sheet1.xml', data: randomBytes(random, length) }])
      files.push({ importer, fileName: pick(['tep.csv', 'tep.xlsx', 'tep']), data, how: `random ${length} bytes` })
    }
  }
  return files
}

function run(file: Fuzzed, dryRun: boolean): Promise<ImportResult<unknown>> {
  const args = { data: file.data, fileName: file.fileName, dryRun, actor, today: TODAY }
  return file.importer === 'roster' ? importRoster(args) : importCompletionRecords(args)
}

/** What a clear error is: a sentence in Vietnamese, bounded, with no leaked internals. */
function clearMessage(message: string): boolean {
  return (
    message.length >= 10 &&
    message.length <= 2_000 &&
    /[\u00C0-\u1EF9]/.test(message) &&
    !/undefined|NaN|\[object|Error:|at .*\(.*:\d+:\d+\)/.test(message)
  )
}

describe('fuzzing both importers', () => {
  it(`${FILES} random and mutated files: an import result every time, a clear message, nothing written by a failure or a preview`, async () => {
    console.log(`uploads fuzz: seed ${SEED}, ${FILES} files (FUZZ_SEED=${SEED} FUZZ_FILES=${FILES} to replay)`)
    const random = prng(SEED)
    const files = fuzzFiles(random, await seeds(), FILES)
    const seeded = world.fingerprint()
    const tally = { ok: 0, refused: 0, rowErrors: 0 }
    const started = Date.now()
    let slowest = { ms: 0, how: '' }
    for (const [index, file] of files.entries()) {
      const where = `file #${index} (${file.importer}, ${file.fileName}, ${file.how}; seed ${SEED})`
      for (const dryRun of [true, false]) {
        const before = world.fingerprint()
        const callStarted = Date.now()
        let result: ImportResult<unknown>
        try {
          result = await run(file, dryRun)
        } catch (error) {
          throw new Error(`${where} ${dryRun ? 'preview' : 'confirm'} threw: ${String(error)}`)
        }
        const ms = Date.now() - callStarted
        if (ms > slowest.ms) slowest = { ms, how: where }
        expect(ms, `${where}: hang guard`).toBeLessThan(CALL_LIMIT_MS)
        expect(typeof result.ok, where).toBe('boolean')
        if (!result.ok) {
          expect(result.errors.length, where).toBeGreaterThan(0)
          for (const e of result.errors) {
            expect(clearMessage(e.message), `${where}: unclear message ${JSON.stringify(e.message)}`).toBe(true)
            expect(e.row === null || (Number.isInteger(e.row) && e.row >= 1), `${where}: row ${e.row}`).toBe(true)
          }
          expect(result.batchId, where).toBeNull()
        }
        if (dryRun || !result.ok) expect(world.fingerprint(), `${where}: wrote something`).toEqual(before)
        if (!dryRun) {
          if (result.ok) tally.ok++
          else if (result.errors.some((e) => e.row === null)) tally.refused++
          else tally.rowErrors++
        }
        if (!dryRun && result.ok) world.reset()
      }
    }
    expect(world.fingerprint()).toEqual(seeded)
    // The mix must exercise every outcome, or the mutations have stopped reaching the importers' logic.
    expect(tally.ok).toBeGreaterThan(0)
    expect(tally.refused).toBeGreaterThan(FILES / 10)
    expect(tally.rowErrors).toBeGreaterThan(FILES / 20)
    console.log(
      `uploads fuzz: ${tally.ok} imported, ${tally.refused} refused whole, ${tally.rowErrors} with row errors, in ${(
        (Date.now() - started) /
        1000
      ).toFixed(1)} s; slowest call ${slowest.ms} ms: ${slowest.how}`,
    )
  }, 240_000)
})
