/**
 * Writes the benchmark database: the real migrations, the courses synced from content/ the way start-up does,
 * then the planned organisation (org-plan.ts), three years of plans (2024–2026), their completions (internal
 * and external), and the bench accounts — bulk INSERTs with prepared statements inside one transaction.
 * Generated files are cached by scale, day and a hash of the schema, content and this generator, so a rerun
 * only copies a file.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { loadCatalog, type CourseSource } from '../../app/content/catalog.server'
import { migrateDatabase, openDatabase } from '../../app/db/client.server'
import { syncCourses } from '../../app/models/courses.server'
import type { Audience } from '../../app/models/audience'
import { audienceMatches, type PersonOnDate } from '../../app/models/audience'
import { newCertificateCode } from '../../app/models/certificate-code'
import { foldForSearch, formatFullName } from '../../app/i18n/format'
import {
  isoAddDays,
  LEADER_POSITIONS,
  mulberry32,
  planOrg,
  randomDate,
  SCALES,
  type PlanOrg,
  type PlanPerson,
  type ScaleName,
} from './org-plan'

export const BENCH_PASSWORD_HASH = '!bench-account-no-password'

export type BenchPlan = {
  year: number
  reference: string
  requirements: { courseId: string; audience: Audience; dueDate: string }[]
}

/** The plans of 2024–2026, by the template's unit slugs, limited to the courses content/ has. */
export function benchPlans(org: PlanOrg, courseIds: ReadonlySet<string>): BenchPlan[] {
  const units = (...slugs: string[]): Audience => ({ unitIds: slugs.flatMap((s) => org.unitsBySlug.get(s) ?? []) })
  const all: Audience = { all: true }
  const plans: BenchPlan[] = [
    {
      year: 2024,
      reference: '18/KH-UBND',
      requirements: [
        { courseId: 'chuyen-doi-so', audience: all, dueDate: '2024-10-31' },
        { courseId: 'an-toan-thong-tin', audience: all, dueDate: '2024-11-30' },
        { courseId: 'tthc-dat-dai-moi-truong', audience: units('vpdk', 'p3'), dueDate: '2024-09-30' },
        { courseId: 'du-lieu-quan-trac', audience: units('tt1', 'p5'), dueDate: '2024-12-15' },
        { courseId: 'van-ban-dien-tu-chu-ky-so', audience: { positions: LEADER_POSITIONS }, dueDate: '2024-08-31' },
      ],
    },
    {
      year: 2025,
      reference: '35/KH-UBND',
      requirements: [
        { courseId: 'chuyen-doi-so', audience: all, dueDate: '2025-10-31' },
        { courseId: 'an-toan-thong-tin', audience: all, dueDate: '2025-11-30' },
        { courseId: 'bao-ve-du-lieu-ca-nhan', audience: { staffTypes: ['cong_chuc'] }, dueDate: '2025-12-15' },
        { courseId: 'phan-tich-du-lieu-bang-tinh', audience: units('p1', 'tt1'), dueDate: '2025-12-15' },
      ],
    },
    {
      year: 2026,
      reference: '12/KH-UBND',
      requirements: [
        { courseId: 'chuyen-doi-so', audience: all, dueDate: '2026-06-30' },
        { courseId: 'an-toan-thong-tin', audience: all, dueDate: '2026-09-30' },
        { courseId: 'tthc-dat-dai-moi-truong', audience: units('vpdk', 'p3a'), dueDate: '2026-12-15' },
        { courseId: 'phan-tich-du-lieu-bang-tinh', audience: units('p3a', 'p3b', 'tt1'), dueDate: '2026-12-15' },
        { courseId: 'bao-ve-du-lieu-ca-nhan', audience: { positions: LEADER_POSITIONS }, dueDate: '2026-11-30' },
      ],
    },
  ]
  return plans.map((p) => ({ ...p, requirements: p.requirements.filter((r) => courseIds.has(r.courseId)) }))
}

