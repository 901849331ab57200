/**
 * npm run test:e2e — builds if needed, starts the production server on a free loopback port with a fresh seeded
 * database, and runs tests/e2e/*.spec.ts with Node's test runner against it in Debian's Chromium.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startTestServer } from '../server'
import { CHROMIUM_PATH } from './browser'

if (!fs.existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`)
  process.exit(1)
}
const server = await startTestServer({ seed: true })
const specs = fs
  .readdirSync('tests/e2e')
  .filter((file) => file.endsWith('.spec.ts'))
  .map((file) => path.join('tests/e2e', file))
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...specs], {
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: server.baseUrl, E2E_DATABASE_PATH: server.databasePath },
})
await server.stop()
process.exit(result.status ?? 1)
