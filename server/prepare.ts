/**
 * Start-up work shared by `npm start` and `npm run dev`: migrate, sync the course catalogue into the database,
 * and seed the demo data into an empty database.
 */
import { loadCatalog } from '../app/content/catalog.server'
import { closeConnection, getConnection, migrateDatabase } from '../app/db/client.server'
import { syncCourses } from '../app/models/courses.server'
import { applyDemoOrg, isDatabaseEmpty } from '../scripts/seed/apply'

export async function prepareDatabase({ log = console.log }: { log?: (line: string) => void } = {}) {
  const connection = getConnection()
  try {
    migrateDatabase(connection)
    syncCourses({ catalog: loadCatalog() })
    if (isDatabaseEmpty(connection.db) && process.env.SEED_DEMO !== 'false') {
      const counts = await applyDemoOrg(connection.db)
      log(`Đã nạp dữ liệu mẫu vào cơ sở dữ liệu trống: ${counts.units} đơn vị, ${counts.people} người.`)
    }
  } finally {
    closeConnection()
  }
  return connection.path
}
