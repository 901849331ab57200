/**
 * Nothing lost (issue 7, point 5), against the real production server on a seeded database:
 *
 * 1. Many signed-in learners complete lessons, start quizzes, save answers and submit, concurrently. The server
 *    is killed with SIGKILL mid-load and restarted on the same file: every request that got a success answer is
 *    in the database, and PRAGMA integrity_check is ok.
 * 2. `npm run db:backup -- FILE` runs while the learners keep writing: the copy is intact and holds every write
 *    acknowledged before the backup started; its manifest describes it. `npm run db:restore -- FILE` into an
 *    empty path gives a database equal to the manifest, table by table, which a server then starts on. A restore
 *    whose manifest does not match is refused.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ShownQuestion } from '~/models/quiz-types'
import { differingTables, manifestPath, summariseTables, type Manifest } from '../../scripts/db-manifest'
import { signIn } from '../http/client'
import { postedAnswers } from '../quiz-answers'
import { startTestServer, type TestServer } from '../server'

const LEARNERS = 24
/** Acknowledged writes before the SIGKILL: enough that many requests are in flight when it lands. */
const WRITES_BEFORE_KILL = 250

let server: TestServer
let restored: TestServer | null = null
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hocso-durability-'))

afterAll(async () => {
  await server?.stop()
  await restored?.stop()
  fs.rmSync(scratch, { recursive: true, force: true })
})

function withDb<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

type Learner = { username: string; personId: string; cookie: string }
type Course = { id: string; lessons: { id: string; slug: string }[]; hasQuiz: boolean }

/** What the server answered with success, and when: each must be found in the database afterwards. */
type Ack =
  | { kind: 'lesson'; at: number; personId: string; lessonId: string }
  | { kind: 'start'; at: number; personId: string; attemptId: string }
  | { kind: 'save'; at: number; attemptId: string }
  | { kind: 'submit'; at: number; attemptId: string }

/** Accounts for learners: staff in post without one get a username, the demo password (its hash) and the learner role. */
function createLearnerAccounts(dbFile: string, count: number): { username: string; personId: string }[] {
  const db = new Database(dbFile, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    const hash = (db.prepare("SELECT password_hash AS h FROM users WHERE username = 'hocvien'").get() as { h: string })
      .h
    const people = db
      .prepare(
        `SELECT p.id, p.ho || ' ' || p.ten AS name FROM people p
         WHERE p.left_on IS NULL AND EXISTS (SELECT 1 FROM assignments a WHERE a.person_id = p.id AND a.valid_to IS NULL)
           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.person_id = p.id)
         ORDER BY p.id LIMIT ?`,
      )
      .all(count) as { id: string; name: string }[]
    const now = Date.now()
    const insertUser = db.prepare(
      "INSERT INTO users (id, username, password_hash, display_name, person_id, locale, is_demo, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, 'vi', 0, ?, ?)",
    )
    const grant = db.prepare(
      "INSERT INTO role_grants (user_id, role, unit_id, granted_at) VALUES (?, 'learner', NULL, ?)",
    )
    db.transaction(() => {
      people.forEach((p, i) => {
        insertUser.run(`usr-load-${i}`, `taiho${i}`, hash, p.name, p.id, now, now)
        grant.run(`usr-load-${i}`, now)
      })
    })()
    return people.map((p, i) => ({ username: `taiho${i}`, personId: p.id }))
  } finally {
    db.close()
  }
}

function loadCourses(dbFile: string): Course[] {
  return withDb(dbFile, (db) => {
    const courses = db
      .prepare("SELECT id, has_quiz AS hasQuiz FROM courses WHERE status = 'published' ORDER BY position")
      .all() as { id: string; hasQuiz: number }[]
    const lessons = db
      .prepare('SELECT id, slug, course_id AS courseId FROM lessons WHERE active = 1 ORDER BY position')
      .all() as { id: string; slug: string; courseId: string }[]
    return courses.map((c) => ({
      id: c.id,
      hasQuiz: c.hasQuiz === 1,
      lessons: lessons.filter((l) => l.courseId === c.id),
    }))
  })
}

const asFields = (posted: Record<string, string[]>): [string, string][] =>
  Object.entries(posted).flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string]))

/**
 * Learners working through the courses at the same time, each one request after another, until `stop()`. A write
 * counts as acknowledged only when its success answer (a redirect) has arrived.
 */
