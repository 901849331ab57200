/**
 * What a backup holds, table by table: the row count and a SHA-256 of every row in rowid order. `db:backup` writes
 * it next to the backup (`FILE.manifest.json`) from the finished copy; `db:restore` recomputes it on the restored
 * database and refuses to report success unless the two agree.
 */
import crypto from 'node:crypto'
import type Database from 'better-sqlite3'

export type TableSummary = { rows: number; sha256: string }
export type Manifest = {
  format: 1
  createdAt: string
  source: string
  integrity: 'ok'
  tables: Record<string, TableSummary>
}

/** Every table of the database (SQLite's own and drizzle's bookkeeping included: a restore must bring them back too). */
export function summariseTables(db: Database.Database): Record<string, TableSummary> {
  const names = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((t) => t.name)
  const tables: Record<string, TableSummary> = {}
  for (const name of names) {
    const hash = crypto.createHash('sha256')
    let rows = 0
    const quoted = `"${name.replace(/"/g, '""')}"`
    for (const row of db.prepare(`SELECT * FROM ${quoted} ORDER BY rowid`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)))
      hash.update('\n')
      rows++
    }
    tables[name] = { rows, sha256: hash.digest('hex') }
  }
  return tables
}

export const manifestPath = (backupFile: string) => `${backupFile}.manifest.json`

/** The tables whose summaries differ between two manifests (missing on either side included). */
export function differingTables(a: Record<string, TableSummary>, b: Record<string, TableSummary>): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...names].filter((name) => a[name]?.rows !== b[name]?.rows || a[name]?.sha256 !== b[name]?.sha256).sort()
}
