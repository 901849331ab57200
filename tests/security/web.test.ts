/**
 * Browser-facing protections and the flaws other LMSs shipped, over HTTP against the real built server (behind a
 * trusted proxy, so HTTPS can be simulated with X-Forwarded-Proto): cross-site refusal of every state-changing
 * route of the build, headers on every kind of response, cookies, stored XSS, safe redirects, the server clock on
 * timed quizzes, answer keys after the submit, ids of other people's objects, the request log and error ids.
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ShownQuestion } from '~/models/quiz-types'
import { SERVER_BUILD } from '../../server/build'
import { get, post, signIn } from '../http/client'
import { postedAnswers } from '../quiz-answers'
import { startTestServer, type TestServer } from '../server'

let server: TestServer
let routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; module: Record<string, unknown> }>
const cookies: Record<string, string> = {}

beforeAll(async () => {
  server = await startTestServer({ env: { TRUST_PROXY: 'loopback' } })
  routes = ((await import(pathToFileURL(SERVER_BUILD).href)) as { routes: typeof routes }).routes
  for (const name of ['hocvien', 'truongphong', 'tochuc', 'quantri']) cookies[name] = await signIn(server, name)
})
afterAll(async () => {
  await server?.stop()
})

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath)
  db.pragma('busy_timeout = 5000')
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

/** A fingerprint of every table but sessions, sign-in bookkeeping and token-use audit entries. */
function snapshot(): string {
  return withDb((db) => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
      .map((t) => t.name)
      .filter((t) => !['sessions', 'login_attempts', 'login_throttles'].includes(t))
    const hash = crypto.createHash('sha256')
    for (const table of tables) {
      const where = table === 'audit_log' ? " WHERE action != 'token.use'" : ''
      for (const row of db.prepare(`SELECT * FROM "${table}"${where} ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
        if (table === 'api_tokens') delete row.last_used_at
        hash.update(`${table}:${JSON.stringify(row)}\n`)
      }
    }
    return hash.digest('hex')
  })
}

const personOf = (username: string) => withDb((db) => (db.prepare('SELECT person_id AS p FROM users WHERE username = ?').get(username) as { p: string }).p)

/** A concrete URL for a route of the manifest: its path with every parameter filled with a real value. */
function urlOf(routeId: string): string {
  const route = routes[routeId]!
  const segments: string[] = []
  for (let r: typeof route | undefined = route; r; r = r.parentId ? routes[r.parentId] : undefined) if (r.path) segments.unshift(r.path)
  const values: Record<string, string> = {
    course: 'an-toan-thong-tin',
    lesson: 'x',
    attempt: 'x',
    code: 'AAAA-AAAA-AAAA',
    unitId: 'u-ttqt',
    personId: personOf('hocvien'),
    year: '2026',
    file: 'x.png',
  }
  return `/${segments.join('/')}`.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x')
}

describe('cross-site requests', () => {
  it('refuse every state-changing route of the build from another site, with a cookie, documents and data requests alike', async () => {
    const withActions = Object.values(routes).filter((r) => typeof r.module.action === 'function')
    expect(withActions.map((r) => r.id)).toEqual(expect.arrayContaining(['routes/logout', 'routes/lang', 'routes/login', 'routes/api.v1.plans.$year', 'routes/people.$personId']))
    const before = snapshot()
    const refused: string[] = []
    const headerSets: [string, Record<string, string>][] = [
      ['Origin of another site', { Origin: 'https://evil.example' }],
      ['Origin null (sandboxed frame)', { Origin: 'null' }],
      ['Sec-Fetch-Site cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
      ['Sec-Fetch-Site same-site (a sibling subdomain)', { 'Sec-Fetch-Site': 'same-site' }],
      ['Referer of another site', { Referer: 'https://evil.example/page' }],
      ['no Origin, Sec-Fetch-Site or Referer', {}],
      ['Origin over https when served over http', { Origin: server.baseUrl.replace('http:', 'https:') }],
    ]
    for (const route of withActions) {
      const url = urlOf(route.id)
      for (const method of ['POST', 'PUT', 'DELETE']) {
        for (const target of [url, `${url === '/' ? '/_root' : url}.data`]) {
          for (const [why, headers] of headerSets) {
            const res = await fetch(`${server.baseUrl}${target}`, {
              method,
              headers: { Cookie: cookies.quantri!, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
              body: 'intent=create&name=x&role=admin&locale=en&redirectTo=%2F',
              redirect: 'manual',
            })
            if (res.status !== 403) refused.push(`${method} ${target} (${why}): ${res.status}`)
            else expect(await res.text()).toContain('Cross-site request refused')
          }
        }
      }
    }
    expect(refused).toEqual([])
    expect(snapshot()).toBe(before)
    // The cookie still works: the cross-site logout did not sign anyone out.
    expect((await get(server, '/', cookies.quantri)).status).toBe(200)
  }, 120_000)

  it('accept the same requests from this site, so the refusal is the origin check and nothing else', async () => {
    const res = await post(server, '/lang', { locale: 'vi', redirectTo: '/learn' }, { cookie: cookies.hocvien })
    expect(res.status).toBe(302)
    const referer = await post(server, '/lang', { locale: 'vi', redirectTo: '/learn' }, { cookie: cookies.hocvien, origin: null, headers: { Referer: `${server.baseUrl}/learn` } })
    expect(referer.status).toBe(302)
  })
})

describe('response headers', () => {
  const expectHardened = (res: Response, what: string) => {
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(csp, what).toContain("frame-ancestors 'none'")
    expect(csp, what).toContain("object-src 'none'")
    expect(csp, what).not.toContain('unsafe-eval')
    expect(csp, what).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
    expect(res.headers.get('referrer-policy'), what).toBe('same-origin')
    expect(res.headers.get('x-frame-options'), what).toBe('DENY')
    expect(res.headers.get('x-request-id'), what).toMatch(/^[0-9a-f]{16}$/)
  }

  it('are on every kind of response: pages, errors, redirects, static files, API answers, exports, refusals', async () => {
    const html = await (await get(server, '/login')).text()
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)![1]!
    const js = /(\/assets\/[^"]+\.js)"/.exec(html)![1]!
    const responses: [string, Promise<Response>][] = [
      ['page', get(server, '/login')],
      ['signed-in page', get(server, '/learn', cookies.hocvien)],
      ['404 page', get(server, '/khong-co/trang-nay')],
      ['403 page', get(server, '/org', cookies.hocvien)],
      ['redirect to sign-in', get(server, '/learn')],
      ['stylesheet', get(server, css)],
      ['script', get(server, js)],
      ['public file', get(server, '/favicon.svg')],
      ['missing asset', get(server, '/assets/khong-co.js')],
      ['API 401', get(server, '/api/v1/courses')],
      ['API document', get(server, '/api/v1/openapi.json')],
      ['CSV export', get(server, '/admin/audit.csv', cookies.tochuc)],
      ['data request', get(server, '/learn.data', cookies.hocvien)],
      ['health check', get(server, '/healthz')],
      ['cross-site refusal', post(server, '/logout', {}, { origin: 'https://evil.example' })],
    ]
    for (const [what, promise] of responses) {
      const res = await promise
      expectHardened(res, what)
      expect(res.headers.get('strict-transport-security'), what).toBeNull()
    }
  })

  it('add HSTS under HTTPS (behind the trusted proxy), never over plain HTTP', async () => {
    for (const target of ['/login', '/favicon.svg', '/khong-co']) {
      const res = await fetch(`${server.baseUrl}${target}`, { headers: { 'X-Forwarded-Proto': 'https' }, redirect: 'manual' })
      expect(res.headers.get('strict-transport-security'), target).toBe('max-age=31536000; includeSubDomains')
      expectHardened(res, target)
    }
  })

  it('set cookies HttpOnly and SameSite=Lax, and Secure under HTTPS', async () => {
    const plain = await post(server, '/login', { username: 'hocvien', password: 'HocSo@2026' })
    expect(plain.headers.get('set-cookie')).toMatch(/^hocso_session=[a-z0-9]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/)
    const httpsOrigin = server.baseUrl.replace('http:', 'https:')
    const secure = await fetch(`${server.baseUrl}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'hocvien', password: 'HocSo@2026' }),
      headers: { Origin: httpsOrigin, 'X-Forwarded-Proto': 'https' },
      redirect: 'manual',
    })
    expect(secure.status).toBe(302)
    expect(secure.headers.get('set-cookie')).toMatch(/^hocso_session=[a-z0-9]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/)
    // Over HTTPS the plain-http origin is another site.
    const mixed = await fetch(`${server.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ username: 'x', password: 'y' }), headers: { Origin: server.baseUrl, 'X-Forwarded-Proto': 'https' }, redirect: 'manual' })
    expect(mixed.status).toBe(403)
    const lang = await post(server, '/lang', { locale: 'en', redirectTo: '/' })
    expect(lang.headers.get('set-cookie')).toMatch(/HttpOnly/)
    expect(lang.headers.get('set-cookie')).toMatch(/SameSite=Lax/)
    const signOut = await post(server, '/logout', {}, { cookie: await signIn(server, 'hocvien') })
    expect(signOut.headers.get('set-cookie')).toMatch(/^hocso_session=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/)
  })
})

describe('redirects after sign-in and the language switch', () => {
  const hostile = [
    '//evil.example',
    '//evil.example/learn',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    '%2F%2Fevil.example',
    '%2f%5cevil.example',
    '/%2F%2Fevil.example',
    '/%5Cevil.example',
    '/\tevil',
    ' //evil.example',
    'data:text/html,<script>alert(1)</script>',
    '/%0d%0aSet-Cookie:x=1',
  ]

  it('go only to same-origin relative paths; everything else lands on the home page', async () => {
    const bad: string[] = []
    for (const target of hostile) {
      const login = await post(server, '/login', { username: 'hocvien', password: 'HocSo@2026', redirectTo: target })
      const lang = await post(server, '/lang', { locale: 'vi', redirectTo: target })
      for (const [what, res] of [['login', login], ['lang', lang]] as const) {
        const location = res.headers.get('location') ?? ''
        if (res.status !== 302 || location !== '/') bad.push(`${what} ${JSON.stringify(target)} → ${res.status} ${location}`)
        if (res.headers.get('set-cookie')?.includes('x=1')) bad.push(`${what} ${JSON.stringify(target)} set a cookie`)
      }
    }
    expect(bad).toEqual([])
    const signedIn = await get(server, `/login?redirectTo=${encodeURIComponent('//evil.example')}`, cookies.hocvien)
    expect(signedIn.headers.get('location')).toBe('/')
    // A real same-site path survives, query included.
    const good = await post(server, '/login', { username: 'hocvien', password: 'HocSo@2026', redirectTo: '/courses?q=an%20toan' })
    expect(good.headers.get('location')).toBe('/courses?q=an%20toan')
  })
})

describe('stored XSS', () => {
  const SCRIPT = '<script>alert("hocso-xss")</script>'
  const IMG = '<img src=x onerror=alert("hocso-xss")>'
  const raw = /<script>alert\("hocso-xss"\)|<img src=x onerror/i

  it('names, staff fields, unit names, imported records and plan references are shown as text on every HR, head and report page', async () => {
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()))
    const insider = withDb((db) => {
      const person = db
        .prepare("SELECT a.person_id AS id FROM assignments a JOIN users u ON u.person_id = a.person_id WHERE u.username = 'hocvien' LIMIT 1")
        .get() as { id: string }
      db.prepare('UPDATE people SET ho = ?, chu_dem = ?, ten = ?, full_name_original = ?, rank = ?, email = ? WHERE id = ?').run(
        `Nguyễn ${SCRIPT}`,
        IMG,
        `An${SCRIPT}`,
        `${SCRIPT} gốc`,
        `Chuyên viên ${IMG}`,
        `x${IMG}@example.vn`,
        person.id,
      )
      db.prepare('UPDATE assignments SET position = ? WHERE person_id = ?').run(`Chuyên viên ${SCRIPT}`, person.id)
      db.prepare("UPDATE unit_versions SET name = ? WHERE unit_id = 'u-qldd-2026'").run(`Phòng Quản lý đất đai ${SCRIPT}`)
      db.prepare("UPDATE unit_versions SET name = ? WHERE unit_id = 'u-ttqt'").run(`Trung tâm ${IMG}`)
      db.prepare("UPDATE plans SET reference = ? WHERE year = ?").run(`01/KH ${SCRIPT}`, year)
      db.prepare(
        'INSERT INTO audit_log (at, action, entity_type, entity_id, details) VALUES (?, ?, ?, ?, ?)',
      ).run(Date.now(), `import.${SCRIPT}`, 'person', IMG, JSON.stringify({ note: SCRIPT }))
      // An outside training record as the completions import stores its cells (title, source, note).
      db.prepare(
        "INSERT INTO external_records (id, person_id, course_id, title, completed_on, duration_tiet, mode, source, note, entered_at) VALUES ('ext-xss', ?, NULL, ?, ?, 4, NULL, ?, ?, ?)",
      ).run(person.id, `Lớp ngoài ${SCRIPT}`, `${year}-03-02`, `OneTouch ${IMG}`, `Ghi chú ${SCRIPT}`, Date.now())
      return person.id
    })
    const pages: [string, string][] = [
      ['tochuc', '/'],
      ['tochuc', '/people?status=all'],
      ['tochuc', '/people?q=nguyen&status=all'],
      ['tochuc', `/people/${insider}`],
      ['tochuc', '/org'],
      ['tochuc', '/org/units/u-qldd-2026'],
      ['tochuc', '/org/units/u-ttqt'],
      ['tochuc', `/plans/${year}`],
      ['tochuc', '/plans'],
      ['tochuc', `/reports/coverage?year=${year}`],
      ['tochuc', `/reports/coverage?year=${year}&mode=restated`],
      ['tochuc', `/reports/coverage/print?year=${year}`],
      ['tochuc', `/reports/coverage/compare?year=${year}`],
      ['tochuc', `/reports/coverage/people?year=${year}&unit=u-qldd-2026`],
      ['truongphong', `/reports/coverage/people?year=${year}&unit=u-qldd-2026`],
      ['tochuc', '/admin/audit'],
      ['tochuc', '/imports/completions'],
      ['quantri', `/people/${insider}`],
      ['truongphong', '/team'],
      ['truongphong', '/people'],
      ['truongphong', `/people/${insider}`],
      ['truongphong', `/reports/coverage?year=${year}`],
      ['hocvien', '/'],
      ['hocvien', '/learn'],
    ]
    const leaks: string[] = []
    let escapedSeen = 0
    for (const [who, target] of pages) {
      const cookie = who === 'hocvien' ? await signIn(server, 'hocvien') : cookies[who]
      for (const url of [target, `${target.replace(/\?|$/, (m) => `.data${m}`)}`]) {
        const res = await get(server, url === '/.data' ? '/_root.data' : url, cookie)
        const body = await res.text()
        if (res.status >= 400 && res.status !== 404) leaks.push(`${who} ${url}: status ${res.status}`)
        if (url.includes('.data')) {
          // Loader data is data, not a document: never served as HTML, and never sniffed into one.
          if (!/^text\/x-script/.test(res.headers.get('content-type') ?? '')) leaks.push(`${who} ${url}: served as ${res.headers.get('content-type')}`)
          if (res.headers.get('x-content-type-options') !== 'nosniff') leaks.push(`${who} ${url}: sniffable`)
        } else if (raw.test(body)) leaks.push(`${who} ${url}: raw payload`)
        if (body.includes('&lt;script&gt;alert(&quot;hocso-xss&quot;)&lt;/script&gt;') || body.includes('&lt;img src=x onerror=')) escapedSeen++
      }
    }
    expect(leaks).toEqual([])
    // The payloads were on the pages — as text.
    expect(escapedSeen).toBeGreaterThanOrEqual(12)
  }, 120_000)

  it('every dangerouslySetInnerHTML in the app is one of the reviewed four, none of them fed by user input', () => {
    const found: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && fs.readFileSync(full, 'utf8').includes('dangerouslySetInnerHTML')) found.push(path.relative('app', full))
      }
    }
    walk('app')
    // data-explorer: a data set from content/, through jsonForScript (no `<`, `>` or `&` survive);
    // the course introduction and lessons: MDX compiled from content/ only, with raw HTML refused at compile time;
    // the certificate: the QR code SVG that the `qrcode` library draws from our own verification URL.
    expect(found.sort()).toEqual(['components/mdx/data-explorer.tsx', 'routes/certificates.$code.tsx', 'routes/courses.$course.$lesson.tsx', 'routes/courses.$course._index.tsx'])
  })

  it('data sent inside a script element cannot close it', async () => {
    const { jsonForScript } = await import('~/components/mdx/island-json')
    const json = jsonForScript({ cell: '</script><script>alert(1)</script><!--', amp: '&' })
    expect(json).not.toMatch(/[<>&]/)
    expect(JSON.parse(json)).toEqual({ cell: '</script><script>alert(1)</script><!--', amp: '&' })
  })
})

describe('MDX', () => {
  it('is compiled only from files inside the content folder', async () => {
    const { compileMdx } = await import('~/content/lessons.server')
    const { loadCatalog } = await import('~/content/catalog.server')
    const course = loadCatalog()[0]!
    const outside = path.join(server.dir, 'upload.mdx')
    fs.writeFileSync(outside, '# Tải lên\n')
    await expect(compileMdx(course, outside, '# Tải lên\n')).rejects.toThrow(/only files inside the content folder/)
    await expect(compileMdx(course, path.join(course.dir, '..', '..', '..', 'package.json'), '{}')).rejects.toThrow(/only files inside the content folder/)
    await expect(compileMdx({ ...course, dir: server.dir }, path.join(course.dir, 'course.mdx'), '# x')).rejects.toThrow(/only files inside the content folder/)
    // The only callers of the compiler are the renderers of content/ lessons.
    const callers = execGrep(/compileMdx\(|bundleMDX\(/)
    expect(callers).toEqual(['app/content/lessons.server.tsx'])
  })
})

/** Source files (not tests) under app/ and server/ whose text matches. */
function execGrep(pattern: RegExp): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && pattern.test(fs.readFileSync(full, 'utf8'))) found.push(full)
    }
  }
  for (const root of ['app', 'server']) walk(root)
  return found.sort()
}

describe('passwords and secrets', () => {
  it('every path that checks a password goes through the sign-in throttle', () => {
    // verifyPassword is called by the throttled checks only (sign-in and the change-password form).
    expect(execGrep(/verifyPassword\(/)).toEqual(['app/auth/login.server.ts', 'app/auth/password-change.server.ts', 'app/auth/password.server.ts'])
    for (const file of ['app/auth/login.server.ts', 'app/auth/password-change.server.ts']) {
      const text = fs.readFileSync(file, 'utf8')
      const checks = text.split('verifyPassword(').length - 1
      const throttled = (text.match(/checkPasswordThrottled\(\{[\s\S]*?verifyPassword\(/g) ?? []).length
      expect(throttled, file).toBe(checks)
    }
  })

  it('API tokens are compared by hash in constant time, never with ===', () => {
    const text = fs.readFileSync('app/models/api-tokens.server.ts', 'utf8')
    expect(text).toContain('timingSafeEqual(')
    expect(text).not.toMatch(/tokenHash\s*===|===\s*\w*[Hh]ash\b/)
  })
})

describe('timed quizzes', () => {
  it('follow the server clock: answers posted after the time limit are ignored whatever time the client claims', async () => {
    const cookie = cookies.hocvien!
    const course = 'an-toan-thong-tin'
    const slugs = withDb((db) => db.prepare('SELECT slug FROM lessons WHERE course_id = ? AND active = 1 ORDER BY position').all(course) as { slug: string }[])
    for (const { slug } of slugs) expect((await post(server, `/courses/${course}/${slug}`, { intent: 'complete' }, { cookie })).status).toBe(302)
    const start = await post(server, `/courses/${course}/quiz`, { intent: 'start' }, { cookie })
    expect(start.status).toBe(302)
    const attemptUrl = start.headers.get('location')!
    const attemptId = attemptUrl.split('/').pop()!
    const shown = JSON.parse((withDb((db) => db.prepare('SELECT shown FROM quiz_attempts WHERE id = ?').get(attemptId)) as { shown: string }).shown) as ShownQuestion[]
    // The time limit (20 minutes) passed on the server's clock 10 minutes ago.
    withDb((db) => db.prepare('UPDATE quiz_attempts SET started_at = ?, deadline_at = ? WHERE id = ?').run(Date.now() - 30 * 60_000, Date.now() - 10 * 60_000, attemptId))
    const forged: [string, string][] = [
      ...Object.entries(postedAnswers(shown, { right: true })).flatMap(([k, vs]) => vs.map((v) => [k, v] as [string, string])),
      ['clientTime', new Date(Date.now() - 25 * 60_000).toISOString()],
      ['submittedAt', String(Date.now() - 25 * 60_000)],
      ['deadlineAt', String(Date.now() + 60 * 60_000)],
      ['elapsed', '60'],
    ]
    const save = await post(server, attemptUrl, [['intent', 'save'], ...forged], { cookie })
    expect(save.status).toBe(409)
    const submit = await post(server, attemptUrl, [['intent', 'submit'], ...forged], { cookie })
    expect(submit.status).toBe(302)
    const row = withDb((db) => db.prepare('SELECT answers, score, passed, submitted_at AS submittedAt, deadline_at AS deadlineAt FROM quiz_attempts WHERE id = ?').get(attemptId)) as {
      answers: string | null
      score: number
      passed: number
      submittedAt: number
      deadlineAt: number
    }
    expect(row.score).toBe(0)
    expect(row.passed).toBe(0)
    expect(row.submittedAt).toBeGreaterThan(row.deadlineAt)
    expect(JSON.stringify(row.answers ?? '')).not.toContain('clientTime')
    expect(withDb((db) => db.prepare('SELECT count(*) AS n FROM completions WHERE attempt_id = ?').get(attemptId))).toEqual({ n: 0 })
  })
})

describe('other people’s objects', () => {
  it('an admin cannot revoke a grant through another person’s page (the grant id belongs to someone else)', async () => {
    const [hocvien, truongphong] = [personOf('hocvien'), personOf('truongphong')]
    const headGrant = withDb((db) => (db.prepare("SELECT id FROM role_grants WHERE user_id = 'usr-truongphong' AND role = 'unit_head'").get() as { id: number }).id)
    const before = snapshot()
    const res = await post(server, `/people/${hocvien}`, { intent: 'revoke', grantId: String(headGrant) }, { cookie: cookies.quantri })
    expect(res.status).toBe(409)
    expect(snapshot()).toBe(before)
    expect(truongphong).not.toBe(hocvien)
  })

  it('a learner’s data requests for someone else’s record, certificate or attempt, or for HR data, carry none of it', async () => {
    const cookie = cookies.hocvien!
    const other = withDb((db) =>
      db
        .prepare(
          "SELECT p.id, p.ten, p.national_id AS nid, c.certificate_code AS code FROM completions c JOIN people p ON p.id = c.person_id WHERE p.id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL) AND c.revoked_at IS NULL LIMIT 1",
        )
        .get(),
    ) as { id: string; ten: string; nid: string; code: string }
    const attempt = { id: 'qa-web-other' }
    withDb((db) =>
      db
        .prepare("INSERT INTO quiz_attempts (id, person_id, course_id, course_version, shown, started_at) SELECT ?, ?, id, version, '[]', ? FROM courses WHERE id = 'an-toan-thong-tin'")
        .run(attempt.id, personOf('truongphong'), Date.now()),
    )
    const targets = [
      `/people/${other.id}.data`,
      `/certificates/${other.code.replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3')}.data`,
      '/reports/coverage.data?year=2025',
      '/team.data',
      '/admin/audit.data',
      `/courses/an-toan-thong-tin/quiz/${attempt.id}.data`,
    ]
    for (const target of targets) {
      const res = await get(server, target, cookie)
      const body = await res.text()
      expect([403, 404], target).toContain(res.status)
      expect(body, target).not.toContain(other.nid)
      expect(body, target).not.toContain(`"${other.ten}"`)
      expect(body, target).not.toMatch(/"(?:headcount|trainedAll|members|entries|assignments|training)"/)
    }
  })
})

