/**
 * Completions for the demo's plans of 2024–2026, deterministic: most staff finish what their plan requires,
 * some late, some not at all (more of them in the current year, which is not over), a few through OneTouch
 * (external records naming the course), and some outside courses that count for reach and hours only.
 */
import { audienceMatches, type PersonOnDate } from '../../app/models/audience'
import type { DemoOrg, DemoPerson } from './demo-types'
import type { DemoPlan } from './demo-plans'

export type DemoCompletion = { nationalId: string; courseId: string; completedOn: string; unitKey: string; score: number }
export type DemoExternal = { nationalId: string; courseId: string | null; title: string; completedOn: string; tiet: number; source: string; unitKey: string }

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const day = (date: string) => Date.parse(`${date}T00:00:00Z`)

/** The demo's "today": completions stop here so the current year looks under way. */
export const DEMO_TODAY = '2026-11-20'

/** Share of required people who complete each course, by year. */
const COMPLETION_RATE: Record<number, number> = { 2024: 0.93, 2025: 0.86, 2026: 0.64 }

function placementsOn(org: DemoOrg, person: DemoPerson, date: string): PersonOnDate {
  const versionOn = (key: string) => org.units.find((u) => u.key === key)?.versions.find((v) => v.validFrom <= date && (v.validTo === null || v.validTo >= date))
  const ancestors = (key: string) => {
    const out: string[] = []
    let parent = versionOn(key)?.parentKey ?? null
    while (parent && !out.includes(parent)) {
      out.push(parent)
      parent = versionOn(parent)?.parentKey ?? null
    }
    return out
  }
  if (person.leftOn && person.leftOn < date) return { staffType: person.staffType, placements: [] }
  return {
    staffType: person.staffType,
    placements: person.assignments
      .filter((a) => a.validFrom <= date && (a.validTo === null || a.validTo >= date))
      .map((a) => ({ unitId: a.unitKey, position: a.position, ancestorIds: ancestors(a.unitKey) })),
  }
}

export function buildDemoCompletions(org: DemoOrg, plans: readonly DemoPlan[], seed = 2026): { completions: DemoCompletion[]; externals: DemoExternal[] } {
  const random = mulberry32(seed * 7919)
  const completions: DemoCompletion[] = []
  const externals: DemoExternal[] = []
  for (const plan of plans) {
    const yearEnd = plan.year === Number(DEMO_TODAY.slice(0, 4)) ? DEMO_TODAY : `${plan.year}-12-31`
    // Who the plan covers: people in post at mid-year or at its end.
    const checkDate = `${plan.year}-06-30`
    for (const person of org.people) {
      const onDate = placementsOn(org, person, checkDate)
      const atEnd = placementsOn(org, person, yearEnd)
      const here = onDate.placements.length ? onDate : atEnd
      if (!here.placements.length) continue
      for (const requirement of plan.requirements) {
        if (!audienceMatches(requirement.audience, here)) continue
        if (random() > COMPLETION_RATE[plan.year]!) continue
        // Mostly before the due date, some after it, never after the year (or the demo's today).
        const start = day(`${plan.year}-02-01`)
        const late = random() < 0.12
        const end = Math.min(late ? day(yearEnd) : day(requirement.dueDate), day(yearEnd))
        const date = iso(start + Math.floor(random() * Math.max(1, end - start) / 86_400_000) * 86_400_000)
        const where = placementsOn(org, person, date).placements[0] ?? here.placements[0]!
        if (random() < 0.08) {
          externals.push({ nationalId: person.nationalId, courseId: requirement.courseId, title: 'Khóa học trên nền tảng OneTouch', completedOn: date, tiet: 4, source: 'OneTouch', unitKey: where.unitId })
        } else {
          completions.push({ nationalId: person.nationalId, courseId: requirement.courseId, completedOn: date, unitKey: where.unitId, score: 80 + Math.floor(random() * 21) })
        }
      }
      if (random() < 0.1) {
        const date = iso(day(`${plan.year}-03-01`) + Math.floor(random() * 200) * 86_400_000)
        if (date <= yearEnd) externals.push({ nationalId: person.nationalId, courseId: null, title: 'Bồi dưỡng kiến thức quản lý nhà nước về tài nguyên và môi trường', completedOn: date, tiet: 16, source: 'Quyết định cử đi học số 25/QĐ-SNNMT', unitKey: here.placements[0]!.unitId })
      }
    }
  }
  return { completions, externals }
}
