/**
 * The roster import (contract.md, "CSV and spreadsheet files"): one row a person, upsert by số định danh, unit or
 * position changes recorded as assignment history, all rows or none.
 *
 * The plan is computed from the file and the database with a handful of bulk queries (people by national id,
 * their assignments, every unit version), never one query per row; confirming recomputes it inside the write
 * transaction, so what is written always matches the database it is written to.
 */
import crypto from 'node:crypto'
import { eq, inArray, sql } from 'drizzle-orm'
import { getDb, writeTransaction, type Db } from '~/db/client.server'
import { assignments, importBatches, people, type Sex, type StaffType } from '~/db/schema'
import { addDays, cleanText, foldForSearch, formatDate, formatFullName, isoDateInVietnam, parseViDate, splitFullName, type NameParts } from '~/i18n/format'
import { recordAudit } from './audit.server'
import {
  chunk,
  fileFailure,
  matchHeaders,
  missingHeadersError,
  rowReader,
  sortErrors,
  type ColumnSpec,
  type ImportError,
  type ImportResult,
} from './import-common.server'
import { NAME_PART_MAX } from './people.server'
import { readSpreadsheet, type Sheet } from './spreadsheet.server'

const COLUMNS = [
  { key: 'nationalId', header: 'Số định danh cá nhân' },
  { key: 'fullName', header: 'Họ và tên' },
  { key: 'ho', header: 'Họ' },
  { key: 'chuDem', header: 'Chữ đệm' },
  { key: 'ten', header: 'Tên' },
  { key: 'birthDate', header: 'Ngày sinh' },
  { key: 'sex', header: 'Giới tính' },
  { key: 'unitCode', header: 'Mã đơn vị' },
  { key: 'position', header: 'Chức vụ' },
  { key: 'rank', header: 'Ngạch/chức danh' },
  { key: 'staffType', header: 'Loại' },
  { key: 'email', header: 'Email' },
  { key: 'startDate', header: 'Ngày bắt đầu' },
  { key: 'leftOn', header: 'Ngày thôi việc' },
] as const satisfies readonly ColumnSpec<string>[]
type Column = (typeof COLUMNS)[number]['key']

export const ROSTER_HEADERS = COLUMNS.map((c) => c.header)

export type RosterChange = {
  row: number
  nationalId: string
  name: string
  action: 'create' | 'update' | 'move'
  /** What changes, in Vietnamese, for the preview table. */
  details: string[]
}
export type RosterImportResult = ImportResult<RosterChange>

const STAFF_TYPE_BY_KEY: Record<string, StaffType> = {
  'cong chuc': 'cong_chuc',
  'vien chuc': 'vien_chuc',
  'nguoi lao dong': 'nguoi_lao_dong',
}
const STAFF_TYPE_LABEL: Record<StaffType, string> = { cong_chuc: 'Công chức', vien_chuc: 'Viên chức', nguoi_lao_dong: 'Người lao động' }
const SEX_BY_KEY: Record<string, Sex> = { nam: 'nam', nu: 'nu' }
const VI_DATE_SHAPE = /^\d{1,2}\/\d{1,2}\/\d{4}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Reads a dd/mm/yyyy cell: '' → null; a well-formed impossible date (31/02/2025) and another format (2025-02-03)
 * get different messages, because the fixes differ.
 */
export function readDateCell(value: string): { ok: true; date: string | null } | { ok: false; message: string } {
  if (!value) return { ok: true, date: null }
  const date = parseViDate(value)
  if (date) return { ok: true, date }
  if (VI_DATE_SHAPE.test(value)) return { ok: false, message: `Ngày “${value}” không có thật trên lịch.` }
  return { ok: false, message: `Ngày “${value}” không đúng định dạng dd/mm/yyyy (ví dụ 05/01/2026).` }
}

/** A 12-digit số định danh, or a message saying what is wrong with it. */
export function checkNationalId(value: string): string | null {
  if (!value) return 'Thiếu số định danh cá nhân.'
  if (/^\d{12}$/.test(value)) return null
  const hint = /^\d{11}$/.test(value) ? ' Nếu cột đang ở định dạng số, Excel đã bỏ số 0 ở đầu: hãy định dạng cột là Văn bản (Text).' : ''
  return `Số định danh “${value}” phải gồm đúng 12 chữ số.${hint}`
}

