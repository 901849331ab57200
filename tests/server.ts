/**
 * A real production server for HTTP and browser tests: the real build, a fresh SQLite file migrated by the real
 * migrations (and seeded with the demo organisation unless told otherwise), on a free loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { ensureBuild } from '../server/build'
import { SERVER_NODE_FLAGS } from '../server/node-flags'

export type TestServer = {
  baseUrl: string
  databasePath: string
  dir: string
  /** Stops the server; `keepFiles` leaves the database and caches for a restart in the same `dir`. */
  stop: (options?: { keepFiles?: boolean }) => Promise<void>
  /** Sends `signal` (SIGKILL: a crash) and resolves once the process is gone; the files stay for a restart. */
  kill: (signal: NodeJS.Signals) => Promise<void>
  /** The server's process id (its memory can be read from /proc). */
  pid: number
  output: () => string
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output()}`)
    try {
      const res = await fetch(`${baseUrl}/healthz`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`The server did not become healthy in time:\n${output()}`)
}

export async function startTestServer({
  seed = true,
  env = {},
  dir: givenDir,
}: { seed?: boolean; env?: Record<string, string>; dir?: string } = {}): Promise<TestServer> {
  ensureBuild({ log: () => {} })
  const dir = givenDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-test-'))
  const databasePath = path.join(dir, 'hocso.db')
  const port = await freePort()
  let log = ''
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/launch.mjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      CONTENT_CACHE_DIR: path.join(dir, 'lesson-cache'),
      SEED_DEMO: seed ? 'true' : 'false',
      // One process unless a test asks for the cluster (tests/http/cluster.test.ts): the suites run many servers.
      WEB_CONCURRENCY: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  const baseUrl = `http://127.0.0.1:${port}`
  const output = () => log
  await waitForHealth(baseUrl, child, output)
  return {
    baseUrl,
    databasePath,
    dir,
    output,
    pid: child.pid!,
    kill: (signal) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill(signal)
      }),
    stop: ({ keepFiles = false } = {}) =>
      new Promise<void>((resolve) => {
        const done = () => {
          if (!keepFiles) fs.rmSync(dir, { recursive: true, force: true })
          resolve()
        }
        if (child.exitCode !== null || child.signalCode !== null) return done()
        child.once('exit', done)
        child.kill('SIGTERM')
      }),
  }
}
