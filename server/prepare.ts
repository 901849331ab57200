/**
 * Start-up work shared by `npm start` and `npm run dev`: migrate, sync the course catalogue into the database,
 * and seed the demo data into an empty database.
 */
import { loadCatalog } from '../app/content/catalog.server'
import { closeConnection, getConnection, migrateDatabase } from '../app/db/client.server'
import { syncCourses } from '../app/models/courses.server'

export async function prepareDatabase({ log = console.log }: { log?: (line: string) => void } = {}) {
  const connection = getConnection()
  try {
    migrateDatabase(connection)
    syncCourses({ catalog: loadCatalog() })
    // The seeder (and the demo organisation's data) is loaded only for an empty database, not at every start.
    const empty = connection.sqlite.prepare('SELECT NOT EXISTS (SELECT 1 FROM units) AS empty').pluck().get() === 1
    if (empty && process.env.SEED_DEMO !== 'false') {
      const { applyDemoOrg } = await import('../scripts/seed/apply')
      const counts = await applyDemoOrg(connection.db)
      log(`Đã nạp dữ liệu mẫu vào cơ sở dữ liệu trống: ${counts.units} đơn vị, ${counts.people} người.`)
    }
  } finally {
    closeConnection()
  }
  return connection.path
}
