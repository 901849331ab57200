import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDatabase } from './generate'
import { planOrg, SCALES, TEAM_UNIT_ID } from './org-plan'
import { openReader, prepareRunDatabase } from './run-db'

const TODAY = '2026-11-27'

describe('planOrg', () => {
  it('plans a department of about 60 units and 3,500 people, deterministically', () => {
    const org = planOrg(SCALES.department, TODAY)
    const current = org.units.filter((u) => u.versions.some((v) => v.validTo === null))
    expect(current).toHaveLength(60)
    expect(org.people).toHaveLength(3_500)
    expect(new Set(org.people.map((p) => p.nationalId)).size).toBe(3_500)
    expect(org.people.every((p) => /^\d{12}$/.test(p.nationalId))).toBe(true)
    expect(planOrg(SCALES.department, TODAY).people.slice(0, 50)).toEqual(org.people.slice(0, 50))
  })

  it('keeps every assignment inside a version of its unit, in order and without overlap', () => {
    const org = planOrg(SCALES.department, TODAY)
    const versions = new Map(org.units.map((u) => [u.id, u.versions]))
    for (const person of org.people) {
      person.assignments.forEach((a, i) => {
        expect(a.validTo === null || a.validTo >= a.validFrom).toBe(true)
        // Inside the unit's life: from its first version's start to its last version's end.
        const spans = versions.get(a.unitId)!
        const born = spans[0]!.validFrom
        const ended = spans[spans.length - 1]!.validTo
        expect(
          a.validFrom >= born && (ended === null || (a.validTo !== null && a.validTo <= ended)),
          `${person.id} in ${a.unitId} ${a.validFrom}–${a.validTo}`,
        ).toBe(true)
        const next = person.assignments[i + 1]
        if (next) expect(a.validTo !== null && a.validTo < next.validFrom).toBe(true)
      })
    }
  })

  it('plans a province of 100,000 people in about 1,500 units', () => {
    const org = planOrg(SCALES.province, TODAY)
    expect(org.people).toHaveLength(100_000)
    const current = org.units.filter((u) => u.versions.some((v) => v.validTo === null)).length
    expect(current).toBeGreaterThanOrEqual(1_450)
    expect(current).toBeLessThanOrEqual(1_550)
  })
})

describe('generateDatabase', () => {
  let dir: string
  let file: string
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-bench-'))
    file = path.join(dir, 'bench.db')
    generateDatabase({ scale: 'tiny', file, today: TODAY })
  })
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('writes through the real migrations, with the team unit at its planned size', () => {
    const reader = openReader(file)
    try {
      expect(reader.headcountBelow(TEAM_UNIT_ID, TODAY)).toBe(SCALES.tiny.teamUnitPeople)
    } finally {
      reader.close()
    }
    const sqlite = new Database(file, { readonly: true })
    try {
      const n = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
      expect(n('people')).toBe(SCALES.tiny.people)
      expect(n('plans')).toBe(3)
      expect(n('completions')).toBeGreaterThan(SCALES.tiny.people)
      expect(n('lineage_events')).toBe(4 * SCALES.tiny.departments)
      expect(n('__drizzle_migrations')).toBeGreaterThan(0)
      expect(sqlite.pragma('foreign_key_check')).toEqual([])
    } finally {
      sqlite.close()
    }
  })

  it('signs the bench accounts in with sessions lucia accepts', () => {
    const runFile = path.join(dir, 'run.db')
    const accounts = prepareRunDatabase({ cachedFile: file, runFile })
    expect(accounts.quizTakers).toHaveLength(SCALES.tiny.quizLearners)
    expect(accounts.readers).toHaveLength(SCALES.tiny.readerLearners)
    const sqlite = new Database(runFile, { readonly: true })
    try {
      const id = accounts.hr.cookie.split('=')[1]!
      expect(id).toMatch(/^[a-z0-9]{10,64}$/)
      const session = sqlite.prepare('SELECT expires_at AS expiresAt FROM sessions WHERE id = ?').get(id) as {
        expiresAt: number
      }
      expect(session.expiresAt * 1000).toBeGreaterThan(Date.now() + 11 * 3600_000)
    } finally {
      sqlite.close()
    }
  })
})
