import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, withStatementCache } from './client.server'
import * as schema from './schema'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-stmt-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('the statement cache drizzle queries go through', () => {
  it('compiles each SQL text once and reuses the statement', () => {
    const connection = openDatabase(path.join(dir, 'reuse.db'))
    const cached = withStatementCache(connection.sqlite)
    const first = cached.prepare('SELECT 1 AS one')
    expect(cached.prepare('SELECT 1 AS one')).toBe(first)
    expect(cached.prepare('SELECT 2 AS two')).not.toBe(first)
    // Statements the application prepares itself are its own.
    expect(connection.sqlite.prepare('SELECT 1 AS one')).not.toBe(first)
    connection.sqlite.close()
  })

  it('hands a statement back in rows-as-objects mode after someone switched it to raw arrays', () => {
    const connection = openDatabase(path.join(dir, 'raw.db'))
    const cached = withStatementCache(connection.sqlite)
    expect(cached.prepare('SELECT 1 AS one').raw().get()).toEqual([1])
    expect(cached.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 })
    connection.sqlite.close()
  })

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const connection = openDatabase(path.join(dir, 'lru.db'))
    const cached = withStatementCache(connection.sqlite, 2)
    const a = cached.prepare('SELECT 1')
    const b = cached.prepare('SELECT 2')
    expect(cached.prepare('SELECT 1')).toBe(a) // now the most recent
    cached.prepare('SELECT 3') // drops SELECT 2
    expect(cached.prepare('SELECT 1')).toBe(a)
    expect(cached.prepare('SELECT 2')).not.toBe(b)
    connection.sqlite.close()
  })

  it('gives drizzle the same answers as an uncached connection, reads, writes and transactions alike', () => {
    const connection = openDatabase(path.join(dir, 'drizzle.db'))
    migrateDatabase(connection)
    const plain = drizzle(connection.sqlite, { schema })
    const { db } = connection
    const add = (id: string) =>
      db.transaction((tx) => {
        tx.insert(schema.units).values({ id, createdAt: 1 }).run()
        tx.insert(schema.unitVersions)
          .values({ unitId: id, code: id.toUpperCase(), name: `Phòng ${id}`, kind: 'phong', parentId: null, validFrom: '2020-01-01' })
          .run()
      })
    add('a')
    add('b')
    expect(() => add('a')).toThrow() // rolled back as a whole
    for (let round = 0; round < 3; round++) {
      const mine = db.select({ id: schema.unitVersions.unitId, name: schema.unitVersions.name }).from(schema.unitVersions).orderBy(schema.unitVersions.unitId).all()
      const theirs = plain.select({ id: schema.unitVersions.unitId, name: schema.unitVersions.name }).from(schema.unitVersions).orderBy(schema.unitVersions.unitId).all()
      expect(mine).toEqual(theirs)
      expect(mine).toEqual([
        { id: 'a', name: 'Phòng a' },
        { id: 'b', name: 'Phòng b' },
      ])
      // The same text through `all` (objects) right after drizzle used it in raw mode.
      expect(db.all(sql`select "unit_id" as id, "name" from "unit_versions" where "unit_id" = ${'b'}`)).toEqual([{ id: 'b', name: 'Phòng b' }])
      expect(db.select().from(schema.units).where(eq(schema.units.id, 'b')).get()?.id).toBe('b')
    }
    connection.sqlite.close()
  })
})
