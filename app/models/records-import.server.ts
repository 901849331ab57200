/**
 * Training done elsewhere (external_records): the completion-records import (contract.md) and the manual entry
 * of one record. Every record keeps its provenance: who entered it, in which batch, from which source document,
 * and the unit the person belonged to on the completion day.
 */
import crypto from 'node:crypto'
import { and, inArray, sql } from 'drizzle-orm'
import { getDb, writeTransaction, type Db } from '~/db/client.server'
import { assignments, courses, externalRecords, importBatches, people, type TrainingMode } from '~/db/schema'
import { cleanText, foldForSearch, formatDate, formatFullName, isoDateInVietnam, parseLocaleNumber } from '~/i18n/format'
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
import { checkNationalId, readDateCell, type ImportActor } from './roster-import.server'
import { readSpreadsheet, type Sheet } from './spreadsheet.server'

const COLUMNS = [
  { key: 'nationalId', header: 'Số định danh cá nhân' },
  { key: 'course', header: 'Mã khóa học' },
  { key: 'completedOn', header: 'Ngày hoàn thành' },
  { key: 'tiet', header: 'Số tiết' },
  { key: 'mode', header: 'Hình thức' },
  { key: 'source', header: 'Nguồn' },
  { key: 'note', header: 'Ghi chú' },
] as const satisfies readonly ColumnSpec<string>[]

export const RECORDS_HEADERS = COLUMNS.map((c) => c.header)

export type RecordChange = { row: number; nationalId: string; name: string; title: string; completedOn: string; durationTiet: number; external: boolean }
export type RecordsImportResult = ImportResult<RecordChange>

const MODE_BY_KEY: Record<string, TrainingMode> = { 'truc tuyen': 'truc_tuyen', 'tap trung': 'tap_trung', 'ket hop': 'ket_hop' }
export const MAX_TIET = 1000

type NewRecord = typeof externalRecords.$inferInsert

type CourseRow = { id: string; title: string; durationTiet: number }

function loadCourses(db: Db): Map<string, CourseRow> {
  const rows = db.select({ id: courses.id, title: courses.title, durationTiet: courses.durationTiet }).from(courses).all()
  return new Map(rows.map((c) => [c.id.toLowerCase(), c]))
}

/** The unit each person was assigned to on each date, from their assignments loaded in bulk. */
function unitFinder(db: Db, personIds: readonly string[]) {
  const byPerson = new Map<string, { unitId: string; validFrom: string; validTo: string | null }[]>()
  for (const part of chunk(personIds)) {
    const rows = db
      .select({ personId: assignments.personId, unitId: assignments.unitId, validFrom: assignments.validFrom, validTo: assignments.validTo })
      .from(assignments)
      .where(inArray(assignments.personId, part))
      .all()
    for (const a of rows) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a])
  }
  return (personId: string, date: string): string | null =>
    (byPerson.get(personId) ?? [])
      .filter((a) => a.validFrom <= date && (a.validTo === null || a.validTo >= date))
      .sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]?.unitId ?? null
}

const recordKey = (personId: string, courseOrTitle: string, completedOn: string) => `${personId}|${foldForSearch(courseOrTitle)}|${completedOn}`

