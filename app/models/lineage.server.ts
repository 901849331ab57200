/**
 * Units over time: creating a unit and recording its lineage events (rename, move, merge, split, dissolve) with
 * their legal basis (contract.md "Integration API"). Every write is one BEGIN IMMEDIATE transaction with its
 * audit entry; every refusal writes nothing.
 *
 * Rules, beyond the contract's wording:
 * - A code is 1–32 of A–Z 0–9 - _ . (typed lower case, it is upper-cased) and unique among the units valid at the
 *   same time. A unit ended by the event itself frees its code from the event date (a merge may reuse a code).
 * - An event applies to a unit's current (latest, open-ended) version and must fall strictly after that version's
 *   start: history is never rewritten, so an event dated before (or on) the start of the current version is
 *   refused with 409, and so is an event on a unit that has already ended (422, not valid on the date).
 * - Children of a unit that ends: on a merge or a split they move with the people to the new unit (merge) or the
 *   first successor (split), as a new version from the event date; a dissolve is refused (409) while the unit
 *   still has children on or after the date, so HR moves or dissolves them first (nothing is left hanging).
 * - Assignments active on the event date in a unit that ends are closed the day before and reopened in the
 *   successor from the date, position kept (source 'merge' / 'split'); assignments that would only start on or
 *   after the date are re-pointed to the successor. A dissolve closes them the day before and opens nothing.
 * - Scopes follow units: open unit_head / hr grants on an ended unit are revoked and re-granted on the successor
 *   (merge: the new unit; split: the first successor), so the history of grants is kept. They move when the
 *   event is recorded, even for an event dated in the future. A dissolve leaves the grants on the dissolved unit,
 *   which then covers nobody.
 */
import { and, asc, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm'
import { z } from 'zod'
import { getDb, writeTransaction, type Db } from '~/db/client.server'
import {
  assignments,
  lineageEvents,
  lineageLinks,
  roleGrants,
  UNIT_KINDS,
  units,
  unitVersions,
  type LineageEventType,
  type UnitKind,
} from '~/db/schema'
import { addDays, cleanText, isIsoDate } from '~/i18n/format'
import { recordAudit } from './audit.server'

// ---------------------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------------------

export const UNIT_CODE_PATTERN = /^[A-Z0-9._-]{1,32}$/

const IsoDate = z.string().trim().refine(isIsoDate, { message: 'must be a real date written YYYY-MM-DD' })
export const UnitCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(UNIT_CODE_PATTERN, { message: 'must be 1–32 characters of A–Z, 0–9, -, _ and .' }))
const UnitName = z.string().transform(cleanText).pipe(z.string().min(1, { message: 'must not be empty' }).max(200))
const Kind = z.enum(UNIT_KINDS)
const Decision = z.object({
  number: z.string().transform(cleanText).pipe(z.string().min(1, { message: 'must not be empty' }).max(100)),
  date: IsoDate,
  issuer: z.string().transform(cleanText).pipe(z.string().min(1, { message: 'must not be empty' }).max(200)),
})
const Note = z.string().transform(cleanText).pipe(z.string().max(1000)).optional()

export const CreateUnitInput = z.object({
  code: UnitCode,
  name: UnitName,
  kind: Kind,
  parentCode: UnitCode.nullable(),
  validFrom: IsoDate,
  /** Optional legal basis; when given, a 'create' lineage event is recorded too. */
  decision: Decision.optional(),
  note: Note,
})
export type CreateUnitInput = z.input<typeof CreateUnitInput>

const base = { date: IsoDate, decision: Decision, note: Note }
export const LineageEventInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rename'), code: UnitCode, newName: UnitName, newCode: UnitCode.optional(), ...base }),
  z.object({ type: z.literal('move'), code: UnitCode, newParentCode: UnitCode, ...base }),
  z.object({
    type: z.literal('merge'),
    fromCodes: z.array(UnitCode).min(2, { message: 'a merge needs at least two units' }).max(50),
    into: z.object({ code: UnitCode, name: UnitName, kind: Kind, parentCode: UnitCode.nullable() }),
    ...base,
  }),
  z.object({
    type: z.literal('split'),
    fromCode: UnitCode,
    into: z
      .array(z.object({ code: UnitCode, name: UnitName, kind: Kind }))
      .min(2, { message: 'a split needs at least two successors' })
      .max(20),
    ...base,
  }),
  z.object({ type: z.literal('dissolve'), code: UnitCode, ...base }),
])
export type LineageEventInput = z.input<typeof LineageEventInput>
type ParsedEvent = z.output<typeof LineageEventInput>

