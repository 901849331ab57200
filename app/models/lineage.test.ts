/**
 * createUnit / recordLineageEvent / previewLineageEvent and the history functions of units.server on a real
 * migrated SQLite file, with a small hand-made organisation:
 *
 *   2024-01-01  SO ─┬─ A (p1 head, p2)        user-head-a: unit_head of A
 *                   ├─ B (p3) ── B1 (p4)
 *                   ├─ C (p5; p6 from 2025-05-10)   user-hr-c: hr of C
 *                   └─ D (p7)
 *   2025-01-01  rename A → A2 "Phòng A mới"
 *   2025-02-01  move C under A2
 *   2025-03-01  merge A2 + B → AB (B1 and C follow, people follow, the head's scope follows)
 *   2025-04-01  split C → C1, C2 (p5 goes to C1, the HR scope follows to C1)
 *   2025-05-01  dissolve D (p7's assignment ends 2025-04-30)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../tests/db'
import { createUnit, previewLineageEvent, recordLineageEvent, type LineageEventInput } from './lineage.server'
import { getUnitHistory, getUnitTreeWithHeadcount, mapToCurrentUnit, resolveUnitCode } from './units.server'

let db: ReturnType<typeof createTestDatabase>
const actor = { userId: 'user-hr' }
const decision = { number: '12/QĐ-UBND', date: '2024-12-20', issuer: 'UBND tỉnh Vĩnh Long' }
const NOW = Date.UTC(2026, 0, 5)

const ids: Record<string, string> = {}

function created(result: ReturnType<typeof createUnit>): string {
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result.id
}

function event(input: LineageEventInput) {
  const result = recordLineageEvent({ ...input, actor })
  if (!result.ok) throw new Error(JSON.stringify(result))
  return result
}

function tree(asOf: string) {
  return getUnitTreeWithHeadcount({ asOf }).map((u) => `${'  '.repeat(u.depth)}${u.code} ${u.headcount}`)
}

function assignmentsOf(personId: string) {
  return db.sqlite
    .prepare(
      `SELECT v.code, a.position, a.valid_from AS validFrom, a.valid_to AS validTo, a.source FROM assignments a
       JOIN unit_versions v ON v.unit_id = a.unit_id AND v.valid_from <= a.valid_from AND (v.valid_to IS NULL OR v.valid_to >= a.valid_from)
       WHERE a.person_id = ? ORDER BY a.valid_from`,
    )
    .all(personId)
}

function grantsOf(userId: string) {
  return db.sqlite
    .prepare('SELECT role, unit_id AS unitId, revoked_at IS NOT NULL AS revoked FROM role_grants WHERE user_id = ? ORDER BY id')
    .all(userId) as { role: string; unitId: string; revoked: number }[]
}

/** Row counts of every table a lineage write touches, to prove a refusal wrote nothing. */
function counts() {
  const tables = ['units', 'unit_versions', 'lineage_events', 'lineage_links', 'assignments', 'role_grants', 'audit_log']
  return Object.fromEntries(tables.map((t) => [t, (db.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]))
}
function snapshot() {
  return JSON.stringify([
    counts(),
    db.sqlite.prepare('SELECT * FROM unit_versions ORDER BY id').all(),
    db.sqlite.prepare('SELECT * FROM assignments ORDER BY id').all(),
    db.sqlite.prepare('SELECT * FROM role_grants ORDER BY id').all(),
  ])
}

beforeAll(() => {
  db = createTestDatabase()
  const s = db.sqlite
  const user = s.prepare("INSERT INTO users (id, username, password_hash, display_name, password_changed_at, created_at) VALUES (?, ?, 'x', ?, ?, ?)")
  for (const id of ['user-hr', 'user-head-a', 'user-hr-c', 'user-head-d']) user.run(id, id, id, NOW, NOW)
  ids.SO = created(createUnit({ code: 'SO', name: 'Sở Thử nghiệm', kind: 'so', parentCode: null, validFrom: '2024-01-01', actor, decision }))
  for (const code of ['A', 'B', 'C', 'D']) {
    ids[code] = created(createUnit({ code, name: `Phòng ${code}`, kind: 'phong', parentCode: 'SO', validFrom: '2024-01-01', actor }))
  }
  ids.B1 = created(createUnit({ code: 'b1', name: '  Tổ   B1 ', kind: 'khac', parentCode: 'B', validFrom: '2024-01-01', actor }))
  const person = s.prepare(
    "INSERT INTO people (id, national_id, ho, chu_dem, ten, search_key, staff_type, created_at, updated_at) VALUES (?, ?, 'Nguyễn', 'Văn', ?, ?, 'cong_chuc', ?, ?)",
  )
  const assign = s.prepare("INSERT INTO assignments (person_id, unit_id, position, valid_from, valid_to, source) VALUES (?, ?, ?, ?, NULL, 'seed')")
  const people: [string, string, string, string][] = [
    ['p1', 'A', 'Trưởng phòng', '2024-01-01'],
    ['p2', 'A', '', '2024-01-01'],
    ['p3', 'B', '', '2024-01-01'],
    ['p4', 'B1', '', '2024-01-01'],
    ['p5', 'C', 'Phó Trưởng phòng', '2024-01-01'],
    ['p6', 'C', '', '2025-05-10'],
    ['p7', 'D', '', '2024-01-01'],
  ]
  people.forEach(([id, unit, position, from], i) => {
    person.run(id, `0841234567${String(i).padStart(2, '0')}`, id, id, NOW, NOW)
    assign.run(id, ids[unit], position, from)
  })
  const grant = s.prepare('INSERT INTO role_grants (user_id, role, unit_id, granted_at) VALUES (?, ?, ?, ?)')
  grant.run('user-head-a', 'unit_head', ids.A, NOW)
  grant.run('user-hr-c', 'hr', ids.C, NOW)
  grant.run('user-head-d', 'unit_head', ids.D, NOW)
})
afterAll(() => db.cleanup())

describe('createUnit', () => {
  it('creates units with cleaned names and upper-cased codes, audited, with a create event when a decision is given', () => {
    expect(resolveUnitCode({ code: 'B1', asOf: '2024-06-01' })).toMatchObject({ id: ids.B1, name: 'Tổ B1', parentId: ids.B })
    const audit = db.sqlite.prepare("SELECT action, actor_user_id AS actor, entity_id AS entityId FROM audit_log WHERE action = 'unit.create' ORDER BY id").all()
    expect(audit).toHaveLength(6)
    expect(audit[0]).toEqual({ action: 'unit.create', actor: 'user-hr', entityId: ids.SO })
    const events = db.sqlite.prepare("SELECT type, decision_number AS n FROM lineage_events").all()
    expect(events).toEqual([{ type: 'create', n: '12/QĐ-UBND' }])
    expect(tree('2023-12-31')).toEqual([])
    expect(tree('2024-06-01')).toEqual(['SO 6', '  A 2', '  B 2', '    B1 1', '  C 1', '  D 1'])
  })

  it('refuses bad input with the right status and writes nothing', () => {
    const before = snapshot()
    const base = { code: 'NEW', name: 'Phòng mới', kind: 'phong' as const, parentCode: 'SO', validFrom: '2024-06-01', actor }
    const cases: [Record<string, unknown>, number, string][] = [
      [{ code: 'CÓ DẤU' }, 400, 'code'],
      [{ code: '' }, 400, 'code'],
      [{ code: 'X'.repeat(33) }, 400, 'code'],
      [{ name: '   ' }, 400, 'name'],
      [{ kind: 'bo' }, 400, 'kind'],
      [{ validFrom: '2025-02-30' }, 400, 'validFrom'],
      [{ validFrom: '01/06/2024' }, 400, 'validFrom'],
      [{ parentCode: 'NOPE' }, 404, 'parentCode'],
      [{ parentCode: 'SO', validFrom: '2023-06-01' }, 422, 'parentCode'],
      [{ code: 'a' }, 409, 'code'],
      // A code is unique among units valid at the same time, even when the clash only starts later.
      [{ code: 'A', validFrom: '2023-01-01', parentCode: null }, 409, 'code'],
    ]
    for (const [change, status, path] of cases) {
      const result = createUnit({ ...base, ...change } as Parameters<typeof createUnit>[0])
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, status })
      if (!result.ok) expect(result.details.map((d) => d.path)).toContain(path)
    }
    expect(snapshot()).toBe(before)
  })
})

