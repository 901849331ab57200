/**
 * GET /reports/coverage.xlsx?… — the same rows as the page and the API as an Excel workbook: real numbers with
 * number formats, a header block, column widths, a frozen header row (contract.md).
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { coverageForUser, parseCoverageQuery } from '~/models/coverage-access.server'
import { coverageXlsxResponse } from '~/models/coverage-export.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const parsed = parseCoverageQuery(new URL(request.url).searchParams)
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  return coverageXlsxResponse(coverageForUser({ user, query: parsed.data }))
}
