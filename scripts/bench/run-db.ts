/**
 * The database of one bench run: a copy of the cached generated file with fresh sessions for the bench accounts
 * (inserted the way lucia stores them: id, user, expiry in seconds, plus our sign-in instant), and the checks
 * that the write scenarios left exactly one record per success answer.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { SESSION_COOKIE_NAME, SESSION_LIFETIME_MS } from '../../app/auth/lucia.server'

export type BenchAccount = { userId: string; personId: string | null; cookie: string }
export type BenchAccounts = {
  hr: BenchAccount
  head: BenchAccount
  quizTakers: BenchAccount[]
  readers: BenchAccount[]
}

const SESSION_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function newSessionId(): string {
  const bytes = crypto.randomBytes(40)
  let id = ''
  for (const byte of bytes) id += SESSION_ALPHABET[byte % SESSION_ALPHABET.length]
  return id
}

/** Copies the generated database to `runFile` and signs every bench account in. */
export function prepareRunDatabase({ cachedFile, runFile }: { cachedFile: string; runFile: string }): BenchAccounts {
  fs.mkdirSync(path.dirname(runFile), { recursive: true })
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(runFile + suffix, { force: true })
  fs.copyFileSync(cachedFile, runFile)
  const sqlite = new Database(runFile)
  try {
    sqlite.pragma('journal_mode = WAL')
    const users = sqlite
      .prepare(`SELECT id, username, person_id AS personId FROM users WHERE username LIKE 'bench-%' ORDER BY username`)
      .all() as { id: string; username: string; personId: string | null }[]
    const insert = sqlite.prepare('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)')
    const now = Date.now()
    const accounts = new Map<string, BenchAccount>()
    sqlite.transaction(() => {
      for (const user of users) {
        const id = newSessionId()
        insert.run(id, user.id, Math.floor((now + SESSION_LIFETIME_MS) / 1000), now)
        accounts.set(user.username, {
          userId: user.id,
          personId: user.personId,
          cookie: `${SESSION_COOKIE_NAME}=${id}`,
        })
      }
    })()
    const get = (username: string) => {
      const account = accounts.get(username)
      if (!account) throw new Error(`No bench account ${username} in ${cachedFile}`)
      return account
    }
    return {
      hr: get('bench-hr'),
      head: get('bench-head'),
      quizTakers: users.filter((u) => u.username.startsWith('bench-a-')).map((u) => get(u.username)),
      readers: users.filter((u) => u.username.startsWith('bench-b-')).map((u) => get(u.username)),
    }
  } finally {
    sqlite.close()
  }
}

/** Read-only queries against the run database while (or after) the server writes to it. */
export function openReader(runFile: string) {
  const sqlite = new Database(runFile, { readonly: true, fileMustExist: true })
  sqlite.pragma('busy_timeout = 5000')
  return {
    close: () => sqlite.close(),
    /** People in post on `date` in `unitId` or below it (as the tree stands on that date). */
    headcountBelow(unitId: string, date: string): number {
      const row = sqlite
        .prepare(
          `WITH RECURSIVE tree(id) AS (
             SELECT ? UNION
             SELECT v.unit_id FROM unit_versions v JOIN tree t ON v.parent_id = t.id
             WHERE v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to >= ?))
           SELECT count(DISTINCT a.person_id) AS n FROM assignments a JOIN people p ON p.id = a.person_id
           WHERE a.unit_id IN (SELECT id FROM tree) AND a.valid_from <= ? AND (a.valid_to IS NULL OR a.valid_to >= ?)
             AND (p.left_on IS NULL OR p.left_on >= ?)`,
        )
        .get(unitId, date, date, date, date, date) as { n: number }
      return row.n
    },
    unitsOn(date: string): number {
      return (
        sqlite
          .prepare(
            'SELECT count(*) AS n FROM unit_versions WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)',
          )
          .get(date, date) as { n: number }
      ).n
    },
    /** lesson_progress rows completed at or after `since` (ms), by person and lesson. */
    lessonsDoneSince(since: number): Map<string, number> {
      const rows = sqlite
        .prepare(
          'SELECT person_id AS personId, lesson_id AS lessonId, count(*) AS n FROM lesson_progress WHERE completed_at >= ? GROUP BY person_id, lesson_id',
        )
        .all(since) as {
        personId: string
        lessonId: string
        n: number
      }[]
      return new Map(rows.map((r) => [`${r.personId}|${r.lessonId}`, r.n]))
    },
    /** Attempts started at or after `since` (ms): id → submitted or not. */
    attemptsSince(since: number): Map<string, { personId: string; courseId: string; submitted: boolean }> {
      const rows = sqlite
        .prepare(
          'SELECT id, person_id AS personId, course_id AS courseId, submitted_at AS submittedAt FROM quiz_attempts WHERE started_at >= ?',
        )
        .all(since) as {
        id: string
        personId: string
        courseId: string
        submittedAt: number | null
      }[]
      return new Map(
        rows.map((r) => [r.id, { personId: r.personId, courseId: r.courseId, submitted: r.submittedAt !== null }]),
      )
    },
    /** Completions written at or after `since` that duplicate another completion of the same person, course and year. */
    duplicateCompletionsSince(since: number): number {
      const row = sqlite
        .prepare(
          `SELECT count(*) AS n FROM completions c WHERE c.completed_at >= ? AND c.revoked_at IS NULL AND EXISTS (
             SELECT 1 FROM completions o WHERE o.person_id = c.person_id AND o.course_id = c.course_id AND o.id <> c.id
               AND o.revoked_at IS NULL AND substr(o.completed_on, 1, 4) = substr(c.completed_on, 1, 4))`,
        )
        .get(since) as { n: number }
      return row.n
    },
    completionsSince(since: number): number {
      return (
        sqlite.prepare('SELECT count(*) AS n FROM completions WHERE completed_at >= ?').get(since) as { n: number }
      ).n
    },
  }
}
