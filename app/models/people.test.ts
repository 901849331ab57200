/** The staff list, person record, name corrections and role grants, on the real demo organisation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyPassword } from '~/auth/password.server'
import { loadCatalog } from '~/content/catalog.server'
import { isoDateInVietnam } from '~/i18n/format'
import { applyDemoOrg } from '../../scripts/seed/apply'
import { createTestDatabase } from '../../tests/db'
import { syncCourses } from './courses.server'
import {
  getPersonAccount,
  getPersonRecord,
  grantRole,
  isPersonInScope,
  listPeople,
  renamePerson,
  resolveScopeUnitIds,
  revokeRole,
  suggestUsername,
} from './people.server'
import { listActivePlacements, listUnitsAsOf, orderAsTree, subtreeIds } from './units.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())
const today = isoDateInVietnam()

beforeAll(async () => {
  syncCourses({ catalog: loadCatalog(), at: 0 }, db.db)
  await applyDemoOrg(db.db)
})

const collator = new Intl.Collator('vi')
const everyone = (filter: Parameters<typeof listPeople>[0]['filter'] = {}) =>
  listPeople({ asOf: today, scopeUnitIds: null, filter: { active: 'all', ...filter }, pageSize: 10_000 })

type Row = { id: string; ho: string; chuDem: string; ten: string }
const rows = (sql: string, ...params: unknown[]) => db.sqlite.prepare(sql).all(...params) as Row[]

describe('the staff list', () => {
  it('sorts by tên, then chữ đệm, then họ, with Vietnamese collation (Đ after D), Khmer names included', () => {
    const list = everyone()
    expect(list.total).toBe((db.sqlite.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n)
    const items = list.items
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1]!
      const b = items[i]!
      const order = collator.compare(a.ten, b.ten) || collator.compare(a.chuDem, b.chuDem) || collator.compare(a.ho, b.ho)
      expect(order, `${a.ho} ${a.chuDem} ${a.ten} before ${b.ho} ${b.chuDem} ${b.ten}`).toBeLessThanOrEqual(0)
    }
    const tens = items.map((p) => p.ten)
    const lastD = tens.findLastIndex((t) => t.startsWith('D'))
    const firstDd = tens.findIndex((t) => t.startsWith('Đ'))
    expect(lastD).toBeGreaterThan(-1)
    expect(firstDd).toBeGreaterThan(lastD)
    // A Khmer name with a two-word tên sorts by its whole tên, not by its last word.
    const khmer = items.find((p) => p.ten.includes(' '))!
    expect(khmer).toBeDefined()
    const at = items.indexOf(khmer)
    const before = items.slice(0, at).filter((p) => collator.compare(p.ten, khmer.ten) > 0)
    expect(before).toEqual([])
    // Same tên: chữ đệm decides before họ.
    const groups = new Map<string, typeof items>()
    for (const p of items) groups.set(p.ten, [...(groups.get(p.ten) ?? []), p])
    const group = [...groups.values()].find((g) => new Set(g.map((p) => p.chuDem)).size > 1 && new Set(g.map((p) => p.ho)).size > 1)!
    expect(group.map((p) => p.chuDem)).toEqual([...group.map((p) => p.chuDem)].sort(collator.compare))
  })

  it('pages by 50 with the total, continuing the same order', () => {
    const all = listPeople({ asOf: today, scopeUnitIds: null, filter: {}, pageSize: 10_000 })
    const first = listPeople({ asOf: today, scopeUnitIds: null })
    const second = listPeople({ asOf: today, scopeUnitIds: null, page: 2 })
    expect(first.items).toHaveLength(50)
    expect(first.total).toBe(all.total)
    expect(first.pageCount).toBe(Math.ceil(all.total / 50))
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual(all.items.slice(0, 100).map((p) => p.id))
    expect(listPeople({ asOf: today, scopeUnitIds: null, page: 9999 }).page).toBe(first.pageCount)
  })

  it('searches accent-insensitively ("nguyen van an" finds "Nguyễn Văn An") and by the start of the số định danh', () => {
    const target = rows("SELECT id, ho, chu_dem AS chuDem, ten FROM people WHERE ho = 'Nguyễn' AND chu_dem = 'Văn' ORDER BY id LIMIT 1")[0]!
    expect(target).toBeDefined()
    // Make sure the demo holds a "Nguyễn Văn An" (the search key as any write computes it), then look for it without accents.
    if (!rows("SELECT id FROM people WHERE ho = 'Nguyễn' AND chu_dem = 'Văn' AND ten = 'An'").length) {
      expect(renamePerson({ personId: target.id, ho: 'Nguyễn', chuDem: 'Văn', ten: 'An', actorUserId: null })).toEqual({ ok: true })
    }
    const found = everyone({ query: 'nguyen van an' })
    expect(found.items.map((p) => `${p.ho} ${p.chuDem} ${p.ten}`)).toContain('Nguyễn Văn An')
    const plain = (p: Row) => `${p.ho} ${p.chuDem} ${p.ten}`.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd').toLowerCase()
    expect(found.items.every((p) => ['nguyen', 'van', 'an'].every((w) => plain(p).includes(w)))).toBe(true)
    expect(everyone({ query: 'NGUYỄN văn   AN' }).items.map((p) => p.id)).toEqual(found.items.map((p) => p.id))
    const dd = everyone({ query: 'dat' }).items
    expect(dd.some((p) => p.ten === 'Đạt')).toBe(true)
    const nationalId = (db.sqlite.prepare('SELECT national_id AS n FROM people WHERE id = ?').get(target.id) as { n: string }).n
    expect(everyone({ query: nationalId.slice(0, 9) }).items.map((p) => p.id)).toContain(target.id)
    expect(everyone({ query: 'zzzz khong co ai' }).total).toBe(0)
  })

  it('filters by unit with its sub-units, staff type, position and being in post', () => {
    const tree = orderAsTree(listUnitsAsOf({ asOf: today }))
    const parent = tree.find((u) => u.childIds.length > 0 && u.depth > 0)!
    expect(parent).toBeDefined()
    const ids = subtreeIds(tree, parent.id)
    const expected = new Set(listActivePlacements({ asOf: today }).filter((p) => ids.has(p.unitId)).map((p) => p.personId))
    const byUnit = listPeople({ asOf: today, scopeUnitIds: null, filter: { unitId: parent.id }, pageSize: 10_000 })
    expect(new Set(byUnit.items.map((p) => p.id))).toEqual(expected)
    expect(expected.size).toBeGreaterThan(listActivePlacements({ asOf: today }).filter((p) => p.unitId === parent.id).length)

    const vc = everyone({ staffType: 'vien_chuc' })
    expect(vc.total).toBeGreaterThan(0)
    expect(vc.items.every((p) => p.staffType === 'vien_chuc')).toBe(true)

    const heads = listPeople({ asOf: today, scopeUnitIds: null, filter: { position: 'Trưởng phòng' }, pageSize: 10_000 })
    expect(heads.total).toBeGreaterThan(0)
    expect(heads.items.every((p) => p.posts.some((post) => post.position === 'Trưởng phòng'))).toBe(true)

    const active = listPeople({ asOf: today, scopeUnitIds: null, filter: { active: 'active' }, pageSize: 10_000 })
    const inactive = listPeople({ asOf: today, scopeUnitIds: null, filter: { active: 'inactive' }, pageSize: 10_000 })
    expect(active.total + inactive.total).toBe(everyone().total)
    expect(inactive.total).toBeGreaterThan(0)
    expect(active.items.every((p) => p.active)).toBe(true)
    expect(inactive.items.every((p) => !p.active)).toBe(true)
    expect(new Set(active.items.map((p) => p.id))).toEqual(new Set(listActivePlacements({ asOf: today }).map((p) => p.personId)))
  })

  it('limits a unit head to their unit and the units below it', () => {
    const scope = resolveScopeUnitIds({ grants: [{ role: 'unit_head', unitId: 'u-qldd-2026' }, { role: 'learner', unitId: null }], asOf: today })!
    expect(scope.has('u-qldd-2026')).toBe(true)
    expect(resolveScopeUnitIds({ grants: [{ role: 'hr', unitId: null }], asOf: today })).toBeNull()
    const mine = listPeople({ asOf: today, scopeUnitIds: scope, filter: { active: 'all' }, pageSize: 10_000 })
    const expected = new Set(listActivePlacements({ asOf: today }).filter((p) => scope.has(p.unitId)).map((p) => p.personId))
    expect(mine.total).toBeGreaterThan(0)
    expect(new Set(mine.items.map((p) => p.id))).toEqual(expected)
    const outsider = listActivePlacements({ asOf: today }).find((p) => !expected.has(p.personId))!
    expect(isPersonInScope({ personId: outsider.personId, scopeUnitIds: scope, asOf: today })).toBe(false)
    expect(isPersonInScope({ personId: [...expected][0]!, scopeUnitIds: scope, asOf: today })).toBe(true)
  })
})

describe('the person record', () => {
  it('holds the assignment history with the unit names of the time, and internal and external training', () => {
    const moved = db.sqlite
      .prepare("SELECT person_id AS id FROM assignments WHERE unit_id = 'u-qldd' AND valid_to IS NOT NULL ORDER BY person_id LIMIT 1")
      .get() as { id: string }
    db.sqlite.prepare("INSERT INTO external_records (id, person_id, course_id, title, completed_on, duration_tiet, source, entered_at) VALUES ('ext-1', ?, NULL, 'Lớp bồi dưỡng tại Hà Nội', '2025-05-10', 8, 'QĐ 12/QĐ-BNV', 0)").run(moved.id)
    const record = getPersonRecord({ personId: moved.id })!
    expect(record.assignments.some((a) => a.unitId === 'u-qldd' && a.unitName === 'Phòng Quản lý đất đai')).toBe(true)
    expect(record.training).toContainEqual(expect.objectContaining({ kind: 'external', title: 'Lớp bồi dưỡng tại Hà Nội', source: 'QĐ 12/QĐ-BNV' }))
    expect(getPersonRecord({ personId: 'nobody' })).toBeNull()
  })
})

describe('correcting a name', () => {
  it('cleans each part, recomputes the search key and records before and after', () => {
    const person = rows("SELECT id, ho, chu_dem AS chuDem, ten FROM people WHERE ho = 'Thạch' ORDER BY id LIMIT 1")[0]!
    const result = renamePerson({ personId: person.id, ho: ' Thạch  Trần ', chuDem: 'Thị', ten: '\u00D0a Ni', actorUserId: 'usr-tochuc' })
    expect(result).toEqual({ ok: true })
    const after = db.sqlite.prepare('SELECT ho, chu_dem AS chuDem, ten, search_key AS key FROM people WHERE id = ?').get(person.id)
    expect(after).toEqual({ ho: 'Thạch Trần', chuDem: 'Thị', ten: 'Đa Ni', key: 'thach tran thi da ni' })
    const audit = db.sqlite.prepare("SELECT actor_user_id AS actor, entity_id AS id, details FROM audit_log WHERE action = 'person.rename' AND entity_id = ?").all(person.id) as { actor: string; id: string; details: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor).toBe('usr-tochuc')
    expect(JSON.parse(audit[0]!.details)).toEqual({ before: { ho: person.ho, chuDem: person.chuDem, ten: person.ten }, after: { ho: 'Thạch Trần', chuDem: 'Thị', ten: 'Đa Ni' } })
    expect(everyone({ query: 'tran thi da ni' }).items.map((p) => p.id)).toEqual([person.id])
    expect(renamePerson({ personId: person.id, ho: 'X', chuDem: '', ten: '  ', actorUserId: null })).toEqual({ ok: false, error: 'invalid', fields: { ten: 'required' } })
  })
})

describe('granting roles', () => {
  it('creates an account with a one-time password for a person without one, audited, and revokes', async () => {
    const person = rows('SELECT p.id, p.ho, p.chu_dem AS chuDem, p.ten FROM people p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id) ORDER BY p.id LIMIT 1')[0]!
    expect(getPersonAccount({ personId: person.id, asOf: today })).toBeNull()
    expect(await grantRole({ personId: person.id, role: 'unit_head', unitId: null, actorUserId: 'usr-quantri', asOf: today })).toEqual({ ok: false, error: 'unit_required' })
    for (const role of ['hr', 'admin'] as const) {
      expect(await grantRole({ personId: person.id, role, unitId: 'u-qldd-2026', actorUserId: 'usr-quantri', asOf: today })).toEqual({ ok: false, error: 'department_wide' })
    }
    expect(await grantRole({ personId: person.id, role: 'learner', unitId: null, username: 'Bad Name!', actorUserId: 'usr-quantri', asOf: today })).toEqual({ ok: false, error: 'bad_username' })
    expect(await grantRole({ personId: person.id, role: 'learner', unitId: null, username: 'hocvien', actorUserId: 'usr-quantri', asOf: today })).toEqual({ ok: false, error: 'username_taken' })
    const suggested = suggestUsername({ name: person })
    expect(suggested).toMatch(/^[a-z0-9]+$/)
    const result = await grantRole({ personId: person.id, role: 'unit_head', unitId: 'u-qldd-2026', actorUserId: 'usr-quantri', asOf: today })
    if (!result.ok || !result.account.created) throw new Error(`grant failed: ${JSON.stringify(result)}`)
    expect(result.account.username).toBe(suggested)
    expect(result.account.initialPassword.length).toBeGreaterThanOrEqual(12)
    const user = db.sqlite.prepare('SELECT id, password_hash AS hash, person_id AS personId FROM users WHERE username = ?').get(suggested) as { id: string; hash: string; personId: string }
    expect(user.personId).toBe(person.id)
    expect(user.hash).not.toContain(result.account.initialPassword)
    expect(await verifyPassword(user.hash, result.account.initialPassword)).toBe(true)
    const account = getPersonAccount({ personId: person.id, asOf: today })!
    expect(account.grants).toEqual([expect.objectContaining({ role: 'unit_head', unitId: 'u-qldd-2026', unitName: 'Phòng Quản lý đất đai' })])
    // A second grant reuses the account.
    const second = await grantRole({ personId: person.id, role: 'hr', unitId: null, actorUserId: 'usr-quantri', asOf: today })
    expect(second).toMatchObject({ ok: true, account: { created: false } })
    expect(await grantRole({ personId: person.id, role: 'hr', unitId: null, actorUserId: 'usr-quantri', asOf: today })).toEqual({ ok: false, error: 'already_granted' })
    expect(revokeRole({ personId: person.id, grantId: result.grantId, actorUserId: 'usr-quantri' })).toEqual({ ok: true })
    expect(revokeRole({ personId: person.id, grantId: result.grantId, actorUserId: 'usr-quantri' })).toEqual({ ok: false })
    expect(getPersonAccount({ personId: person.id, asOf: today })!.grants.map((g) => g.role)).toEqual(['hr'])
    const actions = (db.sqlite.prepare("SELECT action FROM audit_log WHERE actor_user_id = 'usr-quantri' ORDER BY id").all() as { action: string }[]).map((r) => r.action)
    expect(actions).toEqual(['account.create', 'role.grant', 'role.grant', 'role.revoke'])
  })
})
