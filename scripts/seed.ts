/** npm run db:seed — migrates, then writes the demo organisation into an empty database. */
import { migrateDatabase, openDatabase } from '../app/db/client.server'
import { applyDemoOrg, isDatabaseEmpty } from './seed/apply'

const connection = openDatabase()
migrateDatabase(connection)
if (!isDatabaseEmpty(connection.db)) {
  console.error(`Cơ sở dữ liệu ${connection.path} đã có dữ liệu; dữ liệu mẫu chỉ được nạp vào cơ sở dữ liệu trống.`)
  connection.sqlite.close()
  process.exit(1)
}
const counts = await applyDemoOrg(connection.db)
connection.sqlite.close()
console.log(`Đã nạp dữ liệu mẫu: ${counts.units} đơn vị, ${counts.people} người, ${counts.accounts} tài khoản.`)
