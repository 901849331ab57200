/** Units as they stood on a date: the tree, its order, and who works where. */
import { sql } from 'drizzle-orm'
import { getDb } from '~/db/client.server'
import type { StaffType, UnitKind } from '~/db/schema'
import { compareVietnamese } from '~/i18n/format'

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
    out.push({ ...unit, parentId: unit.parentId && byId.has(unit.parentId) ? unit.parentId : null, depth, childIds: kids.map((k) => k.id) })
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
export function isUnitWithin({ unitId, ancestorId, asOf }: { unitId: string; ancestorId: string; asOf: string }): boolean {
  return subtreeIds(orderAsTree(listUnitsAsOf({ asOf })), ancestorId).has(unitId)
}

export type ActivePlacement = { personId: string; unitId: string; position: string; staffType: StaffType }

/** Who was in post where on `asOf` (an active assignment, and not yet left). */
export function listActivePlacements({ asOf }: { asOf: string }): ActivePlacement[] {
  return getDb().all<ActivePlacement>(sql`
    SELECT a.person_id AS personId, a.unit_id AS unitId, a.position AS position, p.staff_type AS staffType
    FROM assignments a JOIN people p ON p.id = a.person_id
    WHERE a.valid_from <= ${asOf} AND (a.valid_to IS NULL OR a.valid_to >= ${asOf})
      AND (p.left_on IS NULL OR p.left_on >= ${asOf})`)
}

export type UnitWithHeadcount = UnitNode & { headcount: number; direct: number }

/**
 * The tree on `asOf` with the number of people in post in each unit: `direct` in the unit itself, `headcount`
 * in its whole subtree, each person counted once even with assignments in two units of the subtree.
 */
export function getUnitTreeWithHeadcount({ asOf, rootId }: { asOf: string; rootId?: string | null }): UnitWithHeadcount[] {
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
  const rootDepth = rootId ? (byId.get(rootId)?.depth ?? 0) : 0
  return tree
    .filter((u) => !scope || scope.has(u.id))
    .map((u) => ({
      ...u,
      depth: u.depth - rootDepth,
      headcount: peopleBelow.get(u.id)?.size ?? 0,
      direct: direct.get(u.id)?.size ?? 0,
    }))
}