export type Actor = { userId?: string | null; tokenId?: string | null }

// ---------------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------------

/** Why an input was refused. `code` is stable (the UI maps it to a message); `path` names the field. */
export type LineageProblem = { path: string; code: string; message: string; params?: Record<string, string | number> }

export type LineageFailure = { ok: false; status: 400 | 404 | 409 | 422; error: string; details: LineageProblem[] }

export type LineageEffects = {
  /** Units the event ends (their last day is the day before the date). */
  ended: { id: string; code: string; name: string }[]
  /** Units the event creates. */
  created: { id: string; code: string; name: string }[]
  /** People whose assignment moves to a successor (or ends, on a dissolve). */
  peopleMoved: number
  peopleEnded: number
  /** Child units moved to a successor. */
  childrenMoved: { id: string; code: string; name: string }[]
  /** Open unit_head / hr grants moved to a successor. */
  grantsMoved: number
  /** Where the people and children go (merge: the new unit; split: the first successor). */
  successor: { id: string; code: string; name: string } | null
}

export type LineageSuccess = { ok: true; eventId: number | null; unitIds: string[]; effects: LineageEffects }
export type LineageResult = LineageSuccess | LineageFailure

class Refusal extends Error {
  constructor(readonly failure: LineageFailure) {
    super(failure.error)
  }
}

function refuse(status: LineageFailure['status'], error: string, details: LineageProblem[]): never {
  throw new Refusal({ ok: false, status, error, details })
}

/** zod issues → the contract's 400 with one detail per problem. */
export function invalidInput(error: z.ZodError): LineageFailure {
  return {
    ok: false,
    status: 400,
    error: 'Invalid input',
    details: error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.code,
      message: issue.message,
    })),
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading the current state (inside the transaction)
// ---------------------------------------------------------------------------------------------------------

type Version = typeof unitVersions.$inferSelect

function versionOnDate(db: Db, unitId: string, date: string): Version | undefined {
  return db
    .select()
    .from(unitVersions)
    .where(and(eq(unitVersions.unitId, unitId), sql`${unitVersions.validFrom} <= ${date}`, or(isNull(unitVersions.validTo), gte(unitVersions.validTo, date))))
    .get()
}

function latestVersion(db: Db, unitId: string): Version | undefined {
  return db.select().from(unitVersions).where(eq(unitVersions.unitId, unitId)).orderBy(sql`${unitVersions.validFrom} DESC`).limit(1).get()
}

/**
 * The unit a code names on `date`: 404 when no unit ever had the code, 422 when one had it but not on that day.
 * The returned version is the current one, checked to be open-ended and to start strictly before `date` when
 * `forEvent` (an event never rewrites history).
 */
function resolveForEvent(db: Db, code: string, date: string, path: string, { forEvent }: { forEvent: boolean }): Version {
  const onDate = db
    .select()
    .from(unitVersions)
    .where(and(eq(unitVersions.code, code), sql`${unitVersions.validFrom} <= ${date}`, or(isNull(unitVersions.validTo), gte(unitVersions.validTo, date))))
    .get()
  if (!onDate) {
    const ever = db.select({ id: unitVersions.id }).from(unitVersions).where(eq(unitVersions.code, code)).get()
    if (!ever) refuse(404, `Unknown unit code ${code}`, [{ path, code: 'unknown_code', message: `No unit has the code ${code}`, params: { code } }])
    refuse(422, `Unit ${code} is not valid on ${date}`, [
      { path, code: 'not_valid_on_date', message: `No unit has the code ${code} on ${date}`, params: { code, date } },
    ])
  }
  const latest = latestVersion(db, onDate.unitId)!
  if (forEvent && latest.id !== onDate.id) {
    refuse(409, `Unit ${code} already has a later change from ${latest.validFrom}`, [
      { path, code: 'later_version_exists', message: `Unit ${code} has a version from ${latest.validFrom}; history is not rewritten`, params: { code, from: latest.validFrom } },
    ])
  }
  if (forEvent && latest.validTo !== null) {
    refuse(409, `Unit ${code} already ends on ${latest.validTo}`, [
      { path, code: 'unit_ends', message: `Unit ${code} already ends on ${latest.validTo}`, params: { code, date: latest.validTo } },
    ])
  }
  if (forEvent && onDate.validFrom >= date) {
    refuse(409, `The event date must be after ${onDate.validFrom}, the start of the current version of ${code}`, [
      {
        path: 'date',
        code: 'before_current_version',
        message: `The current version of ${code} starts on ${onDate.validFrom}; an event must be dated after it (history is not rewritten)`,
        params: { code, from: onDate.validFrom },
      },
    ])
  }
  return onDate
}

