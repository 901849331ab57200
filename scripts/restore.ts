/**
 * npm run db:restore -- FILE — restores a backup into an empty (or absent) DATABASE_PATH. Refuses to overwrite
 * a database that holds tables: restoring over live data must be a deliberate step (move the old file away).
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { databasePath } from '../app/db/client.server'

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
console.log(`Đã khôi phục ${source} vào ${target}.`)
