/** Sign-in, sign-out and the cross-site and header protections, over HTTP against the real production server. */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../server'

let server: TestServer
let bare: TestServer
beforeAll(async () => {
  server = await startTestServer({ seed: true })
  bare = await startTestServer({ seed: false })
})
afterAll(async () => {
  await server?.stop()
  await bare?.stop()
})

function form(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams(fields)
}

async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    body: form(fields),
    headers: { Origin: server.baseUrl, ...headers },
    redirect: 'manual',
  })
}

async function signIn(username: string, password = 'HocSo@2026'): Promise<string> {
  const res = await post('/login', { username, password })
  expect(res.status).toBe(302)
  const cookie = res.headers.get('set-cookie')
  expect(cookie).toBeTruthy()
  return cookie!.split(';')[0]!
}

function sessionCount(): number {
  const db = new Database(server.databasePath, { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('health and headers', () => {
  it('answers /healthz with 200 ok', async () => {
    const res = await fetch(`${server.baseUrl}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('ok')
  })

  it('puts the security headers on documents and on static files, with a CSP nonce matching the inline scripts', async () => {
    const page = await fetch(`${server.baseUrl}/login`)
    const html = await page.text()
    const csp = page.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/script-src 'self' 'nonce-/)
    const inlineScripts = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)]
    expect(inlineScripts.length).toBeGreaterThan(0)
    for (const script of inlineScripts) expect(script[1]).toContain(`nonce="${nonce}"`)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('referrer-policy')).toBe('same-origin')
    expect(page.headers.get('cache-control')).toBe('private, no-store')
    const asset = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1]
    expect(asset).toBeTruthy()
    const css = await fetch(`${server.baseUrl}${asset}`)
    expect(css.status).toBe(200)
    expect(css.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(css.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('strict-transport-security')).toBeNull()
  })
})

describe('sign-in', () => {
  it('signs in with the right password: a redirect and an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await post('/login', { username: 'hocvien', password: 'HocSo@2026', redirectTo: '/org' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/org')
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^hocso_session=\w+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/)
    const home = await fetch(`${server.baseUrl}/`, { headers: { Cookie: cookie.split(';')[0]! } })
    expect(home.status).toBe(200)
    expect(await home.text()).toContain('Thông tin công tác')
  })

  it('never redirects off the site after sign-in', async () => {
    const res = await post('/login', { username: 'hocvien', password: 'HocSo@2026', redirectTo: '//evil.example/' })
    expect(res.headers.get('location')).toBe('/')
  })

  it('refuses a wrong password with a message next to the form and no cookie', async () => {
    const res = await post('/login', { username: 'tochuc', password: 'khong-dung' })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
    const html = await res.text()
    expect(html).toContain('Tên đăng nhập hoặc mật khẩu không đúng.')
    expect(html).toContain('value="tochuc"')
  })

  it('asks for missing fields in Vietnamese, field by field', async () => {
    const html = await (await post('/login', { username: '', password: '' })).text()
    expect(html).toContain('Nhập tên đăng nhập.')
    expect(html).toContain('Nhập mật khẩu.')
    expect(html).toMatch(/aria-invalid="true"/)
  })

  it('sends a visitor without a session to /login, remembering where they were going', async () => {
    const res = await fetch(`${server.baseUrl}/org?asOf=2024-06-30`, { redirect: 'manual' })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?redirectTo=%2Forg%3FasOf%3D2024-06-30')
  })

  it('lists the demo accounts only when the database holds demo data', async () => {
    const seeded = await (await fetch(`${server.baseUrl}/login`)).text()
    expect(seeded).toContain('Tài khoản dùng thử')
    expect(seeded).toContain('HocSo@2026')
    const empty = await (await fetch(`${bare.baseUrl}/login`)).text()
    expect(empty).toContain('Đăng nhập')
    expect(empty).not.toContain('Tài khoản dùng thử')
    expect(empty).not.toContain('HocSo@2026')
  })
})

describe('sign-out', () => {
  it('ends the session on POST /logout; the old cookie no longer works', async () => {
    const cookie = await signIn('truongphong')
    const before = sessionCount()
    const res = await post('/logout', {}, { Cookie: cookie })
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toBe('/login?signedOut=1')
    expect(res.headers.get('set-cookie')).toMatch(/^hocso_session=; .*Max-Age=0/)
    expect(sessionCount()).toBe(before - 1)
    const again = await fetch(`${server.baseUrl}/`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(again.status).toBe(302)
    expect(again.headers.get('location')).toMatch(/^\/login/)
  })

  it('does not sign anyone out on GET /logout', async () => {
    const cookie = await signIn('truongphong')
    await fetch(`${server.baseUrl}/logout`, { headers: { Cookie: cookie }, redirect: 'manual' })
    const home = await fetch(`${server.baseUrl}/`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(home.status).toBe(200)
  })
})

describe('cross-site requests', () => {
  it('refuses a cross-site sign-in, sign-out and language change with 403, documents and data requests alike', async () => {
    const cookie = await signIn('tochuc')
    const evil = { Origin: 'https://evil.example' }
    expect((await post('/login', { username: 'tochuc', password: 'HocSo@2026' }, evil)).status).toBe(403)
    expect((await post('/login.data', { username: 'tochuc', password: 'HocSo@2026' }, evil)).status).toBe(403)
    expect((await post('/logout', {}, { ...evil, Cookie: cookie })).status).toBe(403)
    expect((await post('/lang', { locale: 'en', redirectTo: '/' }, { ...evil, Cookie: cookie })).status).toBe(403)
    const stillIn = await fetch(`${server.baseUrl}/`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(stillIn.status).toBe(200)
  })

  it('refuses a state change that shows no origin at all, and one marked cross-site', async () => {
    const none = await fetch(`${server.baseUrl}/login`, { method: 'POST', body: form({ username: 'x', password: 'y' }), redirect: 'manual' })
    expect(none.status).toBe(403)
    const marked = await fetch(`${server.baseUrl}/login`, {
      method: 'POST',
      body: form({ username: 'x', password: 'y' }),
      headers: { 'Sec-Fetch-Site': 'cross-site' },
      redirect: 'manual',
    })
    expect(marked.status).toBe(403)
  })
})

describe('errors', () => {
  it('answers an unknown URL with the 404 page and no stack trace', async () => {
    const res = await fetch(`${server.baseUrl}/khong-ton-tai/abc`)
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('Không tìm thấy trang')
    expect(html).not.toMatch(/at \w+ \(|node_modules|Error:/)
  })

  it('answers a learner on an HR page with the 403 page', async () => {
    const cookie = await signIn('hocvien')
    const res = await fetch(`${server.baseUrl}/org`, { headers: { Cookie: cookie } })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Bạn không có quyền xem trang này')
  })
})
