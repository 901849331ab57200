/** Annual training plans and what they require of one person. */
import { asc, eq, sql } from 'drizzle-orm'
import { getDb, preparedQuery, writeTransaction, type Db } from '~/db/client.server'
import { planRequirements, plans, type StaffType } from '~/db/schema'
import { cleanText, foldForSearch, isIsoDate, isoDateInVietnam, sortByName } from '~/i18n/format'
import { audienceMatches, type Audience, type PersonOnDate } from './audience'
import { recordAudit } from './audit.server'
import { listActivePlacements, listUnitsAsOf, orderAsTree, subtreeIds } from './units.server'

export type PlanRow = typeof plans.$inferSelect

export function getPlan({
  year,
}: {
  year: number
}): (PlanRow & { requirements: (typeof planRequirements.$inferSelect)[] }) | null {
  const plan = planOfYear().get({ year })
  if (!plan) return null
  return { ...plan, requirements: requirementsOfYear().all({ year }) }
}

const planOfYear = preparedQuery((db) => db.select().from(plans).where(eq(plans.year, sql.placeholder('year'))).prepare())
const requirementsOfYear = preparedQuery((db) =>
  db.select().from(planRequirements).where(eq(planRequirements.year, sql.placeholder('year'))).orderBy(asc(planRequirements.id)).prepare(),
)

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
  // Only this person's units and the units above them on asOf: building the whole tree here cost /learn about a
  // third of its time at province scale (1,500 units; docs/performance.md). A parent without a version on asOf
  // ends the chain, as it does in orderAsTree.
  const ancestors = (unitId: string) => {
    const chain = db.all<{ id: string }>(sql`
      WITH RECURSIVE up(id, depth) AS (
        SELECT v.parent_id, 1 FROM unit_versions v
        WHERE v.unit_id = ${unitId} AND v.valid_from <= ${asOf} AND (v.valid_to IS NULL OR v.valid_to >= ${asOf})
        UNION ALL
        SELECT p.parent_id, up.depth + 1 FROM up JOIN unit_versions p
          ON p.unit_id = up.id AND p.valid_from <= ${asOf} AND (p.valid_to IS NULL OR p.valid_to >= ${asOf})
        WHERE up.depth < 64)
      SELECT up.id AS id FROM up
      WHERE up.id IS NOT NULL AND EXISTS (
        SELECT 1 FROM unit_versions x WHERE x.unit_id = up.id AND x.valid_from <= ${asOf} AND (x.valid_to IS NULL OR x.valid_to >= ${asOf}))
      ORDER BY up.depth`)
    return [...new Set(chain.map((r) => r.id))]
  }
  return {
    staffType: person.staffType,
    placements: rows.map((r) => ({ unitId: r.unitId, position: r.position, ancestorIds: ancestors(r.unitId) })),
  }
}

export type PersonRequirement = { courseId: string; dueDate: string }

/** The courses the plan of `year` requires of this person on `asOf` (the earliest due date when several rules apply). */
export function listRequirementsForPerson({
  personId,
  year,
  asOf,
}: {
  personId: string
  year: number
  asOf: string
}): PersonRequirement[] {
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
  return [...due]
    .map(([courseId, dueDate]) => ({ courseId, dueDate }))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
}

// ---------------------------------------------------------------------------------------------------------
// Saving, previewing and copying plans (issue 5, "Annual plans"; contract.md PUT/GET /api/v1/plans/:year)
// ---------------------------------------------------------------------------------------------------------

/** Staff types as the API and files name them (contract.md), and as the database stores them. */
export const STAFF_TYPE_LABELS: Record<StaffType, string> = {
  cong_chuc: 'Công chức',
  vien_chuc: 'Viên chức',
  nguoi_lao_dong: 'Người lao động',
}

export function staffTypeFromLabel(label: string): StaffType | null {
  const folded = foldForSearch(label)
  return (
    (Object.keys(STAFF_TYPE_LABELS) as StaffType[]).find((key) => foldForSearch(STAFF_TYPE_LABELS[key]) === folded) ??
    null
  )
}

/** An audience as the API writes it: unit codes rather than ids, staff types by their Vietnamese label. */
export type AudienceInput = { all: true } | { unitCodes: string[] } | { positions: string[] } | { staffTypes: string[] }

