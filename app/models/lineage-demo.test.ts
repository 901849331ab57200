/**
 * Lineage on the real demo organisation (scripts/seed): the as-of trees around its merges and split, the
 * restated mapping, and a further split of Phòng Quản lý đất đai that moves its people and its head's scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyDemoOrg } from '../../scripts/seed/apply'
import { createTestDatabase } from '../../tests/db'
import { loadCatalog } from '~/content/catalog.server'
import { syncCourses } from './courses.server'
import { recordLineageEvent } from './lineage.server'
import { getUnitHistory, getUnitTreeWithHeadcount, mapToCurrentUnit } from './units.server'

let db: ReturnType<typeof createTestDatabase>
beforeAll(async () => {
  db = createTestDatabase()
  syncCourses({ catalog: loadCatalog(), at: 0 }, db.db)
  await applyDemoOrg(db.db)
})
afterAll(() => db.cleanup())

const headcount = (asOf: string, id: string) => getUnitTreeWithHeadcount({ asOf }).find((u) => u.id === id)?.headcount ?? null

describe('the demo organisation over time', () => {
  it('shows the 2026 split of Phòng Quản lý đất đai on the day before and on the day', () => {
    const before = headcount('2025-12-31', 'u-qldd')!
    expect(before).toBeGreaterThan(10)
    expect(headcount('2025-12-31', 'u-qldd-2026')).toBeNull()
    expect(headcount('2026-01-01', 'u-qldd')).toBeNull()
    expect(headcount('2026-01-01', 'u-qldd-2026')! + headcount('2026-01-01', 'u-ddbdvt')!).toBe(before)
  })

  it('maps old units to the units they lead to', () => {
    expect(mapToCurrentUnit({ unitId: 'u-qldd', asOf: '2026-06-01' })).toBe('u-qldd-2026')
    expect(mapToCurrentUnit({ unitId: 'u-cn-tptv', asOf: '2026-06-01' })).toBe('u-cn-kv1')
    expect(mapToCurrentUnit({ unitId: 'u-ccbhd', asOf: '2026-06-01' })).toBe('u-tnn-ks-bien')
    expect(mapToCurrentUnit({ unitId: 'u-ttcntt', asOf: '2026-06-01' })).toBeNull()
    expect(mapToCurrentUnit({ unitId: 'u-so', asOf: '2024-01-01' })).toBe('u-so')
    expect(mapToCurrentUnit({ unitId: 'u-cn-kv1', asOf: '2024-01-01' })).toBeNull()
  })

  it('tells the history of the root: three names, each with its decision', () => {
    const history = getUnitHistory({ unitId: 'u-so' })!
    expect(history.versions.map((v) => v.code)).toEqual(['STNMT-TV', 'SNNMT-TV', 'SNNMT-VL'])
    expect(history.events.map((e) => [e.type, e.decision.number])).toEqual([
      ['rename', '412/QĐ-UBND'],
      ['rename', '01/QĐ-UBND'],
    ])
    const merged = getUnitHistory({ unitId: 'u-cn-kv1' })!
    expect(merged.events[0]!.predecessors.map((p) => p.code).sort()).toEqual(['CN-CL', 'CN-CT', 'CN-TPTV'])
  })

  it('a further split sends everyone to the first successor and the head’s scope with them', () => {
    const people = headcount('2026-07-01', 'u-qldd-2026')!
    const result = recordLineageEvent({
      type: 'split',
      fromCode: 'QLDD',
      into: [
        { code: 'QLDD-A', name: 'Phòng Quản lý đất đai A', kind: 'phong' },
        { code: 'QLDD-B', name: 'Phòng Quản lý đất đai B', kind: 'phong' },
      ],
      date: '2026-07-01',
      decision: { number: '77/QĐ-UBND', date: '2026-06-20', issuer: 'UBND tỉnh Vĩnh Long' },
      actor: { userId: 'usr-tochuc' },
    })
    if (!result.ok) throw new Error(JSON.stringify(result))
    const [first, second] = result.unitIds as [string, string]
    expect(result.effects.peopleMoved).toBe(people)
    expect(headcount('2026-06-30', 'u-qldd-2026')).toBe(people)
    expect(headcount('2026-07-01', first)).toBe(people)
    expect(headcount('2026-07-01', second)).toBe(0)
    const grants = db.sqlite
      .prepare("SELECT unit_id AS unitId FROM role_grants WHERE user_id = 'usr-truongphong' AND role = 'unit_head' AND revoked_at IS NULL")
      .all()
    expect(grants).toEqual([{ unitId: first }])
    // The learner's assignment history: QLDD, then QLDD (2026), then the first successor.
    const learner = db.sqlite
      .prepare("SELECT a.unit_id AS unitId, a.valid_to AS validTo FROM assignments a JOIN users u ON u.person_id = a.person_id WHERE u.username = 'hocvien' ORDER BY a.valid_from")
      .all()
    expect(learner.slice(-2)).toEqual([
      { unitId: 'u-qldd-2026', validTo: '2026-06-30' },
      { unitId: first, validTo: null },
    ])
    expect(mapToCurrentUnit({ unitId: 'u-qldd', asOf: '2026-07-01' })).toBe(first)
  })
})
