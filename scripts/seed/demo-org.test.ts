import { describe, it, expect } from 'vitest'
import { addDays } from '../../app/i18n/format'
import { buildDemoOrg } from './demo-org'
import type { DemoAssignment, DemoOrg, DemoPerson, DemoUnit, DemoUnitVersion } from './demo-types'

const CHECK_DAYS = ['2024-06-30', '2025-06-30', '2026-06-30'] as const
const KHMER_HO = new Set(['Thạch', 'Kim', 'Sơn', 'Danh', 'Lâm', 'Trà', 'Kiên'])

const covers = (r: { validFrom: string; validTo: string | null }, day: string) =>
  r.validFrom <= day && (r.validTo === null || day <= r.validTo)
const first = (u: DemoUnit) => u.versions[0]!
const last = (u: DemoUnit) => u.versions[u.versions.length - 1]!
const assignmentOn = (p: DemoPerson, day: string): DemoAssignment | undefined => p.assignments.find((a) => covers(a, day))
const fullName = (p: DemoPerson) => [p.ho, p.chuDem, p.ten].filter(Boolean).join(' ')
const dayBefore = (d: string) => addDays(d, -1)
/** Earliest and latest day of a unit's existence (versions are contiguous, checked below). */
const span = (u: DemoUnit) => ({ from: first(u).validFrom, to: last(u).validTo })