describe('lineage events on a hand-made organisation', () => {
  it('rename: same unit id, a new version from the date, the old name on the day before', () => {
    const result = event({ type: 'rename', code: 'A', newName: 'Phòng A mới', newCode: 'A2', date: '2025-01-01', decision })
    expect(result.unitIds).toEqual([ids.A])
    expect(resolveUnitCode({ code: 'A', asOf: '2024-12-31' })?.id).toBe(ids.A)
    expect(resolveUnitCode({ code: 'A', asOf: '2025-01-01' })).toBeNull()
    expect(resolveUnitCode({ code: 'A2', asOf: '2025-01-01' })).toMatchObject({ id: ids.A, name: 'Phòng A mới' })
    expect(tree('2025-01-01')).toEqual(['SO 6', '  A2 2', '  B 2', '    B1 1', '  C 1', '  D 1'])
    // Nobody moves on a rename.
    expect(assignmentsOf('p1')).toHaveLength(1)
  })

  it('move: a new version under the new parent; headcounts follow on the date, not the day before', () => {
    event({ type: 'move', code: 'C', newParentCode: 'A2', date: '2025-02-01', decision })
    expect(tree('2025-01-31')).toEqual(['SO 6', '  A2 2', '  B 2', '    B1 1', '  C 1', '  D 1'])
    expect(tree('2025-02-01')).toEqual(['SO 6', '  A2 3', '    C 1', '  B 2', '    B1 1', '  D 1'])
  })

  it('refuses a move under the unit itself or below it, and a move to the same parent', () => {
    const before = snapshot()
    expect(recordLineageEvent({ type: 'move', code: 'A2', newParentCode: 'C', date: '2025-02-15', decision, actor })).toMatchObject({ ok: false, status: 422 })
    expect(recordLineageEvent({ type: 'move', code: 'C', newParentCode: 'A2', date: '2025-02-15', decision, actor })).toMatchObject({ ok: false, status: 400 })
    expect(snapshot()).toBe(before)
  })

  it('previews a merge without writing, then merges: people, children and scopes follow the new unit', () => {
    const input: LineageEventInput = { type: 'merge', fromCodes: ['A2', 'B'], into: { code: 'AB', name: 'Phòng AB', kind: 'phong', parentCode: 'SO' }, date: '2025-03-01', decision }
    const before = snapshot()
    const preview = previewLineageEvent(input)
    expect(snapshot()).toBe(before)
    expect(preview).toMatchObject({ ok: true, effects: { peopleMoved: 3, grantsMoved: 1, successor: { code: 'AB' } } })
    if (preview.ok) expect(preview.effects.childrenMoved.map((c) => c.code).sort()).toEqual(['B1', 'C'])

    const result = event(input)
    ids.AB = result.unitIds[0]!
    expect(result.effects.peopleMoved).toBe(3)
    expect(tree('2025-02-28')).toEqual(['SO 6', '  A2 3', '    C 1', '  B 2', '    B1 1', '  D 1'])
    expect(tree('2025-03-01')).toEqual(['SO 6', '  AB 5', '    C 1', '    B1 1', '  D 1'])
    expect(assignmentsOf('p1')).toEqual([
      { code: 'A', position: 'Trưởng phòng', validFrom: '2024-01-01', validTo: '2025-02-28', source: 'seed' },
      { code: 'AB', position: 'Trưởng phòng', validFrom: '2025-03-01', validTo: null, source: 'merge' },
    ])
    // p4 works in B1, which moved under AB: the assignment is untouched.
    expect(assignmentsOf('p4')).toEqual([{ code: 'B1', position: '', validFrom: '2024-01-01', validTo: null, source: 'seed' }])
    expect(grantsOf('user-head-a')).toEqual([
      { role: 'unit_head', unitId: ids.A, revoked: 1 },
      { role: 'unit_head', unitId: ids.AB, revoked: 0 },
    ])
    const links = db.sqlite.prepare('SELECT from_unit_id AS f, to_unit_id AS t, ordinal FROM lineage_links WHERE event_id = ? ORDER BY ordinal').all(result.eventId)
    expect(links).toEqual([
      { f: ids.A, t: ids.AB, ordinal: 0 },
      { f: ids.B, t: ids.AB, ordinal: 1 },
    ])
    const audit = db.sqlite.prepare("SELECT actor_user_id AS actor, entity_id AS entityId FROM audit_log WHERE action = 'unit.merge'").all()
    expect(audit).toEqual([{ actor: 'user-hr', entityId: ids.AB }])
  })

  it('split: the old unit ends, its people go to the first successor, later assignments are re-pointed, the HR scope follows', () => {
    const result = event({ type: 'split', fromCode: 'C', into: [{ code: 'C1', name: 'Phòng C1', kind: 'phong' }, { code: 'C2', name: 'Phòng C2', kind: 'phong' }], date: '2025-04-01', decision })
    ;[ids.C1, ids.C2] = result.unitIds as [string, string]
    expect(tree('2025-03-31')).toEqual(['SO 6', '  AB 5', '    C 1', '    B1 1', '  D 1'])
    // The successors hang where C hung (under AB, since the merge).
    expect(tree('2025-04-01')).toEqual(['SO 6', '  AB 5', '    C1 1', '    C2 0', '    B1 1', '  D 1'])
    expect(assignmentsOf('p5').map((a) => [(a as { code: string }).code, (a as { validTo: string | null }).validTo])).toEqual([
      ['C', '2025-03-31'],
      ['C1', null],
    ])
    // p6 only starts on 2025-05-10: the assignment now names the first successor.
    expect(assignmentsOf('p6')).toEqual([{ code: 'C1', position: '', validFrom: '2025-05-10', validTo: null, source: 'seed' }])
    expect(grantsOf('user-hr-c').filter((g) => !g.revoked)).toEqual([{ role: 'hr', unitId: ids.C1, revoked: 0 }])
    expect(mapToCurrentUnit({ unitId: ids.C!, asOf: '2025-06-01' })).toBe(ids.C1)
    expect(mapToCurrentUnit({ unitId: ids.C!, asOf: '2025-03-15' })).toBe(ids.C)
  })

  it('dissolve: refused while a unit has children; otherwise the unit and its open assignments end the day before', () => {
    const before = snapshot()
    expect(recordLineageEvent({ type: 'dissolve', code: 'AB', date: '2025-05-01', decision, actor })).toMatchObject({
      ok: false,
      status: 409,
      details: [{ code: 'has_children' }],
    })
    expect(snapshot()).toBe(before)
    const result = event({ type: 'dissolve', code: 'D', date: '2025-05-01', decision })
    expect(result.effects.peopleEnded).toBe(1)
    expect(tree('2025-04-30')).toContain('  D 1')
    expect(tree('2025-05-01')).toEqual(['SO 5', '  AB 5', '    C1 1', '    C2 0', '    B1 1'])
    expect(assignmentsOf('p7')).toEqual([{ code: 'D', position: '', validFrom: '2024-01-01', validTo: '2025-04-30', source: 'seed' }])
    // The head of a dissolved unit keeps a grant on it, which covers nobody any more.
    expect(grantsOf('user-head-d')).toEqual([{ role: 'unit_head', unitId: ids.D, revoked: 0 }])
    expect(mapToCurrentUnit({ unitId: ids.D!, asOf: '2025-06-01' })).toBeNull()
  })

  it('maps old units forward through merges and splits', () => {
    expect(mapToCurrentUnit({ unitId: ids.A!, asOf: '2025-12-31' })).toBe(ids.AB)
    expect(mapToCurrentUnit({ unitId: ids.B!, asOf: '2025-12-31' })).toBe(ids.AB)
    expect(mapToCurrentUnit({ unitId: ids.A!, asOf: '2025-01-15' })).toBe(ids.A)
    expect(mapToCurrentUnit({ unitId: ids.SO!, asOf: '2025-12-31' })).toBe(ids.SO)
  })

  it('tells a unit’s history: versions, events with decisions, predecessors and successors', () => {
    const a = getUnitHistory({ unitId: ids.A! })!
    expect(a.versions.map((v) => [v.code, v.name, v.validFrom, v.validTo, v.parentCode])).toEqual([
      ['A', 'Phòng A', '2024-01-01', '2024-12-31', 'SO'],
      ['A2', 'Phòng A mới', '2025-01-01', '2025-02-28', 'SO'],
    ])
    expect(a.events.map((e) => [e.type, e.date, e.decision.number, e.successors.map((s) => s.code)])).toEqual([
      ['rename', '2025-01-01', '12/QĐ-UBND', []],
      ['merge', '2025-03-01', '12/QĐ-UBND', ['AB']],
    ])
    const ab = getUnitHistory({ unitId: ids.AB! })!
    expect(ab.events).toHaveLength(1)
    expect(ab.events[0]!.predecessors.map((p) => p.code)).toEqual(['A2', 'B'])
    const c = getUnitHistory({ unitId: ids.C! })!
    expect(c.versions.map((v) => v.parentCode)).toEqual(['SO', 'A2', 'AB'])
    expect(c.events.at(-1)!.successors.map((s) => s.code)).toEqual(['C1', 'C2'])
    expect(getUnitHistory({ unitId: 'u-nope' })).toBeNull()
  })
})

