/**
 * GET /api/v1/reports/coverage?year=Y&mode=recorded|restated&asOf=YYYY-MM-DD&unit=ID (contract.md).
 * HR and admins see the whole organisation; a unit head sees their own unit and the units below it only.
 */
import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { forbidden, hasRole, requireRole } from '~/auth/guards.server'
import { isIsoDate } from '~/i18n/format'
import { defaultAsOf, listCoverage } from '~/models/coverage.server'
import { HEADERS, problem } from '~/models/units-api.server'

const Query = z.object({
  year: z.coerce.number().int().min(2000).max(2200),
  mode: z.enum(['recorded', 'restated']).default('recorded'),
  asOf: z.string().refine(isIsoDate, 'asOf must be a real date written YYYY-MM-DD').optional(),
  unit: z.string().min(1).max(64).optional(),
})

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['hr', 'unit_head'])
  const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!parsed.success) {
    return problem(
      400,
      'Bad query parameters',
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message })),
    )
  }
  const { year, mode, unit } = parsed.data
  const asOf = parsed.data.asOf ?? defaultAsOf(year)
  const wholeOrganisation = hasRole(user, ['hr', 'admin']) && user.roles.some((g) => (g.role === 'hr' || g.role === 'admin') && g.unitId === null)
  const scopes = wholeOrganisation ? null : user.roles.filter((g) => g.role !== 'learner' && g.unitId).map((g) => g.unitId!)
  if (scopes && unit && !scopes.includes(unit)) {
    // A unit below one's own scope is fine; anything else is outside it.
    const inside = scopes.some((root) => listCoverage({ year, asOf, mode, rootUnitId: root }).rows.some((r) => r.unitId === unit))
    if (!inside) throw forbidden('This unit is outside your scope')
  }
  const roots = unit ? [unit] : (scopes ?? [null])
  const reports = roots.map((root) => listCoverage({ year, asOf, mode, rootUnitId: root }))
  const rows = reports.flatMap((report) =>
    report.rows.map(({ unitKind: _kind, ...row }) => row),
  )
  return Response.json({ year, asOf, mode, rows }, { headers: HEADERS })
}