describe('the request log', () => {
  it('has one line per request with method, path, route, status, duration and user id, and never a password, token or cookie', async () => {
    const password = 'HocSo@2026'
    const cookie = await signIn(server, 'tochuc', password)
    await get(server, '/learn', cookie)
    const created = await post(server, '/admin/tokens', { intent: 'create', name: 'Nhật ký', role: 'hr' }, { cookie: cookies.quantri })
    const token = /value="(hs_[A-Za-z0-9_-]{43})"/.exec(await created.text())![1]!
    const tokenId = withDb((db) => (db.prepare('SELECT id FROM api_tokens WHERE prefix = ?').get(token.slice(0, 11)) as { id: string }).id)
    await fetch(`${server.baseUrl}/api/v1/courses?token=${token}`, { headers: { Authorization: `Bearer ${token}` } })
    await new Promise((r) => setTimeout(r, 200))
    const lines = server
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const requests = lines.filter((l) => 'method' in l)
    const find = (method: string, p: string) => requests.filter((l) => l.method === method && l.path === p).at(-1)
    expect(find('GET', '/learn')).toMatchObject({ route: 'routes/learn', status: 200, userId: 'usr-tochuc', requestId: expect.stringMatching(/^[0-9a-f]{16}$/), ms: expect.any(Number) })
    expect(find('GET', '/api/v1/courses')).toMatchObject({ route: 'routes/api.v1.courses', status: 200, userId: `token:${tokenId}` })
    expect(find('POST', '/login')).toMatchObject({ route: 'routes/login', status: 302, userId: null })
    expect(find('GET', '/healthz')).toMatchObject({ route: 'routes/healthz', status: 200 })
    expect(requests.find((l) => typeof l.path === 'string' && l.path.startsWith('/assets/'))).toMatchObject({ route: 'static' })
    const all = server.output()
    expect(all).not.toContain(password)
    expect(all).not.toContain(token)
    expect(all).not.toContain(cookie.split('=')[1]!)
    expect(all).not.toContain('token=hs_')
  })

  it('an error answers a page with the request id, and the log line of the error has it', async () => {
    withDb((db) => db.prepare('ALTER TABLE audit_log RENAME TO audit_log_hidden').run())
    try {
      const res = await get(server, '/admin/audit', cookies.tochuc)
      expect(res.status).toBe(500)
      const requestId = res.headers.get('x-request-id')!
      const html = await res.text()
      expect(html).toContain(requestId)
      expect(html).not.toMatch(/at \w+ \(|node_modules|SqliteError/)
      await new Promise((r) => setTimeout(r, 200))
      const lines = server
        .output()
        .split('\n')
        .filter((l) => l.includes(requestId))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(lines).toEqual(expect.arrayContaining([expect.objectContaining({ level: 'error', requestId, message: expect.stringMatching(/audit_log/) }), expect.objectContaining({ status: 500, requestId, userId: 'usr-tochuc' })]))
    } finally {
      withDb((db) => db.prepare('ALTER TABLE audit_log_hidden RENAME TO audit_log').run())
    }
  })
})
