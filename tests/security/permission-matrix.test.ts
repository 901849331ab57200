/**
 * The permission matrix: every route of the real build's route manifest × every kind of caller, with concrete
 * URLs and real ids from the seeded demo database (another person's attempt, certificate and person page, a unit
 * outside a unit head's scope, a closed year), the expected status of each, and — for every refused state
 * change — proof that nothing in the database changed. A route added without a row here fails the first test.
 */
import crypto from 'node:crypto'
import { pathToFileURL } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newCertificateCode, formatCertificateCode } from '~/models/certificate-code'
import { SERVER_BUILD } from '../../server/build'
import { signIn } from '../http/client'
import { startTestServer, type TestServer } from '../server'

const ACTORS = ['anon', 'learner', 'headA', 'headB', 'hrScoped', 'hr', 'admin', 'token', 'revoked'] as const
type Actor = (typeof ACTORS)[number]
type Expect = Record<Actor, number>

/**
 * A page: without a session (and with a bearer token, which pages ignore) a redirect to /login; signed-in actors
 * get `denied` unless listed. A unit-scoped HR grant confers what a unit head of that unit has: like headB.
 */
function page(allowed: Partial<Record<Actor, number>>, denied = 403): Expect {
  const signedIn = (a: Actor) => allowed[a] ?? denied
  return {
    anon: 302,
    token: 302,
    revoked: 302,
    learner: signedIn('learner'),
    headA: signedIn('headA'),
    headB: signedIn('headB'),
    hrScoped: allowed.hrScoped ?? signedIn('headB'),
    hr: signedIn('hr'),
    admin: signedIn('admin'),
  }
}

/** An API call: 401 without credentials or with a revoked token, `denied` for signed-in actors unless listed. */
function api(allowed: Partial<Record<Actor, number>>, denied = 403): Expect {
  const get = (a: Actor) => allowed[a] ?? denied
  return {
    anon: 401,
    revoked: 401,
    token: get('token'),
    learner: get('learner'),
    headA: get('headA'),
    headB: get('headB'),
    hrScoped: allowed.hrScoped ?? get('headB'),
    hr: get('hr'),
    admin: get('admin'),
  }
}

const everyone = (status: number): Expect => Object.fromEntries(ACTORS.map((a) => [a, status])) as Expect
const signedIn = (status: number) => page({ learner: status, headA: status, headB: status, hr: status, admin: status })
const hrOnly = (status = 200) => page({ hr: status, admin: status })
const hrApi = (status = 200) => api({ hr: status, admin: status, token: status })

type Case = {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  expect: Expect
  form?: Record<string, string>
  json?: unknown
  /** The request ends the caller's session (sign them in again afterwards). */
  endsSession?: boolean
  /** Allowed callers may change the database (their own progress, their locale…). */
  note?: string
}

let server: TestServer
let cookies: Record<Actor, string | null>
let bearer: Record<Actor, string | null>
let manifestRouteIds: string[]
let routesWithActions: string[]
let cases: Record<string, Case[]>

// Ids from the seeded database.
const unitA = 'u-qldd-2026'
const unitB = 'u-ttqt'
let insider = ''
let outsider = ''
let ownCertificate = ''
let otherCertificate = ''
let attemptOfHeadA = ''
let lessonSlug = ''
const closedYear = 2025
let tokenForHr = ''

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(server.databasePath)
  db.pragma('busy_timeout = 5000')
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date())

/** Every table that a state change could touch (sessions, sign-in bookkeeping and the audit log aside). */
function snapshot(): string {
  return withDb((db) => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[])
      .map((t) => t.name)
      .filter((t) => !['sessions', 'login_attempts', 'login_throttles', 'audit_log'].includes(t))
    const hash = crypto.createHash('sha256')
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).iterate() as Iterable<Record<string, unknown>>) {
        if (table === 'api_tokens') delete row.last_used_at
        hash.update(`${table}:${JSON.stringify(row)}\n`)
      }
    }
    const audit = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action != 'token.use'").get() as { n: number }
    hash.update(`audit:${audit.n}`)
    return hash.digest('hex')
  })
}

