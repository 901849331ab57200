/** Completions that count for a year: courses completed in HọcSố, and external records naming a course. */
import { sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'

/** For each course, the first date within `year` on which this person completed it (internal or external). */
export function listCompletionDatesInYear({ personId, year }: { personId: string; year: number }): Map<string, string> {
  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const rows = getDb().all<{ courseId: string; completedOn: string }>(sql`
    SELECT course_id AS courseId, min(completed_on) AS completedOn FROM (
      SELECT course_id, completed_on FROM completions
        WHERE person_id = ${personId} AND revoked_at IS NULL AND completed_on BETWEEN ${from} AND ${to}
      UNION ALL
      SELECT course_id, completed_on FROM external_records
        WHERE person_id = ${personId} AND course_id IS NOT NULL AND completed_on BETWEEN ${from} AND ${to}
    ) GROUP BY course_id`)
  return new Map(rows.map((r) => [r.courseId, r.completedOn]))
}
