/** GET /reports/coverage.csv?… — the same rows as the page and the API, as CSV (UTF-8 with BOM). */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { coverageForUser, parseCoverageQuery } from '~/models/coverage-access.server'
import { coverageCsvResponse } from '~/models/coverage-export.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const parsed = parseCoverageQuery(new URL(request.url).searchParams)
  if (!parsed.success) throw new Response('Bad request', { status: 400 })
  return coverageCsvResponse(coverageForUser({ user, query: parsed.data }))
}
