/** Units as they stood on a date: the tree, its order, and who works where. */
import { sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'
import type { StaffType, UnitKind } from '~/db/schema'
import { addDays, compareVietnamese } from '~/i18n/format'

export type UnitAsOf = {
  id: string
  code: string
  name: string
  kind: UnitKind
  parentId: string | null
  validFrom: string
  validTo: string | null
}

export type UnitNode = UnitAsOf & { depth: number; childIds: string[] }

const KIND_ORDER: Record<UnitKind, number> = {
  so: 0,
  van_phong: 1,
  thanh_tra: 2,
  phong: 3,
  chi_cuc: 4,
  trung_tam: 5,
  chi_nhanh: 6,
  khac: 7,
}

/** Every unit version valid on `asOf`. */
export function listUnitsAsOf({ asOf }: { asOf: string }): UnitAsOf[] {
  return getDb().all<UnitAsOf>(sql`
    SELECT unit_id AS id, code, name, kind, parent_id AS parentId, valid_from AS validFrom, valid_to AS validTo
    FROM unit_versions
    WHERE valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf})`)
}

/**
 * Orders units as a tree (depth-first; siblings by kind — Văn phòng, Thanh tra, phòng, chi cục, đơn vị sự
 * nghiệp, chi nhánh — then by Vietnamese name). A unit whose parent is not valid that day becomes a root.
 */
export function orderAsTree(units: readonly UnitAsOf[]): UnitNode[] {
  const byId = new Map(units.map((u) => [u.id, u]))
  const children = new Map<string | null, UnitAsOf[]>()
  for (const unit of units) {
    const parent = unit.parentId && byId.has(unit.parentId) ? unit.parentId : null
    const list = children.get(parent) ?? []
    list.push(unit)
    children.set(parent, list)
  }
  const compare = (a: UnitAsOf, b: UnitAsOf) =>
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareVietnamese(a.name, b.name)
  const out: UnitNode[] = []
  const visit = (unit: UnitAsOf, depth: number) => {
    const kids = (children.get(unit.id) ?? []).sort(compare)
    out.push({
      ...unit,
      parentId: unit.parentId && byId.has(unit.parentId) ? unit.parentId : null,
      depth,
      childIds: kids.map((k) => k.id),
    })
    for (const kid of kids) visit(kid, depth + 1)
  }
  for (const root of (children.get(null) ?? []).sort(compare)) visit(root, 0)
  return out
}

/** The ids of `rootId` and every unit below it, as the tree stood on `asOf`. */
export function subtreeIds(tree: readonly UnitNode[], rootId: string): Set<string> {
  const byId = new Map(tree.map((u) => [u.id, u]))
  const ids = new Set<string>()
  const stack = [rootId]
  while (stack.length) {
    const id = stack.pop()!
    const node = byId.get(id)
    if (!node || ids.has(id)) continue
    ids.add(id)
    stack.push(...node.childIds)
  }
  return ids
}

/** True when `unitId` is `ancestorId` or below it on `asOf`. */
export function isUnitWithin({
  unitId,
  ancestorId,
  asOf,
}: {
  unitId: string
  ancestorId: string
  asOf: string
}): boolean {
  return subtreeIds(orderAsTree(listUnitsAsOf({ asOf })), ancestorId).has(unitId)
}

export type ActivePlacement = { personId: string; unitId: string; position: string; staffType: StaffType }

/** Who was in post where on `asOf` (an active assignment, and not yet left). */
export function listActivePlacements({
  asOf,
  ofPeopleInUnits,
}: {
  asOf: string
  ofPeopleInUnits?: readonly string[]
}): ActivePlacement[] {
  const within = ofPeopleInUnits
    ? sql`AND a.person_id IN (
        SELECT person_id FROM assignments WHERE unit_id IN (SELECT value FROM json_each(${JSON.stringify(
          ofPeopleInUnits,
        )}))
          AND valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf}))`
    : sql``
  return getDb().all<ActivePlacement>(sql`
    SELECT a.person_id AS personId, a.unit_id AS unitId, a.position AS position, p.staff_type AS staffType
    FROM assignments a JOIN people p ON p.id = a.person_id
    WHERE a.valid_from <= ${asOf} AND (a.valid_to IS NULL OR a.valid_to >= ${asOf})
      AND (p.left_on IS NULL OR p.left_on >= ${asOf}) ${within}`)
}

export type UnitWithHeadcount = UnitNode & { headcount: number; direct: number }

/**
 * The tree on `asOf` with the number of people in post in each unit: `direct` in the unit itself, `headcount`
 * in its whole subtree, each person counted once even with assignments in two units of the subtree.
 */
export function getUnitTreeWithHeadcount({
  asOf,
  rootId,
}: {
  asOf: string
  rootId?: string | null
}): UnitWithHeadcount[] {
  const tree = orderAsTree(listUnitsAsOf({ asOf }))
  const byId = new Map(tree.map((u) => [u.id, u]))
  const peopleBelow = new Map<string, Set<string>>()
  const direct = new Map<string, Set<string>>()
  for (const placement of listActivePlacements({ asOf })) {
    let id: string | null = placement.unitId
    direct.set(id, (direct.get(id) ?? new Set()).add(placement.personId))
    while (id) {
      peopleBelow.set(id, (peopleBelow.get(id) ?? new Set()).add(placement.personId))
      id = byId.get(id)?.parentId ?? null
    }
  }
  const scope = rootId ? subtreeIds(tree, rootId) : null
  const rootDepth = rootId ? byId.get(rootId)?.depth ?? 0 : 0
  return tree
    .filter((u) => !scope || scope.has(u.id))
    .map((u) => ({
      ...u,
      depth: u.depth - rootDepth,
      headcount: peopleBelow.get(u.id)?.size ?? 0,
      direct: direct.get(u.id)?.size ?? 0,
    }))
}

// ---------------------------------------------------------------------------------------------------------
// History and lineage (issue 5, units over time)
// ---------------------------------------------------------------------------------------------------------

/** The unit holding `code` on `asOf`, or null. Codes are compared upper-cased. */
export function resolveUnitCode({ code, asOf }: { code: string; asOf: string }): UnitAsOf | null {
  return (
    getDb().get<UnitAsOf>(sql`
      SELECT unit_id AS id, code, name, kind, parent_id AS parentId, valid_from AS validFrom, valid_to AS validTo
      FROM unit_versions
      WHERE code = ${code
        .trim()
        .toUpperCase()} AND valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf})`) ?? null
  )
}

type LinkRow = {
  eventId: number
  type: string
  date: string
  fromUnitId: string | null
  toUnitId: string | null
  ordinal: number
}

function linksOf(column: 'from_unit_id' | 'to_unit_id', unitId: string): LinkRow[] {
  return getDb().all<LinkRow>(sql`
    SELECT l.event_id AS eventId, e.type, e.effective_date AS date, l.from_unit_id AS fromUnitId, l.to_unit_id AS toUnitId, l.ordinal
    FROM lineage_links l JOIN lineage_events e ON e.id = l.event_id
    WHERE ${sql.raw(`l.${column}`)} = ${unitId}
    ORDER BY e.effective_date, l.ordinal`)
}

/**
 * The unit that `unitId` leads to on `asOf`, following lineage links forward (merge: the new unit; split: the
 * first successor). The unit itself when it is valid that day; null when its line ends in a dissolve, or
 * nothing valid that day continues it. For the restated coverage report.
 */
export function mapToCurrentUnit({ unitId, asOf }: { unitId: string; asOf: string }): string | null {
  const seen = new Set<string>()
  let id: string | null = unitId
  while (id && !seen.has(id)) {
    seen.add(id)
    const valid = getDb().get<{ n: number }>(sql`
      SELECT count(*) AS n FROM unit_versions WHERE unit_id = ${id} AND valid_from <= ${asOf} AND (valid_to IS NULL OR valid_to >= ${asOf})`)
    if (valid?.n) return id
    const onward: LinkRow | undefined = linksOf('from_unit_id', id).find(
      (l) =>
        l.toUnitId !== l.fromUnitId &&
        l.date <= asOf &&
        (l.type === 'merge' || l.type === 'split' || l.type === 'dissolve'),
    )
    id = onward ? onward.toUnitId : null
  }
  return null
}

export type UnitRef = { id: string; code: string; name: string }

export type UnitHistory = {
  id: string
  current: UnitAsOf
  versions: (UnitAsOf & { parentCode: string | null; parentName: string | null; eventId: number | null })[]
  events: {
    id: number
    type: string
    date: string
    decision: { number: string; date: string; issuer: string }
    note: string | null
    predecessors: UnitRef[]
    successors: UnitRef[]
  }[]
}

/** The name a unit had on `date`, else its nearest version. */
function refOn(unitId: string, date: string): UnitRef {
  const row = getDb().get<UnitRef>(sql`
    SELECT unit_id AS id, code, name FROM unit_versions WHERE unit_id = ${unitId}
    ORDER BY CASE WHEN valid_from <= ${date} AND (valid_to IS NULL OR valid_to >= ${date}) THEN 0 ELSE 1 END,
             abs(julianday(valid_from) - julianday(${date}))
    LIMIT 1`)
  return row ?? { id: unitId, code: '', name: unitId }
}

/** A unit's versions (oldest first) and the lineage events that touched it, with their decisions. */
export function getUnitHistory({ unitId }: { unitId: string }): UnitHistory | null {
  const db = getDb()
  const versions = db.all<UnitAsOf & { eventId: number | null }>(sql`
    SELECT unit_id AS id, code, name, kind, parent_id AS parentId, valid_from AS validFrom, valid_to AS validTo, event_id AS eventId
    FROM unit_versions WHERE unit_id = ${unitId} ORDER BY valid_from`)
  if (!versions.length) return null
  const links = [...linksOf('from_unit_id', unitId), ...linksOf('to_unit_id', unitId)]
  const eventIds = [...new Set(links.map((l) => l.eventId))]
  const events = eventIds.length
    ? db.all<{
        id: number
        type: string
        date: string
        number: string
        decisionDate: string
        issuer: string
        note: string | null
      }>(sql`
        SELECT id, type, effective_date AS date, decision_number AS number, decision_date AS decisionDate, decision_issuer AS issuer, note
        FROM lineage_events WHERE id IN (${sql.join(
          eventIds.map((id) => sql`${id}`),
          sql`, `,
        )}) ORDER BY effective_date, id`)
    : []
  return {
    id: unitId,
    current: versions.at(-1)!,
    versions: versions.map((v) => {
      const parent = v.parentId ? refOn(v.parentId, v.validFrom) : null
      return { ...v, parentCode: parent?.code ?? null, parentName: parent?.name ?? null }
    }),
    events: events.map((e) => {
      const all = db.all<{ fromUnitId: string | null; toUnitId: string | null }>(sql`
        SELECT from_unit_id AS fromUnitId, to_unit_id AS toUnitId FROM lineage_links WHERE event_id = ${e.id} ORDER BY ordinal`)
      const dayBefore = addDays(e.date, -1)
      const into = all.some((l) => l.toUnitId === unitId && l.fromUnitId !== unitId)
      const outOf = all.some((l) => l.fromUnitId === unitId && l.toUnitId !== unitId)
      const predecessors = into
        ? [...new Set(all.filter((l) => l.toUnitId === unitId && l.fromUnitId).map((l) => l.fromUnitId!))]
        : []
      const successors = outOf
        ? [...new Set(all.filter((l) => l.fromUnitId === unitId && l.toUnitId).map((l) => l.toUnitId!))]
        : []
      return {
        id: e.id,
        type: e.type,
        date: e.date,
        decision: { number: e.number, date: e.decisionDate, issuer: e.issuer },
        note: e.note,
        predecessors: predecessors.filter((id) => id !== unitId).map((id) => refOn(id, dayBefore)),
        successors: successors.filter((id) => id !== unitId).map((id) => refOn(id, e.date)),
      }
    }),
  }
}