/** A parent must be valid on `date` and not end afterwards (a child would hang under nothing). */
function resolveParent(db: Db, code: string, date: string, path: string, ending: ReadonlySet<string>): Version {
  const parent = resolveForEvent(db, code, date, path, { forEvent: false })
  const latest = latestVersion(db, parent.unitId)!
  if (latest.validTo !== null || ending.has(parent.unitId)) {
    refuse(422, `Parent ${code} ends and cannot take new units`, [
      { path, code: 'parent_ends', message: `Unit ${code} ends on ${latest.validTo ?? addDays(date, -1)}`, params: { code, date: latest.validTo ?? addDays(date, -1) } },
    ])
  }
  return parent
}

/** Refuses a code that another unit (not one of `freed`) holds on `date` or later. */
function assertCodeFree(db: Db, code: string, date: string, path: string, freed: ReadonlySet<string>): void {
  const clash = db
    .select({ unitId: unitVersions.unitId, name: unitVersions.name, validFrom: unitVersions.validFrom })
    .from(unitVersions)
    .where(and(eq(unitVersions.code, code), or(isNull(unitVersions.validTo), gte(unitVersions.validTo, date))))
    .all()
    .find((v) => !freed.has(v.unitId))
  if (clash) {
    refuse(409, `The code ${code} is already used`, [
      { path, code: 'code_clash', message: `The code ${code} is used by ${clash.name} at the same time`, params: { code, name: clash.name } },
    ])
  }
}

function newUnitId(): string {
  return `u-${crypto.randomUUID()}`
}

// ---------------------------------------------------------------------------------------------------------
// Planning: reads and checks only; `apply` writes the plan.
// ---------------------------------------------------------------------------------------------------------

type NewVersion = Omit<typeof unitVersions.$inferInsert, 'id' | 'eventId'> & { opensEvent: boolean }

type Plan = {
  type: LineageEventType
  date: string
  decision: { number: string; date: string; issuer: string } | null
  note: string | null
  newUnits: string[]
  /** Versions to close (id → last day). */
  closeVersions: Map<number, string>
  openVersions: NewVersion[]
  /** Future versions of other units to re-parent (version id → new parent). */
  reparent: Map<number, string>
  links: { from: string | null; to: string | null; ordinal: number }[]
  endedUnitIds: string[]
  successorId: string | null
  effects: LineageEffects
  audit: { action: string; entityId: string; details: Record<string, unknown> }
}

function emptyEffects(): LineageEffects {
  return { ended: [], created: [], peopleMoved: 0, peopleEnded: 0, childrenMoved: [], grantsMoved: 0, successor: null }
}

/** The fields a new version carries over from the current one. */
function carry(v: Version) {
  return { unitId: v.unitId, code: v.code, name: v.name, kind: v.kind, parentId: v.parentId }
}

function describe(v: Pick<Version, 'unitId' | 'code' | 'name'>) {
  return { id: v.unitId, code: v.code, name: v.name }
}

function childrenOn(db: Db, unitIds: readonly string[], date: string): Version[] {
  if (!unitIds.length) return []
  return db
    .select()
    .from(unitVersions)
    .where(and(inArray(unitVersions.parentId, [...unitIds]), or(isNull(unitVersions.validTo), gte(unitVersions.validTo, date))))
    .orderBy(asc(unitVersions.validFrom))
    .all()
}