async function send(actor: Actor, c: Case): Promise<Response> {
  const headers: Record<string, string> = {}
  if (cookies[actor]) headers.Cookie = cookies[actor]!
  if (bearer[actor]) headers.Authorization = `Bearer ${bearer[actor]}`
  let body: BodyInit | undefined
  if (c.method !== 'GET') {
    headers.Origin = server.baseUrl
    if (c.json !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(c.json)
    } else body = new URLSearchParams(c.form ?? {})
  }
  return fetch(`${server.baseUrl}${c.path}`, { method: c.method, headers, body, redirect: 'manual' })
}

beforeAll(async () => {
  server = await startTestServer()
  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as { routes: Record<string, { module: Record<string, unknown> }> }
  manifestRouteIds = Object.keys(build.routes).filter((id) => id !== 'root')
  routesWithActions = manifestRouteIds.filter((id) => typeof build.routes[id]!.module.action === 'function')

  const active = `valid_from <= '${today()}' AND (valid_to IS NULL OR valid_to >= '${today()}')`
  const hocvienPerson = withDb((db) => (db.prepare("SELECT person_id AS p FROM users WHERE username = 'hocvien'").get() as { p: string }).p)
  const headAPerson = withDb((db) => (db.prepare("SELECT person_id AS p FROM users WHERE username = 'truongphong'").get() as { p: string }).p)
  withDb((db) => {
    const inUnit = (unit: string) =>
      (db.prepare(`SELECT DISTINCT a.person_id AS id FROM assignments a JOIN people p ON p.id = a.person_id WHERE a.unit_id = ? AND ${active} AND p.left_on IS NULL AND p.id NOT IN (SELECT person_id FROM users WHERE person_id IS NOT NULL) ORDER BY a.person_id`).all(unit) as { id: string }[]).map((r) => r.id)
    insider = inUnit(unitA)[0]!
    const [headBPerson, scopedPerson, other] = inUnit(unitB)
    outsider = other!
    // A unit head of unit B and an HR grant limited to unit B (both with the demo password).
    const hash = (db.prepare("SELECT password_hash AS h FROM users WHERE username = 'hocvien'").get() as { h: string }).h
    const addUser = db.prepare('INSERT INTO users (id, username, password_hash, display_name, person_id, locale, is_demo, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)')
    const grant = db.prepare('INSERT INTO role_grants (user_id, role, unit_id, granted_at) VALUES (?, ?, ?, 0)')
    addUser.run('usr-head-b', 'truongphong.b', hash, 'Trưởng đơn vị B', headBPerson, 'vi')
    grant.run('usr-head-b', 'unit_head', unitB)
    grant.run('usr-head-b', 'learner', null)
    addUser.run('usr-hr-scoped', 'tochuc.b', hash, 'Tổ chức đơn vị B', scopedPerson, 'vi')
    grant.run('usr-hr-scoped', 'hr', unitB)
    grant.run('usr-hr-scoped', 'learner', null)
    // Certificates: one of hocvien's own, one of a person of unit B.
    const template = db.prepare('SELECT * FROM completions WHERE revoked_at IS NULL LIMIT 1').get() as Record<string, unknown>
    const addCompletion = db.prepare(
      'INSERT INTO completions (id, person_id, course_id, course_version, completed_on, completed_at, score, certificate_code, unit_id, unit_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    const own = newCertificateCode()
    const other2 = newCertificateCode()
    addCompletion.run('cmp-own', hocvienPerson, template.course_id, template.course_version, template.completed_on, template.completed_at, template.score, own, unitA, 'A')
    addCompletion.run('cmp-other', outsider, template.course_id, template.course_version, template.completed_on, template.completed_at, template.score, other2, unitB, 'B')
    ownCertificate = formatCertificateCode(own)
    otherCertificate = formatCertificateCode(other2)
    // An open quiz attempt of the unit head of A.
    const version = (db.prepare("SELECT version FROM courses WHERE id = 'an-toan-thong-tin'").get() as { version: string }).version
    attemptOfHeadA = 'qa-matrix-head-a'
    db.prepare("INSERT INTO quiz_attempts (id, person_id, course_id, course_version, shown, started_at) VALUES (?, ?, 'an-toan-thong-tin', ?, '[]', ?)").run(attemptOfHeadA, headAPerson, version, Date.now())
    lessonSlug = (db.prepare("SELECT slug FROM lessons WHERE course_id = 'an-toan-thong-tin' AND active = 1 ORDER BY position LIMIT 1").get() as { slug: string }).slug
    // The year close the lead is adding: a closed year's plan cannot change.
    db.prepare("INSERT INTO year_closes (year, params, report, closed_at) VALUES (?, '{}', '{}', ?)").run(closedYear, Date.now())
  })

  const admin = await signIn(server, 'quantri')
  const createToken = async (name: string) => {
    const res = await fetch(`${server.baseUrl}/admin/tokens`, {
      method: 'POST',
      headers: { Cookie: admin, Origin: server.baseUrl },
      body: new URLSearchParams({ intent: 'create', name, role: 'hr' }),
    })
    const token = /value="(hs_[A-Za-z0-9_-]{43})"/.exec(await res.text())?.[1]
    if (!token) throw new Error('no token')
    return token
  }
  tokenForHr = await createToken('Ma tran quyen')
  const revoked = await createToken('Ma da thu hoi')
  const revokedId = withDb((db) => (db.prepare('SELECT id FROM api_tokens WHERE prefix = ?').get(revoked.slice(0, 11)) as { id: string }).id)
  await fetch(`${server.baseUrl}/admin/tokens`, { method: 'POST', headers: { Cookie: admin, Origin: server.baseUrl }, body: new URLSearchParams({ intent: 'revoke', tokenId: revokedId }) })

  cookies = {
    anon: null,
    learner: await signIn(server, 'hocvien'),
    headA: await signIn(server, 'truongphong'),
    headB: await signIn(server, 'truongphong.b'),
    hrScoped: await signIn(server, 'tochuc.b'),
    hr: await signIn(server, 'tochuc'),
    admin,
    token: null,
    revoked: null,
  }
  bearer = { anon: null, learner: null, headA: null, headB: null, hrScoped: null, hr: null, admin: null, token: tokenForHr, revoked }

  const plan = { reference: '01/KH-TEST', targetPct: 90, requirements: [{ courseId: 'chuyen-doi-so', audience: { all: true }, dueDate: `${closedYear}-12-31` }] }
  const course = 'an-toan-thong-tin'
  cases = {
    'routes/_index': [{ method: 'GET', path: '/', expect: signedIn(200) }],
    'routes/$': [{ method: 'GET', path: '/khong-co-trang-nay', expect: everyone(404) }],
    'routes/account.password': [
      { method: 'GET', path: '/account/password', expect: signedIn(200) },
      { method: 'POST', path: '/account/password', form: { current: '', next: '', confirm: '' }, expect: signedIn(400) },
    ],
    'routes/admin.audit': [{ method: 'GET', path: '/admin/audit', expect: hrOnly() }],
    'routes/admin.audit[.csv]': [{ method: 'GET', path: '/admin/audit.csv', expect: hrOnly() }],
    'routes/admin.tokens': [
      { method: 'GET', path: '/admin/tokens', expect: page({ admin: 200 }) },
      { method: 'POST', path: '/admin/tokens', form: { intent: 'create', name: '', role: 'hr' }, expect: page({ admin: 400 }) },
    ],
    'routes/api.v1.courses': [{ method: 'GET', path: '/api/v1/courses', expect: hrApi() }],
    'routes/api.v1.imports.completions': [
      { method: 'GET', path: '/api/v1/imports/completions', expect: everyone(405) },
      { method: 'POST', path: '/api/v1/imports/completions?dryRun=false', form: {}, expect: hrApi(400) },
    ],
    'routes/api.v1.imports.roster': [
      { method: 'GET', path: '/api/v1/imports/roster', expect: everyone(405) },
      { method: 'POST', path: '/api/v1/imports/roster?dryRun=false', form: {}, expect: hrApi(400) },
    ],
    'routes/api.v1.openapi[.json]': [{ method: 'GET', path: '/api/v1/openapi.json', expect: everyone(200) }],
    'routes/api.v1.plans.$year': [
      { method: 'GET', path: `/api/v1/plans/${closedYear}`, expect: hrApi() },
      // Changing the plan of a closed year: 409 for those who may change plans, nothing written for anyone.
      { method: 'PUT', path: `/api/v1/plans/${closedYear}`, json: plan, expect: hrApi(409) },
    ],
    'routes/api.v1.reports.coverage': [
      { method: 'GET', path: '/api/v1/reports/coverage?year=2025', expect: api({ headA: 200, headB: 200, hr: 200, admin: 200, token: 200 }) },
      // A unit head asking for a unit outside their scope, by id.
      { method: 'GET', path: `/api/v1/reports/coverage?year=2026&unit=${unitB}`, expect: api({ headB: 200, hr: 200, admin: 200, token: 200 }) },
      { method: 'GET', path: `/api/v1/reports/coverage?year=2026&unit=${unitA}`, expect: api({ headA: 200, hr: 200, admin: 200, token: 200 }) },
    ],
    'routes/api.v1.units': [
      { method: 'GET', path: '/api/v1/units', expect: hrApi() },
      { method: 'POST', path: '/api/v1/units', json: {}, expect: hrApi(400) },
    ],
    'routes/api.v1.units.events': [
      { method: 'GET', path: '/api/v1/units/events', expect: everyone(405) },
      { method: 'POST', path: '/api/v1/units/events', json: {}, expect: hrApi(400) },
    ],
    'routes/certificates.$code': [
      // Someone else's certificate answers like an unknown code.
      { method: 'GET', path: `/certificates/${ownCertificate}`, expect: page({ learner: 200, hr: 200, admin: 200 }, 404) },
      { method: 'GET', path: `/certificates/${otherCertificate}`, expect: page({ hr: 200, admin: 200 }, 404) },
      { method: 'POST', path: `/certificates/${otherCertificate}`, form: { reason: '' }, expect: page({ admin: 400 }) },
    ],
    'routes/courses._index': [{ method: 'GET', path: '/courses', expect: signedIn(200) }],
    'routes/courses.$course._index': [{ method: 'GET', path: `/courses/${course}`, expect: signedIn(200) }],
    'routes/courses.$course.$lesson': [
      { method: 'GET', path: `/courses/${course}/${lessonSlug}`, expect: signedIn(200) },
      { method: 'POST', path: `/courses/${course}/${lessonSlug}`, form: { intent: 'khong-hop-le' }, expect: signedIn(400) },
    ],
    'routes/courses.$course.assets.$file': [{ method: 'GET', path: `/courses/${course}/assets/khong-co.png`, expect: signedIn(404) }],
    'routes/courses.$course.quiz._index': [
      { method: 'GET', path: `/courses/${course}/quiz`, expect: signedIn(200) },
      { method: 'POST', path: `/courses/${course}/quiz`, form: { intent: 'khong-hop-le' }, expect: signedIn(400) },
    ],
    'routes/courses.$course.quiz.$attempt': [
      // Another person's attempt is unknown to everyone but its owner, HR and admins included.
      { method: 'GET', path: `/courses/${course}/quiz/${attemptOfHeadA}`, expect: page({ headA: 200 }, 404) },
      { method: 'POST', path: `/courses/${course}/quiz/${attemptOfHeadA}`, form: { intent: 'save' }, expect: page({ headA: 302 }, 404), note: 'the owner saves' },
    ],
    'routes/healthz': [{ method: 'GET', path: '/healthz', expect: everyone(200) }],
    'routes/imports.completions': [
      { method: 'GET', path: '/imports/completions', expect: hrOnly() },
      { method: 'POST', path: '/imports/completions', form: { intent: 'khong-hop-le' }, expect: hrOnly(400) },
    ],
    'routes/imports.roster': [
      { method: 'GET', path: '/imports/roster', expect: hrOnly() },
      { method: 'POST', path: '/imports/roster', form: { intent: 'khong-hop-le' }, expect: hrOnly(400) },
    ],
    'routes/lang': [
      { method: 'GET', path: '/lang', expect: everyone(302) },
      { method: 'POST', path: '/lang', form: { locale: 'vi', redirectTo: '/' }, expect: everyone(302), note: 'sets a cookie only' },
    ],
    'routes/learn': [{ method: 'GET', path: '/learn', expect: signedIn(200) }],
    'routes/login': [
      { method: 'GET', path: '/login', expect: { ...everyone(302), anon: 200, token: 200, revoked: 200 } },
      // Signed-in callers are sent on by the page's loader after the (failed) form is answered.
      { method: 'POST', path: '/login', form: { username: '', password: '' }, expect: { ...everyone(302), anon: 200, token: 200, revoked: 200 } },
    ],
    'routes/logout': [
      { method: 'GET', path: '/logout', expect: everyone(302) },
      { method: 'POST', path: '/logout', form: {}, expect: everyone(302), endsSession: true, note: 'ends the caller’s own session' },
    ],
    'routes/org': [
      { method: 'GET', path: '/org', expect: page({ headA: 200, headB: 200, hr: 200, admin: 200 }) },
      { method: 'POST', path: '/org', form: {}, expect: hrOnly(400) },
    ],
    'routes/org_.units.$unitId': [
      { method: 'GET', path: `/org/units/${unitA}`, expect: page({ headA: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/org/units/${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
      { method: 'POST', path: `/org/units/${unitB}`, form: {}, expect: hrOnly(400) },
    ],
    'routes/people._index': [
      { method: 'GET', path: '/people', expect: page({ headA: 200, headB: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/people?unit=${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
    ],
    'routes/people.$personId': [
      // A person (and their training record) outside the caller's scope is unknown to them.
      { method: 'GET', path: `/people/${insider}`, expect: page({ headA: 200, hr: 200, admin: 200, headB: 404, hrScoped: 404 }) },
      { method: 'GET', path: `/people/${outsider}`, expect: page({ headB: 200, hr: 200, admin: 200, headA: 404 }) },
      { method: 'POST', path: `/people/${outsider}`, form: { intent: 'rename', ho: 'X', chuDem: '', ten: '' }, expect: page({ hr: 400, admin: 400 }) },
      { method: 'POST', path: `/people/${outsider}`, form: { intent: 'grant', role: 'unit_head', unit: '' }, expect: page({ admin: 400 }) },
      { method: 'POST', path: `/people/${outsider}`, form: { intent: 'grant', role: 'hr', unit: unitB }, expect: page({ admin: 400 }) },
      { method: 'POST', path: `/people/${outsider}`, form: { intent: 'endSessions' }, expect: page({ admin: 404 }) },
    ],
    'routes/plans._index': [{ method: 'GET', path: '/plans', expect: hrOnly() }],
    'routes/plans.$year': [
      { method: 'GET', path: `/plans/${closedYear}`, expect: hrOnly() },
      { method: 'POST', path: `/plans/${closedYear}`, form: {}, expect: hrOnly(400) },
    ],
    'routes/reports.coverage': [
      { method: 'GET', path: '/reports/coverage?year=2025', expect: page({ headA: 200, headB: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/reports/coverage?year=2026&unit=${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
      // Year close and reopen: department-wide HR only (a bad year changes nothing for them either).
      { method: 'POST', path: '/reports/coverage?year=2026', form: { intent: 'close', year: 'x' }, expect: hrOnly(200) },
    ],
    'routes/reports.coverage_.people': [
      // The drill-down of one report row: the people counted in it.
      { method: 'GET', path: `/reports/coverage/people?year=2026&unit=${unitA}`, expect: page({ headA: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/reports/coverage/people?year=2026&unit=${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
    ],
    'routes/reports.coverage[.csv]': [
      { method: 'GET', path: '/reports/coverage.csv?year=2025', expect: page({ headA: 200, headB: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/reports/coverage.csv?year=2026&unit=${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
    ],
    'routes/reports.coverage[.xlsx]': [
      { method: 'GET', path: '/reports/coverage.xlsx?year=2025', expect: page({ headA: 200, headB: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/reports/coverage.xlsx?year=2026&unit=${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
    ],
    'routes/reports.coverage_.compare': [
      { method: 'GET', path: '/reports/coverage/compare?year=2026', expect: page({ headA: 200, headB: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/reports/coverage/compare?year=2026&unit=${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
    ],
    'routes/reports.coverage_.print': [
      { method: 'GET', path: '/reports/coverage/print?year=2025', expect: page({ headA: 200, headB: 200, hr: 200, admin: 200 }) },
      { method: 'GET', path: `/reports/coverage/print?year=2026&unit=${unitB}`, expect: page({ headB: 200, hr: 200, admin: 200 }) },
    ],
    'routes/reports.questions': [{ method: 'GET', path: '/reports/questions', expect: hrOnly() }],
    'routes/team': [{ method: 'GET', path: '/team', expect: page({ headA: 200, headB: 200, admin: 200 }) }],
    'routes/team[.csv]': [{ method: 'GET', path: '/team.csv', expect: page({ headA: 200, headB: 200, admin: 200 }) }],
    'routes/verify._index': [{ method: 'GET', path: '/verify', expect: everyone(200) }],
    'routes/verify.$code': [
      { method: 'GET', path: `/verify/${otherCertificate}`, expect: everyone(200) },
      { method: 'GET', path: '/verify/AAAA-AAAA-AAAA', expect: everyone(404) },
    ],
  }
})
afterAll(async () => {
  await server?.stop()
})

describe('the permission matrix', () => {
  it('has an expectation for every route of the build, and no expectation for a route that does not exist', () => {
    expect(manifestRouteIds.length).toBeGreaterThan(30)
    expect([...manifestRouteIds].sort()).toEqual(Object.keys(cases).sort())
    // A route that can change state has at least one state-changing request in the matrix.
    const withoutWrites = routesWithActions.filter((id) => !cases[id]!.some((c) => c.method !== 'GET'))
    expect(withoutWrites).toEqual([])
  })

  it('answers every route × caller with the expected status; refused state changes change nothing', async () => {
    const mismatches: string[] = []
    const changedByRefused: string[] = []
    const cacheable: string[] = []
    for (const [route, list] of Object.entries(cases)) {
      for (const c of list) {
        for (const actor of ACTORS) {
          const expected = c.expect[actor]
          const refused = c.method !== 'GET' && (expected >= 400 || (expected === 302 && !cookies[actor] && !c.note))
          const before = refused ? snapshot() : ''
          const res = await send(actor, c)
          await res.arrayBuffer()
          const label = `${route} ${c.method} ${c.path} as ${actor}`
          if (res.status !== expected) mismatches.push(`${label}: ${res.status}, expected ${expected}`)
          if (expected === 302 && !cookies[actor] && c.expect.learner !== 302 && !/^\/login\?redirectTo=/.test(res.headers.get('location') ?? '')) {
            mismatches.push(`${label}: redirected to ${res.headers.get('location')}, expected /login`)
          }
          if (refused && snapshot() !== before) changedByRefused.push(label)
          const personal = (cookies[actor] || bearer[actor]) && res.status === 200 && !c.path.startsWith('/api/v1/openapi') && c.path !== '/healthz'
          if (personal && !/no-store/.test(res.headers.get('cache-control') ?? '')) cacheable.push(`${label}: Cache-Control ${res.headers.get('cache-control')}`)
          if (c.endsSession && cookies[actor]) {
            const username = { learner: 'hocvien', headA: 'truongphong', headB: 'truongphong.b', hrScoped: 'tochuc.b', hr: 'tochuc', admin: 'quantri' }[actor as 'learner']
            cookies[actor] = await signIn(server, username)
          }
        }
      }
    }
    expect(mismatches).toEqual([])
    expect(changedByRefused).toEqual([])
    expect(cacheable).toEqual([])
  }, 300_000)

  it('kept the closed year’s plan and the other person’s certificate and attempt as they were', () => {
    withDb((db) => {
      expect(db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'plan.save'").get()).toEqual({ n: 0 })
      expect(db.prepare("SELECT revoked_at AS r FROM completions WHERE id = 'cmp-other'").get()).toEqual({ r: null })
      expect(db.prepare("SELECT count(*) AS n FROM role_grants WHERE user_id IN (SELECT id FROM users WHERE person_id = ?)").get(outsider)).toEqual({ n: 0 })
    })
  })
})
