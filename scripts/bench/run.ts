/**
 * npm run bench [-- --scale department|province] [--duration S] [--connections N] [--fixed-duration S]
 *                  [--only id,id] [--cpu-prof]
 *
 * Builds if needed, generates (or reuses) the database of the scale, starts the production server on a loopback
 * port, drives it with autocannon, prints a table and the targets of issue #8, and writes the same as JSON under
 * bench/results/. See docs/performance.md.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { Request } from 'autocannon'
import { isoDateInVietnam } from '../../app/i18n/format'
import { TEAM_UNIT_ID, type ScaleName } from './org-plan'
import { measure, type Measurement } from './load'
import { pageJs } from './js-size'
import { formatMarkdownTable, formatTable, formatTargets, judgeTargets, type ScenarioResult } from './report'
import { openReader, prepareRunDatabase, type BenchAccount } from './run-db'
import { cpuMs, freePort, memoryMb, startServer, type BenchServer } from './server'
import { serverWorkerCount } from '../../server/workers'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'department' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'fixed-duration': { type: 'string', default: '60' },
    'fixed-rate': { type: 'string', default: '300' },
    'sync-takers': { type: 'string', default: '2000' },
    only: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
})

const scale = args.scale as ScaleName
if (!['department', 'province', 'tiny'].includes(scale))
  throw new Error(`--scale must be department or province, not ${args.scale}`)
const duration = Number(args.duration)
const connections = Number(args.connections)
const fixedDuration = Number(args['fixed-duration'])
const fixedRate = Number(args['fixed-rate'])
const syncTakers = Number(args['sync-takers'])
const only = args.only ? new Set(args.only.split(',')) : null
const wanted = (id: string) => !only || only.has(id)

const root = process.cwd()
const buildDir = process.env.HOCSO_BUILD_DIR ?? 'build'
const benchDir = path.join(root, '.cache/bench')
const resultsDir = path.join(root, 'bench/results')
const runFile = path.join(benchDir, 'run', `${scale}.db`)
const contentCacheDir = path.join(benchDir, 'lessons')
const today = isoDateInVietnam()
const year = Number(today.slice(0, 4))
const startedAt = new Date()
const loadAtStart = os.loadavg()
const log = (line: string) => console.log(line)

// The bench's own model calls (creating quiz attempts) go to the run database.
process.env.DATABASE_PATH = runFile

const { ensureBuild, CLIENT_DIR } = await import('../../server/build')
ensureBuild({ log })
const { ensureDatabase } = await import('./generate')
const generated = ensureDatabase({ scale, today, cacheDir: path.join(benchDir, 'db'), log })
log(`Database: ${path.relative(root, generated.file)}${generated.generatedMs === null ? ' (cached)' : ''}`)
const accounts = prepareRunDatabase({ cachedFile: generated.file, runFile })
const { loadCatalog } = await import('../../app/content/catalog.server')
const catalog = loadCatalog()

const profileDir = path.join(resultsDir, 'profiles')
if (args['cpu-prof']) fs.mkdirSync(profileDir, { recursive: true })
let server: BenchServer = await startServer({
  port: await freePort(),
  databasePath: runFile,
  contentCacheDir,
  buildDir,
  cpuProfileDir: args['cpu-prof'] ? profileDir : undefined,
})
const serverProcesses = serverWorkerCount()
log(
  `Server ${server.origin} (pid ${server.pid}, ${serverProcesses} serving process${serverProcesses > 1 ? 'es under a supervisor' : ''}) ready in ${(server.readyMs / 1000).toFixed(1)} s`,
)
const origin = server.origin
const pid = server.pid
const firstStartMs = server.readyMs

function snapshotDir(dir: string): string {
  if (!fs.existsSync(dir)) return ''
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => `${f}:${fs.statSync(path.join(dir, f)).mtimeMs}`)
    .join('|')
}
const lessonCacheBefore = snapshotDir(contentCacheDir)

/** Waits until the server uses under 10 % of a core over half a second (at most two minutes); returns the wait. */
async function waitUntilIdle(): Promise<number> {
  const started = performance.now()
  while (performance.now() - started < 120_000) {
    const before = cpuMs(pid)
    await new Promise((r) => setTimeout(r, 500))
    if (cpuMs(pid) - before < 50) break
  }
  return performance.now() - started
}

