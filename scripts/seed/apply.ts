/**
 * Writes the demo organisation into an empty database, in one transaction. Ids are deterministic (unit keys,
 * `p-<số định danh>`, `usr-<username>`), so the same seed gives the same rows; only password hashes (salted)
 * and creation instants differ.
 */
import { createHash } from 'node:crypto'
import { count } from 'drizzle-orm'
import { hashPassword } from '../../app/auth/password.server'
import { writeTransaction, type Db } from '../../app/db/client.server'
import {
  assignments,
  completions,
  courses,
  externalRecords,
  lineageEvents,
  lineageLinks,
  people,
  planRequirements,
  plans,
  units,
  unitVersions,
} from '../../app/db/schema'
import { foldForSearch, formatFullName } from '../../app/i18n/format'
import { recordAudit } from '../../app/models/audit.server'
import { DEMO_PASSWORD } from '../../app/models/demo'
import { newCertificateCode } from '../../app/models/certificate-code'
import { createUser } from '../../app/models/users.server'
import { buildDemoOrg } from './demo-org'
import { buildDemoCompletions } from './demo-completions'
import { DEMO_PLANS } from './demo-plans'
import type { DemoOrg } from './demo-types'

/**
 * A deterministic but opaque person id: URLs and logs must not carry the số định danh (personal data), so the
 * demo's ids are a hash of it rather than the number itself.
 */
export function personIdFor(nationalId: string): string {
  return `p-${createHash('sha256').update(`hocso-demo-person:${nationalId}`).digest('hex').slice(0, 16)}`
}

export function isDatabaseEmpty(db: Db): boolean {
  return (db.select({ n: count() }).from(units).get()?.n ?? 0) === 0
}

