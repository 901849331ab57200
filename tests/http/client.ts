/** Small helpers for HTTP tests against a TestServer: sign in as a demo account, GET and POST as a browser would. */
import type { TestServer } from '../server'

export const DEMO_PASSWORD = 'HocSo@2026'

/** Signs in and returns the `name=value` of the session cookie; throws if sign-in fails. */
export async function signIn(server: TestServer, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${server.baseUrl}/login`, {
    method: 'POST',
    body: new URLSearchParams({ username, password }),
    headers: { Origin: server.baseUrl },
    redirect: 'manual',
  })
  const cookie = res.headers.get('set-cookie')
  if (res.status !== 302 || !cookie) throw new Error(`Sign-in as ${username} failed with ${res.status}`)
  return cookie.split(';')[0]!
}

export function get(server: TestServer, path: string, cookie?: string): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' })
}

/** A same-site form post (Origin set to the server's own unless given). */
export function post(
  server: TestServer,
  path: string,
  fields: Record<string, string> | [string, string][],
  { cookie, origin = server.baseUrl, headers = {} }: { cookie?: string; origin?: string | null; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { ...(origin ? { Origin: origin } : {}), ...(cookie ? { Cookie: cookie } : {}), ...headers },
    redirect: 'manual',
  })
}