function planChildren(db: Db, plan: Plan, ending: readonly string[], successorId: string): void {
  const seen = new Set<string>()
  for (const child of childrenOn(db, ending, plan.date)) {
    if (ending.includes(child.unitId)) continue
    if (child.validFrom >= plan.date) {
      // A version that only starts on or after the date: it simply hangs under the successor.
      plan.reparent.set(child.id, successorId)
    } else {
      plan.closeVersions.set(child.id, addDays(plan.date, -1))
      plan.openVersions.push({
        unitId: child.unitId,
        code: child.code,
        name: child.name,
        kind: child.kind,
        parentId: successorId,
        validFrom: plan.date,
        validTo: child.validTo,
        opensEvent: false,
      })
    }
    if (!seen.has(child.unitId)) plan.effects.childrenMoved.push(describe(child))
    seen.add(child.unitId)
  }
}

function countPeopleIn(db: Db, unitIds: readonly string[], date: string): number {
  if (!unitIds.length) return 0
  return (
    db.get<{ n: number }>(sql`
      SELECT count(DISTINCT a.person_id) AS n FROM assignments a JOIN people p ON p.id = a.person_id
      WHERE a.unit_id IN (${sql.join(unitIds.map((id) => sql`${id}`), sql`, `)})
        AND (a.valid_to IS NULL OR a.valid_to >= ${date})
        AND (p.left_on IS NULL OR p.left_on >= ${date})`)?.n ?? 0
  )
}

function countGrantsOn(db: Db, unitIds: readonly string[]): number {
  if (!unitIds.length) return 0
  return db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(inArray(roleGrants.unitId, [...unitIds]), isNull(roleGrants.revokedAt), inArray(roleGrants.role, ['unit_head', 'hr'])))
    .all().length
}