/** Seeds `db` with the demo organisation; refuses a database that already has units. */
export async function applyDemoOrg(db: Db, { seed = 2026, org = buildDemoOrg(seed) }: { seed?: number; org?: DemoOrg } = {}) {
  if (!isDatabaseEmpty(db)) throw new Error('The database already holds data; the demo seed only goes into an empty one.')
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const at = Date.now()
  writeTransaction((tx) => {
    for (const unit of org.units) tx.insert(units).values({ id: unit.key, createdAt: at }).run()

    // Events first, so each version can point at the event that opened it.
    const eventIdByUnitAndDate = new Map<string, number>()
    for (const event of org.events) {
      const row = tx
        .insert(lineageEvents)
        .values({
          type: event.type,
          effectiveDate: event.date,
          decisionNumber: event.decision.number,
          decisionDate: event.decision.date,
          decisionIssuer: event.decision.issuer,
          note: event.note ?? null,
          createdAt: at,
        })
        .returning({ id: lineageEvents.id })
        .get()
      const pairs: { from: string | null; to: string | null; ordinal: number }[] = []
      if (event.type === 'create') event.toKeys.forEach((to, i) => pairs.push({ from: null, to, ordinal: i }))
      else if (event.type === 'dissolve') event.fromKeys.forEach((from, i) => pairs.push({ from, to: null, ordinal: i }))
      else if (event.type === 'split') event.toKeys.forEach((to, i) => pairs.push({ from: event.fromKeys[0] ?? null, to, ordinal: i }))
      else if (event.type === 'merge') event.fromKeys.forEach((from, i) => pairs.push({ from, to: event.toKeys[0] ?? null, ordinal: i }))
      else event.fromKeys.forEach((from, i) => pairs.push({ from, to: event.toKeys[i] ?? from, ordinal: i }))
      for (const pair of pairs) {
        tx.insert(lineageLinks).values({ eventId: row.id, fromUnitId: pair.from, toUnitId: pair.to, ordinal: pair.ordinal }).run()
      }
      for (const key of event.toKeys) eventIdByUnitAndDate.set(`${key}@${event.date}`, row.id)
    }

    for (const unit of org.units) {
      for (const version of unit.versions) {
        tx.insert(unitVersions)
          .values({
            unitId: unit.key,
            code: version.code,
            name: version.name,
            kind: version.kind,
            parentId: version.parentKey,
            validFrom: version.validFrom,
            validTo: version.validTo,
            eventId: eventIdByUnitAndDate.get(`${unit.key}@${version.validFrom}`) ?? null,
          })
          .run()
      }
    }

    for (const person of org.people) {
      const id = personIdFor(person.nationalId)
      tx.insert(people)
        .values({
          id,
          nationalId: person.nationalId,
          ho: person.ho,
          chuDem: person.chuDem,
          ten: person.ten,
          fullNameOriginal: null,
          searchKey: foldForSearch(formatFullName(person)),
          birthDate: person.birthDate,
          sex: person.sex,
          email: person.email,
          rank: person.rank,
          staffType: person.staffType,
          leftOn: person.leftOn,
          createdAt: at,
          updatedAt: at,
        })
        .run()
      for (const assignment of person.assignments) {
        tx.insert(assignments)
          .values({
            personId: id,
            unitId: assignment.unitKey,
            position: assignment.position,
            validFrom: assignment.validFrom,
            validTo: assignment.validTo,
            source: 'seed',
          })
          .run()
      }
    }

    for (const account of org.accounts) {
      createUser(
        {
          id: `usr-${account.username}`,
          username: account.username,
          passwordHash,
          displayName: account.displayName,
          personId: account.personNationalId ? personIdFor(account.personNationalId) : null,
          isDemo: true,
          grants: [
            { role: account.role, unitId: account.scopeUnitKey },
            // Everyone with a staff record is also a learner.
            ...(account.role !== 'learner' && account.personNationalId ? [{ role: 'learner' as const, unitId: null }] : []),
          ],
          at,
        },
        tx,
      )
    }

    // Plans name courses, so only requirements for courses already synced from content/ are written.
    const knownCourses = new Set(tx.select({ id: courses.id }).from(courses).all().map((c) => c.id))
    for (const plan of DEMO_PLANS) {
      tx.insert(plans)
        .values({ year: plan.year, reference: plan.reference, referenceDate: plan.referenceDate, targetPct: plan.targetPct, updatedAt: at })
        .run()
      for (const requirement of plan.requirements.filter((r) => knownCourses.has(r.courseId))) {
        tx.insert(planRequirements).values({ year: plan.year, ...requirement }).run()
      }
    }

    // Completions of those plans (only for courses synced from content/), internal and external.
    const courseRows = new Map(tx.select({ id: courses.id, version: courses.version }).from(courses).all().map((c) => [c.id, c.version]))
    const unitNameOn = (key: string, date: string) =>
      org.units.find((u) => u.key === key)?.versions.find((v) => v.validFrom <= date && (v.validTo === null || v.validTo >= date))?.name ?? null
    const demo = buildDemoCompletions(org, DEMO_PLANS.map((p) => ({ ...p, requirements: p.requirements.filter((r) => knownCourses.has(r.courseId)) })), seed)
    let codeSeed = seed
    const codeRandom = () => ((codeSeed = (codeSeed * 16807) % 2147483647) - 1) / 2147483646
    demo.completions.forEach((c, i) => {
      tx.insert(completions)
        .values({
          id: `dc-${seed}-${i}`,
          personId: personIdFor(c.nationalId),
          courseId: c.courseId,
          courseVersion: courseRows.get(c.courseId) ?? 'demo',
          completedOn: c.completedOn,
          completedAt: Date.parse(`${c.completedOn}T03:00:00Z`),
          score: c.score,
          unitId: c.unitKey,
          unitName: unitNameOn(c.unitKey, c.completedOn),
          certificateCode: newCertificateCode(codeRandom),
        })
        .run()
    })
    demo.externals.forEach((e, i) => {
      tx.insert(externalRecords)
        .values({
          id: `de-${seed}-${i}`,
          personId: personIdFor(e.nationalId),
          courseId: e.courseId,
          title: e.title,
          completedOn: e.completedOn,
          durationTiet: e.tiet,
          mode: 'truc_tuyen',
          source: e.source,
          unitId: e.unitKey,
          enteredAt: Date.parse(`${e.completedOn}T03:00:00Z`),
        })
        .run()
    })

    recordAudit(
      {
        action: 'seed.demo',
        entityType: 'database',
        details: { seed, units: org.units.length, people: org.people.length, accounts: org.accounts.length },
        at,
      },
      tx,
    )
  }, db)
  return { units: org.units.length, people: org.people.length, accounts: org.accounts.length }
}
