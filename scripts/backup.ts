/**
 * npm run db:backup -- FILE — an online, consistent copy of DATABASE_PATH (SQLite's backup API: safe while the
 * server is writing), checked with PRAGMA integrity_check before it is reported done.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { databasePath } from '../app/db/client.server'

const target = process.argv[2]
if (!target) {
  console.error('Cách dùng: npm run db:backup -- <tệp sao lưu>')
  process.exit(2)
}
if (fs.existsSync(target)) {
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
await db.backup(target)
db.close()
const copy = new Database(target, { readonly: true })
const check = copy.pragma('integrity_check', { simple: true })
copy.close()
if (check !== 'ok') {
  console.error(`Bản sao lưu ${target} không toàn vẹn: ${String(check)}`)
  process.exit(1)
}
console.log(`Đã sao lưu ${source} vào ${target} (${fs.statSync(target).size} byte, integrity_check: ok).`)