function planEvent(db: Db, input: ParsedEvent): Plan {
  const plan: Plan = {
    type: input.type,
    date: input.date,
    decision: input.decision,
    note: input.note || null,
    newUnits: [],
    closeVersions: new Map(),
    openVersions: [],
    reparent: new Map(),
    links: [],
    endedUnitIds: [],
    successorId: null,
    effects: emptyEffects(),
    audit: { action: `unit.${input.type}`, entityId: '', details: { ...input } },
  }
  const dayBefore = addDays(input.date, -1)

  if (input.type === 'rename') {
    const current = resolveForEvent(db, input.code, input.date, 'code', { forEvent: true })
    const newCode = input.newCode ?? current.code
    if (newCode === current.code && input.newName === current.name) {
      refuse(400, 'Nothing changes', [{ path: 'newName', code: 'no_change', message: 'The new name and code are the ones the unit already has' }])
    }
    if (newCode !== current.code) assertCodeFree(db, newCode, input.date, 'newCode', new Set([current.unitId]))
    plan.closeVersions.set(current.id, dayBefore)
    plan.openVersions.push({ ...carry(current), code: newCode, name: input.newName, validFrom: input.date, validTo: null, opensEvent: true })
    plan.links.push({ from: current.unitId, to: current.unitId, ordinal: 0 })
    plan.audit.entityId = current.unitId
    return plan
  }

  if (input.type === 'move') {
    const current = resolveForEvent(db, input.code, input.date, 'code', { forEvent: true })
    const parent = resolveParent(db, input.newParentCode, input.date, 'newParentCode', new Set())
    if (parent.unitId === current.parentId) {
      refuse(400, 'Nothing changes', [{ path: 'newParentCode', code: 'no_change', message: `The unit already hangs under ${parent.code}` }])
    }
    // No cycles: the new parent may not be the unit itself or below it.
    for (let id: string | null = parent.unitId, hops = 0; id && hops < 100; hops++) {
      if (id === current.unitId) {
        refuse(422, 'A unit cannot move under itself', [
          { path: 'newParentCode', code: 'cycle', message: `${parent.code} is ${current.code} itself or below it`, params: { code: parent.code } },
        ])
      }
      id = versionOnDate(db, id, input.date)?.parentId ?? null
    }
    plan.closeVersions.set(current.id, dayBefore)
    plan.openVersions.push({ ...carry(current), parentId: parent.unitId, validFrom: input.date, validTo: null, opensEvent: true })
    plan.links.push({ from: current.unitId, to: current.unitId, ordinal: 0 })
    plan.audit.entityId = current.unitId
    return plan
  }

  if (input.type === 'merge') {
    const duplicates = input.fromCodes.filter((c, i) => input.fromCodes.indexOf(c) !== i)
    if (duplicates.length) {
      refuse(400, 'A unit is named twice', [{ path: 'fromCodes', code: 'duplicate_code', message: `Named twice: ${duplicates.join(', ')}`, params: { code: duplicates.join(', ') } }])
    }
    const merged = input.fromCodes.map((code, i) => resolveForEvent(db, code, input.date, `fromCodes.${i}`, { forEvent: true }))
    const ending = merged.map((v) => v.unitId)
    const endingSet = new Set(ending)
    const parent = input.into.parentCode ? resolveParent(db, input.into.parentCode, input.date, 'into.parentCode', endingSet) : null
    // The new unit may not hang below a unit it absorbs (its children move under the new unit).
    for (let id: string | null = parent?.unitId ?? null, hops = 0; id && hops < 100; hops++) {
      if (endingSet.has(id)) {
        refuse(422, 'The new unit cannot hang below a unit it absorbs', [
          { path: 'into.parentCode', code: 'cycle', message: `${parent!.code} is below a merged unit`, params: { code: parent!.code } },
        ])
      }
      id = versionOnDate(db, id, input.date)?.parentId ?? null
    }
    assertCodeFree(db, input.into.code, input.date, 'into.code', endingSet)
    const id = newUnitId()
    plan.newUnits.push(id)
    plan.openVersions.push({ unitId: id, code: input.into.code, name: input.into.name, kind: input.into.kind, parentId: parent?.unitId ?? null, validFrom: input.date, validTo: null, opensEvent: true })
    for (const v of merged) plan.closeVersions.set(v.id, dayBefore)
    merged.forEach((v, i) => plan.links.push({ from: v.unitId, to: id, ordinal: i }))
    plan.endedUnitIds = ending
    plan.successorId = id
    planChildren(db, plan, ending, id)
    plan.effects.ended = merged.map(describe)
    plan.effects.created = [{ id, code: input.into.code, name: input.into.name }]
    plan.effects.successor = plan.effects.created[0]!
    plan.effects.peopleMoved = countPeopleIn(db, ending, input.date)
    plan.effects.grantsMoved = countGrantsOn(db, ending)
    plan.audit.entityId = id
    return plan
  }

  if (input.type === 'split') {
    const current = resolveForEvent(db, input.fromCode, input.date, 'fromCode', { forEvent: true })
    const codes = input.into.map((u) => u.code)
    const duplicates = codes.filter((c, i) => codes.indexOf(c) !== i)
    if (duplicates.length) {
      refuse(409, `The code ${duplicates[0]} is given to two successors`, [
        { path: 'into', code: 'duplicate_code', message: `The code ${duplicates[0]} is given to two successors`, params: { code: duplicates[0]! } },
      ])
    }
    const freed = new Set([current.unitId])
    input.into.forEach((u, i) => assertCodeFree(db, u.code, input.date, `into.${i}.code`, freed))
    // Successors hang where the old unit hung; a move afterwards places them elsewhere.
    if (current.parentId) {
      const parentLatest = latestVersion(db, current.parentId)
      if (parentLatest?.validTo) {
        refuse(422, 'The parent of the split unit ends', [
          { path: 'fromCode', code: 'parent_ends', message: `The parent unit ends on ${parentLatest.validTo}`, params: { code: parentLatest.code, date: parentLatest.validTo } },
        ])
      }
    }
    const ids = input.into.map(() => newUnitId())
    input.into.forEach((u, i) => {
      plan.openVersions.push({ unitId: ids[i]!, code: u.code, name: u.name, kind: u.kind, parentId: current.parentId, validFrom: input.date, validTo: null, opensEvent: true })
      plan.links.push({ from: current.unitId, to: ids[i]!, ordinal: i })
    })
    plan.newUnits.push(...ids)
    plan.closeVersions.set(current.id, dayBefore)
    plan.endedUnitIds = [current.unitId]
    plan.successorId = ids[0]!
    planChildren(db, plan, [current.unitId], ids[0]!)
    plan.effects.ended = [describe(current)]
    plan.effects.created = input.into.map((u, i) => ({ id: ids[i]!, code: u.code, name: u.name }))
    plan.effects.successor = plan.effects.created[0]!
    plan.effects.peopleMoved = countPeopleIn(db, [current.unitId], input.date)
    plan.effects.grantsMoved = countGrantsOn(db, [current.unitId])
    plan.audit.entityId = current.unitId
    return plan
  }

  // dissolve
  const current = resolveForEvent(db, input.code, input.date, 'code', { forEvent: true })
  const children = childrenOn(db, [current.unitId], input.date).filter((c) => c.unitId !== current.unitId)
  if (children.length) {
    const names = [...new Set(children.map((c) => c.code))]
    refuse(409, `Unit ${current.code} still has units below it`, [
      { path: 'code', code: 'has_children', message: `Move or dissolve these units first: ${names.join(', ')}`, params: { codes: names.join(', ') } },
    ])
  }
  const starting = db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.unitId, current.unitId), gte(assignments.validFrom, input.date)))
    .all()
  if (starting.length) {
    refuse(409, `Assignments to ${current.code} start on or after ${input.date}`, [
      { path: 'date', code: 'assignments_after_date', message: `${starting.length} assignments to ${current.code} start on or after the date`, params: { n: starting.length } },
    ])
  }
  plan.closeVersions.set(current.id, dayBefore)
  plan.links.push({ from: current.unitId, to: null, ordinal: 0 })
  plan.endedUnitIds = [current.unitId]
  plan.effects.ended = [describe(current)]
  plan.effects.peopleEnded = countPeopleIn(db, [current.unitId], input.date)
  plan.audit.entityId = current.unitId
  return plan
}

