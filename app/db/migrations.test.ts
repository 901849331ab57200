import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { is } from 'drizzle-orm'
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase } from './client.server'
import * as schema from './schema'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-migrate-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const tables = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable => is(value, SQLiteTable))

describe('migrations', () => {
  it('create every table of the schema, with its columns, in an empty database', () => {
    const connection = openDatabase(path.join(dir, 'empty.db'))
    migrateDatabase(connection)
    const names = connection.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => (row as { name: string }).name)
    expect(tables.length).toBeGreaterThanOrEqual(20)
    for (const table of tables) {
      const config = getTableConfig(table)
      expect(names).toContain(config.name)
      const columns = connection.sqlite.prepare(`PRAGMA table_info(${config.name})`).all() as { name: string }[]
      expect(columns.map((c) => c.name).sort()).toEqual(config.columns.map((c) => c.name).sort())
    }
    connection.sqlite.close()
  })

  it('are idempotent: applying them twice changes nothing', () => {
    const file = path.join(dir, 'twice.db')
    const first = openDatabase(file)
    migrateDatabase(first)
    const before = first.sqlite.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()
    migrateDatabase(first)
    expect(first.sqlite.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(before)
    first.sqlite.close()
  })

  it('open connections with WAL, foreign keys, a busy timeout and synchronous FULL', () => {
    const connection = openDatabase(path.join(dir, 'pragmas.db'))
    expect(connection.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(connection.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(connection.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(connection.sqlite.pragma('synchronous', { simple: true })).toBe(2)
    connection.sqlite.close()
  })

  it('enforce the number format of số định danh and the order of date ranges', () => {
    const connection = openDatabase(path.join(dir, 'checks.db'))
    migrateDatabase(connection)
    const insertPerson = connection.sqlite.prepare(
      "INSERT INTO people (id, national_id, ho, ten, search_key, staff_type, created_at, updated_at) VALUES (?, ?, 'Lê', 'An', 'le an', 'cong_chuc', 0, 0)",
    )
    expect(() => insertPerson.run('p1', '08412345678')).toThrow(/CHECK/)
    expect(() => insertPerson.run('p2', '08412345678x')).toThrow(/CHECK/)
    insertPerson.run('p3', '084123456789')
    connection.sqlite.prepare("INSERT INTO units (id, created_at) VALUES ('u1', 0)").run()
    expect(() =>
      connection.sqlite
        .prepare("INSERT INTO assignments (person_id, unit_id, valid_from, valid_to, source) VALUES ('p3', 'u1', '2025-03-01', '2025-02-28', 'test')")
        .run(),
    ).toThrow(/CHECK/)
    expect(() =>
      connection.sqlite
        .prepare("INSERT INTO assignments (person_id, unit_id, valid_from, source) VALUES ('nobody', 'u1', '2025-03-01', 'test')")
        .run(),
    ).toThrow(/FOREIGN KEY/)
    connection.sqlite.close()
  })
})