type UnitVersionRow = { unitId: string; code: string; name: string; validFrom: string; validTo: string | null }
type PersonRow = typeof people.$inferSelect
type AssignmentRow = { id: number; personId: string; unitId: string; position: string; validFrom: string; validTo: string | null }

type PersonFields = {
  ho: string
  chuDem: string
  ten: string
  fullNameOriginal: string | null
  searchKey: string
  birthDate: string | null
  sex: Sex | null
  email: string | null
  rank: string | null
  staffType: StaffType
  leftOn: string | null
}

type Operation =
  | { type: 'createPerson'; id: string; fields: PersonFields; nationalId: string }
  | { type: 'updatePerson'; id: string; fields: Partial<PersonFields> }
  | { type: 'openAssignment'; personId: string; unitId: string; position: string; validFrom: string }
  | { type: 'closeAssignment'; id: number; validTo: string }
  | { type: 'replaceAssignment'; id: number; unitId: string; position: string; validFrom: string }

const inRange = (date: string, from: string, to: string | null) => from <= date && (to === null || to >= date)

function loadUnitVersions(db: Db): Map<string, UnitVersionRow[]> {
  const rows = db.all<UnitVersionRow>(sql`
    SELECT unit_id AS unitId, code, name, valid_from AS validFrom, valid_to AS validTo FROM unit_versions`)
  const byCode = new Map<string, UnitVersionRow[]>()
  for (const row of rows) {
    const key = row.code.toUpperCase()
    byCode.set(key, [...(byCode.get(key) ?? []), row])
  }
  return byCode
}

function unitValidOn(versionsByUnit: Map<string, UnitVersionRow[]>, unitId: string, date: string): boolean {
  return (versionsByUnit.get(unitId) ?? []).some((v) => inRange(date, v.validFrom, v.validTo))
}

