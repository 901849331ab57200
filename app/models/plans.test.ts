/** Saving, previewing and copying annual plans, on the real demo organisation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadCatalog } from '~/content/catalog.server'
import { addDays, isoDateInVietnam } from '~/i18n/format'
import { applyDemoOrg } from '../../scripts/seed/apply'
import { createTestDatabase } from '../../tests/db'
import type { PersonOnDate } from './audience'
import { syncCourses } from './courses.server'
import {
  copyPlanFromPreviousYear,
  getPlan,
  getPersonOnDate,
  getPlanAsInput,
  listPeopleOnDate,
  listRequirementsForPerson,
  previewPlanChange,
  resolvePlanInput,
  savePlan,
  type PlanInput,
} from './plans.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())
const today = isoDateInVietnam()
const year = Number(today.slice(0, 4))

beforeAll(async () => {
  syncCourses({ catalog: loadCatalog(), at: 0 }, db.db)
  await applyDemoOrg(db.db)
})

const allPeople = () =>
  (db.sqlite.prepare('SELECT id FROM people ORDER BY id').all() as { id: string }[]).map((r) => r.id)
const codeToday = (unitId: string) =>
  (
    db.sqlite
      .prepare(
        'SELECT code FROM unit_versions WHERE unit_id = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)',
      )
      .get(unitId, today, today) as { code: string }
  ).code

/** Who the stored plan of `y` requires on `asOf`, computed person by person through the learner-page function. */
function requiredNow(y: number, asOf: string): Set<string> {
  return new Set(allPeople().filter((personId) => listRequirementsForPerson({ personId, year: y, asOf }).length > 0))
}