/** Works out, without writing, which records the file adds and which are already there. */
export function planRecordsImport({
  sheet,
  skipRows = [],
  today = isoDateInVietnam(),
  fileName,
  db = getDb(),
}: {
  sheet: Sheet
  skipRows?: readonly number[]
  today?: string
  fileName: string
  db?: Db
}): { result: RecordsImportResult; records: Omit<NewRecord, 'batchId' | 'enteredBy' | 'enteredAt'>[] } {
  const header = matchHeaders(sheet.header, COLUMNS)
  if (!header.ok) return { result: { ...fileFailure<RecordChange>(''), errors: header.errors }, records: [] }
  const index = header.index
  const missing = (['nationalId', 'course', 'completedOn'] as const).filter((k) => index[k] === undefined).map((k) => COLUMNS.find((c) => c.key === k)!.header)
  if (missing.length) return { result: { ...fileFailure<RecordChange>(''), errors: [missingHeadersError(sheet.header, missing)] }, records: [] }

  const skip = new Set(skipRows)
  const rows = sheet.rows.filter((r) => !skip.has(r.number))
  const errors: ImportError[] = []

  const ids = [...new Set(rows.map((r) => (r.cells[index.nationalId!] ?? '').replace(/\s/g, '')).filter((v) => /^\d{12}$/.test(v)))]
  const personByNid = new Map<string, { id: string; ho: string; chuDem: string; ten: string }>()
  for (const part of chunk(ids)) {
    for (const p of db.select({ id: people.id, nationalId: people.nationalId, ho: people.ho, chuDem: people.chuDem, ten: people.ten }).from(people).where(inArray(people.nationalId, part)).all()) {
      personByNid.set(p.nationalId, p)
    }
  }
  const personIds = [...personByNid.values()].map((p) => p.id)
  const existingKeys = new Set<string>()
  for (const part of chunk(personIds)) {
    const found = db
      .select({ personId: externalRecords.personId, courseId: externalRecords.courseId, title: externalRecords.title, completedOn: externalRecords.completedOn })
      .from(externalRecords)
      .where(and(inArray(externalRecords.personId, part)))
      .all()
    for (const r of found) existingKeys.add(recordKey(r.personId, r.courseId ?? r.title, r.completedOn))
  }
  const courseById = loadCourses(db)
  const unitOn = unitFinder(db, personIds)

  const seenInFile = new Map<string, number>()
  const records: Omit<NewRecord, 'batchId' | 'enteredBy' | 'enteredAt'>[] = []
  const changes: RecordChange[] = []
  let unchanged = 0

  for (const row of rows) {
    const before = errors.length
    const cell = rowReader(row, index, COLUMNS, errors)
    const nationalId = cell.get('nationalId').replace(/\s/g, '')
    const idProblem = checkNationalId(nationalId)
    const person = idProblem ? undefined : personByNid.get(nationalId)
    if (idProblem) cell.error('nationalId', idProblem)
    else if (!person) cell.error('nationalId', `Không có người nào mang số định danh ${nationalId} trong danh sách nhân sự. Hãy nhập danh sách nhân sự trước.`)

    const courseText = cleanText(cell.get('course'))
    const course = courseById.get(courseText.toLowerCase())
    if (!courseText) cell.error('course', 'Thiếu mã khóa học hoặc tên khóa học.')

    const date = readDateCell(cell.get('completedOn'))
    let completedOn: string | null = null
    if (!date.ok) cell.error('completedOn', date.message)
    else if (!date.date) cell.error('completedOn', 'Thiếu ngày hoàn thành.')
    else if (date.date > today) cell.error('completedOn', `Ngày hoàn thành ${formatDate(date.date)} ở tương lai.`)
    else completedOn = date.date

    const tietText = cell.get('tiet')
    let durationTiet: number | null = null
    if (!tietText) {
      if (course) durationTiet = course.durationTiet
      else if (courseText) cell.error('tiet', 'Thiếu số tiết (bắt buộc với khóa học bên ngoài).')
    } else {
      const n = parseLocaleNumber(tietText)
      if (n === null || n <= 0 || n > MAX_TIET) cell.error('tiet', `Số tiết “${tietText}” phải là một số lớn hơn 0 và không quá ${MAX_TIET}.`)
      else durationTiet = n
    }

    const modeText = foldForSearch(cell.get('mode'))
    const mode = modeText ? MODE_BY_KEY[modeText] : null
    if (mode === undefined) cell.error('mode', `Hình thức “${cell.get('mode')}” không hợp lệ; chỉ nhận Trực tuyến, Tập trung hoặc Kết hợp.`)

    const source = cleanText(cell.get('source')) || `Tệp ${fileName}`
    const note = cleanText(cell.get('note')) || null

    if (errors.length > before || !person || !completedOn || durationTiet === null) continue
    const key = recordKey(person.id, course?.id ?? courseText, completedOn)
    if (seenInFile.has(key)) {
      cell.error('course', `Trùng với dòng ${seenInFile.get(key)} (cùng người, cùng khóa học, cùng ngày hoàn thành).`)
      continue
    }
    seenInFile.set(key, row.number)
    if (existingKeys.has(key)) {
      unchanged++
      continue
    }
    const title = course?.title ?? courseText
    records.push({
      id: crypto.randomUUID(),
      personId: person.id,
      courseId: course?.id ?? null,
      title,
      completedOn,
      durationTiet,
      mode: mode ?? null,
      source,
      note,
      unitId: unitOn(person.id, completedOn),
    })
    changes.push({ row: row.number, nationalId, name: formatFullName(person), title, completedOn, durationTiet, external: !course })
  }

  sortErrors(errors)
  const ok = errors.length === 0
  return {
    result: { ok, rows: rows.length, created: records.length, updated: 0, moved: 0, unchanged, errors, skipped: [...skip].sort((a, b) => a - b), changes, batchId: null },
    records: ok ? records : [],
  }
}