/** Works out, without writing, what the file would change. Pure apart from the bulk reads from `db`. */
export function planRosterImport({
  sheet,
  skipRows = [],
  today = isoDateInVietnam(),
  db = getDb(),
}: {
  sheet: Sheet
  skipRows?: readonly number[]
  today?: string
  db?: Db
}): { result: RosterImportResult; operations: Operation[] } {
  const header = matchHeaders(sheet.header, COLUMNS)
  if (!header.ok) return { result: { ...fileFailure<RosterChange>(''), errors: header.errors }, operations: [] }
  const index = header.index
  const missing: string[] = []
  if (index.nationalId === undefined) missing.push('Số định danh cá nhân')
  if (index.fullName === undefined && index.ten === undefined) missing.push('Họ và tên (hoặc Họ, Chữ đệm, Tên)')
  if (index.unitCode === undefined) missing.push('Mã đơn vị')
  if (missing.length) return { result: { ...fileFailure<RosterChange>(''), errors: [missingHeadersError(sheet.header, missing)] }, operations: [] }

  const skip = new Set(skipRows)
  const rows = sheet.rows.filter((r) => !skip.has(r.number))
  const errors: ImportError[] = []

  // Bulk reads: the people named in the file, their assignments, every unit version (a few hundred rows).
  const ids = [...new Set(rows.map((r) => (r.cells[index.nationalId!] ?? '').trim()).filter((v) => /^\d{12}$/.test(v)))]
  const existing = new Map<string, PersonRow>()
  for (const part of chunk(ids)) {
    for (const person of db.select().from(people).where(inArray(people.nationalId, part)).all()) existing.set(person.nationalId, person)
  }
  const assignmentsByPerson = new Map<string, AssignmentRow[]>()
  for (const part of chunk([...existing.values()].map((p) => p.id))) {
    const found = db
      .select({ id: assignments.id, personId: assignments.personId, unitId: assignments.unitId, position: assignments.position, validFrom: assignments.validFrom, validTo: assignments.validTo })
      .from(assignments)
      .where(inArray(assignments.personId, part))
      .all()
    for (const a of found) assignmentsByPerson.set(a.personId, [...(assignmentsByPerson.get(a.personId) ?? []), a])
  }
  const versionsByCode = loadUnitVersions(db)
  const versionsByUnit = new Map<string, UnitVersionRow[]>()
  for (const list of versionsByCode.values()) for (const v of list) versionsByUnit.set(v.unitId, [...(versionsByUnit.get(v.unitId) ?? []), v])
  const unitLabel = (unitId: string, date: string) => {
    const list = versionsByUnit.get(unitId) ?? []
    const v = list.find((x) => inRange(date, x.validFrom, x.validTo)) ?? list[list.length - 1]
    return v ? `${v.name} (${v.code})` : unitId
  }

  const firstRowOf = new Map<string, number>()
  const operations: Operation[] = []
  const changes: RosterChange[] = []
  let created = 0
  let updated = 0
  let moved = 0
  let unchanged = 0

  for (const row of rows) {
    const before = errors.length
    const cell = rowReader(row, index, COLUMNS, errors)

    const nationalId = cell.get('nationalId').replace(/\s/g, '')
    const idProblem = checkNationalId(nationalId)
    if (idProblem) cell.error('nationalId', idProblem)
    else if (firstRowOf.has(nationalId)) {
      cell.error('nationalId', `Số định danh ${nationalId} trùng với dòng ${firstRowOf.get(nationalId)}.`)
    } else firstRowOf.set(nationalId, row.number)

    // Name: the three parts when given, else "Họ và tên" split the usual way; the raw text kept as the original.
    let parts: NameParts
    let original: string
    if (cell.has('ten') && cleanText(cell.get('ten'))) {
      parts = { ho: cleanText(cell.get('ho')), chuDem: cleanText(cell.get('chuDem')), ten: cleanText(cell.get('ten')) }
      original = [cell.get('ho'), cell.get('chuDem'), cell.get('ten')].filter(Boolean).join(' ')
    } else {
      original = cell.get('fullName')
      parts = splitFullName(original)
    }
    if (!parts.ten) cell.error(cell.has('fullName') ? 'fullName' : 'ten', 'Họ và tên trống.')
    else {
      // The same bound as a correction on the person's page, so that HR can always edit what an import stored.
      const long = (['ho', 'chuDem', 'ten'] as const).find((key) => parts[key].length > NAME_PART_MAX)
      if (long) {
        cell.error(cell.has('ten') && cleanText(cell.get('ten')) ? long : 'fullName', `Họ tên quá dài: họ, chữ đệm và tên mỗi phần tối đa ${NAME_PART_MAX} ký tự.`)
      }
    }

    const dates: Partial<Record<'birthDate' | 'startDate' | 'leftOn', string | null>> = {}
    for (const key of ['birthDate', 'startDate', 'leftOn'] as const) {
      const read = readDateCell(cell.get(key))
      if (read.ok) dates[key] = read.date
      else cell.error(key, read.message)
    }

    const sexText = foldForSearch(cell.get('sex'))
    const sex = sexText ? SEX_BY_KEY[sexText] : null
    if (sex === undefined) cell.error('sex', `Giới tính “${cell.get('sex')}” không hợp lệ; chỉ nhận Nam hoặc Nữ.`)

    const staffTypeText = foldForSearch(cell.get('staffType'))
    const staffType = staffTypeText ? STAFF_TYPE_BY_KEY[staffTypeText] : null
    if (staffType === undefined) {
      cell.error('staffType', `Loại “${cell.get('staffType')}” không hợp lệ; chỉ nhận Công chức, Viên chức hoặc Người lao động.`)
    }

    const email = cleanText(cell.get('email')) || null
    if (email && !EMAIL.test(email)) cell.error('email', `Email “${email}” không hợp lệ.`)

    const position = cleanText(cell.get('position'))
    const rank = cleanText(cell.get('rank')) || null
    const start = dates.startDate ?? today
    if (dates.leftOn && dates.startDate && dates.leftOn < dates.startDate) {
      cell.error('leftOn', `Ngày thôi việc ${formatDate(dates.leftOn)} trước Ngày bắt đầu ${formatDate(dates.startDate)}.`)
    }

    // The unit: by code on the start date, else by code today (a renamed unit keeps its people).
    const code = cleanText(cell.get('unitCode')).toUpperCase()
    let unitId: string | null = null
    if (!code) cell.error('unitCode', 'Thiếu mã đơn vị.')
    else {
      const versions = versionsByCode.get(code) ?? []
      const match = versions.find((v) => inRange(start, v.validFrom, v.validTo)) ?? versions.find((v) => inRange(today, v.validFrom, v.validTo))
      if (versions.length === 0) cell.error('unitCode', `Không có đơn vị nào mang mã “${code}”.`)
      else if (!match) {
        const spans = versions.map((v) => `${v.name}: ${formatDate(v.validFrom)}–${v.validTo ? formatDate(v.validTo) : 'nay'}`).join('; ')
        cell.error('unitCode', `Đơn vị mã “${code}” không có hiệu lực vào ngày ${formatDate(start)} (${spans}).`)
      } else unitId = match.unitId
    }

    const person = idProblem ? undefined : existing.get(nationalId)
    if (!person && staffType === null && !errors.slice(before).some((e) => e.column === 'Loại')) {
      cell.error('staffType', 'Thiếu Loại (Công chức, Viên chức hoặc Người lao động) cho người mới.')
    }
    if (errors.length > before || !unitId) continue

    const details: string[] = []
    if (!person) {
      if (!unitValidOn(versionsByUnit, unitId, start)) {
        cell.error('unitCode', `Đơn vị mã “${code}” chưa có hoặc đã thôi hiệu lực vào Ngày bắt đầu ${formatDate(start)}.`)
        continue
      }
      const id = crypto.randomUUID()
      operations.push({
        type: 'createPerson',
        id,
        nationalId,
        fields: {
          ...parts,
          fullNameOriginal: original,
          searchKey: foldForSearch(formatFullName(parts)),
          birthDate: dates.birthDate ?? null,
          sex: sex ?? null,
          email,
          rank,
          staffType: staffType!,
          leftOn: dates.leftOn ?? null,
        },
      })
      operations.push({ type: 'openAssignment', personId: id, unitId, position, validFrom: start })
      created++
      changes.push({ row: row.number, nationalId, name: formatFullName(parts), action: 'create', details: [`${unitLabel(unitId, start)} từ ${formatDate(start)}`] })
      continue
    }

    // Person fields: a column left out keeps what is stored; a name equal to the stored one keeps HR's split.
    const set: Partial<PersonFields> = {}
    const storedName = formatFullName(person)
    if (formatFullName(parts) !== storedName) {
      Object.assign(set, { ...parts, fullNameOriginal: original, searchKey: foldForSearch(formatFullName(parts)) })
      details.push(`Họ tên: ${storedName} → ${formatFullName(parts)}`)
    }
    const compare = <K extends 'birthDate' | 'sex' | 'email' | 'rank' | 'staffType' | 'leftOn'>(key: K, column: Column, value: PersonFields[K], label: string, show: (v: PersonFields[K]) => string) => {
      if (!cell.has(column) || person[key] === value) return
      set[key] = value
      details.push(`${label}: ${show(person[key] as PersonFields[K]) || '—'} → ${show(value) || '—'}`)
    }
    compare('birthDate', 'birthDate', dates.birthDate ?? null, 'Ngày sinh', (v) => formatDate(v))
    compare('sex', 'sex', sex ?? null, 'Giới tính', (v) => (v === 'nam' ? 'Nam' : v === 'nu' ? 'Nữ' : ''))
    compare('email', 'email', email, 'Email', (v) => v ?? '')
    compare('rank', 'rank', rank, 'Ngạch/chức danh', (v) => v ?? '')
    if (staffType) compare('staffType', 'staffType', staffType, 'Loại', (v) => STAFF_TYPE_LABEL[v])
    compare('leftOn', 'leftOn', dates.leftOn ?? null, 'Ngày thôi việc', (v) => formatDate(v))

    // Assignment: the latest one is "current" (open, or the last closed one).
    const history = [...(assignmentsByPerson.get(person.id) ?? [])].sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id - b.id)
    const current = history.filter((a) => a.validTo === null).pop() ?? history[history.length - 1]
    let didMove = false
    const sameRole = current && current.unitId === unitId && current.position === position
    if (!(sameRole && (current.validTo === null || start <= current.validTo))) {
      if (!unitValidOn(versionsByUnit, unitId, start)) {
        cell.error('unitCode', `Đơn vị mã “${code}” chưa có hoặc đã thôi hiệu lực vào Ngày bắt đầu ${formatDate(start)}.`)
        continue
      }
      const label = `${unitLabel(unitId, start)}${position ? `, ${position}` : ''} từ ${formatDate(start)}`
      if (!current) {
        operations.push({ type: 'openAssignment', personId: person.id, unitId, position, validFrom: start })
        details.push(`Công tác: ${label}`)
      } else if (start <= current.validFrom) {
        const earlier = history.filter((a) => a !== current && a.validFrom < current.validFrom && (a.validTo === null || a.validTo >= start))
        if (earlier.length) {
          cell.error('startDate', `Ngày bắt đầu ${formatDate(start)} trùng với quá trình công tác trước đó (từ ${formatDate(earlier[0]!.validFrom)}).`)
          continue
        }
        operations.push({ type: 'replaceAssignment', id: current.id, unitId, position, validFrom: start })
        details.push(`Công tác: thay ${unitLabel(current.unitId, current.validFrom)} bằng ${label}`)
      } else {
        if (current.validTo === null || current.validTo >= start) operations.push({ type: 'closeAssignment', id: current.id, validTo: addDays(start, -1) })
        operations.push({ type: 'openAssignment', personId: person.id, unitId, position, validFrom: start })
        details.push(`Công tác: ${unitLabel(current.unitId, current.validFrom)} đến ${formatDate(addDays(start, -1))} → ${label}`)
      }
      didMove = true
    }
    if (Object.keys(set).length) operations.push({ type: 'updatePerson', id: person.id, fields: set })
    if (didMove) moved++
    else if (Object.keys(set).length) updated++
    else unchanged++
    if (details.length) changes.push({ row: row.number, nationalId, name: formatFullName(parts), action: didMove ? 'move' : 'update', details })
  }

  sortErrors(errors)
  const ok = errors.length === 0
  return {
    result: { ok, rows: rows.length, created, updated, moved, unchanged, errors, skipped: [...skip].sort((a, b) => a - b), changes, batchId: null },
    operations: ok ? operations : [],
  }
}

