/**
 * npm start. Plain JavaScript so that the serving process carries no TypeScript loader (tsx costs about 75 MB
 * of memory per process, docs/performance.md):
 *   1. server/prepare-cli.ts, in a child through tsx: build if needed (the app and the serving bundle), migrate
 *      ./data/hocso.db (or DATABASE_PATH), seed the demo organisation into an empty database;
 *   2. the compiled serving bundle, <build>/server/start.mjs (from server/start.ts), in this process.
 * HOCSO_BUILD_DIR is resolved as server/build.ts does.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const prepared = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'prepare-cli.ts')], { stdio: 'inherit' })
if (prepared.status !== 0) process.exit(prepared.status ?? 1)

const buildDir = path.resolve(process.cwd(), process.env.HOCSO_BUILD_DIR ?? 'build')
await import(pathToFileURL(path.join(buildDir, 'server/start.mjs')).href)