export type PlanInput = {
  reference: string
  referenceDate?: string | null
  targetPct: number
  requirements: { courseId: string; audience: AudienceInput; dueDate: string }[]
}

export type PlanProblem = {
  path: string
  message: string
  code: 'unknown_course' | 'unknown_unit' | 'bad_date' | 'bad_target' | 'bad_audience' | 'bad_reference' | 'bad_year'
}

export type ResolvedRequirement = { courseId: string; audience: Audience; dueDate: string }
export type ResolvedPlan = {
  reference: string
  referenceDate: string | null
  targetPct: number
  requirements: ResolvedRequirement[]
}

export const PLAN_YEAR_MIN = 2000
export const PLAN_YEAR_MAX = 2200
export const PLAN_MAX_REQUIREMENTS = 100

export function isPlanYear(year: number): boolean {
  return Number.isInteger(year) && year >= PLAN_YEAR_MIN && year <= PLAN_YEAR_MAX
}

/**
 * Checks a plan as typed or sent and resolves its unit codes to unit ids among the units valid on `asOf` (the
 * save date), so the rule then follows those units through renames and moves. Every problem is listed.
 */
export function resolvePlanInput({
  input,
  asOf,
}: {
  input: PlanInput
  asOf: string
}): { ok: true; plan: ResolvedPlan } | { ok: false; problems: PlanProblem[] } {
  const problems: PlanProblem[] = []
  const reference = cleanText(input.reference ?? '')
  if (!reference || reference.length > 100)
    problems.push({ path: 'reference', code: 'bad_reference', message: 'reference must be 1–100 characters' })
  const referenceDate = input.referenceDate ? input.referenceDate : null
  if (referenceDate !== null && !isIsoDate(referenceDate))
    problems.push({
      path: 'referenceDate',
      code: 'bad_date',
      message: `referenceDate is not a date YYYY-MM-DD: ${referenceDate}`,
    })
  if (
    typeof input.targetPct !== 'number' ||
    !Number.isFinite(input.targetPct) ||
    input.targetPct < 0 ||
    input.targetPct > 100
  ) {
    problems.push({ path: 'targetPct', code: 'bad_target', message: 'targetPct must be a number from 0 to 100' })
  }
  const db = getDb()
  const knownCourses = new Set(db.all<{ id: string }>(sql`SELECT id FROM courses`).map((c) => c.id))
  const codeToId = new Map(listUnitsAsOf({ asOf }).map((u) => [u.code.toUpperCase(), u.id]))
  const requirements: ResolvedRequirement[] = []
  if (input.requirements.length > PLAN_MAX_REQUIREMENTS)
    problems.push({
      path: 'requirements',
      code: 'bad_audience',
      message: `at most ${PLAN_MAX_REQUIREMENTS} requirements`,
    })
  input.requirements.forEach((r, i) => {
    const at = `requirements[${i}]`
    if (!knownCourses.has(r.courseId))
      problems.push({ path: `${at}.courseId`, code: 'unknown_course', message: `unknown course id: ${r.courseId}` })
    if (!isIsoDate(r.dueDate))
      problems.push({
        path: `${at}.dueDate`,
        code: 'bad_date',
        message: `dueDate is not a date YYYY-MM-DD: ${r.dueDate}`,
      })
    const audience = r.audience
    let resolved: Audience | null = null
    if ('all' in audience) resolved = { all: true }
    else if ('unitCodes' in audience) {
      const ids: string[] = []
      for (const code of audience.unitCodes) {
        const id = codeToId.get(cleanText(code).toUpperCase())
        if (id) ids.push(id)
        else
          problems.push({
            path: `${at}.audience.unitCodes`,
            code: 'unknown_unit',
            message: `unknown unit code on ${asOf}: ${code}`,
          })
      }
      if (audience.unitCodes.length === 0)
        problems.push({ path: `${at}.audience.unitCodes`, code: 'bad_audience', message: 'unitCodes is empty' })
      resolved = { unitIds: [...new Set(ids)] }
    } else if ('positions' in audience) {
      const positions = [...new Set(audience.positions.map(cleanText).filter(Boolean))]
      if (positions.length === 0)
        problems.push({ path: `${at}.audience.positions`, code: 'bad_audience', message: 'positions is empty' })
      resolved = { positions }
    } else if ('staffTypes' in audience) {
      const types: StaffType[] = []
      for (const label of audience.staffTypes) {
        const type = staffTypeFromLabel(label)
        if (type) types.push(type)
        else
          problems.push({
            path: `${at}.audience.staffTypes`,
            code: 'bad_audience',
            message: `unknown staff type: ${label} (Công chức, Viên chức, Người lao động)`,
          })
      }
      if (audience.staffTypes.length === 0)
        problems.push({ path: `${at}.audience.staffTypes`, code: 'bad_audience', message: 'staffTypes is empty' })
      resolved = { staffTypes: [...new Set(types)] }
    }
    if (resolved) requirements.push({ courseId: r.courseId, audience: resolved, dueDate: r.dueDate })
  })
  if (problems.length) return { ok: false, problems }
  return { ok: true, plan: { reference, referenceDate, targetPct: input.targetPct, requirements } }
}

