/** Start-up work shared by `npm start` and `npm run dev`: migrate, and seed the demo data into an empty database. */
import { migrateDatabase, openDatabase } from '../app/db/client.server'
import { applyDemoOrg, isDatabaseEmpty } from '../scripts/seed/apply'

export async function prepareDatabase({ log = console.log }: { log?: (line: string) => void } = {}) {
  const connection = openDatabase()
  try {
    migrateDatabase(connection)
    if (isDatabaseEmpty(connection.db) && process.env.SEED_DEMO !== 'false') {
      const counts = await applyDemoOrg(connection.db)
      log(`Đã nạp dữ liệu mẫu vào cơ sở dữ liệu trống: ${counts.units} đơn vị, ${counts.people} người.`)
    }
  } finally {
    connection.sqlite.close()
  }
  return connection.path
}