function applyPlan(db: Db, plan: Plan, actor: Actor, at: number): number | null {
  for (const id of plan.newUnits) db.insert(units).values({ id, createdAt: at }).run()
  const eventId = plan.decision
    ? db
        .insert(lineageEvents)
        .values({
          type: plan.type,
          effectiveDate: plan.date,
          decisionNumber: plan.decision.number,
          decisionDate: plan.decision.date,
          decisionIssuer: plan.decision.issuer,
          note: plan.note,
          createdBy: actor.userId ?? null,
          createdAt: at,
        })
        .returning({ id: lineageEvents.id })
        .get().id
    : null
  for (const [id, lastDay] of plan.closeVersions) db.update(unitVersions).set({ validTo: lastDay }).where(eq(unitVersions.id, id)).run()
  for (const { opensEvent, ...version } of plan.openVersions) {
    db.insert(unitVersions).values({ ...version, eventId: opensEvent ? eventId : null }).run()
  }
  for (const [id, parentId] of plan.reparent) db.update(unitVersions).set({ parentId }).where(eq(unitVersions.id, id)).run()
  if (eventId !== null) {
    for (const link of plan.links) db.insert(lineageLinks).values({ eventId, fromUnitId: link.from, toUnitId: link.to, ordinal: link.ordinal }).run()
  }

  const dayBefore = addDays(plan.date, -1)
  if (plan.endedUnitIds.length) {
    const ended = [...plan.endedUnitIds]
    const open = db
      .select()
      .from(assignments)
      .where(and(inArray(assignments.unitId, ended), or(isNull(assignments.validTo), gte(assignments.validTo, plan.date))))
      .all()
    for (const a of open) {
      if (plan.successorId === null) {
        // Dissolve: the unit's open assignments end with it, the day before the date; nobody is placed anywhere
        // (HR or a roster import places the people who stay). Assignments starting later were refused above.
        db.update(assignments).set({ validTo: dayBefore }).where(eq(assignments.id, a.id)).run()
      } else if (a.validFrom >= plan.date) {
        db.update(assignments).set({ unitId: plan.successorId }).where(eq(assignments.id, a.id)).run()
      } else {
        db.update(assignments).set({ validTo: dayBefore }).where(eq(assignments.id, a.id)).run()
        db.insert(assignments)
          .values({ personId: a.personId, unitId: plan.successorId, position: a.position, validFrom: plan.date, validTo: a.validTo, source: plan.type })
          .run()
      }
    }
    if (plan.successorId !== null) {
      const grants = db
        .select()
        .from(roleGrants)
        .where(and(inArray(roleGrants.unitId, ended), isNull(roleGrants.revokedAt), inArray(roleGrants.role, ['unit_head', 'hr'])))
        .all()
      for (const g of grants) {
        db.update(roleGrants).set({ revokedAt: at }).where(eq(roleGrants.id, g.id)).run()
        db.insert(roleGrants).values({ userId: g.userId, role: g.role, unitId: plan.successorId, grantedBy: actor.userId ?? null, grantedAt: at }).run()
      }
    }
  }

  recordAudit(
    {
      actorUserId: actor.userId ?? null,
      actorTokenId: actor.tokenId ?? null,
      action: plan.audit.action,
      entityType: 'unit',
      entityId: plan.audit.entityId,
      details: { ...plan.audit.details, eventId, effects: plan.effects },
      at,
    },
    db,
  )
  return eventId
}

