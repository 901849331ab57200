import type { ActionFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { answerImportApi } from '~/models/import-api.server'
import { apiProblem } from '~/models/import-common.server'
import { importCompletionRecords } from '~/models/records-import.server'

/** POST /api/v1/imports/completions?dryRun=true|false (multipart field `file`): contract.md. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'hr')
  if (request.method !== 'POST') return apiProblem(405, 'Use POST')
  return answerImportApi({ request, user, run: importCompletionRecords })
}

export async function loader() {
  return apiProblem(405, 'Use POST with a multipart file')
}
