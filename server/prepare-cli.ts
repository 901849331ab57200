/**
 * The preparation half of `npm start`, run by server/launch.mjs as a short-lived child (through tsx): build the
 * app and the serving bundle if their sources changed, migrate, seed an empty database. Its memory (tsx, the
 * migrator, the seeder) is given back before the server starts.
 */
import { ensureBuild } from './build'
import { prepareDatabase } from './prepare'

process.env.NODE_ENV = 'production'
try {
  ensureBuild()
  // The serving process syncs the course catalogue as it loads the lessons (prepareContent).
  await prepareDatabase({ syncCatalog: false })
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
