/**
 * `npm start` as a cluster (WEB_CONCURRENCY=2): a supervisor and two workers on one port, sessions and writes
 * shared through the database, a dead worker replaced, everything gone after SIGTERM.
 */
import fs from 'node:fs'
import http from 'node:http'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parentIds } from '../../scripts/bench/server'
import { startTestServer, type TestServer } from '../server'
import { get, post, signIn } from './client'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({ env: { WEB_CONCURRENCY: '2' } })
})
afterAll(async () => {
  await server?.stop()
})

function childrenOf(pid: number): number[] {
  return [...parentIds()].filter(([, parent]) => parent === pid).map(([child]) => child)
}

function statusOnNewConnection(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.baseUrl}${path}`, { agent: false }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      .on('error', reject)
  })
}

async function until<T>(read: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = read()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out:\n${server.output().slice(-3000)}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe('the server as a cluster', () => {
  it('runs two workers under one supervisor, which answer on the same port', async () => {
    await until(() => (/với 2 tiến trình/.test(server.output()) ? true : undefined))
    const workers = await until(() => {
      const pids = childrenOf(server.pid)
      return pids.length === 2 ? pids : undefined
    })
    expect(new Set(workers).size).toBe(2)
    const answers = await Promise.all(Array.from({ length: 40 }, () => get(server, '/healthz')))
    expect(answers.map((r) => r.status)).toEqual(Array(40).fill(200))
  })

  it('shares sign-ins and writes between workers: every request sees the same session and data', async () => {
    const cookie = await signIn(server, 'hocvien')
    const lesson = '/courses/an-toan-thong-tin/nhan-dien-lua-dao'
    // Many connections at once, so that both workers take some (each fetch opens its own connection).
    const pages = await Promise.all(Array.from({ length: 20 }, () => get(server, lesson, cookie)))
    expect(pages.map((r) => r.status)).toEqual(Array(20).fill(200))
    const done = await Promise.all(Array.from({ length: 10 }, () => post(server, lesson, { intent: 'complete' }, { cookie })))
    expect(done.map((r) => r.status)).toEqual(Array(10).fill(302))
    const db = new Database(server.databasePath, { readonly: true })
    try {
      const rows = db
        .prepare(
          `SELECT count(*) AS n FROM lesson_progress lp JOIN users u ON u.person_id = lp.person_id
           WHERE u.username = 'hocvien' AND lp.lesson_id = 'an-toan-thong-tin/nhan-dien-lua-dao' AND lp.completed_at IS NOT NULL`,
        )
        .get() as { n: number }
      expect(rows.n).toBe(1)
    } finally {
      db.close()
    }
    const after = await Promise.all(Array.from({ length: 10 }, async () => (await get(server, lesson, cookie)).text()))
    for (const html of after) expect(html).toContain('Bạn đã hoàn thành bài này.')
  })

  it('replaces a worker that dies, and keeps answering with the other', async () => {
    const before = childrenOf(server.pid)
    expect(before).toHaveLength(2)
    process.kill(before[0]!, 'SIGKILL')
    // Once the supervisor has seen the death, new connections go to the living (a killed worker takes its open
    // connections with it, as any crash would; those clients see a reset).
    await until(() => (/dừng \(SIGKILL\); khởi động lại/.test(server.output()) ? true : undefined))
    const answers = await Promise.all(Array.from({ length: 20 }, () => statusOnNewConnection('/healthz')))
    expect(answers).toEqual(Array(20).fill(200))
    const after = await until(() => {
      const pids = childrenOf(server.pid)
      return pids.length === 2 && !pids.includes(before[0]!) ? pids : undefined
    })
    expect(after).toContain(before[1])
  })

  it('stops the supervisor and every worker on SIGTERM', async () => {
    const workers = childrenOf(server.pid)
    expect(workers).toHaveLength(2)
    await server.stop({ keepFiles: true })
    await until(() => (workers.every((pid) => !fs.existsSync(`/proc/${pid}`)) ? true : undefined), 10_000)
  })
})