function runLoad(target: () => TestServer, learners: Learner[], courses: Course[]) {
  const acks: Ack[] = []
  let stopped = false
  const post = async (learner: Learner, url: string, fields: [string, string][]) => {
    const s = target()
    const res = await fetch(`${s.baseUrl}${url}`, {
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: { Cookie: learner.cookie, Origin: s.baseUrl },
      redirect: 'manual',
    })
    await res.arrayBuffer()
    return res
  }
  const shownOf = (attemptId: string) =>
    withDb(
      target().databasePath,
      (db) =>
        JSON.parse(
          (db.prepare('SELECT shown FROM quiz_attempts WHERE id = ?').get(attemptId) as { shown: string }).shown,
        ) as ShownQuestion[],
    )

  const work = async (learner: Learner, offset: number) => {
    for (let round = 0; !stopped; round++) {
      const course = courses[(offset + round) % courses.length]!
      for (const lesson of course.lessons) {
        if (stopped) return
        const res = await post(learner, `/courses/${course.id}/${lesson.slug}`, [['intent', 'complete']])
        if (res.status === 302)
          acks.push({ kind: 'lesson', at: Date.now(), personId: learner.personId, lessonId: lesson.id })
      }
      if (!course.hasQuiz || stopped) continue
      const start = await post(learner, `/courses/${course.id}/quiz`, [['intent', 'start']])
      if (start.status !== 302) continue // no attempts left: a later round moves on
      const attemptUrl = start.headers.get('location')!
      const attemptId = attemptUrl.split('/').pop()!
      acks.push({ kind: 'start', at: Date.now(), personId: learner.personId, attemptId })
      const answers = asFields(postedAnswers(shownOf(attemptId), { right: (offset + round) % 2 === 0 }))
      for (let k = 0; k < 2 && !stopped; k++) {
        const save = await post(learner, attemptUrl, [['intent', 'save'], ...answers.slice(0, k + 1)])
        if (save.status === 302) acks.push({ kind: 'save', at: Date.now(), attemptId })
      }
      if (stopped) return
      const submit = await post(learner, attemptUrl, [['intent', 'submit'], ...answers])
      if (submit.status === 302) acks.push({ kind: 'submit', at: Date.now(), attemptId })
    }
  }
  const failures: unknown[] = []
  const done = Promise.all(
    learners.map((learner, i) =>
      work(learner, i).catch((error: unknown) => {
        // A request cut by the SIGKILL is expected; anything before it is a failure of the test itself.
        if (!stopped) failures.push(error)
      }),
    ),
  )
  return {
    acks,
    failures,
    stop: () => {
      stopped = true
      return done
    },
    writes: () => acks.length,
  }
}

/** The acknowledged writes that the database at `file` does not hold. */
function missingAcks(file: string, acks: readonly Ack[]): Ack[] {
  return withDb(file, (db) => {
    const lesson = db.prepare('SELECT completed_at AS c FROM lesson_progress WHERE person_id = ? AND lesson_id = ?')
    const attempt = db.prepare('SELECT person_id AS p, submitted_at AS s, answers FROM quiz_attempts WHERE id = ?')
    return acks.filter((ack) => {
      if (ack.kind === 'lesson') return !(lesson.get(ack.personId, ack.lessonId) as { c: number | null } | undefined)?.c
      const row = attempt.get(ack.attemptId) as { p: string; s: number | null; answers: string } | undefined
      if (ack.kind === 'start') return row?.p !== ack.personId
      if (ack.kind === 'save') return !row || row.answers === '{}'
      return !row?.s
    })
  })
}

const integrity = (file: string) => withDb(file, (db) => db.pragma('integrity_check', { simple: true }))

function waitFor(condition: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (condition()) return resolve()
      if (Date.now() > deadline) return reject(new Error(`Timed out waiting for ${what}`))
      setTimeout(tick, 20)
    }
    tick()
  })
}