function applyOperations(db: Db, operations: readonly Operation[], now: number): void {
  for (const op of operations) {
    switch (op.type) {
      case 'createPerson':
        db.insert(people).values({ id: op.id, nationalId: op.nationalId, ...op.fields, createdAt: now, updatedAt: now }).run()
        break
      case 'updatePerson':
        db.update(people).set({ ...op.fields, updatedAt: now }).where(eq(people.id, op.id)).run()
        break
      case 'openAssignment':
        db.insert(assignments).values({ personId: op.personId, unitId: op.unitId, position: op.position, validFrom: op.validFrom, validTo: null, source: 'import' }).run()
        break
      case 'closeAssignment':
        db.update(assignments).set({ validTo: op.validTo }).where(eq(assignments.id, op.id)).run()
        break
      case 'replaceAssignment':
        db.update(assignments).set({ unitId: op.unitId, position: op.position, validFrom: op.validFrom, source: 'import' }).where(eq(assignments.id, op.id)).run()
        break
    }
  }
}

export type ImportActor = { userId: string | null; tokenId?: string | null }

/**
 * Reads the file and previews (dryRun) or applies the roster. Applying recomputes the plan inside one BEGIN
 * IMMEDIATE transaction and writes nothing when any row not in `skipRows` has an error, or when a write fails.
 */
