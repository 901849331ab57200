/**
 * Year close (khóa số liệu): HR freezes a past year's coverage report with the parameters it was computed with.
 * From then on the report of that year on its closing as-of date (31/12) is read from the stored snapshot —
 * page, API, CSV, .xlsx and print alike — so it never changes whatever happens later to the roster, the
 * structure or the records. Reopening needs a reason; both are audited. A year's plan cannot change while it is
 * closed (plans.server.ts).
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { getDb, writeTransaction } from '~/db/client.server'
import { users, yearCloses } from '~/db/schema'
import { isoDateInVietnam } from '~/i18n/format'
import { recordAudit } from './audit.server'
import { listCoverage, type CoverageMode, type CoverageReport } from './coverage.server'
import { listTrainingByReportRow, type TrainingByReportRow } from './coverage-training.server'
import { getPlan, getYearClose } from './plans.server'

export type FrozenParams = {
  /** The as-of date of the frozen figures: 31/12 of the year. */
  asOf: string
  /** The day whose structure the restated report maps onto: the day of closing. */
  structureDate: string
  targetPct: number | null
  planReference: string | null
}

export type FrozenYear = {
  year: number
  closedAt: number
  closedBy: string | null
  params: FrozenParams
  reports: Record<CoverageMode, CoverageReport>
  /** The training table of the printed report, for the whole organisation ('') and for each unit of 31/12. */
  training: Record<string, TrainingByReportRow>
}

type StoredReport = { reports: Record<CoverageMode, CoverageReport>; training: Record<string, TrainingByReportRow> }

export type CloseResult =
  | { ok: true }
  | { ok: false; error: 'notPast' | 'alreadyClosed' | 'notClosed' | 'reasonTooShort' }

export const REOPEN_REASON_MIN = 10
export const REOPEN_REASON_MAX = 1000

/**
 * The snapshot of `year` on `asOf` when the year is closed and `asOf` is its closing date, else null. The
 * as-of is compared in SQL, so a view of another date never parses the (large) stored report; whether a year
 * is closed at all is getYearClose's question (plans.server.ts).
 */
export function getFrozenYear({ year, asOf }: { year: number; asOf: string }): FrozenYear | null {
  const row = getDb()
    .select({
      closedAt: yearCloses.closedAt,
      closedBy: users.displayName,
      params: yearCloses.params,
      report: yearCloses.report,
    })
    .from(yearCloses)
    .leftJoin(users, eq(users.id, yearCloses.closedBy))
    .where(
      and(
        eq(yearCloses.year, year),
        isNull(yearCloses.reopenedAt),
        sql`json_extract(${yearCloses.params}, '$.asOf') = ${asOf}`,
      ),
    )
    .orderBy(desc(yearCloses.closedAt))
    .get()
  if (!row) return null
  const stored = row.report as StoredReport
  return {
    year,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    params: row.params as FrozenParams,
    reports: stored.reports,
    training: stored.training,
  }
}

/**
 * Closes a past year: computes its report on 31/12 in both modes (restated onto today's structure) and the
 * training table for the organisation and every unit, and stores them with their parameters.
 */
export function closeYear({
  year,
  actorUserId,
  today = isoDateInVietnam(),
  now = Date.now(),
}: {
  year: number
  actorUserId: string
  today?: string
  now?: number
}): CloseResult {
  if (year >= Number(today.slice(0, 4))) return { ok: false, error: 'notPast' }
  const asOf = `${year}-12-31`
  return writeTransaction((tx) => {
    // Inside the write transaction so nothing changes between computing and storing.
    if (getYearClose({ year })) return { ok: false, error: 'alreadyClosed' } as const
    const recorded = listCoverage({ year, asOf, mode: 'recorded', today })
    const restated = listCoverage({ year, asOf, mode: 'restated', today })
    const training: Record<string, TrainingByReportRow> = {
      '': listTrainingByReportRow({ year, asOf, rootUnitId: null }),
    }
    for (const row of recorded.rows)
      training[row.unitId] = listTrainingByReportRow({ year, asOf, rootUnitId: row.unitId })
    const plan = getPlan({ year })
    const params: FrozenParams = {
      asOf,
      structureDate: today,
      targetPct: plan?.targetPct ?? null,
      planReference: plan?.reference ?? null,
    }
    const report: StoredReport = { reports: { recorded, restated }, training }
    tx.insert(yearCloses).values({ year, params, report, closedBy: actorUserId, closedAt: now }).run()
    const root = recorded.rows[0]
    recordAudit(
      {
        actorUserId,
        action: 'year.close',
        entityType: 'year',
        entityId: String(year),
        details: { ...params, headcount: root?.headcount ?? 0, coveragePct: root?.coveragePct ?? null },
        at: now,
      },
      tx,
    )
    return { ok: true } as const
  })
}

/** Reopens a closed year; the snapshot stays in the table (with who reopened it, when and why) for the record. */
export function reopenYear({
  year,
  reason,
  actorUserId,
  now = Date.now(),
}: {
  year: number
  reason: string
  actorUserId: string
  now?: number
}): CloseResult {
  const why = reason.normalize('NFC').trim()
  if (why.length < REOPEN_REASON_MIN) return { ok: false, error: 'reasonTooShort' }
  return writeTransaction((tx) => {
    const open = tx
      .select({ id: yearCloses.id })
      .from(yearCloses)
      .where(and(eq(yearCloses.year, year), isNull(yearCloses.reopenedAt)))
      .all()
    if (open.length === 0) return { ok: false, error: 'notClosed' } as const
    for (const { id } of open) {
      tx.update(yearCloses)
        .set({ reopenedAt: now, reopenedBy: actorUserId, reopenReason: why.slice(0, REOPEN_REASON_MAX) })
        .where(eq(yearCloses.id, id))
        .run()
    }
    recordAudit(
      {
        actorUserId,
        action: 'year.reopen',
        entityType: 'year',
        entityId: String(year),
        details: { reason: why.slice(0, REOPEN_REASON_MAX) },
        at: now,
      },
      tx,
    )
    return { ok: true } as const
  })
}
