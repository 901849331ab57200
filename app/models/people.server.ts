import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'
import { assignments, people, unitVersions, type StaffType } from '~/db/schema'

export type PersonPost = {
  personId: string
  ho: string
  chuDem: string
  ten: string
  staffType: StaffType
  rank: string | null
  posts: { unitId: string; unitName: string; position: string; since: string }[]
}

/** A person and their assignments in force on `asOf`, with the units' names as they stood that day. */
export function getPersonPost({ personId, asOf }: { personId: string; asOf: string }): PersonPost | null {
  const db = getDb()
  const person = db
    .select({ ho: people.ho, chuDem: people.chuDem, ten: people.ten, staffType: people.staffType, rank: people.rank, leftOn: people.leftOn })
    .from(people)
    .where(eq(people.id, personId))
    .get()
  if (!person) return null
  const employed = !person.leftOn || person.leftOn >= asOf
  const posts = employed
    ? db
        .select({
          unitId: assignments.unitId,
          unitName: unitVersions.name,
          position: assignments.position,
          since: assignments.validFrom,
        })
        .from(assignments)
        .innerJoin(
          unitVersions,
          and(
            eq(unitVersions.unitId, assignments.unitId),
            lte(unitVersions.validFrom, asOf),
            or(isNull(unitVersions.validTo), gte(unitVersions.validTo, asOf)),
          ),
        )
        .where(
          and(
            eq(assignments.personId, personId),
            lte(assignments.validFrom, asOf),
            or(isNull(assignments.validTo), gte(assignments.validTo, asOf)),
          ),
        )
        .orderBy(asc(assignments.validFrom))
        .all()
    : []
  return { personId, ho: person.ho, chuDem: person.chuDem, ten: person.ten, staffType: person.staffType, rank: person.rank, posts }
}

export function countPeople(): number {
  return getDb().get<{ n: number }>(sql`SELECT count(*) AS n FROM people`)?.n ?? 0
}

/** People in post on `asOf`, by staff type (each person once). */
export function countStaffByType({ asOf }: { asOf: string }): Record<StaffType, number> {
  const rows = getDb().all<{ staffType: StaffType; n: number }>(sql`
    SELECT p.staff_type AS staffType, count(DISTINCT p.id) AS n
    FROM people p JOIN assignments a ON a.person_id = p.id
    WHERE a.valid_from <= ${asOf} AND (a.valid_to IS NULL OR a.valid_to >= ${asOf})
      AND (p.left_on IS NULL OR p.left_on >= ${asOf})
    GROUP BY p.staff_type`)
  const counts: Record<StaffType, number> = { cong_chuc: 0, vien_chuc: 0, nguoi_lao_dong: 0 }
  for (const row of rows) counts[row.staffType] = row.n
  return counts
}
