/**
 * "Báo cáo kết quả bồi dưỡng": the training of year Y grouped by the report row of its course (chuyển đổi số,
 * an toàn thông tin, …) with lượt người by staff type, for the printed coverage report (issue #6, item 2).
 *
 * Counted like the coverage report's person_times (product.md): completions (not revoked) and external records
 * dated within Y, by the people in post on the as-of date in the chosen subtree, each person once however many
 * posts they hold there. An external record counts under the report row of the course it names, else "khac".
 * Grouped in SQL, so a large organisation is never loaded person by person.
 */
import { sql } from 'drizzle-orm'
import { REPORT_ROWS, type ReportRow } from '~/content/schema'
import { getDb } from '~/db/client.server'
import type { StaffType } from '~/db/enums'

export const TRAINING_ROWS = [...REPORT_ROWS, 'khac'] as const
export type TrainingRowKey = ReportRow | 'khac'

export type TrainingFigures = {
  /** Lượt người by the staff type of the person (people.staff_type). */
  byStaffType: Record<StaffType, number>
  personTimes: number
  /** Số tiết: the course's duration for a completion, the record's own for an external record. */
  learningHours: number
}
export type TrainingRow = TrainingFigures & { reportRow: TrainingRowKey }

export type TrainingByReportRow = { year: number; asOf: string; rows: TrainingRow[]; total: TrainingFigures }

const emptyFigures = (): TrainingFigures => ({
  byStaffType: { cong_chuc: 0, vien_chuc: 0, nguoi_lao_dong: 0 },
  personTimes: 0,
  learningHours: 0,
})

const isReportRow = (value: string): value is ReportRow => (REPORT_ROWS as readonly string[]).includes(value)

/**
 * Every report row in the fixed order of the form (zeros included) and their total. `rootUnitId` null means the
 * whole organisation; otherwise the unit and everything below it as the tree stood on `asOf` (nothing when the
 * unit did not exist that day).
 */
export function listTrainingByReportRow({
  year,
  asOf,
  rootUnitId,
}: {
  year: number
  asOf: string
  rootUnitId: string | null
}): TrainingByReportRow {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const subtree = rootUnitId
    ? sql`scope(id) AS (
        SELECT unit_id FROM unit_versions
        WHERE unit_id = ${rootUnitId} AND valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf})
        UNION
        SELECT v.unit_id FROM unit_versions v JOIN scope s ON v.parent_id = s.id
        WHERE v.valid_from <= ${asOf} AND (v.valid_to IS NULL OR v.valid_to >= ${asOf}))`
    : sql`scope(id) AS (
        SELECT unit_id FROM unit_versions WHERE valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf}))`
  const grouped = getDb().all<{
    reportRow: string
    staffType: StaffType
    personTimes: number
    hours: number | null
  }>(sql`
    WITH RECURSIVE ${subtree},
    staff AS (
      SELECT DISTINCT p.id AS personId, p.staff_type AS staffType
      FROM assignments a JOIN people p ON p.id = a.person_id
      WHERE a.unit_id IN (SELECT id FROM scope)
        AND a.valid_from <= ${asOf} AND (a.valid_to IS NULL OR a.valid_to >= ${asOf})
        AND (p.left_on IS NULL OR p.left_on >= ${asOf})),
    done AS (
      SELECT c.person_id AS personId, co.report_row AS reportRow, co.duration_tiet AS tiet
      FROM completions c JOIN courses co ON co.id = c.course_id
      WHERE c.revoked_at IS NULL AND c.completed_on BETWEEN ${from} AND ${to}
      UNION ALL
      SELECT e.person_id, COALESCE(co.report_row, 'khac'), e.duration_tiet
      FROM external_records e LEFT JOIN courses co ON co.id = e.course_id
      WHERE e.completed_on BETWEEN ${from} AND ${to})
    SELECT d.reportRow AS reportRow, s.staffType AS staffType, COUNT(*) AS personTimes, SUM(d.tiet) AS hours
    FROM done d JOIN staff s ON s.personId = d.personId
    GROUP BY d.reportRow, s.staffType`)

  const rows = new Map<TrainingRowKey, TrainingRow>(
    TRAINING_ROWS.map((key) => [key, { reportRow: key, ...emptyFigures() }]),
  )
  const total = emptyFigures()
  for (const group of grouped) {
    // A course row outside the form's list (not expected: the content schema checks it) still counts, as "Khác".
    const row = rows.get(isReportRow(group.reportRow) ? group.reportRow : 'khac')!
    for (const target of [row, total]) {
      target.byStaffType[group.staffType] += group.personTimes
      target.personTimes += group.personTimes
      target.learningHours += group.hours ?? 0
    }
  }
  const round = <T extends TrainingFigures>(row: T): T => ({
    ...row,
    learningHours: Math.round(row.learningHours * 100) / 100,
  })
  return { year, asOf, rows: [...rows.values()].map(round), total: round(total) }
}