function run<T>(fn: () => T): T | LineageFailure {
  try {
    return fn()
  } catch (error) {
    if (error instanceof Refusal) return error.failure
    throw error
  }
}

// ---------------------------------------------------------------------------------------------------------
// The API of this module
// ---------------------------------------------------------------------------------------------------------

/** Records a lineage event (validated here whatever the caller), all or nothing, audited. */
export function recordLineageEvent(raw: LineageEventInput & { actor: Actor; at?: number }): LineageResult {
  const { actor, at = Date.now(), ...rest } = raw
  const parsed = LineageEventInput.safeParse(rest)
  if (!parsed.success) return invalidInput(parsed.error)
  return run(() =>
    writeTransaction((tx) => {
      const plan = planEvent(tx, parsed.data)
      const eventId = applyPlan(tx, plan, actor, at)
      const unitIds = plan.effects.created.length ? plan.effects.created.map((u) => u.id) : [plan.audit.entityId]
      return { ok: true as const, eventId, unitIds, effects: plan.effects }
    }),
  )
}

/** What recording the event would do, without writing anything (the same checks as recordLineageEvent). */
export function previewLineageEvent(raw: LineageEventInput): LineageResult {
  const parsed = LineageEventInput.safeParse(raw)
  if (!parsed.success) return invalidInput(parsed.error)
  return run(() => {
    const plan = planEvent(getDb(), parsed.data)
    return { ok: true as const, eventId: null, unitIds: plan.effects.created.map((u) => u.id), effects: plan.effects }
  })
}

export type CreatedUnit = { id: string; code: string; name: string; kind: UnitKind; parentId: string | null; validFrom: string; validTo: null }

/** Creates a unit from `validFrom` (with a 'create' lineage event when a decision is given), audited. */
export function createUnit(raw: CreateUnitInput & { actor: Actor; at?: number }): (CreatedUnit & { ok: true; eventId: number | null }) | LineageFailure {
  const { actor, at = Date.now(), ...rest } = raw
  const parsed = CreateUnitInput.safeParse(rest)
  if (!parsed.success) return invalidInput(parsed.error)
  const input = parsed.data
  return run(() =>
    writeTransaction((tx) => {
      const parent = input.parentCode ? resolveParent(tx, input.parentCode, input.validFrom, 'parentCode', new Set()) : null
      assertCodeFree(tx, input.code, input.validFrom, 'code', new Set())
      const id = newUnitId()
      tx.insert(units).values({ id, createdAt: at }).run()
      const eventId = input.decision
        ? tx
            .insert(lineageEvents)
            .values({
              type: 'create',
              effectiveDate: input.validFrom,
              decisionNumber: input.decision.number,
              decisionDate: input.decision.date,
              decisionIssuer: input.decision.issuer,
              note: input.note || null,
              createdBy: actor.userId ?? null,
              createdAt: at,
            })
            .returning({ id: lineageEvents.id })
            .get().id
        : null
      if (eventId !== null) tx.insert(lineageLinks).values({ eventId, fromUnitId: null, toUnitId: id, ordinal: 0 }).run()
      const unit: CreatedUnit = { id, code: input.code, name: input.name, kind: input.kind, parentId: parent?.unitId ?? null, validFrom: input.validFrom, validTo: null }
      tx.insert(unitVersions).values({ unitId: id, code: unit.code, name: unit.name, kind: unit.kind, parentId: unit.parentId, validFrom: unit.validFrom, validTo: null, eventId }).run()
      recordAudit(
        { actorUserId: actor.userId ?? null, actorTokenId: actor.tokenId ?? null, action: 'unit.create', entityType: 'unit', entityId: id, details: { ...input, eventId }, at },
        tx,
      )
      return { ok: true as const, eventId, ...unit }
    }),
  )
}
