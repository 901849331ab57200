/**
 * GET /api/v1/reports/coverage?year=Y&mode=recorded|restated&asOf=YYYY-MM-DD&unit=ID (contract.md).
 * HR and admins see the whole organisation; a unit head sees their own unit and the units below it only.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { coverageForUser, parseCoverageQuery } from '~/models/coverage-access.server'
import { HEADERS, problem } from '~/models/units-api.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const parsed = parseCoverageQuery(new URL(request.url).searchParams)
  if (!parsed.success) {
    return problem(
      400,
      'Bad query parameters',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message })),
    )
  }
  const report = coverageForUser({ user, query: parsed.data })
  return Response.json(
    { year: report.year, asOf: report.asOf, mode: report.mode, rows: report.rows.map(({ unitKind: _kind, ...row }) => row) },
    { headers: HEADERS },
  )
}