function rotate<T>(items: readonly T[]): () => T {
  let i = 0
  return () => items[i++ % items.length]!
}
const withCookie = (next: () => BenchAccount) => (req: Request) => ({
  ...req,
  headers: { ...req.headers, cookie: next().cookie },
})
const form = (fields: [string, string][]) => new URLSearchParams(fields).toString()
const postHeaders = (cookie: string) => ({ cookie, origin, 'content-type': 'application/x-www-form-urlencoded' })

// ---------------------------------------------------------------------------------------------------------
// What the bench reads and writes: a lesson page, the courses with quizzes
// ---------------------------------------------------------------------------------------------------------

const quizCourses = catalog.filter((c) => c.quiz && c.frontmatter.status === 'published')
const firstCourse = catalog.find((c) => c.frontmatter.status === 'published')!
const lessonSlug = firstCourse.lessons[1]?.slug ?? firstCourse.lessons[0]!.slug
const lessonPath = `/courses/${firstCourse.frontmatter.id}/${lessonSlug}`

async function get(pathname: string, cookie?: string) {
  const started = performance.now()
  const res = await fetch(origin + pathname, { headers: cookie ? { cookie } : {}, redirect: 'manual' })
  const text = await res.text()
  return { status: res.status, text, ms: performance.now() - started }
}

/**
 * One connection for a latency target: for `duration` seconds when a request is quick, else a fixed number of
 * requests one after another with a long time-out (a province-scale report may take longer than a run).
 */
function oneAtATime(probeMs: number): { connections: number; duration?: number; amount?: number; timeout: number } {
  return probeMs * 20 < duration * 1000
    ? { connections: 1, duration, timeout: 120 }
    : { connections: 1, amount: 5, timeout: 300 }
}

