/** What the roster and completion-records imports share: the answer shape, header matching, the temp file store. */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from '@remix-run/node'
import { foldForSearch } from '~/i18n/format'
import { cleanCell, SPREADSHEET_LIMITS, type Sheet, type SheetRow } from './spreadsheet.server'

/** One problem: the file row (header = 1; null for the whole file) and the column's header as in the contract. */
export type ImportError = { row: number | null; column: string | null; message: string }

/** contract.md: `{ ok, rows, created, updated, moved, unchanged, errors }`; the rest serves the preview page. */
export type ImportResult<Change> = {
  ok: boolean
  rows: number
  created: number
  updated: number
  moved: number
  unchanged: number
  errors: ImportError[]
  /** Rows the user excluded (file row numbers). */
  skipped: number[]
  /** Rows that change something, for the preview table. */
  changes: Change[]
  batchId: string | null
}

export function fileFailure<C>(message: string): ImportResult<C> {
  return { ok: false, rows: 0, created: 0, updated: 0, moved: 0, unchanged: 0, errors: [{ row: null, column: null, message }], skipped: [], changes: [], batchId: null }
}

/**
 * Header text → a comparable key: accents, case, spaces around "/", a trailing "*" or ":" and a trailing
 * explanation in brackets ("Ngày sinh (dd/mm/yyyy)") do not matter.
 */
export function headerKey(text: string): string {
  return foldForSearch(text)
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/\s*\/\s*/g, '/')
    .replace(/[\s*:]+$/, '')
}

export type ColumnSpec<K extends string> = { key: K; header: string }

export type HeaderMatch<K extends string> =
  | { ok: true; index: Partial<Record<K, number>> }
  | { ok: false; errors: ImportError[] }

/** Finds each known column in the header row; duplicates are errors, unknown headers are ignored. */
export function matchHeaders<K extends string>(header: SheetRow, specs: readonly ColumnSpec<K>[]): HeaderMatch<K> {
  const byKey = new Map(specs.map((s) => [headerKey(s.header), s]))
  const index: Partial<Record<K, number>> = {}
  const errors: ImportError[] = []
  header.cells.forEach((cell, i) => {
    const spec = byKey.get(headerKey(cell))
    if (!spec) return
    if (index[spec.key] !== undefined) {
      errors.push({ row: header.number, column: spec.header, message: `Cột “${spec.header}” xuất hiện hai lần trong dòng tiêu đề.` })
    } else index[spec.key] = i
  })
  return errors.length ? { ok: false, errors } : { ok: true, index }
}

export function missingHeadersError(header: SheetRow, missing: string[]): ImportError {
  return {
    row: header.number,
    column: null,
    message: `Dòng tiêu đề (dòng ${header.number}) thiếu cột bắt buộc: ${missing.map((m) => `“${m}”`).join(', ')}. Hãy dùng đúng tên cột như trong mẫu (không phân biệt hoa thường, có dấu hay không dấu).`,
  }
}

/** A cell reader for one row that also reports cells over the length limit. */
export function rowReader<K extends string>(row: SheetRow, index: Partial<Record<K, number>>, specs: readonly ColumnSpec<K>[], errors: ImportError[]) {
  const headerOf = new Map(specs.map((s) => [s.key, s.header]))
  for (const [key, i] of Object.entries(index) as [K, number][]) {
    const value = row.cells[i] ?? ''
    if (value.length > SPREADSHEET_LIMITS.maxCellLength) {
      errors.push({
        row: row.number,
        column: headerOf.get(key) ?? null,
        message: `Ô dài ${value.length} ký tự, vượt giới hạn ${SPREADSHEET_LIMITS.maxCellLength} ký tự.`,
      })
    }
  }
  return {
    has: (key: K) => index[key] !== undefined,
    get: (key: K) => {
      const i = index[key]
      return i === undefined ? '' : (row.cells[i] ?? '').slice(0, SPREADSHEET_LIMITS.maxCellLength)
    },
    error: (key: K, message: string) => errors.push({ row: row.number, column: headerOf.get(key) ?? null, message }),
  }
}

export function sortErrors(errors: ImportError[]): ImportError[] {
  return errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
}

/** Splits `items` into chunks (SQLite bound-parameter limits). */
export function chunk<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export type SheetInput = { sheet: Sheet }

// ---------------------------------------------------------------------------------------------------------
// Uploaded files kept between preview and confirm: on the server, under an unguessable id bound to the user.
// ---------------------------------------------------------------------------------------------------------

const UPLOAD_TTL_MS = 60 * 60 * 1000

function uploadDir(): string {
  const dir = process.env.IMPORT_UPLOAD_DIR || path.join(os.tmpdir(), 'hocso-imports')
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}

function removeExpiredUploads(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name)
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > UPLOAD_TTL_MS) fs.rmSync(file, { force: true })
    } catch {
      // removed meanwhile
    }
  }
}

/** Stores an upload for up to an hour; returns its id. */
export function saveUpload({ userId, kind, fileName, data }: { userId: string; kind: string; fileName: string; data: Uint8Array }): string {
  const dir = uploadDir()
  removeExpiredUploads(dir)
  const id = crypto.randomBytes(24).toString('base64url')
  const meta = JSON.stringify({ userId, kind, fileName })
  fs.writeFileSync(path.join(dir, `${id}.json`), meta, { mode: 0o600 })
  fs.writeFileSync(path.join(dir, `${id}.bin`), data, { mode: 0o600 })
  return id
}