describe('saving a plan', () => {
  it('round-trips, unit codes resolved to units when saved and shown with their current codes', () => {
    const input: PlanInput = {
      reference: '99/KH-TEST',
      referenceDate: '2026-02-01',
      targetPct: 95.5,
      requirements: [
        { courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: '2026-06-30' },
        { courseId: 'an-toan-thong-tin', audience: { unitCodes: [codeToday('u-qldd-2026')] }, dueDate: '2026-09-30' },
        { courseId: 'van-ban-dien-tu-chu-ky-so', audience: { positions: ['Trưởng phòng'] }, dueDate: '2026-10-31' },
        {
          courseId: 'bao-ve-du-lieu-ca-nhan',
          audience: { staffTypes: ['Công chức', 'Người lao động'] },
          dueDate: '2026-11-30',
        },
      ],
    }
    expect(savePlan({ year: 2031, input, actorUserId: 'usr-tochuc' })).toEqual({ ok: true })
    const stored = getPlan({ year: 2031 })!
    expect(stored.requirements[1]!.audience).toEqual({ unitIds: ['u-qldd-2026'] })
    expect(stored.requirements[3]!.audience).toEqual({ staffTypes: ['cong_chuc', 'nguoi_lao_dong'] })
    const back = getPlanAsInput({ year: 2031 })!
    expect(back).toMatchObject({
      year: 2031,
      reference: '99/KH-TEST',
      referenceDate: '2026-02-01',
      targetPct: 95.5,
      closed: false,
    })
    expect(back.requirements).toEqual(input.requirements)
    const audit = db.sqlite
      .prepare("SELECT actor_user_id AS actor, entity_id AS id, details FROM audit_log WHERE action = 'plan.save'")
      .all() as { actor: string; id: string; details: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'usr-tochuc', id: '2031' })
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      year: 2031,
      requirements: 4,
      before: null,
      after: { reference: '99/KH-TEST' },
    })
    // Saving again replaces the plan.
    expect(
      savePlan({
        year: 2031,
        input: { ...input, requirements: input.requirements.slice(0, 1) },
        actorUserId: 'usr-tochuc',
      }),
    ).toEqual({ ok: true })
    expect(getPlan({ year: 2031 })!.requirements).toHaveLength(1)
  })

  it('lists every bad input: unknown course, unknown unit code (or one not valid on the save date), bad dates, target outside 0–100', () => {
    const result = savePlan({
      year: 2031,
      actorUserId: null,
      input: {
        reference: '',
        referenceDate: '2026-02-30',
        targetPct: 101,
        requirements: [
          { courseId: 'khong-co', audience: { all: true }, dueDate: '31/12/2026' },
          { courseId: 'chuyen-doi-so', audience: { unitCodes: ['KHONG-CO', 'STNMT-TV'] }, dueDate: '2026-12-31' },
          { courseId: 'chuyen-doi-so', audience: { staffTypes: ['Cán bộ'] }, dueDate: '2026-12-31' },
        ],
      },
    })
    if (result.ok || result.status !== 400) throw new Error('expected 400')
    expect(result.problems.map((p) => [p.path, p.code])).toEqual([
      ['reference', 'bad_reference'],
      ['referenceDate', 'bad_date'],
      ['targetPct', 'bad_target'],
      ['requirements[0].courseId', 'unknown_course'],
      ['requirements[0].dueDate', 'bad_date'],
      ['requirements[1].audience.unitCodes', 'unknown_unit'],
      ['requirements[1].audience.unitCodes', 'unknown_unit'],
      ['requirements[2].audience.staffTypes', 'bad_audience'],
    ])
    expect(result.problems[5]!.message).toContain('KHONG-CO')
    // STNMT-TV was the department's code until the merger of 01/3/2025: not a unit on today's date.
    expect(result.problems[6]!.message).toContain('STNMT-TV')
    expect(
      resolvePlanInput({
        input: {
          reference: 'x',
          targetPct: 50,
          requirements: [{ courseId: 'chuyen-doi-so', audience: { unitCodes: ['STNMT-TV'] }, dueDate: '2024-12-31' }],
        },
        asOf: '2024-06-01',
      }).ok,
    ).toBe(true)
  })

  it('follows a unit through a change of code after saving', () => {
    const input: PlanInput = {
      reference: 'R',
      targetPct: 100,
      requirements: [
        { courseId: 'an-toan-thong-tin', audience: { unitCodes: [codeToday('u-ddbdvt')] }, dueDate: '2032-12-31' },
      ],
    }
    expect(savePlan({ year: 2032, input, actorUserId: null })).toEqual({ ok: true })
    const member = (
      db.sqlite
        .prepare(
          "SELECT person_id AS id FROM assignments WHERE unit_id = 'u-ddbdvt' AND valid_to IS NULL ORDER BY person_id LIMIT 1",
        )
        .get() as { id: string }
    ).id
    // The unit is renamed with a new code from tomorrow.
    const tomorrow = addDays(today, 1)
    const current = db.sqlite
      .prepare("SELECT * FROM unit_versions WHERE unit_id = 'u-ddbdvt' AND valid_to IS NULL")
      .get() as Record<string, unknown>
    db.sqlite.prepare('UPDATE unit_versions SET valid_to = ? WHERE id = ?').run(today, current.id)
    db.sqlite
      .prepare(
        "INSERT INTO unit_versions (unit_id, code, name, kind, parent_id, valid_from) VALUES ('u-ddbdvt', 'DDBD-MOI', 'Phòng Đo đạc và Bản đồ', ?, ?, ?)",
      )
      .run(current.kind, current.parent_id, tomorrow)
    expect(listRequirementsForPerson({ personId: member, year: 2032, asOf: tomorrow })).toEqual([
      { courseId: 'an-toan-thong-tin', dueDate: '2032-12-31' },
    ])
    expect(getPlanAsInput({ year: 2032, asOf: tomorrow })!.requirements[0]!.audience).toEqual({
      unitCodes: ['DDBD-MOI'],
    })
    expect(getPlanAsInput({ year: 2032, asOf: today })!.requirements[0]!.audience).toEqual({
      unitCodes: [current.code],
    })
  })

  it('applies to people who join after the plan was saved', () => {
    const input: PlanInput = {
      reference: 'R',
      targetPct: 100,
      requirements: [
        { courseId: 'chuyen-doi-so', audience: { unitCodes: [codeToday('u-qldd-2026')] }, dueDate: '2033-12-31' },
      ],
    }
    expect(savePlan({ year: 2033, input, actorUserId: null })).toEqual({ ok: true })
    const start = addDays(today, 10)
    db.sqlite
      .prepare(
        "INSERT INTO people (id, national_id, ho, chu_dem, ten, search_key, staff_type, created_at, updated_at) VALUES ('p-new', '099999999999', 'Lê', 'Thị', 'Mới', 'le thi moi', 'vien_chuc', 0, 0)",
      )
      .run()
    db.sqlite
      .prepare(
        "INSERT INTO assignments (person_id, unit_id, position, valid_from, source) VALUES ('p-new', 'u-qldd-2026', '', ?, 'manual')",
      )
      .run(start)
    expect(listRequirementsForPerson({ personId: 'p-new', year: 2033, asOf: today })).toEqual([])
    expect(listRequirementsForPerson({ personId: 'p-new', year: 2033, asOf: start })).toEqual([
      { courseId: 'chuyen-doi-so', dueDate: '2033-12-31' },
    ])
  })

  it('refuses a closed year with 409, and accepts it again once reopened', () => {
    db.sqlite.prepare("INSERT INTO year_closes (year, params, report, closed_at) VALUES (2024, '{}', '{}', 0)").run()
    const before = getPlanAsInput({ year: 2024 })!
    expect(
      savePlan({ year: 2024, input: { reference: 'X', targetPct: 1, requirements: [] }, actorUserId: null }),
    ).toEqual({ ok: false, status: 409, error: 'closed' })
    expect(getPlanAsInput({ year: 2024 })).toEqual({ ...before, closed: true })
    expect(copyPlanFromPreviousYear({ year: 2024, actorUserId: null })).toEqual({ ok: false, error: 'closed' })
    db.sqlite.prepare('UPDATE year_closes SET reopened_at = 1 WHERE year = 2024').run()
    expect(
      savePlan({
        year: 2024,
        input: { reference: before.reference, targetPct: before.targetPct, requirements: before.requirements },
        actorUserId: null,
      }),
    ).toEqual({ ok: true })
  })
})

