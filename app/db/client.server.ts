/**
 * The one better-sqlite3 connection of this process, and how to open another (scripts, tests).
 *
 * Pragmas: WAL so readers never wait for the writer; foreign keys on; a busy timeout so a second writer waits
 * instead of failing; synchronous FULL so an answered quiz survives a power cut. Write transactions use
 * BEGIN IMMEDIATE (see `writeTransaction`): a deferred transaction that later wants to write can fail with
 * SQLITE_BUSY despite the busy timeout. See docs/decisions/002-sqlite-drizzle.md.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { databasePath } from './path'
import * as schema from './schema'

export type Db = BetterSQLite3Database<typeof schema>
export type Connection = { sqlite: Database.Database; db: Db; path: string }

export { DEFAULT_DATABASE_PATH, databasePath } from './path'
const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'drizzle')

export function openDatabase(file: string = databasePath()): Connection {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = FULL')
  // Reports build temporary tables (coverage.server.ts): keep them in memory, not in a temp file.
  sqlite.pragma('temp_store = MEMORY')
  return { sqlite, db: drizzle({ client: withStatementCache(sqlite), schema }), path: file }
}

/** How many distinct SQL texts drizzle's statement cache keeps (see `withStatementCache`). */
export const STATEMENT_CACHE_SIZE = 500

/**
 * The connection as drizzle sees it, with `prepare` answered from a cache of compiled statements keyed by SQL
 * text. Drizzle prepares a new statement for every query it runs; SQLite compiling the same SQL again was about a
 * tenth of a page's server time (docs/performance.md). A statement is reset after every run, so reusing it is
 * safe; its result mode is put back to rows-as-objects on each reuse, since drizzle switches to `raw()` when it
 * wants arrays and expects objects otherwise. Least recently used texts are dropped beyond
 * STATEMENT_CACHE_SIZE (queries with `IN (…)` lists of varying length make new texts). Only drizzle's queries
 * go through it: code that calls `sqlite.prepare` itself keeps its own statements.
 */
export function withStatementCache(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): Database.Database {
  const cache = new Map<string, Database.Statement>()
  const prepare = (source: string): Database.Statement => {
    let statement = cache.get(source)
    if (statement) {
      cache.delete(source)
      if (statement.reader) statement.raw(false)
    } else {
      statement = sqlite.prepare(source)
      if (cache.size >= size) cache.delete(cache.keys().next().value!)
    }
    cache.set(source, statement)
    return statement
  }
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare
      const value = Reflect.get(target, property, target) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** Applies the committed drizzle migrations (idempotent). */
export function migrateDatabase(connection: Connection): void {
  migrate(connection.db, { migrationsFolder: MIGRATIONS_FOLDER })
}

const globalForDb = globalThis as unknown as { __hocsoDb?: Connection }

/** The process-wide connection, opened on first use at DATABASE_PATH. */
export function getConnection(): Connection {
  if (!globalForDb.__hocsoDb) globalForDb.__hocsoDb = openDatabase()
  return globalForDb.__hocsoDb
}

export function getDb(): Db {
  return getConnection().db
}

export function closeConnection(): void {
  globalForDb.__hocsoDb?.sqlite.close()
  globalForDb.__hocsoDb = undefined
}

/**
 * A drizzle query built once per connection and run many times with `sql.placeholder()` values: for the
 * queries every page runs, drizzle building the SQL each time was ~15 % of a page's server CPU
 * (docs/performance.md). Per connection, since tests open and close several.
 */
export function preparedQuery<T>(build: (db: Db) => T): () => T {
  const byDb = new WeakMap<Db, T>()
  return () => {
    const db = getDb()
    let query = byDb.get(db)
    if (!query) {
      query = build(db)
      byDb.set(db, query)
    }
    return query
  }
}

/** Runs `fn` in a BEGIN IMMEDIATE transaction: all or nothing, and never SQLITE_BUSY half-way. */
export function writeTransaction<T>(fn: (tx: Db) => T, db: Db = getDb()): T {
  return db.transaction((tx) => fn(tx as unknown as Db), { behavior: 'immediate' })
}
