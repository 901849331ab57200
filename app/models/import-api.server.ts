/** The two import API calls share one shape: multipart `file`, `dryRun=true|false`, the contract's answer. */
import type { SessionUser } from '~/auth/session.server'
import { actorOf } from '~/auth/session.server'
import { z } from 'zod'
import { PREVIEW_ROW_LIMIT, type ImportPageData, type PreviewRow } from './import-page'
import { apiProblem, deleteUpload, fileFailure, importResultJson, loadUpload, readUpload, saveUpload, type ImportResult } from './import-common.server'
import type { ImportActor } from './roster-import.server'

type Importer = (args: { data: Uint8Array; fileName: string; dryRun: boolean; actor: ImportActor }) => Promise<ImportResult<unknown>>

/**
 * POST /api/v1/imports/…?dryRun=true|false. A preview answers 200 whatever the file holds; a confirm answers 200
 * when written, 422 (and writes nothing) when any row has an error. 400 for a request without a file.
 */
export async function answerImportApi({ request, user, run }: { request: Request; user: SessionUser; run: Importer }): Promise<Response> {
  const raw = new URL(request.url).searchParams.get('dryRun')
  if (raw !== null && raw !== 'true' && raw !== 'false') {
    return apiProblem(400, 'dryRun must be true or false', [{ path: 'dryRun', code: 'invalid_value', message: `not true or false: ${raw}` }])
  }
  const dryRun = raw !== 'false'
  const upload = await readUpload(request)
  let result: ImportResult<unknown>
  if (!upload.ok) {
    if (upload.reason !== 'too-big') {
      return apiProblem(400, 'Send the file as multipart/form-data in the field "file"', [{ path: 'file', code: 'required', message: 'no file' }])
    }
    result = fileFailure(upload.message)
  } else {
    const { actorUserId, actorTokenId } = actorOf(user)
    result = await run({ data: upload.data, fileName: upload.fileName, dryRun, actor: { userId: actorUserId, tokenId: actorTokenId } })
  }
  const body = importResultJson(result)
  if (!result.ok && !dryRun) return apiProblem(422, 'Tệp có lỗi; không có dòng nào được ghi.', result.errors, body)
  return Response.json(body, { headers: { 'Cache-Control': 'private, no-store' } })
}

// ---------------------------------------------------------------------------------------------------------
// The HR pages: upload → preview → confirm, the file kept server-side between the steps.
// ---------------------------------------------------------------------------------------------------------



type PageImporter = (args: { data: Uint8Array; fileName: string; dryRun: boolean; skipRows: number[]; actor: ImportActor }) => Promise<ImportResult<unknown>>

function previewData({ result, uploadId, fileName, toRow, notice }: { result: ImportResult<unknown>; uploadId: string; fileName: string; toRow: (change: never) => PreviewRow; notice: 'stillErrors' | null }): ImportPageData {
  const fileLevel = result.errors.find((e) => e.row === null || e.column === null)
  if (fileLevel) return { stage: 'upload', fileError: fileLevel.message }
  const byRow = new Map<number, { column: string | null; message: string }[]>()
  for (const e of result.errors) byRow.set(e.row!, [...(byRow.get(e.row!) ?? []), { column: e.column, message: e.message }])
  return {
    stage: 'preview',
    uploadId,
    fileName,
    counts: { rows: result.rows, created: result.created, updated: result.updated, moved: result.moved, unchanged: result.unchanged },
    errorRows: [...byRow].map(([row, problems]) => ({ row, problems })),
    changes: result.changes.slice(0, PREVIEW_ROW_LIMIT).map((c) => toRow(c as never)),
    changesTotal: result.changes.length,
    skipped: result.skipped,
    notice,
  }
}

/**
 * The action of an import page. `intent=preview` (multipart, with the file) stores the upload and previews it;
 * `intent=recheck` previews the stored file again without the excluded rows; `intent=confirm` writes it.
 */
export async function handleImportPage({
  request,
  user,
  kind,
  run,
  toRow,
}: {
  request: Request
  user: SessionUser
  kind: 'roster' | 'completions'
  run: PageImporter
  toRow: (change: never) => PreviewRow
}): Promise<{ data: ImportPageData; status: number }> {
  const { actorUserId, actorTokenId } = actorOf(user)
  const actor = { userId: actorUserId, tokenId: actorTokenId }
  if ((request.headers.get('Content-Type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const upload = await readUpload(request)
    if (!upload.ok) {
      const fileError = upload.reason === 'too-big' ? upload.message : 'Hãy chọn một tệp .xlsx hoặc .csv.'
      return { data: { stage: 'upload', fileError }, status: 400 }
    }
    const uploadId = saveUpload({ userId: user.id, kind, fileName: upload.fileName, data: upload.data })
    const result = await run({ data: upload.data, fileName: upload.fileName, dryRun: true, skipRows: [], actor })
    const data = previewData({ result, uploadId, fileName: upload.fileName, toRow, notice: null })
    if (data.stage === 'upload') deleteUpload({ id: uploadId })
    return { data, status: data.stage === 'upload' ? 422 : 200 }
  }
  const form = await request.formData()
  const parsed = ConfirmForm.safeParse({ intent: form.get('intent'), uploadId: form.get('uploadId'), skip: form.getAll('skip') })
  if (!parsed.success) return { data: { stage: 'upload', fileError: 'Yêu cầu không hợp lệ. Hãy tải tệp lên lại.' }, status: 400 }
  const { intent, uploadId, skip } = parsed.data
  const stored = loadUpload({ id: uploadId, userId: user.id, kind })
  if (!stored) return { data: { stage: 'upload', fileError: 'Tệp đã tải lên không còn (quá một giờ hoặc đã nhập xong). Hãy tải tệp lên lại.' }, status: 410 }
  const result = await run({ data: stored.data, fileName: stored.fileName, dryRun: intent === 'recheck', skipRows: skip, actor })
  if (intent === 'confirm' && result.ok) {
    deleteUpload({ id: uploadId })
    const { rows, created, updated, moved, unchanged } = result
    return { data: { stage: 'done', fileName: stored.fileName, counts: { rows, created, updated, moved, unchanged } }, status: 200 }
  }
  const data = previewData({ result, uploadId, fileName: stored.fileName, toRow, notice: intent === 'confirm' ? 'stillErrors' : null })
  return { data, status: intent === 'confirm' ? 422 : 200 }
}

const ConfirmForm = z.object({
  intent: z.enum(['recheck', 'confirm']),
  uploadId: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
  skip: z.array(z.coerce.number().int().positive()).max(20_000),
})