describe('previewing a change', () => {
  it('names exactly who becomes required and who stops, as the saved plan then does person by person', () => {
    const asOf = today
    const proposal: PlanInput = {
      reference: 'R',
      targetPct: 100,
      requirements: [
        {
          courseId: 'tthc-dat-dai-moi-truong',
          audience: { unitCodes: [codeToday('u-qldd-2026'), codeToday('u-vpdkdd')] },
          dueDate: `${year}-12-15`,
        },
        { courseId: 'bao-ve-du-lieu-ca-nhan', audience: { staffTypes: ['Công chức'] }, dueDate: `${year}-11-30` },
        {
          courseId: 'van-ban-dien-tu-chu-ky-so',
          audience: { positions: ['Trưởng phòng', 'Phó Trưởng phòng'] },
          dueDate: `${year}-11-30`,
        },
      ],
    }
    // Start from a stored plan that requires only one unit, so the proposal both adds and removes people.
    expect(
      savePlan({
        year: 2034,
        input: {
          reference: 'R',
          targetPct: 100,
          requirements: [
            { courseId: 'chuyen-doi-so', audience: { unitCodes: [codeToday('u-ttqt')] }, dueDate: '2034-06-30' },
          ],
        },
        actorUserId: null,
      }),
    ).toEqual({ ok: true })
    const before = requiredNow(2034, asOf)
    const resolved = resolvePlanInput({ input: proposal, asOf })
    if (!resolved.ok) throw new Error('proposal invalid')
    const preview = previewPlanChange({ year: 2034, requirements: resolved.plan.requirements, asOf })
    expect(savePlan({ year: 2034, input: proposal, actorUserId: null })).toEqual({ ok: true })
    const after = requiredNow(2034, asOf)
    const added = [...after].filter((id) => !before.has(id)).sort()
    const removed = [...before].filter((id) => !after.has(id)).sort()
    expect(added.length).toBeGreaterThan(0)
    expect(removed.length).toBeGreaterThan(0)
    expect(preview.added.map((p) => p.personId).sort()).toEqual(added)
    expect(preview.removed.map((p) => p.personId).sort()).toEqual(removed)
    expect(preview.requiredBefore).toBe(before.size)
    expect(preview.requiredAfter).toBe(after.size)
    // Previewing the plan against itself changes nobody.
    const same = previewPlanChange({ year: 2034, requirements: resolved.plan.requirements, asOf })
    expect([same.added.length, same.removed.length, same.changed]).toEqual([0, 0, 0])
  })
})

