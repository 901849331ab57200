/**
 * The coverage report as one user may see it: the query of contract.md (year, mode, asOf, unit) checked with
 * zod, and the rows limited to the caller's scope (HR and admins: everything; a unit head: their subtree).
 * Shared by the page, its exports and the API so they always show the same rows.
 */
import { z } from 'zod'
import { forbidden } from '~/auth/guards.server'
import type { SessionUser } from '~/auth/session.server'
import { isIsoDate, parseViDate } from '~/i18n/format'
import { defaultAsOf, listCoverage, type CoverageReport } from './coverage.server'

export const CoverageQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2200),
  mode: z.enum(['recorded', 'restated']).default('recorded'),
  // The API takes YYYY-MM-DD; the page's form may also send dd/mm/yyyy.
  asOf: z
    .string()
    .trim()
    .transform((value) => (isIsoDate(value) ? value : (parseViDate(value) ?? '')))
    .refine((value) => value !== '', 'asOf must be a real date written YYYY-MM-DD')
    .optional(),
  unit: z.string().min(1).max(64).optional(),
})
export type CoverageQuery = z.infer<typeof CoverageQuery>

export function parseCoverageQuery(params: URLSearchParams) {
  const raw = Object.fromEntries([...params].filter(([, value]) => value !== ''))
  return CoverageQuery.safeParse(raw)
}

export function coverageForUser({ user, query }: { user: SessionUser; query: CoverageQuery }): CoverageReport {
  const { year, mode, unit } = query
  const asOf = query.asOf ?? defaultAsOf(year)
  const wholeOrganisation = user.roles.some((g) => (g.role === 'hr' || g.role === 'admin') && g.unitId === null)
  const scopes = wholeOrganisation ? null : user.roles.filter((g) => g.role !== 'learner' && g.unitId).map((g) => g.unitId!)
  if (scopes && unit && !scopes.includes(unit)) {
    const inside = scopes.some((root) => listCoverage({ year, asOf, mode, rootUnitId: root }).rows.some((r) => r.unitId === unit))
    if (!inside) throw forbidden('This unit is outside your scope')
  }
  const roots = unit ? [unit] : (scopes ?? [null])
  const reports = roots.map((root) => listCoverage({ year, asOf, mode, rootUnitId: root }))
  return { year, asOf, mode, rows: reports.flatMap((report) => report.rows) }
}