/** A year is closed (khóa số liệu) while a year_closes row for it has not been reopened. */
export function isYearClosed({ year }: { year: number }, db: Db = getDb()): boolean {
  return !!db.get(sql`SELECT 1 FROM year_closes WHERE year = ${year} AND reopened_at IS NULL`)
}

export type SavePlanResult =
  | { ok: true }
  | { ok: false; status: 400; problems: PlanProblem[] }
  | { ok: false; status: 409; error: 'closed' }

function writePlan(tx: Db, year: number, plan: ResolvedPlan, actorUserId: string | null, at: number): void {
  tx.delete(planRequirements).where(eq(planRequirements.year, year)).run()
  tx.insert(plans)
    .values({
      year,
      reference: plan.reference,
      referenceDate: plan.referenceDate,
      targetPct: plan.targetPct,
      updatedBy: actorUserId,
      updatedAt: at,
    })
    .onConflictDoUpdate({
      target: plans.year,
      set: {
        reference: plan.reference,
        referenceDate: plan.referenceDate,
        targetPct: plan.targetPct,
        updatedBy: actorUserId,
        updatedAt: at,
      },
    })
    .run()
  for (const r of plan.requirements)
    tx.insert(planRequirements).values({ year, courseId: r.courseId, audience: r.audience, dueDate: r.dueDate }).run()
}

function summarise(plan: Pick<ResolvedPlan, 'reference' | 'targetPct' | 'requirements'> | null) {
  if (!plan) return null
  return {
    reference: plan.reference,
    targetPct: plan.targetPct,
    requirements: plan.requirements.map((r) => ({ courseId: r.courseId, audience: r.audience, dueDate: r.dueDate })),
  }
}

/**
 * Creates or replaces the plan of `year` in one transaction, unit codes resolved on `asOf` (the save date).
 * Refused with 409 while the year is closed. Audited 'plan.save' with the plan before and after.
 */
export function savePlan({
  year,
  input,
  actorUserId,
  actorTokenId = null,
  asOf = isoDateInVietnam(),
  at = Date.now(),
}: {
  year: number
  input: PlanInput
  actorUserId: string | null
  actorTokenId?: string | null
  asOf?: string
  at?: number
}): SavePlanResult {
  if (!isPlanYear(year))
    return {
      ok: false,
      status: 400,
      problems: [{ path: 'year', code: 'bad_year', message: `year must be from ${PLAN_YEAR_MIN} to ${PLAN_YEAR_MAX}` }],
    }
  const resolved = resolvePlanInput({ input, asOf })
  if (!resolved.ok) return { ok: false, status: 400, problems: resolved.problems }
  return writeTransaction((tx) => {
    if (isYearClosed({ year }, tx)) return { ok: false, status: 409, error: 'closed' } as const
    const before = getPlan({ year })
    writePlan(tx, year, resolved.plan, actorUserId, at)
    recordAudit(
      {
        actorUserId,
        actorTokenId,
        action: 'plan.save',
        entityType: 'plan',
        entityId: String(year),
        details: {
          year,
          requirements: resolved.plan.requirements.length,
          before: summarise(before),
          after: summarise(resolved.plan),
        },
        at,
      },
      tx,
    )
    return { ok: true } as const
  })
}

export type CopyPlanResult =
  | { ok: true; requirements: number }
  | { ok: false; error: 'closed' | 'no_previous' | 'exists' }

/** Feb 29 moves to Feb 28 in a year that has none. */
function nextYearDate(iso: string): string {
  const year = Number(iso.slice(0, 4)) + 1
  const candidate = `${year}${iso.slice(4)}`
  return isIsoDate(candidate) ? candidate : `${year}-02-28`
}