// The default seed is what `npm start` shows; the others guard against invariants that hold by luck.
describe.each([2026, 1, 99])('buildDemoOrg(%i)', (seed) => {
  const org = buildDemoOrg(seed)
  const unitByKey = new Map(org.units.map((u) => [u.key, u]))
  const unit = (key: string): DemoUnit => {
    const u = unitByKey.get(key)
    if (!u) throw new Error(`unknown unit ${key}`)
    return u
  }
  const versionOn = (key: string, day: string): DemoUnitVersion | undefined => unit(key).versions.find((v) => covers(v, day))
  const personById = new Map(org.people.map((p) => [p.nationalId, p]))

  it('is deterministic: the same seed gives the same organisation, another seed another one', () => {
    expect(buildDemoOrg(seed)).toEqual(org)
    if (seed === 2026) expect(buildDemoOrg()).toEqual(org)
    const other: DemoOrg = buildDemoOrg(seed + 1)
    expect(other).not.toEqual(org)
    expect(other.people.map((p) => p.nationalId)).not.toEqual(org.people.map((p) => p.nationalId))
  })

  it('has 400–550 people, about 300 in mid-2024, more after the merger', () => {
    expect(org.people.length).toBeGreaterThanOrEqual(400)
    expect(org.people.length).toBeLessThanOrEqual(550)
    const counts = CHECK_DAYS.map((d) => org.people.filter((p) => assignmentOn(p, d)).length)
    expect(counts[0]).toBeGreaterThanOrEqual(260)
    expect(counts[0]).toBeLessThanOrEqual(340)
    expect(counts[1]!).toBeGreaterThan(counts[0]!)
    expect(counts[2]!).toBeGreaterThan(counts[0]!)
  })

  it('gives everyone a unique 12-digit national id matching sex and birth year', () => {
    const ids = org.people.map((p) => p.nationalId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const p of org.people) {
      expect(p.nationalId).toMatch(/^\d{12}$/)
      expect(['083', '084', '086', '092', '094', '079']).toContain(p.nationalId.slice(0, 3))
      const year = Number(p.birthDate.slice(0, 4))
      const digit = (year >= 2000 ? 2 : 0) + (p.sex === 'nu' ? 1 : 0)
      expect(p.nationalId[3]).toBe(String(digit))
      expect(p.nationalId.slice(4, 6)).toBe(p.birthDate.slice(2, 4))
    }
  })

  it('gives plausible names, birth dates, emails, ranks and staff types', () => {
    for (const p of org.people) {
      for (const part of [p.ho, p.chuDem, p.ten]) {
        expect(part).toBe(part.normalize('NFC'))
        expect(part).toBe(part.trim())
      }
      expect(p.ho).not.toBe('')
      expect(p.ten).not.toBe('')
      expect(p.birthDate >= '1966-01-01' && p.birthDate <= '2002-12-31').toBe(true)
      if (p.staffType === 'nguoi_lao_dong') expect(p.rank).toBe('Nhân viên')
      else expect(p.rank).not.toBe('Nhân viên')
    }
    const emails = org.people.flatMap((p) => (p.email ? [p.email] : []))
    expect(emails.length).toBeGreaterThan(org.people.length * 0.8)
    expect(new Set(emails).size).toBe(emails.length)
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.]+@[a-z.]+\.gov\.vn$/)
    const types = new Set(org.people.map((p) => p.staffType))
    expect([...types].sort()).toEqual(['cong_chuc', 'nguoi_lao_dong', 'vien_chuc'])
  })

  it('has Khmer names (≥ 20%), two-word chữ đệm, multi-word tên and Đ-initial names', () => {
    const khmer = org.people.filter((p) => KHMER_HO.has(p.ho)).length
    expect(khmer / org.people.length).toBeGreaterThanOrEqual(0.2)
    expect(org.people.some((p) => p.chuDem.split(' ').length === 2)).toBe(true)
    expect(org.people.some((p) => KHMER_HO.has(p.ho) && p.chuDem.split(' ').length === 2)).toBe(true)
    expect(org.people.some((p) => p.ten.includes(' '))).toBe(true)
    expect(org.people.filter((p) => p.ten.startsWith('Đ')).length).toBeGreaterThanOrEqual(3)
    expect(org.people.filter((p) => p.ho.startsWith('Đ')).length).toBeGreaterThanOrEqual(3)
  })

  it('keeps unit versions contiguous, parents valid and codes unique on every day', () => {
    const keys = org.units.map((u) => u.key)
    expect(new Set(keys).size).toBe(keys.length)
    const boundaries = new Set<string>()
    for (const u of org.units) {
      expect(u.versions.length).toBeGreaterThan(0)
      u.versions.forEach((v, i) => {
        expect(v.code).toMatch(/^[A-Z0-9._-]{1,32}$/)
        if (v.validTo !== null) expect(v.validTo >= v.validFrom).toBe(true)
        if (i > 0) expect(v.validFrom).toBe(addDays(u.versions[i - 1]!.validTo!, 1))
        if (i < u.versions.length - 1) expect(v.validTo).not.toBeNull()
        if (v.parentKey !== null) {
          const p = span(unit(v.parentKey))
          expect(p.from <= v.validFrom).toBe(true)
          if (p.to !== null) expect(v.validTo !== null && v.validTo <= p.to).toBe(true)
        }
        boundaries.add(v.validFrom)
        if (v.validTo) boundaries.add(addDays(v.validTo, 1))
      })
    }
    // Codes only change at version boundaries, so checking each boundary covers every day.
    for (const day of boundaries) {
      const codes = org.units.flatMap((u) => {
        const v = versionOn(u.key, day)
        return v ? [v.code] : []
      })
      expect(new Set(codes).size, `codes on ${day}`).toBe(codes.length)
    }
    expect(org.units.filter((u) => first(u).parentKey === null).map((u) => u.key)).toEqual(['u-so'])
  })

  it('tells the story: Sở TN-MT Trà Vinh → Sở NN&MT Trà Vinh → Sở NN&MT Vĩnh Long; QLĐĐ split in 2026', () => {
    const root = unit('u-so')
    expect(root.versions.map((v) => [v.name, v.validFrom, v.validTo])).toEqual([
      ['Sở Tài nguyên và Môi trường tỉnh Trà Vinh', root.versions[0]!.validFrom, '2025-02-28'],
      ['Sở Nông nghiệp và Môi trường tỉnh Trà Vinh', '2025-03-01', '2025-06-30'],
      ['Sở Nông nghiệp và Môi trường tỉnh Vĩnh Long', '2025-07-01', null],
    ])
    expect(versionOn('u-qldd', '2024-06-30')?.code).toBe('QLDD')
    expect(last(unit('u-qldd')).validTo).toBe('2025-12-31')
    const split = org.events.find((e) => e.type === 'split')
    expect(split?.fromKeys).toEqual(['u-qldd'])
    expect(split?.toKeys[0]).toBe('u-qldd-2026')
    expect(split?.date).toBe('2026-01-01')
    expect(new Set(org.events.map((e) => e.type))).toEqual(new Set(['rename', 'merge', 'create', 'dissolve', 'split']))
    const unitsOn = CHECK_DAYS.map((d) => org.units.filter((u) => versionOn(u.key, d)).length)
    expect(unitsOn[0]).toBe(22)
    // Nine district branches of the land registration office in 2024, none after 01/7/2025.
    const branchesOn = (d: string) =>
      org.units.filter((u) => versionOn(u.key, d)?.kind === 'chi_nhanh' && /huyện|thị xã|thành phố/.test(versionOn(u.key, d)!.name)).length
    expect(branchesOn('2024-06-30')).toBe(9)
    expect(branchesOn('2025-07-01')).toBe(0)
  })

  it('keeps every event consistent with the unit versions', () => {
    const dates = org.events.map((e) => e.date)
    expect([...dates].sort()).toEqual(dates)
    for (const e of org.events) {
      const before = dayBefore(e.date)
      expect(e.note ?? '').toMatch(/demo/i)
      expect(e.decision.number).toMatch(/^\d+\/QĐ-UBND$/)
      expect(['UBND tỉnh Trà Vinh', 'UBND tỉnh Vĩnh Long']).toContain(e.decision.issuer)
      expect(e.decision.date < e.date).toBe(true)
      expect(e.decision.date >= addDays(e.date, -60)).toBe(true)
      for (const k of [...e.fromKeys, ...e.toKeys]) expect(unitByKey.has(k), k).toBe(true)
      switch (e.type) {
        case 'rename':
        case 'move': {
          expect(e.fromKeys).toEqual(e.toKeys)
          expect(e.fromKeys).toHaveLength(1)
          const u = unit(e.fromKeys[0]!)
          const i = u.versions.findIndex((v) => v.validFrom === e.date)
          expect(i).toBeGreaterThan(0)
          expect(u.versions[i - 1]!.validTo).toBe(before)
          if (e.type === 'rename') expect(u.versions[i]!.name).not.toBe(u.versions[i - 1]!.name)
          break
        }
        case 'merge':
        case 'split':
        case 'dissolve':
        case 'create': {
          if (e.type === 'merge') expect(e.fromKeys.length).toBeGreaterThanOrEqual(2)
          if (e.type === 'merge') expect(e.toKeys).toHaveLength(1)
          if (e.type === 'split') expect(e.fromKeys).toHaveLength(1)
          if (e.type === 'split') expect(e.toKeys.length).toBeGreaterThanOrEqual(2)
          if (e.type === 'dissolve') expect(e.toKeys).toEqual([])
          if (e.type === 'create') expect(e.fromKeys).toEqual([])
          for (const k of e.fromKeys) expect(last(unit(k)).validTo, k).toBe(before)
          for (const k of e.toKeys) expect(first(unit(k)).validFrom, k).toBe(e.date)
          break
        }
      }
    }
    // Every unit that ends or starts after 2024 does so through an event.
    for (const u of org.units) {
      const { from, to } = span(u)
      if (from > '2024-01-01') expect(org.events.some((e) => e.toKeys.includes(u.key) && e.date === from), u.key).toBe(true)
      if (to !== null) expect(org.events.some((e) => e.fromKeys.includes(u.key) && e.date === addDays(to, 1)), u.key).toBe(true)
    }
  })

  it('keeps every assignment inside a valid version of its unit, ordered and non-overlapping', () => {
    for (const p of org.people) {
      expect(p.assignments.length, p.nationalId).toBeGreaterThan(0)
      p.assignments.forEach((a, i) => {
        const u = unit(a.unitKey)
        const { from, to } = span(u)
        expect(a.validFrom >= from, `${p.nationalId} ${a.unitKey} from`).toBe(true)
        if (to !== null) expect(a.validTo !== null && a.validTo <= to, `${p.nationalId} ${a.unitKey} to`).toBe(true)
        if (a.validTo !== null) expect(a.validTo >= a.validFrom).toBe(true)
        if (i > 0) {
          const prev = p.assignments[i - 1]!
          expect(prev.validTo, p.nationalId).not.toBeNull()
          expect(prev.validTo! < a.validFrom, p.nationalId).toBe(true)
          expect(prev.unitKey !== a.unitKey || prev.position !== a.position, p.nationalId).toBe(true)
        }
        // Started working at 22 or later.
        expect(a.validFrom >= `${Number(p.birthDate.slice(0, 4)) + 22}`, p.nationalId).toBe(true)
      })
      const lastA = p.assignments[p.assignments.length - 1]!
      if (p.leftOn === null) expect(lastA.validTo, p.nationalId).toBeNull()
      else {
        expect(lastA.validTo).toBe(p.leftOn)
        for (const a of p.assignments) expect(a.validFrom <= p.leftOn && a.validTo! <= p.leftOn).toBe(true)
      }
    }
  })

  it('has movement: moves, leavers and joiners every year, and successors for merged units', () => {
    for (const year of ['2024', '2025', '2026']) {
      const leavers = org.people.filter((p) => p.leftOn?.startsWith(year)).length
      const joiners = org.people.filter((p) => p.assignments[0]!.validFrom.startsWith(year)).length
      const moves = org.people.flatMap((p) => p.assignments.slice(1)).filter((a) => a.validFrom.startsWith(year)).length
      expect(leavers, year).toBeGreaterThan(0)
      expect(joiners, year).toBeGreaterThan(0)
      expect(moves, year).toBeGreaterThan(0)
    }
    // Nobody is in a merged, split or dissolved unit after it ended: checked above; and the merged units'
    // staff on the eve are all in the successor (or gone) the next day.
    for (const e of org.events.filter((x) => x.type === 'merge' || x.type === 'split')) {
      const eve = dayBefore(e.date)
      for (const p of org.people) {
        const a = assignmentOn(p, eve)
        if (!a || !e.fromKeys.includes(a.unitKey)) continue
        const next = assignmentOn(p, e.date)
        expect(next && e.toKeys.includes(next.unitKey), `${p.nationalId} on ${e.date}`).toBe(true)
      }
    }
  })

  it('gives each unit exactly one head and at most two deputies on 30/6 of each year', () => {
    for (const day of CHECK_DAYS) {
      for (const u of org.units.filter((x) => versionOn(x.key, day))) {
        const here = org.people.map((p) => assignmentOn(p, day)).filter((a) => a?.unitKey === u.key)
        const heads = here.filter((a) => a!.position !== '' && !a!.position.startsWith('Phó '))
        const deputies = here.filter((a) => a!.position.startsWith('Phó '))
        expect(heads.length, `${u.key} on ${day}`).toBe(1)
        expect(deputies.length, `${u.key} on ${day}`).toBeLessThanOrEqual(2)
      }
    }
    const rootHead = org.people.map((p) => assignmentOn(p, '2024-06-30')).find((a) => a?.unitKey === 'u-so' && a.position === 'Giám đốc')
    expect(rootHead).toBeDefined()
  })

  it('has the four demo accounts tied to the right people and units', () => {
    expect(org.accounts.map((a) => [a.username, a.role]).sort()).toEqual([
      ['hocvien', 'learner'],
      ['quantri', 'admin'],
      ['tochuc', 'hr'],
      ['truongphong', 'unit_head'],
    ])
    const byName = new Map(org.accounts.map((a) => [a.username, a]))
    const personOf = (username: string): DemoPerson => {
      const acc = byName.get(username)!
      const p = personById.get(acc.personNationalId ?? '')
      if (!p) throw new Error(`no person for ${username}`)
      expect(acc.displayName).toBe(fullName(p))
      expect(p.leftOn).toBeNull()
      return p
    }

    const learner = personOf('hocvien')
    expect(byName.get('hocvien')!.scopeUnitKey).toBeNull()
    for (const [day, unitKey] of [['2024-01-01', 'u-qldd'], ['2024-06-30', 'u-qldd'], ['2025-12-31', 'u-qldd'], ['2026-01-01', 'u-qldd-2026'], ['2026-06-30', 'u-qldd-2026']] as const) {
      expect(assignmentOn(learner, day), day).toMatchObject({ unitKey, position: '' })
    }

    const head = personOf('truongphong')
    expect(byName.get('truongphong')!.scopeUnitKey).toBe('u-qldd-2026')
    for (const [day, unitKey] of [['2024-06-30', 'u-qldd'], ['2025-06-30', 'u-qldd'], ['2026-06-30', 'u-qldd-2026']] as const) {
      expect(assignmentOn(head, day), day).toMatchObject({ unitKey, position: 'Trưởng phòng' })
    }

    for (const username of ['tochuc', 'quantri']) {
      const p = personOf(username)
      expect(byName.get(username)!.scopeUnitKey).toBeNull()
      for (const day of CHECK_DAYS) expect(assignmentOn(p, day)?.unitKey, `${username} ${day}`).toBe('u-vp')
    }
    expect(personOf('tochuc').staffType).toBe('cong_chuc')
  })
})