/** The stored upload, if `id` exists, is fresh, and belongs to this user and import kind. */
export function loadUpload({ id, userId, kind }: { id: string; userId: string; kind: string }): { fileName: string; data: Uint8Array } | null {
  if (!/^[A-Za-z0-9_-]{32}$/.test(id)) return null
  const dir = uploadDir()
  try {
    const metaFile = path.join(dir, `${id}.json`)
    if (Date.now() - fs.statSync(metaFile).mtimeMs > UPLOAD_TTL_MS) return null
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as { userId: string; kind: string; fileName: string }
    if (meta.userId !== userId || meta.kind !== kind) return null
    return { fileName: meta.fileName, data: fs.readFileSync(path.join(dir, `${id}.bin`)) }
  } catch {
    return null
  }
}

export function deleteUpload({ id }: { id: string }): void {
  if (!/^[A-Za-z0-9_-]{32}$/.test(id)) return
  const dir = uploadDir()
  fs.rmSync(path.join(dir, `${id}.json`), { force: true })
  fs.rmSync(path.join(dir, `${id}.bin`), { force: true })
}

// ---------------------------------------------------------------------------------------------------------
// Reading the uploaded file from a multipart request (UI and API), with a ceiling on its size.
// ---------------------------------------------------------------------------------------------------------

export type Upload =
  | { ok: true; fileName: string; data: Uint8Array; fields: FormData }
  | { ok: false; reason: 'not-multipart' | 'no-file'; fields: FormData | null }
  | { ok: false; reason: 'too-big'; message: string; fields: null }

/** Room for the multipart framing and the small fields around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024

export const UPLOAD_TOO_BIG_MESSAGE = `Tệp quá lớn; giới hạn là ${Math.round(SPREADSHEET_LIMITS.maxBytes / 1024 / 1024)} MB. Hãy chia thành nhiều tệp.`

class BodyTooLargeError extends Error {}

/** Beyond this, what a refused client still sends is not read: the connection is closed instead. */
const MAX_DISCARD_BYTES = 64 * 1024 * 1024

/**
 * Reads and throws away the rest of a body, so that the answer reaches a client that is still sending (an
 * HTTP/1.1 client reads it when its upload is done). Nothing is kept; past MAX_DISCARD_BYTES the body is
 * cancelled, which closes the connection.
 */
function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  void (async () => {
    let discarded = 0
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        discarded += value.byteLength
        if (discarded > MAX_DISCARD_BYTES) return void (await reader.cancel())
      }
    } catch {
      // the client went away
    }
  })()
}

/**
 * The body of `request` as a stream that errors as soon as more than `maxBytes` have arrived (a chunked body
 * declares no length). Whatever its reader leaves unread — past the limit, or when it stops early — is discarded
 * by `finish()`, never kept.
 */
function limitedBody(body: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = body.getReader()
  let seen = 0
  let released = false
  const release = () => {
    if (released) return
    released = true
    discardRest(reader)
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (released) return controller.close()
      const { done, value } = await reader.read()
      if (done) {
        released = true
        return controller.close()
      }
      if (released) return // cancelled meanwhile: this chunk is discarded too
      seen += value.byteLength
      if (seen > maxBytes) {
        controller.error(new BodyTooLargeError())
        release()
      } else controller.enqueue(value)
    },
    cancel: release,
  })
  return { stream, finish: release }
}

/**
 * The `file` part of a multipart form, in memory, refused above SPREADSHEET_LIMITS.maxBytes: at once when the
 * Content-Length says so (nothing is kept), else as soon as the bytes read pass the limit, so a request never
 * holds more than the limit in memory whatever it claims or sends. (server/app.ts refuses any body declared
 * above 8 MB before it reaches a route.)
 */
export async function readUpload(request: Request, field = 'file'): Promise<Upload> {
  if (!(request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    return { ok: false, reason: 'not-multipart', fields: null }
  }
  const tooBig = { ok: false, reason: 'too-big', message: UPLOAD_TOO_BIG_MESSAGE, fields: null } as const
  const maxBody = SPREADSHEET_LIMITS.maxBytes + MULTIPART_OVERHEAD_BYTES
  const declared = Number(request.headers.get('Content-Length') ?? '')
  if (!request.body) return { ok: false, reason: 'not-multipart', fields: null }
  const body = limitedBody(request.body, maxBody)
  if (Number.isFinite(declared) && declared > maxBody) {
    body.finish()
    return tooBig
  }
  let form: FormData
  try {
    const limited = new Request(request.url, {
      method: request.method,
      headers: request.headers,
      body: body.stream,
      // Node's fetch needs this for a streamed request body.
      duplex: 'half',
    } as RequestInit)
    form = await unstable_parseMultipartFormData(
      limited,
      unstable_createMemoryUploadHandler({ maxPartSize: SPREADSHEET_LIMITS.maxBytes, filter: ({ name }) => name === field }),
    )
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof BodyTooLargeError) return tooBig
    return { ok: false, reason: 'not-multipart', fields: null }
  } finally {
    body.finish()
  }
  const file = form.get(field)
  if (!file || typeof file === 'string' || (file.size === 0 && !file.name)) return { ok: false, reason: 'no-file', fields: form }
  // The name is shown and stored (batch, audit): no control characters, no unbounded length.
  const fileName = cleanCell(file.name).slice(0, 200) || 'tep'
  return { ok: true, fileName, data: new Uint8Array(await file.arrayBuffer()), fields: form }
}

/** The contract's error body for API calls. */
export function apiProblem(status: number, error: string, details: unknown[] = [], extra: Record<string, unknown> = {}): Response {
  return Response.json({ error, details, ...extra }, { status, headers: { 'Cache-Control': 'private, no-store' } })
}

/** The import answer of contract.md (without the preview-only fields). */
export function importResultJson(result: ImportResult<unknown>) {
  const { ok, rows, created, updated, moved, unchanged, errors } = result
  return { ok, rows, created, updated, moved, unchanged, errors }
}