/**
 * Starts the plan of `year` from the plan of year − 1: the same requirements with due dates one year later, the
 * same target; the reference is kept for HR to change. Only into a year that has no plan yet and is not closed.
 */
export function copyPlanFromPreviousYear({
  year,
  actorUserId,
  at = Date.now(),
}: {
  year: number
  actorUserId: string | null
  at?: number
}): CopyPlanResult {
  return writeTransaction((tx) => {
    if (isYearClosed({ year }, tx)) return { ok: false, error: 'closed' } as const
    if (getPlan({ year })) return { ok: false, error: 'exists' } as const
    const previous = getPlan({ year: year - 1 })
    if (!previous) return { ok: false, error: 'no_previous' } as const
    const plan: ResolvedPlan = {
      reference: previous.reference,
      referenceDate: null,
      targetPct: previous.targetPct,
      requirements: previous.requirements.map((r) => ({
        courseId: r.courseId,
        audience: r.audience,
        dueDate: nextYearDate(r.dueDate),
      })),
    }
    writePlan(tx, year, plan, actorUserId, at)
    recordAudit(
      {
        actorUserId,
        action: 'plan.copy',
        entityType: 'plan',
        entityId: String(year),
        details: { year, from: year - 1, after: summarise(plan) },
        at,
      },
      tx,
    )
    return { ok: true, requirements: plan.requirements.length } as const
  })
}

/** The current code of each unit: its version valid on `asOf`, else its latest version. */
function currentCodes(unitIds: readonly string[], asOf: string): Map<string, string> {
  if (unitIds.length === 0) return new Map()
  const rows = getDb().all<{ unitId: string; code: string }>(sql`
    SELECT unit_id AS unitId, code FROM unit_versions WHERE unit_id IN (${sql.join(
      unitIds.map((id) => sql`${id}`),
      sql`, `,
    )})
    ORDER BY unit_id, (valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf})), valid_from`)
  // The last row per unit wins: the version valid today, else the latest.
  return new Map(rows.map((r) => [r.unitId, r.code]))
}

/** The API's form of an audience: unit ids back to the units' current codes, staff types as labels. */
export function audienceToInput(audience: Audience, codes: ReadonlyMap<string, string>): AudienceInput {
  if ('all' in audience) return { all: true }
  if ('unitIds' in audience) return { unitCodes: audience.unitIds.map((id) => codes.get(id) ?? id) }
  if ('positions' in audience) return { positions: [...audience.positions] }
  return { staffTypes: audience.staffTypes.map((t) => STAFF_TYPE_LABELS[t]) }
}

export type PlanAsInput = PlanInput & { year: number; referenceDate: string | null; closed: boolean; updatedAt: number }

/** The plan as stored, in the API's shape (GET /api/v1/plans/:year): unit codes as the units are coded today. */
export function getPlanAsInput({
  year,
  asOf = isoDateInVietnam(),
}: {
  year: number
  asOf?: string
}): PlanAsInput | null {
  const plan = getPlan({ year })
  if (!plan) return null
  const codes = currentCodes(
    [...new Set(plan.requirements.flatMap((r) => ('unitIds' in r.audience ? r.audience.unitIds : [])))],
    asOf,
  )
  return {
    year,
    reference: plan.reference,
    referenceDate: plan.referenceDate,
    targetPct: plan.targetPct,
    closed: isYearClosed({ year }),
    updatedAt: plan.updatedAt,
    requirements: plan.requirements.map((r) => ({
      courseId: r.courseId,
      audience: audienceToInput(r.audience, codes),
      dueDate: r.dueDate,
    })),
  }
}

export type PlanSummary = {
  year: number
  reference: string
  referenceDate: string | null
  targetPct: number
  requirements: number
  closed: boolean
}

export function listPlans(): PlanSummary[] {
  return getDb()
    .all<PlanSummary>(
      sql`
    SELECT p.year, p.reference, p.reference_date AS referenceDate, p.target_pct AS targetPct,
      (SELECT count(*) FROM plan_requirements r WHERE r.year = p.year) AS requirements,
      EXISTS (SELECT 1 FROM year_closes c WHERE c.year = p.year AND c.reopened_at IS NULL) AS closed
    FROM plans p ORDER BY p.year DESC`,
    )
    .map((p) => ({ ...p, closed: !!p.closed }))
}

