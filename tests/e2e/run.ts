/**
 * npm run test:e2e — builds if needed, starts the production server on a free loopback port with a fresh seeded
 * database, and runs tests/e2e/*.spec.ts with Node's test runner against it in Debian's Chromium, one file after
 * another in name order (they share the server and its database).
 *
 *   npm run test:e2e -- journey keyboard     only the spec files whose name contains one of the words
 *   npm run test:e2e -- --update-screenshots after a green run, copy the README's screenshots to docs/screenshots/
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startTestServer } from '../server'
import { CHROMIUM_PATH, SCREENSHOT_DIR } from './browser'

/** The screenshots shown in the README: tests/e2e/output/<name>-<size>.png → docs/screenshots/<name>-<size>.png. */
const DOC_SCREENSHOTS = [
  'login',
  'learn',
  'lesson-chart',
  'quiz',
  'result-passed',
  'certificate',
  'team-overdue',
  'coverage',
  'import-preview',
]
const DOCS_DIR = path.resolve('docs/screenshots')

const args = process.argv.slice(2)
const updateScreenshots = args.includes('--update-screenshots')
const filters = args.filter((arg) => !arg.startsWith('--'))

if (!fs.existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`)
  process.exit(1)
}
const specs = fs
  .readdirSync('tests/e2e')
  .filter((file) => file.endsWith('.spec.ts'))
  .filter((file) => !filters.length || filters.some((word) => file.includes(word)))
  .sort()
  .map((file) => path.join('tests/e2e', file))
if (!specs.length) {
  console.error(`No spec file matches ${filters.join(', ')}`)
  process.exit(1)
}
const server = await startTestServer({ seed: true })
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...specs], {
  stdio: 'inherit',
  env: { ...process.env, E2E_BASE_URL: server.baseUrl, E2E_DATABASE_PATH: server.databasePath },
})
await server.stop()

if (updateScreenshots && result.status === 0) {
  fs.mkdirSync(DOCS_DIR, { recursive: true })
  for (const name of DOC_SCREENSHOTS) {
    for (const size of ['desktop', 'phone']) {
      const file = `${name}-${size}.png`
      if (!fs.existsSync(path.join(SCREENSHOT_DIR, file))) throw new Error(`The run made no ${file}`)
      fs.copyFileSync(path.join(SCREENSHOT_DIR, file), path.join(DOCS_DIR, file))
    }
  }
  console.log(`Copied ${DOC_SCREENSHOTS.length * 2} screenshots to docs/screenshots/`)
}
process.exit(result.status ?? 1)
