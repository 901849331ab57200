/** The production server under test, started the way `npm start` runs it, and what /proc says about it. */
import { spawn, type ChildProcess } from 'node:child_process'
import { SERVER_NODE_FLAGS } from '../../server/node-flags'
import fs from 'node:fs'
import net from 'node:net'

export type BenchServer = {
  origin: string
  pid: number
  child: ChildProcess
  /** Milliseconds from spawn to the first 200 from /healthz. */
  readyMs: number
  output: () => string
  stop: () => Promise<void>
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export async function startServer({
  port,
  databasePath,
  contentCacheDir,
  buildDir,
  cpuProfileDir,
}: {
  port: number
  databasePath: string
  contentCacheDir: string
  buildDir: string
  cpuProfileDir?: string
}): Promise<BenchServer> {
  const started = performance.now()
  let log = ''
  const nodeArgs = [
    ...(cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : []),
    // As npm start runs it.
    ...SERVER_NODE_FLAGS,
    'server/launch.mjs',
  ]
  const child = spawn(process.execPath, nodeArgs, {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_PATH: databasePath,
      SEED_DEMO: 'false',
      CONTENT_CACHE_DIR: contentCacheDir,
      HOCSO_BUILD_DIR: buildDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  // Keep the start of the output (start-up lines) and its recent end (a request log grows without bound).
  const keep = (chunk: Buffer) => {
    log += chunk
    if (log.length > 200_000) log = log.slice(0, 20_000) + '\n…\n' + log.slice(-100_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const origin = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`The server did not become healthy in time:\n${log}`)
    }
    try {
      const res = await fetch(`${origin}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  const readyMs = performance.now() - started
  return {
    origin,
    pid: child.pid!,
    child,
    readyMs,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve()
        })
        child.kill('SIGTERM')
      }),
  }
}

const CLOCK_TICKS_PER_SECOND = 100

/** Every process's parent, read from /proc/<pid>/stat (field 4). */
export function parentIds(): Map<number, number> {
  const parentOf = new Map<number, number>()
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // gone meanwhile
    }
  }
  return parentOf
}

/**
 * The server's processes: `pid` and everything it started (the supervisor and its workers when the server runs
 * as a cluster), found by parent id in /proc.
 */
export function processTree(pid: number): number[] {
  const parentOf = parentIds()
  const tree = [pid]
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parentOf) if (parent === tree[i]) tree.push(child)
  }
  return tree
}

function sumOver(members: readonly number[], read: (pid: number) => number): number {
  let total = 0
  for (const member of members) {
    try {
      total += read(member)
    } catch {
      // exited between the listing and the read
    }
  }
  return total
}

/** User + system CPU time of one process so far, in milliseconds (/proc/<pid>/stat fields 14 and 15). */
function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND
}

/** CPU time of the server so far (all its processes), in milliseconds. */
export function cpuMs(pid: number): number {
  return sumOver(processTree(pid), processCpuMs)
}

function processMemoryKb(pid: number, name: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)
}

/**
 * Resident set size of the server now and at its peak, in MB, summed over its processes. The peak is the sum of
 * each process's own peak (VmHWM): never below the true peak of the whole, since they need not peak together.
 */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const tree = processTree(pid)
  return {
    rss: sumOver(tree, (p) => processMemoryKb(p, 'VmRSS')) / 1024,
    peak: sumOver(tree, (p) => processMemoryKb(p, 'VmHWM')) / 1024,
  }
}

/** Samples the server's RSS every `everyMs` until stopped; returns the highest seen. */
export function watchMemory(pid: number, everyMs = 100): { stop: () => number } {
  let max = 0
  const sample = () => {
    try {
      max = Math.max(max, sumOver(processTree(pid), (p) => processMemoryKb(p, 'VmRSS')) / 1024)
    } catch {
      // the process is gone
    }
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return {
    stop: () => {
      clearInterval(timer)
      sample()
      return max
    },
  }
}
