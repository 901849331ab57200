/**
 * npm run db:restore -- FILE — restores a backup into an empty (or absent) DATABASE_PATH. Refuses to overwrite
 * a database that holds tables: restoring over live data must be a deliberate step (move the old file away).
 * When FILE.manifest.json is there (db:backup writes it), the restored database must match it table by table —
 * row counts and hashes — or the restore is reported as failed and the restored file removed.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { databasePath } from '../app/db/client.server'
import { differingTables, manifestPath, summariseTables, type Manifest } from './db-manifest'

const source = process.argv[2]
if (!source || !fs.existsSync(source)) {
  console.error('Cách dùng: npm run db:restore -- <tệp sao lưu> (tệp phải tồn tại)')
  process.exit(2)
}
const backup = new Database(source, { readonly: true, fileMustExist: true })
const check = backup.pragma('integrity_check', { simple: true })
if (check !== 'ok') {
  console.error(`Tệp sao lưu ${source} không toàn vẹn: ${String(check)}`)
  process.exit(1)
}
const target = databasePath()
if (fs.existsSync(target)) {
  const existing = new Database(target, { readonly: true })
  const tables = existing.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }
  existing.close()
  if (tables.n > 0) {
    console.error(`Cơ sở dữ liệu ${target} không trống. Hãy chuyển tệp này đi nơi khác rồi khôi phục lại.`)
    process.exit(1)
  }
}
fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true })
await backup.backup(target)
backup.close()

const restored = new Database(target)
// The server runs in WAL mode (app/db/client.server.ts); set it now so the first start finds it so.
restored.pragma('journal_mode = WAL')
const restoredCheck = restored.pragma('integrity_check', { simple: true })
const tables = summariseTables(restored)
restored.close()
const fail = (message: string) => {
  for (const file of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(file, { force: true })
  console.error(message)
  process.exit(1)
}
if (restoredCheck !== 'ok') fail(`Cơ sở dữ liệu khôi phục ${target} không toàn vẹn: ${String(restoredCheck)}; đã xóa.`)
if (fs.existsSync(manifestPath(source))) {
  const manifest = JSON.parse(fs.readFileSync(manifestPath(source), 'utf8')) as Manifest
  const differing = differingTables(manifest.tables, tables)
  if (differing.length)
    fail(
      `Dữ liệu khôi phục không khớp bản kê ${manifestPath(source)} ở các bảng: ${differing.join(
        ', ',
      )}; đã xóa ${target}.`,
    )
  const rows = Object.values(tables).reduce((sum, t) => sum + t.rows, 0)
  console.log(
    `Đã khôi phục ${source} vào ${target}: ${
      Object.keys(tables).length
    } bảng, ${rows} dòng, khớp bản kê (integrity_check: ok).`,
  )
} else {
  console.log(`Đã khôi phục ${source} vào ${target} (integrity_check: ok; không có bản kê để đối chiếu).`)
}
