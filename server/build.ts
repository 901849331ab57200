/**
 * Builds the app with Remix's Vite build when the build is missing or older than its sources, and the serving
 * bundle (server/start.ts compiled) likewise.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildSync } from 'esbuild'
import { CLIENT_DIR, SERVER_BUILD, SERVER_ENTRY } from './paths'

export { CLIENT_DIR, SERVER_BUILD, SERVER_ENTRY }
const root = process.cwd()

function newestMtime(target: string): number {
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

function isOlderThan(output: string, sources: string[]): boolean {
  if (!fs.existsSync(output)) return true
  const built = fs.statSync(output).mtimeMs
  return sources.map((p) => path.join(root, p)).some((source) => fs.existsSync(source) && newestMtime(source) > built)
}

export function needsBuild(): boolean {
  return isOlderThan(SERVER_BUILD, ['app', 'public', 'vite.config.ts', 'package.json'])
}

/**
 * Compiles server/start.ts (with server/app.ts and the little of app/ it imports) into SERVER_ENTRY with esbuild;
 * packages stay imports of node_modules. A fraction of a second.
 */
export function buildServerEntry(): void {
  if (!isOlderThan(SERVER_ENTRY, ['server', 'app', 'package.json', 'tsconfig.json'])) return
  buildSync({
    entryPoints: [path.join(root, 'server/start.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    outfile: SERVER_ENTRY,
  })
}

export function ensureBuild({ log = console.log }: { log?: (line: string) => void } = {}): void {
  if (!needsBuild()) return buildServerEntry()
  log('Đang build ứng dụng…')
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // A test runner's NODE_ENV=test must not leak into the build: it would ship React's development bundle.
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) throw new Error(`The build failed (exit ${result.status ?? 'signal'})`)
  buildServerEntry()
}