/** People in post on a date, with each unit's ancestors on that date (memoised per date). */
export function placementLookup(org: PlanOrg) {
  const versions = new Map(org.units.map((u) => [u.id, u.versions]))
  const versionOn = (unitId: string, date: string) =>
    versions.get(unitId)?.find((v) => v.validFrom <= date && (v.validTo === null || v.validTo >= date)) ?? null
  const ancestorCache = new Map<string, string[]>()
  const ancestorsOn = (unitId: string, date: string): string[] => {
    const key = `${unitId}@${date}`
    let out = ancestorCache.get(key)
    if (out) return out
    out = []
    let parent = versionOn(unitId, date)?.parentId ?? null
    while (parent && !out.includes(parent)) {
      out.push(parent)
      parent = versionOn(parent, date)?.parentId ?? null
    }
    ancestorCache.set(key, out)
    return out
  }
  const onDate = (person: PlanPerson, date: string): PersonOnDate => {
    if (person.leftOn && person.leftOn < date) return { staffType: person.staffType, placements: [] }
    return {
      staffType: person.staffType,
      placements: person.assignments
        .filter((a) => a.validFrom <= date && (a.validTo === null || a.validTo >= date))
        .map((a) => ({ unitId: a.unitId, position: a.position, ancestorIds: ancestorsOn(a.unitId, date) })),
    }
  }
  return { versionOn, onDate }
}

const COMPLETION_RATE: Record<number, number> = { 2024: 0.93, 2025: 0.86, 2026: 0.64 }

export type GeneratedCounts = {
  units: number
  unitVersions: number
  people: number
  assignments: number
  completions: number
  externals: number
  accounts: number
  lessonProgress: number
}

