/**
 * Start-up work shared by `npm start` and `npm run dev`: migrate, sync the course catalogue into the database,
 * and seed the demo data into an empty database.
 */
import { loadCatalog } from '../app/content/catalog.server'
import { closeConnection, getConnection, migrateDatabase } from '../app/db/client.server'
import { syncCourses } from '../app/models/courses.server'

export async function prepareDatabase({
  log = console.log,
  syncCatalog = true,
}: {
  log?: (line: string) => void
  /**
   * Sync the course catalogue into the database. `npm start` leaves it to the serving process, whose
   * prepareContent syncs anyway (reading the catalogue is a quarter of a second); it is synced here regardless
   * when the demo data is about to be seeded, since that refers to the courses.
   */
  syncCatalog?: boolean
} = {}) {
  const connection = getConnection()
  try {
    migrateDatabase(connection)
    // The seeder (and the demo organisation's data) is loaded only for an empty database, not at every start.
    const empty = connection.sqlite.prepare('SELECT NOT EXISTS (SELECT 1 FROM units) AS empty').pluck().get() === 1
    const seed = empty && process.env.SEED_DEMO !== 'false'
    if (syncCatalog || seed) syncCourses({ catalog: loadCatalog() })
    if (seed) {
      const { applyDemoOrg } = await import('../scripts/seed/apply')
      const counts = await applyDemoOrg(connection.db)
      log(`Đã nạp dữ liệu mẫu vào cơ sở dữ liệu trống: ${counts.units} đơn vị, ${counts.people} người.`)
    }
  } finally {
    closeConnection()
  }
  return connection.path
}