export async function importRoster({
  data,
  fileName,
  dryRun,
  skipRows = [],
  actor,
  today = isoDateInVietnam(),
}: {
  data: Uint8Array
  fileName: string
  dryRun: boolean
  skipRows?: readonly number[]
  actor: ImportActor
  today?: string
}): Promise<RosterImportResult> {
  const read = await readSpreadsheet({ data, fileName })
  if (!read.ok) return fileFailure(read.message)
  if (dryRun) return planRosterImport({ sheet: read.sheet, skipRows, today }).result
  return writeTransaction((tx) => {
    const { result, operations } = planRosterImport({ sheet: read.sheet, skipRows, today, db: tx })
    if (!result.ok) return result
    const now = Date.now()
    const batchId = crypto.randomUUID()
    tx.insert(importBatches).values({ id: batchId, kind: 'roster', fileName, rowCount: result.rows, createdBy: actor.userId, createdAt: now }).run()
    applyOperations(tx, operations, now)
    recordAudit(
      {
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId ?? null,
        action: 'import.roster',
        entityType: 'import_batch',
        entityId: batchId,
        details: { fileName, rows: result.rows, created: result.created, updated: result.updated, moved: result.moved, unchanged: result.unchanged, skipped: result.skipped },
        at: now,
      },
      tx,
    )
    return { ...result, batchId }
  })
}