/** Generates the database of `scale` into `file` (which must not exist). */
export function generateDatabase({
  scale,
  file,
  today,
  catalog = loadCatalog(),
}: {
  scale: ScaleName
  file: string
  today: string
  catalog?: CourseSource[]
}): GeneratedCounts {
  const spec = SCALES[scale]
  const org = planOrg(spec, today)
  const connection = openDatabase(file)
  const { sqlite } = connection
  try {
    migrateDatabase(connection)
    syncCourses({ catalog, at: Date.parse(`${today}T00:00:00Z`) }, connection.db)
    sqlite.pragma('synchronous = OFF')
    const courseVersion = new Map(catalog.map((c) => [c.frontmatter.id, c.version]))
    const plans = benchPlans(org, new Set(courseVersion.keys()))
    const lookup = placementLookup(org)
    const random = mulberry32(4242)
    const at = Date.parse(`${today}T00:00:00Z`)
    const counts: GeneratedCounts = {
      units: org.units.length,
      unitVersions: 0,
      people: org.people.length,
      assignments: 0,
      completions: 0,
      externals: 0,
      accounts: 0,
      lessonProgress: 0,
    }

    const insert = {
      unit: sqlite.prepare('INSERT INTO units (id, created_at) VALUES (?, ?)'),
      event: sqlite.prepare(
        'INSERT INTO lineage_events (type, effective_date, decision_number, decision_date, decision_issuer, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      link: sqlite.prepare(
        'INSERT INTO lineage_links (event_id, from_unit_id, to_unit_id, ordinal) VALUES (?, ?, ?, ?)',
      ),
      version: sqlite.prepare(
        'INSERT INTO unit_versions (unit_id, code, name, kind, parent_id, valid_from, valid_to, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      person: sqlite.prepare(
        'INSERT INTO people (id, national_id, ho, chu_dem, ten, search_key, birth_date, sex, email, rank, staff_type, left_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      assignment: sqlite.prepare(
        'INSERT INTO assignments (person_id, unit_id, position, valid_from, valid_to, source) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      user: sqlite.prepare(
        'INSERT INTO users (id, username, password_hash, display_name, person_id, locale, is_demo, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)',
      ),
      grant: sqlite.prepare('INSERT INTO role_grants (user_id, role, unit_id, granted_at) VALUES (?, ?, ?, ?)'),
      plan: sqlite.prepare(
        'INSERT INTO plans (year, reference, reference_date, target_pct, updated_at) VALUES (?, ?, ?, 100, ?)',
      ),
      requirement: sqlite.prepare(
        'INSERT INTO plan_requirements (year, course_id, audience, due_date) VALUES (?, ?, ?, ?)',
      ),
      completion: sqlite.prepare(
        'INSERT INTO completions (id, person_id, course_id, course_version, completed_on, completed_at, score, unit_id, unit_name, certificate_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      external: sqlite.prepare(
        "INSERT INTO external_records (id, person_id, course_id, title, completed_on, duration_tiet, mode, source, unit_id, entered_at) VALUES (?, ?, ?, ?, ?, ?, 'truc_tuyen', ?, ?, ?)",
      ),
      progress: sqlite.prepare(
        'INSERT INTO lesson_progress (person_id, lesson_id, course_id, first_viewed_at, last_viewed_at, completed_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    }

    sqlite.transaction(() => {
      for (const unit of org.units) insert.unit.run(unit.id, at)
      const eventIds = new Map<string, number>()
      for (const event of org.events) {
        const id = Number(
          insert.event.run(
            event.type,
            event.date,
            event.decision,
            isoAddDays(event.date, -20),
            'UBND tỉnh Vĩnh Long',
            at,
          ).lastInsertRowid,
        )
        eventIds.set(event.key, id)
        for (const link of event.links) insert.link.run(id, link.from, link.to, link.ordinal)
      }
      for (const unit of org.units) {
        for (const v of unit.versions) {
          insert.version.run(
            unit.id,
            v.code,
            v.name,
            v.kind,
            v.parentId,
            v.validFrom,
            v.validTo,
            v.eventKey ? eventIds.get(v.eventKey) ?? null : null,
          )
          counts.unitVersions++
        }
      }
      for (const p of org.people) {
        insert.person.run(
          p.id,
          p.nationalId,
          p.ho,
          p.chuDem,
          p.ten,
          foldForSearch(formatFullName(p)),
          p.birthDate,
          p.sex,
          p.email,
          p.rank,
          p.staffType,
          p.leftOn,
          at,
          at,
        )
        for (const a of p.assignments) {
          insert.assignment.run(p.id, a.unitId, a.position, a.validFrom, a.validTo, a.source)
          counts.assignments++
        }
      }

      for (const plan of plans) {
        insert.plan.run(plan.year, plan.reference, `${plan.year}-01-20`, at)
        for (const r of plan.requirements)
          insert.requirement.run(plan.year, r.courseId, JSON.stringify(r.audience), r.dueDate)
      }

      // Completions of the plans: most required people finish, some late, fewer in the current year.
      const codes = new Set<string>()
      const code = () => {
        for (;;) {
          const c = newCertificateCode(random)
          if (!codes.has(c)) return codes.add(c), c
        }
      }
      let completionSeq = 0
      let externalSeq = 0
      const yesterday = isoAddDays(today, -1)
      for (const plan of plans) {
        const yearEnd = `${plan.year}-12-31` < yesterday ? `${plan.year}-12-31` : yesterday
        for (const person of org.people) {
          const mid = lookup.onDate(person, `${plan.year}-06-30`)
          const here = mid.placements.length ? mid : lookup.onDate(person, yearEnd)
          if (!here.placements.length) continue
          const first = person.assignments[0]!.validFrom
          const last = person.leftOn && person.leftOn < yearEnd ? person.leftOn : yearEnd
          const from = first > `${plan.year}-02-01` ? first : `${plan.year}-02-01`
          if (from > last) continue
          for (const r of plan.requirements) {
            if (!audienceMatches(r.audience, here)) continue
            if (random() > COMPLETION_RATE[plan.year]!) continue
            const late = random() < 0.12
            const due = r.dueDate < last ? r.dueDate : last
            const date = randomDate(random, from, late || due < from ? last : due)
            const placement = lookup.onDate(person, date).placements[0] ?? here.placements[0]!
            const unitName = lookup.versionOn(placement.unitId, date)?.name ?? null
            if (random() < 0.08) {
              insert.external.run(
                `bx-${++externalSeq}`,
                person.id,
                r.courseId,
                'Khóa học trên nền tảng OneTouch',
                date,
                4,
                'OneTouch',
                placement.unitId,
                Date.parse(`${date}T03:00:00Z`),
              )
              counts.externals++
            } else {
              const score = 70 + Math.floor(random() * 31)
              insert.completion.run(
                `bc-${++completionSeq}`,
                person.id,
                r.courseId,
                courseVersion.get(r.courseId)!,
                date,
                Date.parse(`${date}T03:00:00Z`),
                score,
                placement.unitId,
                unitName,
                code(),
              )
              counts.completions++
            }
          }
          if (random() < 0.1) {
            const date = randomDate(random, from, last)
            const unitId = (lookup.onDate(person, date).placements[0] ?? here.placements[0]!).unitId
            insert.external.run(
              `bx-${++externalSeq}`,
              person.id,
              null,
              'Bồi dưỡng kiến thức quản lý nhà nước',
              date,
              16,
              'Quyết định cử đi học',
              unitId,
              Date.parse(`${date}T03:00:00Z`),
            )
            counts.externals++
          }
        }
      }

      // Accounts: HR for the whole organisation, the team unit's head, and learners spread over the units.
      const account = (
        username: string,
        displayName: string,
        personId: string | null,
        roles: [string, string | null][],
      ) => {
        const id = `usr-${username}`
        insert.user.run(id, username, BENCH_PASSWORD_HASH, displayName, personId, 'vi', at, at)
        for (const [role, unitId] of roles) insert.grant.run(id, role, unitId, at)
        counts.accounts++
      }
      account('bench-hr', 'Phòng Tổ chức (bench)', null, [['hr', null]])
      account('bench-head', 'Trưởng đơn vị (bench)', org.teamHeadPersonId, [
        ['unit_head', org.teamUnitId],
        ['learner', null],
      ])
      const candidates = org.people.filter((p) => p.current && p.id !== org.teamHeadPersonId)
      const shuffle = mulberry32(77)
      for (let i = candidates.length - 1; i > 0; i--) {
        const j = Math.floor(shuffle() * (i + 1))
        ;[candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!]
      }
      const wanted = spec.quizLearners + spec.readerLearners
      if (candidates.length < wanted)
        throw new Error(`Only ${candidates.length} people in post for ${wanted} bench learners`)
      const lessonIds = catalog.flatMap((c) =>
        c.lessons.map((l) => ({ id: `${c.frontmatter.id}/${l.slug}`, courseId: c.frontmatter.id })),
      )
      candidates.slice(0, wanted).forEach((person, i) => {
        const quiz = i < spec.quizLearners
        const username = quiz
          ? `bench-a-${String(i).padStart(5, '0')}`
          : `bench-b-${String(i - spec.quizLearners).padStart(5, '0')}`
        account(username, formatFullName(person), person.id, [['learner', null]])
        if (!quiz) return
        // Quiz takers have read every lesson this year, so they may start any quiz.
        const readAt = Date.parse(`${today.slice(0, 4)}-02-01T02:00:00Z`) + i * 60_000
        for (const lesson of lessonIds) {
          insert.progress.run(person.id, lesson.id, lesson.courseId, readAt, readAt, readAt)
          counts.lessonProgress++
        }
      })
    })()
    sqlite.pragma('wal_checkpoint(TRUNCATE)')
    return counts
  } finally {
    sqlite.close()
  }
}

function hashFiles(hash: crypto.Hash, target: string): void {
  const stat = fs.statSync(target)
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target).sort()) hashFiles(hash, path.join(target, entry))
  } else hash.update(target).update(fs.readFileSync(target))
}

