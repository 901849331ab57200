/**
 * A deliberately simple second implementation of the coverage report, for the property test
 * (app/models/coverage.property.test.ts). Written straight from product.md ("Coverage: the definitions") and
 * contract.md (restated mode), reading the raw tables with `SELECT *` and computing with naive loops: for each
 * unit of the chosen structure, the set of people in its subtree, then each figure. It imports nothing from the
 * app's models on purpose — the point is independence, not speed.
 */
import type Database from 'better-sqlite3'

type UnitVersion = {
  unit_id: string
  code: string
  name: string
  kind: string
  parent_id: string | null
  valid_from: string
  valid_to: string | null
}
type Person = { id: string; staff_type: string; left_on: string | null }
type Assignment = {
  id: number
  person_id: string
  unit_id: string
  position: string
  valid_from: string
  valid_to: string | null
}
type Course = { id: string; duration_tiet: number }
type Completion = { person_id: string; course_id: string; completed_on: string; revoked_at: number | null }
type External = { person_id: string; course_id: string | null; completed_on: string; duration_tiet: number }
type Plan = { year: number; target_pct: number }
type Requirement = { year: number; course_id: string; audience: string }
type LineageEvent = { id: number; type: string; effective_date: string }
type LineageLink = { event_id: number; from_unit_id: string | null; to_unit_id: string | null; ordinal: number }