// JavaScript per lesson page, from the build output.
let lessonJs: {
  maxGzipBytes: number
  page: string
  pages: { path: string; eagerKb: number; lazyKb: number }[]
} | null = null
if (wanted('js')) {
  const pages: { path: string; eagerKb: number; lazyKb: number }[] = []
  let max = { bytes: 0, page: '' }
  for (const course of catalog.filter((c) => c.frontmatter.status === 'published')) {
    for (const lesson of course.lessons) {
      const p = `/courses/${course.frontmatter.id}/${lesson.slug}`
      const page = await get(p, accounts.readers[0]!.cookie)
      if (page.status !== 200) throw new Error(`${p} answered ${page.status}`)
      const js = pageJs({ html: page.text, clientDir: CLIENT_DIR })
      const hasIsland = page.text.includes('data-island=')
      const total = js.gzipBytes + (hasIsland ? js.lazyGzipBytes : 0)
      pages.push({ path: p, eagerKb: js.gzipBytes / 1024, lazyKb: hasIsland ? js.lazyGzipBytes / 1024 : 0 })
      if (total > max.bytes) max = { bytes: total, page: p }
    }
  }
  lessonJs = { maxGzipBytes: max.bytes, page: max.page, pages }
  log(`JavaScript per lesson page: up to ${(max.bytes / 1024).toFixed(1)} KB gzip (${max.page})`)
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------------------

const results: ScenarioResult[] = []
const baselines: number[] = []
let maxRssMb = 0

async function run(
  id: string,
  label: string,
  expected: number[],
  options: Parameters<typeof measure>[0]['options'],
  warmup = true,
): Promise<Measurement> {
  if (warmup)
    await measure({ origin, pid, expected, options: { ...options, duration: Math.min(2, Math.max(1, duration / 5)) } })
  const m = await measure({ origin, pid, expected, options })
  maxRssMb = Math.max(maxRssMb, m.maxRssMb)
  log(
    `  ${label}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors} errors ${JSON.stringify(
      m.statusCodes,
    )}`,
  )
  return m
}

async function baseline(id: string) {
  const m = await run(id, 'baseline GET /login (anonymous)', [200], {
    connections,
    duration,
    requests: [{ method: 'GET', path: '/login' }],
  })
  baselines.push(m.rps)
  results.push({
    id,
    label: `baseline: GET /login, anonymous${id === 'baseline-2' ? ' (again, at the end)' : ''}`,
    measurement: m,
  })
}

/** A baseline run right before a throughput scenario, so its ratio compares like with like on a shared machine. */
async function adjacentBaseline(): Promise<number | undefined> {
  if (!wanted('baseline')) return undefined
  await waitUntilIdle()
  const m = await measure({
    origin,
    pid,
    expected: [200],
    options: { connections, duration, requests: [{ method: 'GET', path: '/login' }] },
  })
  baselines.push(m.rps)
  log(`  (baseline just before: ${m.rps.toFixed(0)} req/s)`)
  return m.rps
}

log(`\nScenarios (${duration} s each, ${connections} connections):`)
if (wanted('baseline')) await baseline('baseline')

// The floor of the stack, for reading the CPU-per-request figures: a resource route (Express, Remix's handler,
// no React, no session) and a 404 document (the root layout rendered by React, no route data).
if (wanted('floor')) {
  for (const [pathname, label, status] of [
    ['/healthz', 'floor: GET /healthz (resource route, no React)', 200],
    ['/khong-co-trang-nay', 'floor: GET of an unknown page (404 document: the root layout only)', 404],
  ] as const) {
    const m = await run('floor', label, [status], { connections, duration, requests: [{ method: 'GET', path: pathname }] })
    results.push({ id: 'floor', label, measurement: m })
  }
}

const readers = rotate(accounts.readers)
if (wanted('lesson')) {
  const baselineRps = await adjacentBaseline()
  const m = await run('lesson', 'lesson page', [200], {
    connections,
    duration,
    requests: [{ method: 'GET', path: lessonPath, setupRequest: withCookie(readers) }],
  })
  results.push({ id: 'lesson', label: `lesson page GET ${lessonPath}`, measurement: m, baselineRps })
}
if (wanted('learn')) {
  const baselineRps = await adjacentBaseline()
  const m = await run('learn', '/learn', [200], {
    connections,
    duration,
    requests: [{ method: 'GET', path: '/learn', setupRequest: withCookie(readers) }],
  })
  results.push({ id: 'learn', label: 'GET /learn', measurement: m, baselineRps })
}

let teamSize = 0
if (wanted('team')) {
  const reader = openReader(runFile)
  teamSize = reader.headcountBelow(TEAM_UNIT_ID, today)
  const units = reader.unitsOn(today)
  reader.close()
  const probe = await get('/team', accounts.head.cookie)
  if (probe.status !== 200) throw new Error(`/team answered ${probe.status}`)
  const m = await run('team', '/team', [200], {
    connections,
    duration,
    requests: [{ method: 'GET', path: '/team', headers: { cookie: accounts.head.cookie } }],
  })
  results.push({
    id: 'team',
    label: `GET /team, head of a unit of ${teamSize} people (of ${units} units)`,
    measurement: m,
  })
}

if (wanted('coverage')) {
  const url = `/api/v1/reports/coverage?year=${year}`
  const probe = await get(url, accounts.hr.cookie)
  if (probe.status !== 200) throw new Error(`${url} answered ${probe.status}: ${probe.text.slice(0, 200)}`)
  const rows = (JSON.parse(probe.text) as { rows: unknown[] }).rows.length
  const m = await run('coverage', 'coverage API', [200], {
    ...oneAtATime(probe.ms),
    requests: [{ method: 'GET', path: url, headers: { cookie: accounts.hr.cookie } }],
  })
  results.push({ id: 'coverage', label: `GET ${url} (whole organisation, ${rows} rows; 1 connection)`, measurement: m })
}

if (wanted('coverage-xlsx')) {
  const url = `/reports/coverage.xlsx?year=${year}`
  const probe = await get(url, accounts.hr.cookie)
  if (probe.status === 200) {
    const m = await run('coverage-xlsx', 'coverage .xlsx', [200], {
      ...oneAtATime(probe.ms),
      requests: [{ method: 'GET', path: url, headers: { cookie: accounts.hr.cookie } }],
    })
    results.push({ id: 'coverage-xlsx', label: `GET ${url} (1 connection)`, measurement: m })
  } else {
    log(`  ${url} answered ${probe.status}: not available`)
    results.push({
      id: 'coverage-xlsx',
      label: `GET ${url}`,
      measurement: null,
      note: `not available (HTTP ${probe.status})`,
    })
  }
}

// Lesson done: each request marks a different (reader, lesson) pair that was not done before.
if (wanted('lesson-done')) {
  const baselineRps = await adjacentBaseline()
  const items = catalog
    .filter((c) => c.frontmatter.status === 'published')
    .flatMap((c) => c.lessons.map((l) => ({ courseId: c.frontmatter.id, slug: l.slug })))
    .flatMap((lesson) => accounts.readers.map((reader) => ({ ...lesson, reader })))
  let cursor = 0
  const succeeded = new Set<number>()
  const since = Date.now()
  const m = await run(
    'lesson-done',
    'lesson done',
    [302],
    {
      connections,
      duration,
      maxOverallRequests: items.length,
      requests: [
        {
          method: 'POST',
          setupRequest: (req, context) => {
            const index = cursor++
            const item = items[index]!
            context.item = index
            return {
              ...req,
              path: `/courses/${item.courseId}/${item.slug}`,
              headers: postHeaders(item.reader.cookie),
              body: form([['intent', 'complete']]),
            }
          },
          onResponse: (status, _body, context) => {
            if (status === 302) succeeded.add(context.item as number)
          },
        },
      ],
    },
    false,
  )
  await new Promise((r) => setTimeout(r, 1000))
  const reader = openReader(runFile)
  const done = reader.lessonsDoneSince(since)
  reader.close()
  const issued = cursor
  let missing = 0
  let doubled = 0
  for (const index of succeeded) {
    const item = items[index]!
    const n = done.get(`${item.reader.personId}|${item.courseId}/${item.slug}`) ?? 0
    if (n === 0) missing++
    if (n > 1) doubled++
  }
  const issuedKeys = new Set(items.slice(0, issued).map((i) => `${i.reader.personId}|${i.courseId}/${i.slug}`))
  const stray = [...done.keys()].filter((k) => !issuedKeys.has(k)).length
  const inFlight = done.size - succeeded.size + missing
  const ok = missing === 0 && doubled === 0 && stray === 0
  results.push({
    id: 'lesson-done',
    baselineRps,
    label: 'POST lesson done (a new person × lesson each time)',
    measurement: m,
    check: {
      ok,
      detail: `${succeeded.size} success answers, ${
        done.size
      } lesson_progress records written (${missing} missing, ${doubled} doubled, ${stray} unasked; ${Math.max(
        0,
        inFlight,
      )} for requests cut off at the end)`,
    },
  })
}

// Quiz submit: attempts started beforehand through the app's own model (one per taker and course), then
// each request submits a different one with its answers (eight in ten right).
if (wanted('quiz-submit')) {
  const { getConnection, closeConnection } = await import('../../app/db/client.server')
  const { startAttempt, getAttempt } = await import('../../app/models/quiz-attempts.server')
  const { postedAnswers } = await import('../../tests/quiz-answers')
  getConnection().sqlite.pragma('synchronous = OFF')
  const courses = quizCourses.slice(1)
  const want = Math.min(accounts.quizTakers.length * courses.length, Math.max(500, duration * 200))
  const since = Date.now()
  const items: { path: string; cookie: string; body: string; id: string }[] = []
  const prepStarted = performance.now()
  outer: for (const course of courses) {
    for (const taker of accounts.quizTakers) {
      if (items.length >= want) break outer
      const started = startAttempt({ personId: taker.personId!, course })
      if (!started.ok)
        throw new Error(`Could not start a ${course.frontmatter.id} attempt for ${taker.userId}: ${started.reason}`)
      const attempt = getAttempt({ attemptId: started.attemptId, personId: taker.personId! })!
      const answers = postedAnswers(attempt.shown, { right: items.length % 10 < 8 })
      const fields: [string, string][] = [
        ['intent', 'submit'],
        ...Object.entries(answers).flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v])),
      ]
      items.push({
        path: `/courses/${course.frontmatter.id}/quiz/${started.attemptId}`,
        cookie: taker.cookie,
        body: form(fields),
        id: started.attemptId,
      })
    }
  }
  closeConnection()
  log(`  (started ${items.length} attempts in ${((performance.now() - prepStarted) / 1000).toFixed(1)} s)`)
  const baselineRps = await adjacentBaseline()
  let cursor = 0
  const succeeded = new Set<number>()
  const m = await run(
    'quiz-submit',
    'quiz submit',
    [302],
    {
      connections,
      duration,
      maxOverallRequests: items.length,
      requests: [
        {
          method: 'POST',
          setupRequest: (req, context) => {
            const index = cursor++
            const item = items[index]!
            context.item = index
            return { ...req, path: item.path, headers: postHeaders(item.cookie), body: item.body }
          },
          onResponse: (status, _body, context) => {
            if (status === 302) succeeded.add(context.item as number)
          },
        },
      ],
    },
    false,
  )
  await new Promise((r) => setTimeout(r, 1000))
  const reader = openReader(runFile)
  const attempts = reader.attemptsSince(since)
  const duplicates = reader.duplicateCompletionsSince(since)
  const completions = reader.completionsSince(since)
  reader.close()
  const missing = [...succeeded].filter((i) => !attempts.get(items[i]!.id)?.submitted).length
  const issued = new Set(items.slice(0, cursor).map((i) => i.id))
  const stray = [...attempts].filter(([id, a]) => a.submitted && !issued.has(id)).length
  const submitted = [...attempts.values()].filter((a) => a.submitted).length
  results.push({
    id: 'quiz-submit',
    baselineRps,
    label: 'POST quiz submit (a fresh attempt each time)',
    measurement: m,
    check: {
      ok: missing === 0 && stray === 0 && duplicates === 0,
      detail: `${
        succeeded.size
      } success answers, ${submitted} attempts graded (${missing} missing, ${stray} unasked; ${Math.max(
        0,
        submitted - succeeded.size,
      )} for requests cut off at the end), ${completions} completions, ${duplicates} duplicate completions`,
    },
  })
}

