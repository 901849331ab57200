/**
 * npm run db:backup -- FILE — an online, consistent copy of DATABASE_PATH, safe while the server is writing,
 * checked with PRAGMA integrity_check, and described by FILE.manifest.json (row count and hash of every table,
 * computed from the finished copy) so that a restore can prove it brought back what the backup holds.
 *
 * SQLite's backup API copies page by page; a write by another process between two steps restarts the copy, so a
 * small step under steady write load might never finish. The copy is therefore made in one step: it reads one
 * snapshot of the database (in WAL mode the server keeps writing meanwhile) and holds every write committed
 * before it began.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { databasePath } from '../app/db/client.server'
import { manifestPath, summariseTables, type Manifest } from './db-manifest'

const target = process.argv[2]
if (!target) {
  console.error('Cách dùng: npm run db:backup -- <tệp sao lưu>')
  process.exit(2)
}
if (fs.existsSync(target) || fs.existsSync(manifestPath(target))) {
  console.error(`Tệp ${target} đã tồn tại; chọn một tên khác để không ghi đè bản sao lưu cũ.`)
  process.exit(1)
}
const source = databasePath()
if (!fs.existsSync(source)) {
  console.error(`Không tìm thấy cơ sở dữ liệu ${source}.`)
  process.exit(1)
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
const db = new Database(source, { fileMustExist: true })
db.pragma('busy_timeout = 5000')
// All remaining pages in each step (the first step only measures): one snapshot, never restarted half-way.
await db.backup(target, { progress: () => 0x7fffffff })
db.close()

const copy = new Database(target)
const check = copy.pragma('integrity_check', { simple: true })
if (check !== 'ok') {
  copy.close()
  console.error(`Bản sao lưu ${target} không toàn vẹn: ${String(check)}`)
  process.exit(1)
}
// A self-contained file: no -wal beside it, whatever the source's journal mode.
copy.pragma('journal_mode = DELETE')
const manifest: Manifest = {
  format: 1,
  createdAt: new Date().toISOString(),
  source: path.resolve(source),
  integrity: 'ok',
  tables: summariseTables(copy),
}
copy.close()
fs.writeFileSync(manifestPath(target), `${JSON.stringify(manifest, null, 2)}\n`)
const rows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0)
console.log(
  `Đã sao lưu ${source} vào ${target} (${fs.statSync(target).size} byte, ${
    Object.keys(manifest.tables).length
  } bảng, ${rows} dòng, integrity_check: ok; bản kê: ${manifestPath(target)}).`,
)