export type ReferenceRow = {
  unitId: string
  unitCode: string
  unitName: string
  unitKind: string
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

/** Date ranges are inclusive at both ends; an open end is null. */
const activeOn = (date: string, from: string, to: string | null) => from <= date && (to === null || date <= to)

/** Rounded to 2 decimals; no value for an empty denominator (not 0, not 100). */
function percent(part: number, whole: number): number | null {
  if (whole === 0) return null
  return Math.round((part * 10000) / whole) / 100
}

/** Positions are compared as the audience rule does: the same words, whatever the case or Unicode form. */
const samePosition = (a: string, b: string) =>
  a.normalize('NFC').trim().toLocaleLowerCase('vi') === b.normalize('NFC').trim().toLocaleLowerCase('vi')

export function referenceCoverage(
  sqlite: Database.Database,
  {
    year,
    asOf,
    mode,
    rootUnitId,
    today,
  }: { year: number; asOf: string; mode: 'recorded' | 'restated'; rootUnitId: string | null; today: string },
): ReferenceRow[] {
  const all = <T>(table: string) => sqlite.prepare(`SELECT * FROM ${table}`).all() as T[]
  const versions = all<UnitVersion>('unit_versions')
  const people = all<Person>('people')
  const assignments = all<Assignment>('assignments')
  const courses = all<Course>('courses')
  const completions = all<Completion>('completions')
  const externals = all<External>('external_records')
  const plan = all<Plan>('plans').find((p) => p.year === year) ?? null
  const requirements = all<Requirement>('plan_requirements').filter((r) => r.year === year)
  const events = all<LineageEvent>('lineage_events')
  const links = all<LineageLink>('lineage_links')

  /** The tree as it stood on a day: each valid unit with its parent (null when the parent is not valid that day). */
  function treeOn(date: string) {
    const valid = versions.filter((v) => activeOn(date, v.valid_from, v.valid_to))
    const ids = new Set(valid.map((v) => v.unit_id))
    const units = new Map<string, UnitVersion & { parent: string | null }>()
    for (const v of valid)
      units.set(v.unit_id, { ...v, parent: v.parent_id && ids.has(v.parent_id) ? v.parent_id : null })
    /** The unit itself and every unit above it. */
    const upwards = (unitId: string): string[] => {
      const out: string[] = []
      let id: string | null = unitId
      while (id !== null && units.has(id) && !out.includes(id)) {
        out.push(id)
        id = units.get(id)!.parent
      }
      return out
    }
    return { units, upwards }
  }

  const onD = treeOn(asOf)
  const structure = treeOn(mode === 'recorded' ? asOf : today)

  /**
   * Restated: the current unit that the lineage of `unitId` leads to — through a merge to the new unit, through
   * a split to the successor the person was assigned to right after the split (else the first successor), and
   * nowhere through a dissolve.
   */
  function restate(unitId: string, personId: string): string | null {
    let id = unitId
    for (let hops = 0; hops < 100; hops++) {
      if (structure.units.has(id)) return id
      const endings = links
        .filter((l) => l.from_unit_id === id && l.to_unit_id !== id)
        .map((l) => ({ link: l, event: events.find((e) => e.id === l.event_id)! }))
        .filter(({ event }) => ['merge', 'split', 'dissolve'].includes(event.type) && event.effective_date <= today)
      if (endings.length === 0) return null
      const first = endings.reduce((a, b) => (b.event.effective_date < a.event.effective_date ? b : a))
      const event = first.event
      if (event.type === 'dissolve') return null
      if (event.type === 'merge') {
        id = first.link.to_unit_id!
        continue
      }
      const successors = links
        .filter((l) => l.event_id === event.id && l.from_unit_id === id)
        .sort((a, b) => a.ordinal - b.ordinal)
      const placedIn = successors.find((s) =>
        assignments.some(
          (a) =>
            a.person_id === personId &&
            a.unit_id === s.to_unit_id &&
            activeOn(event.effective_date, a.valid_from, a.valid_to),
        ),
      )
      id = (placedIn ?? successors[0]!).to_unit_id!
    }
    return null
  }

  const from = `${year}-01-01`
  const to = `${year}-12-31`
  const duration = new Map(courses.map((c) => [c.id, c.duration_tiet]))

  type Facts = {
    personId: string
    units: Set<string>
    required: boolean
    trainedAll: boolean
    trainedAny: boolean
    times: number
    hours: number
  }
  const facts: Facts[] = []
  for (const person of people) {
    if (person.left_on !== null && person.left_on < asOf) continue
    const posts = assignments.filter((a) => a.person_id === person.id && activeOn(asOf, a.valid_from, a.valid_to))
    if (posts.length === 0) continue

    // The plan of Y: which courses does it require of this person on D?
    const requiredCourses = new Set<string>()
    for (const r of requirements) {
      const audience = JSON.parse(r.audience) as {
        all?: true
        unitIds?: string[]
        positions?: string[]
        staffTypes?: string[]
      }
      let applies = false
      if (audience.all === true) applies = true
      else if (audience.unitIds)
        applies = posts.some((p) => onD.upwards(p.unit_id).some((u) => audience.unitIds!.includes(u)))
      else if (audience.positions)
        applies = posts.some((p) => p.position !== '' && audience.positions!.some((w) => samePosition(w, p.position)))
      else if (audience.staffTypes) applies = audience.staffTypes.includes(person.staff_type)
      if (applies) requiredCourses.add(r.course_id)
    }

    // Completions dated within Y: internal ones not revoked, and external records.
    const internal = completions.filter(
      (c) => c.person_id === person.id && c.revoked_at === null && c.completed_on >= from && c.completed_on <= to,
    )
    const external = externals.filter(
      (e) => e.person_id === person.id && e.completed_on >= from && e.completed_on <= to,
    )
    const doneCourses = new Set<string>([
      ...internal.map((c) => c.course_id),
      ...external.filter((e) => e.course_id !== null).map((e) => e.course_id!),
    ])
    let hours = 0
    for (const c of internal) hours += duration.get(c.course_id)!
    for (const e of external) hours += e.duration_tiet

    // Where the person sits in the chosen structure: their as-of units (restated: mapped through lineage), and above.
    const units = new Set<string>()
    for (const post of posts) {
      if (!onD.units.has(post.unit_id)) continue
      const placed = mode === 'recorded' ? post.unit_id : restate(post.unit_id, person.id)
      if (placed !== null) for (const u of structure.upwards(placed)) units.add(u)
    }

    facts.push({
      personId: person.id,
      units,
      required: requiredCourses.size > 0,
      trainedAll: requiredCourses.size > 0 && [...requiredCourses].every((c) => doneCourses.has(c)),
      trainedAny: internal.length + external.length > 0,
      times: internal.length + external.length,
      hours,
    })
  }

  let shown = [...structure.units.keys()]
  if (rootUnitId !== null) shown = shown.filter((u) => structure.upwards(u).includes(rootUnitId))
  const depthOf = (unitId: string) =>
    structure.upwards(unitId).length - 1 - (rootUnitId === null ? 0 : structure.upwards(rootUnitId).length - 1)

  return shown.map((unitId) => {
    const unit = structure.units.get(unitId)!
    const inUnit = facts.filter((f) => f.units.has(unitId))
    const headcount = inUnit.length
    const required = inUnit.filter((f) => f.required).length
    const trainedAll = inUnit.filter((f) => f.trainedAll).length
    const trainedAny = inUnit.filter((f) => f.trainedAny).length
    let personTimes = 0
    let hours = 0
    for (const f of inUnit) {
      personTimes += f.times
      hours += f.hours
    }
    return {
      unitId,
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      parentId: unit.parent,
      depth: depthOf(unitId),
      headcount,
      required,
      trainedAll,
      trainedAny,
      personTimes,
      learningHours: Math.round(hours * 100) / 100,
      coveragePct: percent(trainedAll, required),
      reachPct: percent(trainedAny, headcount),
      targetPct: plan ? plan.target_pct : null,
    }
  })
}
