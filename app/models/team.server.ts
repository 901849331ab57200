/**
 * A unit head's view of readiness: every person in post in their units × every course the year's plan requires
 * of them, with where each stands. Statuses come from status.ts and the readiness figure from the coverage
 * report, so /team, /learn and the report agree.
 */
import { sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'
import { sortByName } from '~/i18n/format'
import { audienceMatches } from './audience'
import { listCoverage } from './coverage.server'
import { getPlan, listPeopleOnDate } from './plans.server'
import { courseStatus, type CourseStatus } from './status'

export type TeamCell = {
  courseId: string
  dueDate: string
  status: CourseStatus
  completedOn: string | null
  score: number | null
  external: boolean
}
export type TeamMember = {
  personId: string
  ho: string
  chuDem: string
  ten: string
  unitName: string
  cells: TeamCell[]
}
export type TeamReadiness = {
  year: number
  courses: { id: string; title: string }[]
  members: TeamMember[]
  /** Share of required people who completed everything (the coverage report's figure), null when nobody is required. */
  readinessPct: number | null
}

export function getTeamReadiness({
  rootUnitIds,
  year,
  today,
}: {
  rootUnitIds: readonly string[] | null
  year: number
  today: string
}): TeamReadiness {
  const db = getDb()
  const plan = getPlan({ year })
  // Only the people with a post in the unit head's units or below them (all of them for HR).
  const members = [...listPeopleOnDate({ asOf: today, withinUnitIds: rootUnitIds ?? undefined })]
  const ids = members.map(([id]) => id)
  if (!ids.length) return { year, courses: [], members: [], readinessPct: null }
  const idList = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )

  const names = new Map(
    db
      .all<{ id: string; ho: string; chuDem: string; ten: string }>(
        sql`SELECT id, ho, chu_dem AS chuDem, ten FROM people WHERE id IN (${idList})`,
      )
      .map((r) => [r.id, r]),
  )
  const unitNames = new Map(
    db
      .all<{ id: string; name: string }>(
        sql`SELECT unit_id AS id, name FROM unit_versions WHERE valid_from <= ${today} AND (valid_to IS NULL OR valid_to >= ${today})`,
      )
      .map((r) => [r.id, r.name]),
  )
  const done = new Map<string, { completedOn: string; score: number | null; external: boolean }>()
  for (const row of db.all<{
    personId: string
    courseId: string
    completedOn: string
    score: number | null
    external: number
  }>(sql`
    SELECT person_id AS personId, course_id AS courseId, min(completed_on) AS completedOn, max(score) AS score, 0 AS external
      FROM completions WHERE revoked_at IS NULL AND completed_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} AND person_id IN (${idList})
      GROUP BY person_id, course_id
    UNION ALL
    SELECT person_id, course_id, min(completed_on), NULL, 1
      FROM external_records WHERE course_id IS NOT NULL AND completed_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} AND person_id IN (${idList})
      GROUP BY person_id, course_id`)) {
    const key = `${row.personId}|${row.courseId}`
    const earlier = done.get(key)
    if (!earlier || row.completedOn < earlier.completedOn)
      done.set(key, { completedOn: row.completedOn, score: row.score, external: row.external === 1 })
  }
  const lessonsDone = new Map(
    db
      .all<{ key: string; n: number }>(
        sql`
        SELECT person_id || '|' || course_id AS key, count(*) AS n FROM lesson_progress
        WHERE completed_at IS NOT NULL AND person_id IN (${idList}) GROUP BY person_id, course_id`,
      )
      .map((r) => [r.key, r.n]),
  )

  const courseTitles = new Map(
    db.all<{ id: string; title: string }>(sql`SELECT id, title FROM courses`).map((c) => [c.id, c.title]),
  )
  const required = new Set<string>()
  const rows: TeamMember[] = members.map(([personId, person]) => {
    const due = new Map<string, string>()
    for (const requirement of plan?.requirements ?? []) {
      if (!audienceMatches(requirement.audience, person)) continue
      const earlier = due.get(requirement.courseId)
      if (!earlier || requirement.dueDate < earlier) due.set(requirement.courseId, requirement.dueDate)
    }
    const name = names.get(personId)!
    return {
      personId,
      ho: name.ho,
      chuDem: name.chuDem,
      ten: name.ten,
      unitName: unitNames.get(person.placements[0]!.unitId) ?? '',
      cells: [...due].map(([courseId, dueDate]) => {
        required.add(courseId)
        const completion = done.get(`${personId}|${courseId}`) ?? null
        return {
          courseId,
          dueDate,
          completedOn: completion?.completedOn ?? null,
          score: completion?.score ?? null,
          external: completion?.external ?? false,
          status: courseStatus({
            completedOn: completion?.completedOn ?? null,
            lessonsDone: lessonsDone.get(`${personId}|${courseId}`) ?? 0,
            dueDate,
            today,
          }),
        }
      }),
    }
  })

  // Readiness is the coverage report's figure for the same units, so the two pages always agree.
  const coverage = (rootUnitIds ?? [null]).map(
    (root) => listCoverage({ year, asOf: today, mode: 'recorded', rootUnitId: root, today }).rows[0],
  )
  const requiredCount = coverage.reduce((sum, row) => sum + (row?.required ?? 0), 0)
  const trainedAll = coverage.reduce((sum, row) => sum + (row?.trainedAll ?? 0), 0)

  return {
    year,
    courses: [...required].sort().map((id) => ({ id, title: courseTitles.get(id) ?? id })),
    members: sortByName(rows, (m) => m),
    readinessPct: requiredCount === 0 ? null : Math.round((trainedAll / requiredCount) * 10000) / 100,
  }
}
