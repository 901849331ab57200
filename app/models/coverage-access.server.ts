/**
 * The coverage report as one user may see it: the query of contract.md (year, mode, asOf, unit) checked with
 * zod, and the rows limited to the caller's scope (HR and admins: everything; a unit head: their subtree).
 * Shared by the page, its exports and the API so they always show the same rows.
 */
import { z } from 'zod'
import { forbidden } from '~/auth/guards.server'
import type { SessionUser } from '~/auth/session.server'
import { isIsoDate, parseViDate } from '~/i18n/format'
import { defaultAsOf, listCoverage, subtreeOfReport, type CoverageMode, type CoverageReport } from './coverage.server'
import { listTrainingByReportRow, type TrainingByReportRow } from './coverage-training.server'
import { getFrozenYear } from './year-close.server'

export const CoverageQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2200),
  mode: z.enum(['recorded', 'restated']).default('recorded'),
  // The API takes YYYY-MM-DD; the page's form may also send dd/mm/yyyy.
  asOf: z
    .string()
    .trim()
    .transform((value) => (isIsoDate(value) ? value : parseViDate(value) ?? ''))
    .refine((value) => value !== '', 'asOf must be a real date written YYYY-MM-DD')
    .optional(),
  unit: z.string().min(1).max(64).optional(),
})
export type CoverageQuery = z.infer<typeof CoverageQuery>

export function parseCoverageQuery(params: URLSearchParams) {
  const raw = Object.fromEntries([...params].filter(([, value]) => value !== ''))
  return CoverageQuery.safeParse(raw)
}

export type FrozenInfo = { closedAt: number; closedBy: string | null; structureDate: string }
export type ScopedCoverage = CoverageReport & { frozen: FrozenInfo | null }

/** The whole organisation's report: the stored snapshot for a closed year on its closing as-of date, else live. */
function organisationReport({ year, asOf, mode }: { year: number; asOf: string; mode: CoverageMode }) {
  const frozen = getFrozenYear({ year, asOf })
  if (frozen) {
    return {
      report: frozen.reports[mode],
      frozen: { closedAt: frozen.closedAt, closedBy: frozen.closedBy, structureDate: frozen.params.structureDate },
    }
  }
  return { report: listCoverage({ year, asOf, mode }), frozen: null }
}

/** The unit roots a user may see: null for the whole organisation (HR, admin), else their units. */
export function coverageScopes(user: SessionUser): string[] | null {
  const wholeOrganisation = user.roles.some((g) => (g.role === 'hr' || g.role === 'admin') && g.unitId === null)
  return wholeOrganisation ? null : user.roles.filter((g) => g.role !== 'learner' && g.unitId).map((g) => g.unitId!)
}

export function coverageForUser({ user, query }: { user: SessionUser; query: CoverageQuery }): ScopedCoverage {
  const { year, mode, unit } = query
  const asOf = query.asOf ?? defaultAsOf(year)
  const { report, frozen } = organisationReport({ year, asOf, mode })
  const scopes = coverageScopes(user)
  const visible = scopes === null ? [report] : scopes.map((root) => subtreeOfReport(report, root))
  if (unit) {
    if (!visible.some((part) => part.rows.some((r) => r.unitId === unit))) {
      if (scopes !== null) throw forbidden('This unit is outside your scope')
      return { year, asOf, mode, rows: [], frozen }
    }
    return { ...subtreeOfReport(report, unit), frozen }
  }
  return { year, asOf, mode, rows: visible.flatMap((part) => part.rows), frozen }
}

/**
 * The printed report's training table (by report row and staff type) for one unit's subtree as the tree stood on
 * `asOf`, or the whole organisation: read from the snapshot when the year is closed and `asOf` is its closing
 * date, so the printed report of a closed year never changes either. Callers check scope with coverageForUser.
 */
export function trainingTable({
  year,
  asOf,
  rootUnitId,
}: {
  year: number
  asOf: string
  rootUnitId: string | null
}): TrainingByReportRow {
  const stored = getFrozenYear({ year, asOf })?.training[rootUnitId ?? '']
  return stored ?? listTrainingByReportRow({ year, asOf, rootUnitId })
}
