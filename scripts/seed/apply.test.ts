import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, type Connection } from '../../app/db/client.server'
import { loadCatalog } from '../../app/content/catalog.server'
import { syncCourses } from '../../app/models/courses.server'
import { applyDemoOrg } from './apply'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-seed-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Columns that legitimately differ between two runs: salted hashes and wall-clock instants. */
const VOLATILE = new Set(['password_hash', 'created_at', 'updated_at', 'granted_at', 'password_changed_at', 'at'])

function dump(connection: Connection): Record<string, unknown[]> {
  const tables = connection.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[]
  const out: Record<string, unknown[]> = {}
  for (const { name } of tables) {
    const rows = connection.sqlite.prepare(`SELECT * FROM ${name} ORDER BY rowid`).all() as Record<string, unknown>[]
    out[name] = rows.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !VOLATILE.has(column))))
  }
  return out
}

async function seeded(name: string, seed?: number): Promise<Connection> {
  const connection = openDatabase(path.join(dir, name))
  migrateDatabase(connection)
  syncCourses({ catalog: loadCatalog(), at: 0 }, connection.db)
  await applyDemoOrg(connection.db, seed === undefined ? {} : { seed })
  return connection
}

describe('the demo seed', () => {
  it('writes the same rows every time for the same seed, and other rows for another seed', async () => {
    const a = await seeded('a.db')
    const b = await seeded('b.db')
    const c = await seeded('c.db', 7)
    const dumpA = dump(a)
    expect(dumpA).toEqual(dump(b))
    expect(dumpA).not.toEqual(dump(c))
    expect(dumpA.people!.length).toBeGreaterThanOrEqual(300)
    expect(dumpA.people!.length).toBeLessThanOrEqual(600)
    expect(dumpA.plans!.map((p) => (p as { year: number }).year)).toEqual([2024, 2025, 2026])
    expect(dumpA.plan_requirements!.length).toBeGreaterThanOrEqual(12)
    for (const connection of [a, b, c]) connection.sqlite.close()
  })

  it('creates the four demo accounts with their roles and scopes, and refuses a database that has data', async () => {
    const connection = await seeded('accounts.db')
    const rows = connection.sqlite
      .prepare(
        `SELECT u.username, u.is_demo AS isDemo, g.role, g.unit_id AS unitId, u.person_id AS personId
         FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.role != 'learner' OR u.username = 'hocvien' ORDER BY u.username`,
      )
      .all()
    expect(rows).toEqual([
      { username: 'hocvien', isDemo: 1, role: 'learner', unitId: null, personId: expect.stringMatching(/^p-[0-9a-f]{16}$/) },
      { username: 'quantri', isDemo: 1, role: 'admin', unitId: null, personId: expect.stringMatching(/^p-[0-9a-f]{16}$/) },
      { username: 'tochuc', isDemo: 1, role: 'hr', unitId: null, personId: expect.stringMatching(/^p-[0-9a-f]{16}$/) },
      { username: 'truongphong', isDemo: 1, role: 'unit_head', unitId: 'u-qldd-2026', personId: expect.stringMatching(/^p-[0-9a-f]{16}$/) },
    ])
    const hash = connection.sqlite.prepare("SELECT password_hash AS h FROM users WHERE username = 'hocvien'").get() as { h: string }
    expect(hash.h).toMatch(/^\$argon2id\$/)
    await expect(applyDemoOrg(connection.db)).rejects.toThrow(/already holds data/)
    connection.sqlite.close()
  })
})