/** What the generated file depends on: scale, day, migrations, content versions and the generator's code. */
export function cacheKey({
  scale,
  today,
  catalog,
}: {
  scale: ScaleName
  today: string
  catalog: CourseSource[]
}): string {
  const hash = crypto.createHash('sha256').update(`${scale}\0${today}\0`)
  hashFiles(hash, path.resolve('drizzle'))
  for (const file of ['scripts/bench/generate.ts', 'scripts/bench/org-plan.ts']) hashFiles(hash, path.resolve(file))
  for (const c of catalog) hash.update(`${c.frontmatter.id}:${c.version}\0`)
  return hash.digest('hex').slice(0, 12)
}

/** The cached database of `scale` for today, generated if absent. */
export function ensureDatabase({
  scale,
  today,
  cacheDir,
  log = console.log,
}: {
  scale: ScaleName
  today: string
  cacheDir: string
  log?: (line: string) => void
}): { file: string; generatedMs: number | null; counts: GeneratedCounts | null } {
  const catalog = loadCatalog()
  const file = path.join(cacheDir, `${scale}-${cacheKey({ scale, today, catalog })}.db`)
  if (fs.existsSync(file)) return { file, generatedMs: null, counts: null }
  fs.mkdirSync(cacheDir, { recursive: true })
  const partial = `${file}.partial-${process.pid}`
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
  log(`Generating the ${scale} database…`)
  const started = performance.now()
  const counts = generateDatabase({ scale, file: partial, today, catalog })
  const generatedMs = performance.now() - started
  for (const suffix of ['-wal', '-shm']) fs.rmSync(partial + suffix, { force: true })
  fs.renameSync(partial, file)
  log(
    `Generated in ${(generatedMs / 1000).toFixed(1)} s: ${counts.units} units, ${counts.people} people, ${
      counts.assignments
    } assignments, ${counts.completions} completions, ${counts.externals} external records, ${
      counts.accounts
    } accounts.`,
  )
  return { file, generatedMs, counts }
}