function npmRun(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

let learners: Learner[]
let courses: Course[]

beforeAll(async () => {
  server = await startTestServer()
  const accounts = createLearnerAccounts(server.databasePath, LEARNERS)
  expect(accounts).toHaveLength(LEARNERS)
  learners = await Promise.all(accounts.map(async (a) => ({ ...a, cookie: await signIn(server, a.username) })))
  courses = loadCourses(server.databasePath)
  expect(courses.filter((c) => c.hasQuiz && c.lessons.length > 0).length).toBeGreaterThan(2)
})

describe('a crash under load', () => {
  it('every acknowledged lesson completion, quiz start, save and submit survives a SIGKILL; the file is intact', async () => {
    const load = runLoad(() => server, learners, courses)
    await waitFor(
      () => load.writes() >= WRITES_BEFORE_KILL || load.failures.length > 0,
      `${WRITES_BEFORE_KILL} acknowledged writes`,
    )
    expect(load.failures).toEqual([])
    await server.kill('SIGKILL')
    await load.stop()
    const acks = [...load.acks]
    const kinds = Object.fromEntries(
      ['lesson', 'start', 'save', 'submit'].map((k) => [k, acks.filter((a) => a.kind === k).length]),
    )
    console.log(`durability: SIGKILL after ${acks.length} acknowledged writes ${JSON.stringify(kinds)}`)
    expect(kinds.lesson).toBeGreaterThan(0)

    // The same database file, a new process (it recovers the WAL on opening).
    server = await startTestServer({ dir: server.dir })
    expect(integrity(server.databasePath)).toBe('ok')
    expect(missingAcks(server.databasePath, acks)).toEqual([])
    // Sessions were written too: the learners are still signed in.
    const learn = await fetch(`${server.baseUrl}/learn`, {
      headers: { Cookie: learners[0]!.cookie },
      redirect: 'manual',
    })
    expect(learn.status).toBe(200)
  }, 300_000)
})

describe('backup and restore under write load', () => {
  it('db:backup during writes holds every write acknowledged before it started; db:restore brings back exactly what its manifest promises', async () => {
    const backupFile = path.join(scratch, 'sao-luu.db')
    const load = runLoad(() => server, learners, courses)
    await waitFor(() => load.writes() >= 40 || load.failures.length > 0, '40 acknowledged writes before the backup')
    const startedAt = Date.now()
    const ackedBefore = load.acks.filter((a) => a.at < startedAt)
    const backup = await npmRun('db:backup', [backupFile], { DATABASE_PATH: server.databasePath })
    const finishedAt = Date.now()
    await load.stop()
    expect(load.failures).toEqual([])
    expect(backup.code, backup.output).toBe(0)
    expect(backup.output).toMatch(/integrity_check: ok/)
    // The backup really ran under load: writes were acknowledged while it ran.
    const duringBackup = load.acks.filter((a) => a.at >= startedAt && a.at <= finishedAt).length
    console.log(
      `durability: backup took ${finishedAt - startedAt} ms; ${
        ackedBefore.length
      } writes acknowledged before it, ${duringBackup} during it`,
    )
    expect(duringBackup).toBeGreaterThan(0)

    expect(integrity(backupFile)).toBe('ok')
    expect(missingAcks(backupFile, ackedBefore)).toEqual([])
    expect(fs.existsSync(`${backupFile}-wal`)).toBe(false)
    const manifest = JSON.parse(fs.readFileSync(manifestPath(backupFile), 'utf8')) as Manifest
    expect(withDb(backupFile, (db) => differingTables(manifest.tables, summariseTables(db)))).toEqual([])
    const rowsIn = (file: string, table: string) =>
      withDb(file, (db) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n)
    expect(manifest.tables.lesson_progress!.rows).toBe(rowsIn(backupFile, 'lesson_progress'))
    expect(manifest.tables.quiz_attempts!.rows).toBeGreaterThan(0)

    // Restore into an empty folder, where a server is then started on it.
    const restoreDir = path.join(scratch, 'khoi-phuc')
    const restoredPath = path.join(restoreDir, 'hocso.db')
    const restore = await npmRun('db:restore', [backupFile], { DATABASE_PATH: restoredPath })
    expect(restore.code, restore.output).toBe(0)
    expect(restore.output).toMatch(/khớp bản kê/)
    expect(integrity(restoredPath)).toBe('ok')
    expect(withDb(restoredPath, (db) => differingTables(manifest.tables, summariseTables(db)))).toEqual([])
    expect(missingAcks(restoredPath, ackedBefore)).toEqual([])
    // Restoring over a database that holds data is refused.
    const again = await npmRun('db:restore', [backupFile], { DATABASE_PATH: restoredPath })
    expect(again.code).toBe(1)
    expect(again.output).toMatch(/không trống/)

    restored = await startTestServer({ dir: restoreDir, seed: false })
    expect(await signIn(restored, learners[0]!.username)).toMatch(/^hocso_session=/)

    // A manifest that does not match its backup: the restore fails and leaves nothing behind.
    const forged = path.join(scratch, 'gia.db')
    fs.copyFileSync(backupFile, forged)
    const lie: Manifest = {
      ...manifest,
      tables: {
        ...manifest.tables,
        lesson_progress: { ...manifest.tables.lesson_progress!, rows: manifest.tables.lesson_progress!.rows + 1 },
      },
    }
    fs.writeFileSync(manifestPath(forged), JSON.stringify(lie))
    const forgedTarget = path.join(scratch, 'gia-khoi-phuc', 'hocso.db')
    const refused = await npmRun('db:restore', [forged], { DATABASE_PATH: forgedTarget })
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/không khớp bản kê .* lesson_progress/)
    expect(fs.existsSync(forgedTarget)).toBe(false)
  }, 300_000)
})
