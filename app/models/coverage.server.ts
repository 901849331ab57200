/**
 * The annual coverage report (product.md, "Coverage: the definitions") — the one place its arithmetic lives.
 *
 * For year Y, as-of date D and a unit U:
 * - headcount: people in post on D in U or below it (as the tree stood on D — or, restated, as today's tree
 *   stands after mapping each unit of D through its lineage);
 * - required: of those, people matching at least one requirement of the plan of Y on D;
 * - trainedAll: of required, people who completed every course required of them with a completion dated in Y
 *   (any version, late or not; an external record counts when it names the course);
 * - trainedAny: of headcount, people with at least one completion (internal or external) dated in Y;
 * - personTimes: completions dated in Y by people in headcount; learningHours: their durations in tiết;
 * - coveragePct = trainedAll / required, reachPct = trainedAny / headcount, ×100, 2 decimals, null when the
 *   denominator is empty.
 * A parent row aggregates its subtree and counts a person once.
 */
import { sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'
import type { UnitKind } from '~/db/enums'
import { isoDateInVietnam } from '~/i18n/format'
import { audienceMatches } from './audience'
import { getPlan, listPeopleOnDate } from './plans.server'
import { listUnitsAsOf, orderAsTree, type UnitNode } from './units.server'

export type CoverageMode = 'recorded' | 'restated'

export type CoverageRow = {
  unitId: string
  unitCode: string
  unitName: string
  unitKind: UnitKind
  parentId: string | null
  depth: number
  headcount: number
  required: number
  trainedAll: number
  trainedAny: number
  personTimes: number
  learningHours: number
  coveragePct: number | null
  reachPct: number | null
  targetPct: number | null
}

export type CoverageReport = { year: number; asOf: string; mode: CoverageMode; rows: CoverageRow[] }

/** The default as-of date: 31/12 of a past year, today for the current year. */
export function defaultAsOf(year: number, today = isoDateInVietnam()): string {
  return Number(today.slice(0, 4)) === year ? today : `${year}-12-31`
}

function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10000) / 100
}

type Link = { fromUnitId: string; toUnitId: string | null; ordinal: number; type: string; date: string }

/**
 * Where a unit of an earlier day stands in today's structure: followed through merges and splits (to the
 * successor the person was assigned to right after a split, else the first successor). Null when dissolved.
 */
function restater(today: string) {
  const db = getDb()
  const links = db.all<Link>(sql`
    SELECT l.from_unit_id AS fromUnitId, l.to_unit_id AS toUnitId, l.ordinal, e.type, e.effective_date AS date
    FROM lineage_links l JOIN lineage_events e ON e.id = l.event_id
    WHERE e.type IN ('merge', 'split', 'dissolve') AND l.from_unit_id IS NOT NULL AND e.effective_date <= ${today}
    ORDER BY e.effective_date, l.ordinal`)
  const onward = new Map<string, Link[]>()
  for (const link of links) {
    if (link.toUnitId === link.fromUnitId) continue
    onward.set(link.fromUnitId, [...(onward.get(link.fromUnitId) ?? []), link])
  }
  const validToday = new Set(listUnitsAsOf({ asOf: today }).map((u) => u.id))
  const unitOfPersonOn = (personId: string, date: string): string | null =>
    db.get<{ unitId: string }>(sql`
      SELECT unit_id AS unitId FROM assignments
      WHERE person_id = ${personId} AND valid_from <= ${date} AND (valid_to IS NULL OR valid_to >= ${date})
      ORDER BY valid_from DESC LIMIT 1`)?.unitId ?? null

  return (unitId: string, personId: string): string | null => {
    const seen = new Set<string>()
    let id: string | null = unitId
    while (id && !seen.has(id)) {
      seen.add(id)
      if (validToday.has(id)) return id
      const next: Link[] = onward.get(id) ?? []
      const first: Link | undefined = next[0]
      if (!first || first.type === 'dissolve' || !first.toUnitId) return null
      if (first.type === 'split') {
        const successors = new Set(next.filter((l) => l.date === first.date).map((l) => l.toUnitId))
        const placed = unitOfPersonOn(personId, first.date)
        id = placed && successors.has(placed) ? placed : first.toUnitId
      } else id = first.toUnitId
    }
    return null
  }
}

type PersonFacts = { units: Set<string>; required: boolean; trainedAll: boolean; trainedAny: boolean; personTimes: number; hours: number }

