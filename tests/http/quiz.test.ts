/**
 * Quizzes over HTTP against the real production build: the answer key never reaches the browser before the
 * submit; submitting grades once; tampering and other people's attempts are refused.
 */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldForSearch } from '~/i18n/format'
import type { ShownQuestion } from '~/models/quiz-types'
import { postedAnswers } from '../quiz-answers'
import { startTestServer, type TestServer } from '../server'
import { signIn as signInAs } from './client'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => {
  await server?.stop()
})

type Collected = { url: string; body: string }

const signIn = (username: string) => signInAs(server, username)

function client(cookie: string, collected: Collected[] = []) {
  const get = async (path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' })
    collected.push({ url: path, body: await res.clone().text() })
    return res
  }
  const post = async (path: string, fields: [string, string][]) => {
    const res = await fetch(`${server.baseUrl}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: { Cookie: cookie, Origin: server.baseUrl }, redirect: 'manual' })
    collected.push({ url: `POST ${path}`, body: await res.clone().text() })
    return res
  }
  return { get, post, collected }
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}

function lessonSlugs(courseId: string): string[] {
  return query<{ slug: string }>('SELECT slug FROM lessons WHERE course_id = ? AND active = 1 ORDER BY position', courseId).map((r) => r.slug)
}

async function finishLessons(c: ReturnType<typeof client>, courseId: string) {
  for (const slug of lessonSlugs(courseId)) expect((await c.post(`/courses/${courseId}/${slug}`, [['intent', 'complete']])).status).toBe(302)
}

async function startQuiz(c: ReturnType<typeof client>, courseId: string): Promise<string> {
  const res = await c.post(`/courses/${courseId}/quiz`, [['intent', 'start']])
  expect(res.status).toBe(302)
  return res.headers.get('location')!
}

const shownOf = (attemptUrl: string) => JSON.parse(query<{ shown: string }>('SELECT shown FROM quiz_attempts WHERE id = ?', attemptUrl.split('/').pop())[0]!.shown) as ShownQuestion[]
const asFields = (posted: Record<string, string[]>): [string, string][] => Object.entries(posted).flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string]))

describe('the answer key', () => {
  it('is in no response of the quiz flow before the submit: not in HTML, loader data or any JavaScript asset', async () => {
    const c = client(await signIn('hocvien'))
    await finishLessons(c, 'an-toan-thong-tin')
    await c.get('/courses/an-toan-thong-tin')
    await c.get('/courses/an-toan-thong-tin/quiz')
    const attemptUrl = await startQuiz(c, 'an-toan-thong-tin')
    const page = await (await c.get(attemptUrl)).text()
    await c.get(`${attemptUrl}.data`)
    await c.get(`/courses/an-toan-thong-tin/quiz.data`)
    const assets = [...new Set([...page.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!))]
    expect(assets.length).toBeGreaterThan(3)
    for (const asset of assets) await c.get(asset)
    // Dynamic imports of the route modules too (what a client navigation would load).
    for (const body of c.collected.filter((r) => r.url.endsWith('.js')).map((r) => r.body)) {
      for (const m of body.matchAll(/["'](\/assets\/[^"']+\.js)["']/g)) if (!c.collected.some((r) => r.url === m[1])) await c.get(m[1]!)
    }
    expect((await c.get('/content/courses/02-an-toan-thong-tin/quiz.yaml')).status).toBe(404)

    const shown = shownOf(attemptUrl)
    expect(shown).toHaveLength(10)
    const everything = c.collected.map((r) => r.body).join('\n')
    const folded = foldForSearch(everything)
    // Text legitimately on screen: every prompt, option and item shown. An accepted answer that happens to occur
    // there (a domain name in another question's options, say) cannot be told apart from it.
    const onScreen = foldForSearch(
      shown
        .flatMap(({ question }) => [question.prompt, ...('options' in question ? question.options.map((o) => o.text) : []), ...('items' in question ? question.items.map((i) => i.text) : [])])
        .join('\n'),
    )
    for (const { question } of shown) {
      expect(everything, `explanation of ${question.id}`).not.toContain(question.explanation)
      expect(everything).toContain(question.prompt.slice(0, 40))
      if (question.type === 'text') {
        for (const accepted of question.accept) if (!onScreen.includes(foldForSearch(accepted))) expect(folded, `accepted answer of ${question.id}`).not.toContain(foldForSearch(accepted))
      }
      if (question.type === 'numeric' && !question.prompt.includes(String(question.answer).replace('.', ','))) {
        const candidates = [String(question.answer), String(question.answer).replace('.', ',')]
        const promptArea = page.slice(page.indexOf(question.prompt.slice(0, 30)), page.indexOf(question.prompt.slice(0, 30)) + 3000)
        for (const candidate of candidates) expect(promptArea, `numeric answer of ${question.id}`).not.toContain(`value="${candidate}"`)
      }
      if (question.type === 'ordering') {
        const positions = question.items.map((item) => page.indexOf(item.text))
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!), `ordering ${question.id} shown in the right order`).toBe(false)
      }
    }
    // Option ids and keys of the YAML never appear: the form uses shown positions.
    expect(everything).not.toMatch(/"correct"|correct:|"accept"|"tolerance"|"explanation"/)

    const submit = await c.post(attemptUrl, [['intent', 'submit'], ...asFields(postedAnswers(shown, { right: true }))])
    expect(submit.status).toBe(302)
    const result = await (await c.get(attemptUrl)).text()
    expect(result).toContain('Điểm của bạn: 100,00%')
    expect(result).toContain(shown[0]!.question.explanation)
    expect(result).toMatch(/href="\/certificates\/[A-Z2-9-]{12,14}"/)
  })
})

describe('submitting', () => {
  it('twice at once grades once: one completion, the same result for both', async () => {
    const c = client(await signIn('truongphong'))
    await finishLessons(c, 'van-ban-dien-tu-chu-ky-so')
    const attemptUrl = await startQuiz(c, 'van-ban-dien-tu-chu-ky-so')
    const fields: [string, string][] = [['intent', 'submit'], ...asFields(postedAnswers(shownOf(attemptUrl), { right: true }))]
    const [a, b] = await Promise.all([c.post(attemptUrl, fields), c.post(attemptUrl, fields)])
    expect([a.status, b.status]).toEqual([302, 302])
    const rows = query<{ n: number }>("SELECT count(*) AS n FROM completions c JOIN users u ON u.person_id = c.person_id WHERE u.username = 'truongphong' AND c.course_id = 'van-ban-dien-tu-chu-ky-so'")
    expect(rows[0]!.n).toBe(1)
    const attempts = query<{ score: number }>('SELECT score FROM quiz_attempts WHERE id = ?', attemptUrl.split('/').pop())
    expect(attempts).toEqual([{ score: 100 }])
  })

  it('refuses answers to questions that were not shown (403), a finished attempt (409), and another person’s attempt (404)', async () => {
    const owner = client(await signIn('tochuc'))
    await finishLessons(owner, 'bao-ve-du-lieu-ca-nhan')
    const attemptUrl = await startQuiz(owner, 'bao-ve-du-lieu-ca-nhan')
    const before = query('SELECT answers, submitted_at FROM quiz_attempts WHERE id = ?', attemptUrl.split('/').pop())
    expect((await owner.post(attemptUrl, [['intent', 'save'], ['q99', '0']])).status).toBe(403)
    const choice = shownOf(attemptUrl).findIndex((s) => s.question.type === 'single' || s.question.type === 'multiple')
    expect(choice).toBeGreaterThanOrEqual(0)
    expect((await owner.post(attemptUrl, [['intent', 'submit'], [`q${choice}`, '17']])).status).toBe(403)
    expect(query('SELECT answers, submitted_at FROM quiz_attempts WHERE id = ?', attemptUrl.split('/').pop())).toEqual(before)

    const other = client(await signIn('hocvien'))
    expect((await other.get(attemptUrl)).status).toBe(404)
    expect((await other.post(attemptUrl, [['intent', 'submit']])).status).toBe(404)
    expect(query('SELECT answers, submitted_at FROM quiz_attempts WHERE id = ?', attemptUrl.split('/').pop())).toEqual(before)

    expect((await owner.post(attemptUrl, [['intent', 'submit']])).status).toBe(302)
    expect((await owner.post(attemptUrl, [['intent', 'save'], ['q0', '0']])).status).toBe(409)
  })

  it('will not start a quiz before the lessons are done', async () => {
    const c = client(await signIn('hocvien'))
    const res = await c.post('/courses/du-lieu-quan-trac/quiz', [['intent', 'start']])
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Bạn cần hoàn thành tất cả các bài học trước khi làm bài kiểm tra.')
  })
})