describe('copying from the previous year', () => {
  it('copies the requirements with due dates one year later, only into a year without a plan', () => {
    const source = getPlan({ year: 2026 })!
    expect(copyPlanFromPreviousYear({ year: 2027, actorUserId: 'usr-tochuc' })).toEqual({
      ok: true,
      requirements: source.requirements.length,
    })
    const copy = getPlan({ year: 2027 })!
    expect(copy.targetPct).toBe(source.targetPct)
    expect(copy.requirements.map((r) => [r.courseId, r.audience, r.dueDate])).toEqual(
      source.requirements.map((r) => [r.courseId, r.audience, `2027${r.dueDate.slice(4)}`]),
    )
    expect(copyPlanFromPreviousYear({ year: 2027, actorUserId: null })).toEqual({ ok: false, error: 'exists' })
    expect(copyPlanFromPreviousYear({ year: 2040, actorUserId: null })).toEqual({ ok: false, error: 'no_previous' })
    expect(
      db.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'plan.copy' AND entity_id = '2027'").get(),
    ).toEqual({ n: 1 })
  })
})

describe('a person on a date', () => {
  it('has the same units and ancestors as the whole organisation computed at once, through the reorganisations', () => {
    for (const asOf of ['2024-06-30', '2025-03-01', '2025-07-01', '2026-01-01', today]) {
      const everyone = listPeopleOnDate({ asOf })
      expect(everyone.size).toBeGreaterThan(0)
      for (const [personId, person] of everyone) {
        const one = getPersonOnDate({ personId, asOf })!
        const sorted = (p: PersonOnDate) =>
          [...p.placements].sort((a, b) => a.unitId.localeCompare(b.unitId) || a.position.localeCompare(b.position))
        expect(sorted(one), `${personId} on ${asOf}`).toEqual(sorted(person))
      }
    }
  })

  it('limited to some units, holds exactly the people with a post in them or below, with all their posts', () => {
    for (const asOf of ['2024-06-30', '2025-07-01', today]) {
      const everyone = listPeopleOnDate({ asOf })
      // Two units just below the top of the tree.
      const roots = [
        ...new Set(
          [...everyone.values()].flatMap((p) =>
            p.placements.flatMap((pl) => (pl.ancestorIds.length === 0 ? [] : [pl.ancestorIds.at(-2) ?? pl.unitId])),
          ),
        ),
      ].slice(0, 2)
      expect(roots.length).toBeGreaterThan(0)
      const expected = [...everyone].filter(([, p]) =>
        p.placements.some((pl) => roots.includes(pl.unitId) || pl.ancestorIds.some((id) => roots.includes(id))),
      )
      const scoped = listPeopleOnDate({ asOf, withinUnitIds: roots })
      expect(expected.length).toBeGreaterThan(0)
      expect(expected.length).toBeLessThan(everyone.size)
      expect([...scoped.keys()].sort()).toEqual(expected.map(([id]) => id).sort())
      for (const [id, person] of expected) expect(scoped.get(id)).toEqual(person)
    }
  })
})