/**
 * Everyone in post on `asOf`, each with what audience rules look at: one query, the tree read once. With
 * `withinUnitIds`, only the people with a post in one of those units or below them (with all their posts).
 */
export function listPeopleOnDate({
  asOf,
  withinUnitIds,
}: {
  asOf: string
  withinUnitIds?: readonly string[]
}): Map<string, PersonOnDate> {
  const tree = orderAsTree(listUnitsAsOf({ asOf }))
  const parentOf = new Map(tree.map((u) => [u.id, u.parentId]))
  const ancestorsOf = new Map<string, string[]>()
  const ancestors = (unitId: string) => {
    let out = ancestorsOf.get(unitId)
    if (out) return out
    out = []
    let id = parentOf.get(unitId) ?? null
    while (id && !out.includes(id)) {
      out.push(id)
      id = parentOf.get(id) ?? null
    }
    ancestorsOf.set(unitId, out)
    return out
  }
  const people = new Map<string, PersonOnDate>()
  const unitIds = withinUnitIds ? [...new Set(withinUnitIds.flatMap((root) => [...subtreeIds(tree, root)]))] : undefined
  for (const p of listActivePlacements({ asOf, ofPeopleInUnits: unitIds })) {
    const person = people.get(p.personId) ?? { staffType: p.staffType, placements: [] }
    person.placements.push({ unitId: p.unitId, position: p.position, ancestorIds: ancestors(p.unitId) })
    people.set(p.personId, person)
  }
  return people
}

export type PreviewPerson = { personId: string; ho: string; chuDem: string; ten: string }
export type PlanPreview = {
  asOf: string
  requiredBefore: number
  requiredAfter: number
  added: PreviewPerson[]
  removed: PreviewPerson[]
  /** People required both before and after whose set of required courses changes. */
  changed: number
}

function requiredCourses(
  requirements: readonly { courseId: string; audience: Audience }[],
  person: PersonOnDate,
): Set<string> {
  const out = new Set<string>()
  for (const r of requirements) if (audienceMatches(r.audience, person)) out.add(r.courseId)
  return out
}

/**
 * Who becomes required and who stops being required if the plan of `year` is replaced by `requirements`, for
 * the people in post on `asOf`: the stored plan's effect compared with the proposed one, by the same rule
 * (audienceMatches) that learner pages and reports use. Names in staff-list order.
 */
export function previewPlanChange({
  year,
  requirements,
  asOf,
}: {
  year: number
  requirements: readonly { courseId: string; audience: Audience }[]
  asOf: string
}): PlanPreview {
  const stored = getPlan({ year })?.requirements ?? []
  const people = listPeopleOnDate({ asOf })
  const added: string[] = []
  const removed: string[] = []
  let requiredBefore = 0
  let requiredAfter = 0
  let changed = 0
  for (const [personId, person] of people) {
    const before = requiredCourses(stored, person)
    const after = requiredCourses(requirements, person)
    if (before.size) requiredBefore++
    if (after.size) requiredAfter++
    if (!before.size && after.size) added.push(personId)
    else if (before.size && !after.size) removed.push(personId)
    else if (before.size && (before.size !== after.size || [...before].some((c) => !after.has(c)))) changed++
  }
  const names = (ids: string[]): PreviewPerson[] => {
    if (ids.length === 0) return []
    const rows = getDb().all<PreviewPerson>(
      sql`SELECT id AS personId, ho, chu_dem AS chuDem, ten FROM people WHERE id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    )
    return sortByName(rows, (r) => r)
  }
  return { asOf, requiredBefore, requiredAfter, added: names(added), removed: names(removed), changed }
}

export type YearClose = { closedAt: number; closedBy: string | null }

/** The closing in force for `year` (khóa số liệu), with who closed it, or null while the year is open. */
export function getYearClose({ year }: { year: number }): YearClose | null {
  return (
    getDb().get<YearClose>(sql`
      SELECT c.closed_at AS closedAt, u.display_name AS closedBy FROM year_closes c LEFT JOIN users u ON u.id = c.closed_by
      WHERE c.year = ${year} AND c.reopened_at IS NULL ORDER BY c.closed_at DESC LIMIT 1`) ?? null
  )
}
