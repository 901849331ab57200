/** Builds the app with Remix's Vite build when the build is missing or older than its sources. */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = process.cwd()
const buildDir = path.resolve(root, process.env.HOCSO_BUILD_DIR ?? 'build')
export const SERVER_BUILD = path.join(buildDir, 'server/index.js')
export const CLIENT_DIR = path.join(buildDir, 'client')

function newestMtime(target: string): number {
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

export function needsBuild(): boolean {
  if (!fs.existsSync(SERVER_BUILD)) return true
  const built = fs.statSync(SERVER_BUILD).mtimeMs
  const sources = ['app', 'public', 'vite.config.ts', 'package.json'].map((p) => path.join(root, p)).filter((p) => fs.existsSync(p))
  return sources.some((source) => newestMtime(source) > built)
}

export function ensureBuild({ log = console.log }: { log?: (line: string) => void } = {}): void {
  if (!needsBuild()) return
  log('Đang build ứng dụng…')
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/@remix-run/dev/dist/cli.js'), 'vite:build'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    // A test runner's NODE_ENV=test must not leak into the build: it would ship React's development bundle.
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) throw new Error(`The build failed (exit ${result.status ?? 'signal'})`)
}