describe('refusals of lineage events write nothing', () => {
  it('answers each bad input with its status', () => {
    const before = snapshot()
    const cases: [Record<string, unknown>, number, string][] = [
      [{ type: 'rename', code: 'AB', newName: 'X', date: '2025-02-30', decision }, 400, 'date'],
      [{ type: 'rename', code: 'AB', newName: 'X', date: '2025-06-01' }, 400, 'decision'],
      [{ type: 'rename', code: 'AB', newName: 'X', date: '2025-06-01', decision: { ...decision, number: ' ' } }, 400, 'decision.number'],
      [{ type: 'rename', code: 'AB', newName: 'X', date: '2025-06-01', decision: { ...decision, date: '20/12/2024' } }, 400, 'decision.date'],
      [{ type: 'rename', code: 'AB', newName: 'Phòng AB', date: '2025-06-01', decision }, 400, 'newName'],
      [{ type: 'rename', code: 'AB', newName: 'X', newCode: 'a b', date: '2025-06-01', decision }, 400, 'newCode'],
      [{ type: 'teleport', code: 'AB', date: '2025-06-01', decision }, 400, 'type'],
      [{ type: 'rename', code: 'ZZZ', newName: 'X', date: '2025-06-01', decision }, 404, 'code'],
      [{ type: 'rename', code: 'AB', newName: 'X', newCode: 'C1', date: '2025-06-01', decision }, 409, 'newCode'],
      // History is not rewritten: AB's current version starts on 2025-03-01.
      [{ type: 'rename', code: 'AB', newName: 'X', date: '2025-03-01', decision }, 409, 'date'],
      [{ type: 'rename', code: 'B1', newName: 'X', date: '2025-02-15', decision }, 409, 'code'],
      // D ended on 2025-04-30.
      [{ type: 'rename', code: 'D', newName: 'X', date: '2025-06-01', decision }, 422, 'code'],
      [{ type: 'move', code: 'C1', newParentCode: 'D', date: '2025-06-01', decision }, 422, 'newParentCode'],
      [{ type: 'move', code: 'C1', newParentCode: 'NOPE', date: '2025-06-01', decision }, 404, 'newParentCode'],
      [{ type: 'merge', fromCodes: ['C1'], into: { code: 'CX', name: 'X', kind: 'phong', parentCode: 'SO' }, date: '2025-06-01', decision }, 400, 'fromCodes'],
      [{ type: 'merge', fromCodes: ['C1', 'C1'], into: { code: 'CX', name: 'X', kind: 'phong', parentCode: 'SO' }, date: '2025-06-01', decision }, 400, 'fromCodes'],
      [{ type: 'merge', fromCodes: ['C1', 'C2'], into: { code: 'AB', name: 'X', kind: 'phong', parentCode: 'SO' }, date: '2025-06-01', decision }, 409, 'into.code'],
      [{ type: 'merge', fromCodes: ['C1', 'C2'], into: { code: 'CX', name: 'X', kind: 'phong', parentCode: 'C1' }, date: '2025-06-01', decision }, 422, 'into.parentCode'],
      [{ type: 'merge', fromCodes: ['AB', 'C2'], into: { code: 'CX', name: 'X', kind: 'phong', parentCode: 'B1' }, date: '2025-06-01', decision }, 422, 'into.parentCode'],
      [{ type: 'split', fromCode: 'C1', into: [{ code: 'X1', name: 'X', kind: 'phong' }], date: '2025-06-01', decision }, 400, 'into'],
      [{ type: 'split', fromCode: 'C1', into: [{ code: 'X1', name: 'X', kind: 'phong' }, { code: 'X1', name: 'Y', kind: 'phong' }], date: '2025-06-01', decision }, 409, 'into'],
      [{ type: 'split', fromCode: 'C1', into: [{ code: 'X1', name: 'X', kind: 'phong' }, { code: 'C2', name: 'Y', kind: 'phong' }], date: '2025-06-01', decision }, 409, 'into.1.code'],
      [{ type: 'dissolve', code: 'C1', date: '2025-05-01', decision }, 409, 'date'],
    ]
    for (const [input, status, path] of cases) {
      const result = recordLineageEvent({ ...(input as LineageEventInput), actor })
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, status })
      if (!result.ok) expect(result.details.map((d) => d.path), JSON.stringify(input)).toContain(path)
    }
    expect(snapshot()).toBe(before)
  })
})