if (wanted('baseline')) await baseline('baseline-2')

for (const [id, pathname, label] of [
  ['fixed-lesson', lessonPath, 'lesson page'],
  ['fixed-learn', '/learn', '/learn'],
] as const) {
  if (!wanted(id) || fixedDuration <= 0) continue
  log(`  ${label} at ${fixedRate} req/s for ${fixedDuration} s…`)
  const m = await run(
    id,
    `${label} at ${fixedRate} req/s`,
    [200],
    {
      connections,
      duration: fixedDuration,
      overallRate: fixedRate,
      ignoreCoordinatedOmission: true,
      requests: [{ method: 'GET', path: pathname, setupRequest: withCookie(readers) }],
    },
    false,
  )
  results.push({ id, label: `${label} at a fixed ${fixedRate} req/s for ${fixedDuration} s`, measurement: m })
}

// 2,000 quiz takers start and submit an attempt at once: one connection each, start then submit.
if (wanted('sync-start')) {
  const course = quizCourses[0]!
  const takers = accounts.quizTakers.slice(0, syncTakers)
  let cursor = 0
  // By attempt id: a connection whose start timed out starts again for the next taker, so takers may repeat.
  const started = new Set<string>()
  const submitted = new Set<string>()
  const since = Date.now()
  const t0 = performance.now()
  const m = await run(
    'sync-start',
    'synchronised start',
    [302],
    {
      connections: takers.length,
      duration: 120,
      maxConnectionRequests: 2,
      requests: [
        {
          method: 'POST',
          path: `/courses/${course.frontmatter.id}/quiz`,
          setupRequest: (req, context) => {
            const index = cursor++ % takers.length
            context.taker = index
            return { ...req, headers: postHeaders(takers[index]!.cookie), body: form([['intent', 'start']]) }
          },
          onResponse: (status, _body, context, headers) => {
            const location = headers.location ?? headers.Location
            if (status === 302 && typeof location === 'string') {
              context.attemptPath = location
              started.add(location.split('/').pop()!)
            }
          },
        },
        {
          method: 'POST',
          setupRequest: (req, context) => {
            if (typeof context.attemptPath !== 'string') return null
            return {
              ...req,
              path: context.attemptPath,
              headers: postHeaders(takers[context.taker as number]!.cookie),
              body: form([['intent', 'submit']]),
            }
          },
          onResponse: (status, _body, context) => {
            if (status === 302) submitted.add(String(context.attemptPath).split('/').pop()!)
          },
        },
      ],
    },
    false,
  )
  const wallS = (performance.now() - t0) / 1000
  // Requests whose connection timed out may still be queued in the server: wait until it is idle again.
  const settleMs = await waitUntilIdle()
  const reader = openReader(runFile)
  const attempts = [...reader.attemptsSince(since)].filter(([, a]) => a.courseId === course.frontmatter.id)
  reader.close()
  const byId = new Map(attempts)
  const missingStart = [...started].filter((id) => !byId.has(id)).length
  const missingSubmit = [...submitted].filter((id) => !byId.get(id)?.submitted).length
  const ok = missingStart === 0 && missingSubmit === 0
  results.push({
    id: 'sync-start',
    label: `${takers.length} quiz takers start + submit at once (${takers.length} connections)`,
    measurement: m,
    check: {
      ok,
      detail: `all answered or timed out in ${wallS.toFixed(1)} s (server idle again ${(settleMs / 1000).toFixed(
        1,
      )} s later); ${started.size} starts and ${submitted.size} submits answered; ${
        attempts.length
      } attempts in the database (${missingStart} missing), ${
        attempts.filter(([, a]) => a.submitted).length
      } graded (${missingSubmit} missing)`,
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Memory, MDX, restart
// ---------------------------------------------------------------------------------------------------------

const peakRssMb = memoryMb(pid).peak
const compiledDuringRun = snapshotDir(contentCacheDir) !== lessonCacheBefore
await server.stop()
let restartReadyMs: number | null = null
let restartCompiled: number | null = null
if (wanted('restart')) {
  // Others may have edited app/ meanwhile, and start-up rebuilds a stale build (whose new code invalidates the
  // lesson cache). So: build now if needed, let one start fill the lesson cache for that build, then measure
  // the next start, a restart with unchanged content and code; retried if an edit still slipped in between.
  for (let attempt = 1; attempt <= 3; attempt++) {
    ensureBuild({ log })
    await (await startServer({ port: await freePort(), databasePath: runFile, contentCacheDir, buildDir })).stop()
    server = await startServer({ port: await freePort(), databasePath: runFile, contentCacheDir, buildDir })
    await server.stop()
    if (server.output().includes('Đang build')) continue
    restartReadyMs = server.readyMs
    const compiled = /biên dịch (\d+)/.exec(server.output())
    restartCompiled = compiled ? Number(compiled[1]) : null
    log(`Restart: healthy after ${(restartReadyMs / 1000).toFixed(2)} s, ${restartCompiled ?? '?'} lessons compiled`)
    break
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------

const baselineRps = baselines.length ? baselines.reduce((a, b) => a + b, 0) / baselines.length : 0
const facts = {
  scale,
  baselineRps,
  scenarios: results,
  maxRssMb,
  peakRssMb,
  restartReadyMs,
  restartCompiled,
  compiledDuringRun,
  lessonJs,
  fixedRate,
}
const targets = judgeTargets(facts)
const cpuModel =
  /model name\s*:\s*(.+)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown'
const machine = {
  cpu: cpuModel,
  cores: os.availableParallelism(),
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  serverProcesses,
  loadAverage: {
    atStart: loadAtStart.map((l) => Number(l.toFixed(2))),
    atEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
  },
}
// BENCH_COMMIT names the commit when the bench runs in an exported copy (git archive) without .git.
const commit =
  process.env.BENCH_COMMIT ??
  (() => {
    try {
      const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
      const dirty =
        execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== ''
      return `${head}${dirty ? ' (with uncommitted changes)' : ''}`
    } catch {
      return 'unknown'
    }
  })()
const command = `HOCSO_BUILD_DIR=${buildDir} npm run bench -- ${process.argv.slice(2).join(' ')}`.trim()

console.log(
  `\nHọcSố bench — ${scale} scale, ${startedAt.toISOString()}, ${machine.cpu}, ${machine.cores} cores, ${
    machine.memoryGb
  } GB, Node ${machine.node}`,
)
console.log(`Baseline (mean of ${baselines.length} runs): ${baselineRps.toFixed(0)} req/s\n`)
console.log(formatTable(results, baselineRps))
console.log('\nTargets (issue #8):')
console.log(formatTargets(targets))
for (const s of results.filter((r) => r.check))
  console.log(`Check ${s.id}: ${s.check!.ok ? 'ok' : 'FAILED'} — ${s.check!.detail}`)

fs.mkdirSync(resultsDir, { recursive: true })
const out = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}-${scale}.json`)
fs.writeFileSync(
  out,
  JSON.stringify(
    {
      command,
      commit,
      startedAt,
      scale,
      config: { duration, connections, fixedDuration, fixedRate, syncTakers },
      machine,
      database: {
        file: path.relative(root, generated.file),
        generatedMs: generated.generatedMs,
        counts: generated.counts,
        teamSize,
      },
      firstStartMs,
      baselineRps,
      scenarios: results,
      lessonJs,
      restart: { readyMs: restartReadyMs, compiled: restartCompiled },
      memory: { peakRssMb, maxSampledRssMb: maxRssMb },
      compiledDuringRun,
      targets,
      markdownTable: formatMarkdownTable(results, baselineRps),
    },
    null,
    2,
  ),
)
console.log(`\nWritten ${path.relative(root, out)}`)