/** Previews (dryRun) or applies a completion-records file, all rows or none, in one transaction. */
export async function importCompletionRecords({
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
}): Promise<RecordsImportResult> {
  const read = await readSpreadsheet({ data, fileName })
  if (!read.ok) return fileFailure(read.message)
  if (dryRun) return planRecordsImport({ sheet: read.sheet, skipRows, today, fileName }).result
  return writeTransaction((tx) => {
    const { result, records } = planRecordsImport({ sheet: read.sheet, skipRows, today, fileName, db: tx })
    if (!result.ok) return result
    const now = Date.now()
    const batchId = crypto.randomUUID()
    tx.insert(importBatches).values({ id: batchId, kind: 'completions', fileName, rowCount: result.rows, createdBy: actor.userId, createdAt: now }).run()
    for (const record of records) tx.insert(externalRecords).values({ ...record, batchId, enteredBy: actor.userId, enteredAt: now }).run()
    recordAudit(
      {
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId ?? null,
        action: 'import.completions',
        entityType: 'import_batch',
        entityId: batchId,
        details: { fileName, rows: result.rows, created: result.created, unchanged: result.unchanged, skipped: result.skipped },
        at: now,
      },
      tx,
    )
    return { ...result, batchId }
  })
}

// ---------------------------------------------------------------------------------------------------------
// Manual entry of one record
// ---------------------------------------------------------------------------------------------------------

export type ManualRecordInput = {
  nationalId: string
  course: string
  completedOn: string
  durationTiet: number | null
  mode: TrainingMode | null
  source: string
  note: string | null
}

export type ManualRecordResult =
  | { ok: true; recordId: string }
  | { ok: false; fieldErrors: Partial<Record<'nationalId' | 'course' | 'completedOn' | 'durationTiet' | 'source', string>> }

