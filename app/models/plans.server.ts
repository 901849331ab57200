/** Annual training plans and what they require of one person. */
import { asc, eq, sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'
import { planRequirements, plans } from '~/db/schema'
import { audienceMatches, type PersonOnDate } from './audience'
import { listUnitsAsOf, orderAsTree } from './units.server'

export type PlanRow = typeof plans.$inferSelect

export function getPlan({ year }: { year: number }): (PlanRow & { requirements: (typeof planRequirements.$inferSelect)[] }) | null {
  const db = getDb()
  const plan = db.select().from(plans).where(eq(plans.year, year)).get()
  if (!plan) return null
  const requirements = db.select().from(planRequirements).where(eq(planRequirements.year, year)).orderBy(asc(planRequirements.id)).all()
  return { ...plan, requirements }
}

/** A person's staff type and assignments in force on `asOf`, with each unit's ancestors on that day. */
export function getPersonOnDate({ personId, asOf }: { personId: string; asOf: string }): PersonOnDate | null {
  const db = getDb()
  const person = db.get<{ staffType: PersonOnDate['staffType']; leftOn: string | null }>(
    sql`SELECT staff_type AS staffType, left_on AS leftOn FROM people WHERE id = ${personId}`,
  )
  if (!person) return null
  if (person.leftOn && person.leftOn < asOf) return { staffType: person.staffType, placements: [] }
  const rows = db.all<{ unitId: string; position: string }>(sql`
    SELECT unit_id AS unitId, position FROM assignments
    WHERE person_id = ${personId} AND valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf})`)
  const tree = orderAsTree(listUnitsAsOf({ asOf }))
  const parentOf = new Map(tree.map((u) => [u.id, u.parentId]))
  const ancestors = (unitId: string) => {
    const out: string[] = []
    let id = parentOf.get(unitId) ?? null
    while (id && !out.includes(id)) {
      out.push(id)
      id = parentOf.get(id) ?? null
    }
    return out
  }
  return { staffType: person.staffType, placements: rows.map((r) => ({ unitId: r.unitId, position: r.position, ancestorIds: ancestors(r.unitId) })) }
}

export type PersonRequirement = { courseId: string; dueDate: string }

/** The courses the plan of `year` requires of this person on `asOf` (the earliest due date when several rules apply). */
export function listRequirementsForPerson({ personId, year, asOf }: { personId: string; year: number; asOf: string }): PersonRequirement[] {
  const plan = getPlan({ year })
  if (!plan) return []
  const person = getPersonOnDate({ personId, asOf })
  if (!person) return []
  const due = new Map<string, string>()
  for (const requirement of plan.requirements) {
    if (!audienceMatches(requirement.audience, person)) continue
    const earlier = due.get(requirement.courseId)
    if (!earlier || requirement.dueDate < earlier) due.set(requirement.courseId, requirement.dueDate)
  }
  return [...due].map(([courseId, dueDate]) => ({ courseId, dueDate })).sort((a, b) => a.dueDate.localeCompare(b.dueDate))
}