/** The coverage report of `year` on `asOf`, one row per unit of the chosen structure (below `rootUnitId` if given). */
export function listCoverage({
  year,
  asOf = defaultAsOf(year),
  mode = 'recorded',
  rootUnitId = null,
  today = isoDateInVietnam(),
}: {
  year: number
  asOf?: string
  mode?: CoverageMode
  rootUnitId?: string | null
  today?: string
}): CoverageReport {
  const db = getDb()
  const plan = getPlan({ year })
  const peopleOnDate = listPeopleOnDate({ asOf })
  const from = `${year}-01-01`
  const to = `${year}-12-31`

  // Completions dated in Y, internal (not revoked) and external, with their durations.
  const done = db.all<{ personId: string; courseId: string | null; tiet: number }>(sql`
    SELECT c.person_id AS personId, c.course_id AS courseId, co.duration_tiet AS tiet
    FROM completions c JOIN courses co ON co.id = c.course_id
    WHERE c.revoked_at IS NULL AND c.completed_on BETWEEN ${from} AND ${to}
    UNION ALL
    SELECT person_id, course_id, duration_tiet FROM external_records WHERE completed_on BETWEEN ${from} AND ${to}`)
  const completedBy = new Map<string, { courses: Set<string>; times: number; hours: number }>()
  for (const row of done) {
    if (!peopleOnDate.has(row.personId)) continue
    const entry = completedBy.get(row.personId) ?? { courses: new Set<string>(), times: 0, hours: 0 }
    if (row.courseId) entry.courses.add(row.courseId)
    entry.times++
    entry.hours += row.tiet
    completedBy.set(row.personId, entry)
  }

  const tree: UnitNode[] = orderAsTree(listUnitsAsOf({ asOf: mode === 'recorded' ? asOf : today }))
  const parentOf = new Map(tree.map((u) => [u.id, u.parentId]))
  const restate = mode === 'restated' ? restater(today) : null

  const facts: PersonFacts[] = []
  for (const [personId, person] of peopleOnDate) {
    const requiredCourses = new Set<string>()
    for (const requirement of plan?.requirements ?? []) if (audienceMatches(requirement.audience, person)) requiredCourses.add(requirement.courseId)
    const completed = completedBy.get(personId)
    const units = new Set<string>()
    for (const placement of person.placements) {
      const unit = restate ? restate(placement.unitId, personId) : placement.unitId
      // The unit and every unit above it in the chosen structure.
      let id: string | null = unit
      while (id && !units.has(id) && parentOf.has(id)) {
        units.add(id)
        id = parentOf.get(id) ?? null
      }
    }
    if (units.size === 0) continue
    facts.push({
      units,
      required: requiredCourses.size > 0,
      trainedAll: requiredCourses.size > 0 && [...requiredCourses].every((c) => completed?.courses.has(c)),
      trainedAny: (completed?.times ?? 0) > 0,
      personTimes: completed?.times ?? 0,
      hours: completed?.hours ?? 0,
    })
  }

  const totals = new Map<string, { headcount: number; required: number; trainedAll: number; trainedAny: number; personTimes: number; hours: number }>()
  for (const unit of tree) totals.set(unit.id, { headcount: 0, required: 0, trainedAll: 0, trainedAny: 0, personTimes: 0, hours: 0 })
  for (const person of facts) {
    for (const unitId of person.units) {
      const t = totals.get(unitId)!
      t.headcount++
      if (person.required) t.required++
      if (person.trainedAll) t.trainedAll++
      if (person.trainedAny) t.trainedAny++
      t.personTimes += person.personTimes
      t.hours += person.hours
    }
  }

  let rows = tree
  if (rootUnitId) {
    const keep = new Set<string>()
    for (const unit of tree) {
      let id: string | null = unit.id
      while (id) {
        if (id === rootUnitId) {
          keep.add(unit.id)
          break
        }
        id = parentOf.get(id) ?? null
      }
    }
    rows = tree.filter((u) => keep.has(u.id))
  }
  const baseDepth = rows[0]?.depth ?? 0
  return {
    year,
    asOf,
    mode,
    rows: rows.map((unit) => {
      const t = totals.get(unit.id)!
      return {
        unitId: unit.id,
        unitCode: unit.code,
        unitName: unit.name,
        unitKind: unit.kind,
        parentId: unit.parentId,
        depth: unit.depth - baseDepth,
        headcount: t.headcount,
        required: t.required,
        trainedAll: t.trainedAll,
        trainedAny: t.trainedAny,
        personTimes: t.personTimes,
        learningHours: Math.round(t.hours * 100) / 100,
        coveragePct: pct(t.trainedAll, t.required),
        reachPct: pct(t.trainedAny, t.headcount),
        targetPct: plan?.targetPct ?? null,
      }
    }),
  }
}