/** Records one external completion (already parsed: ISO date, number) with a 'manual' batch and an audit entry. */
export function recordExternalCompletion({ input, actor, today = isoDateInVietnam() }: { input: ManualRecordInput; actor: ImportActor; today?: string }): ManualRecordResult {
  return writeTransaction((tx) => {
    const fieldErrors: Extract<ManualRecordResult, { ok: false }>['fieldErrors'] = {}
    const person = tx.select({ id: people.id }).from(people).where(sql`${people.nationalId} = ${input.nationalId}`).get()
    if (!person) fieldErrors.nationalId = `Không có người nào mang số định danh ${input.nationalId}.`
    const courseText = cleanText(input.course)
    const course = courseText ? loadCourses(tx).get(courseText.toLowerCase()) : undefined
    if (!courseText) fieldErrors.course = 'Hãy chọn một khóa học hoặc nhập tên khóa học bên ngoài.'
    if (input.completedOn > today) fieldErrors.completedOn = `Ngày hoàn thành ${formatDate(input.completedOn)} ở tương lai.`
    const durationTiet = input.durationTiet ?? course?.durationTiet ?? null
    if (durationTiet === null) fieldErrors.durationTiet = 'Hãy nhập số tiết của khóa học bên ngoài.'
    const source = cleanText(input.source)
    if (!source) fieldErrors.source = 'Hãy ghi nguồn (ví dụ OneTouch, số quyết định cử đi học).'
    if (Object.keys(fieldErrors).length || !person || durationTiet === null) return { ok: false as const, fieldErrors }
    const now = Date.now()
    const batchId = crypto.randomUUID()
    const recordId = crypto.randomUUID()
    tx.insert(importBatches).values({ id: batchId, kind: 'manual', fileName: null, rowCount: 1, createdBy: actor.userId, createdAt: now }).run()
    const unitId = unitFinder(tx, [person.id])(person.id, input.completedOn)
    tx.insert(externalRecords)
      .values({
        id: recordId,
        personId: person.id,
        courseId: course?.id ?? null,
        title: course?.title ?? courseText,
        completedOn: input.completedOn,
        durationTiet,
        mode: input.mode,
        source,
        note: input.note ? cleanText(input.note) || null : null,
        unitId,
        batchId,
        enteredBy: actor.userId,
        enteredAt: now,
      })
      .run()
    recordAudit(
      {
        actorUserId: actor.userId,
        actorTokenId: actor.tokenId ?? null,
        action: 'external_record.create',
        entityType: 'external_record',
        entityId: recordId,
        details: { personId: person.id, courseId: course?.id ?? null, title: course?.title ?? courseText, completedOn: input.completedOn, source },
        at: now,
      },
      tx,
    )
    return { ok: true as const, recordId }
  })
}

export type PersonChoice = { id: string; nationalId: string; name: string }

/** People matching a số định danh (prefix) or an accent-insensitive name search, for picking one; at most 20. */
export function searchPeopleForRecord({ query }: { query: string }): PersonChoice[] {
  const q = cleanText(query)
  if (!q) return []
  const db = getDb()
  const rows = /^\d+$/.test(q)
    ? db.select().from(people).where(sql`${people.nationalId} LIKE ${`${q}%`}`).limit(20).all()
    : db
        .select()
        .from(people)
        .where(sql`${people.searchKey} LIKE ${`%${foldForSearch(q).replace(/[%_]/g, '')}%`}`)
        .limit(20)
        .all()
  return rows.map((p) => ({ id: p.id, nationalId: p.nationalId, name: formatFullName(p) }))
}

/** The courses HR may name in a record: id and title. */
export function listCourseChoices(): { id: string; title: string; durationTiet: number }[] {
  return getDb().select({ id: courses.id, title: courses.title, durationTiet: courses.durationTiet }).from(courses).orderBy(courses.position).all()
}

/** The most recent external records entered, for the page under the form. */
export function listRecentExternalRecords({ limit = 20 }: { limit?: number } = {}) {
  return getDb().all<{ id: string; nationalId: string; ho: string; chuDem: string; ten: string; title: string; external: number; completedOn: string; durationTiet: number; source: string; enteredAt: number }>(sql`
    SELECT r.id, p.national_id AS nationalId, p.ho, p.chu_dem AS chuDem, p.ten, r.title, r.course_id IS NULL AS external,
           r.completed_on AS completedOn, r.duration_tiet AS durationTiet, r.source, r.entered_at AS enteredAt
    FROM external_records r JOIN people p ON p.id = r.person_id
    ORDER BY r.entered_at DESC LIMIT ${limit}`)
}
