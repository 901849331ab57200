/**
 * Guards throw: a redirect to /login for a page without a session (401 JSON for the API), a 403 for the wrong
 * role or unit scope. Routes never check roles by hand. API calls may authenticate with an API token instead of
 * the session cookie (`Authorization: Bearer`), see readPrincipal and docs/decisions/005-api-tokens-and-audit.md.
 */
import { redirect } from '@remix-run/node'
import type { Role } from '~/db/schema'
import { isoDateInVietnam } from '~/i18n/format'
import { authenticateApiToken } from '~/models/api-tokens.server'
import { isUnitWithin } from '~/models/units.server'
import { notePrincipal } from './request-log.server'
import { readSession, type SessionRead, type SessionUser } from './session.server'

function isApiRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith('/api/')
}

function unauthorised(message: string): Response {
  return new Response(JSON.stringify({ error: message }), {
    status: 401,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'WWW-Authenticate': 'Bearer' },
  })
}

/** The token of `Authorization: Bearer <token>`, or null when there is no such header. */
function bearerToken(request: Request): string | null {
  // `Bearer` with nothing after it is still a bearer attempt (and refused), not a request without credentials.
  const match = /^Bearer(?:\s+(\S*))?\s*$/i.exec(request.headers.get('Authorization') ?? '')
  return match ? (match[1] ?? '') : null
}

type TokenRead = { state: 'valid'; user: SessionUser } | { state: 'refused'; message: string }

// One check (and one 'token.use' audit entry) per request, however many guards a route calls.
const tokenReads = new WeakMap<Request, TokenRead>()

function readBearer(request: Request, token: string): TokenRead {
  const cached = tokenReads.get(request)
  if (cached) return cached
  const url = new URL(request.url)
  const result = authenticateApiToken({ token, method: request.method, path: url.pathname })
  const read: TokenRead = result.ok
    ? {
        state: 'valid',
        user: {
          id: `token:${result.tokenId}`,
          username: `token:${result.prefix}`,
          displayName: result.name,
          personId: null,
          locale: 'vi',
          roles: [{ role: result.role, unitId: null }],
          sessionId: '',
          tokenId: result.tokenId,
        },
      }
    : { state: 'refused', message: result.error === 'revoked' ? 'This API token has been revoked' : 'Invalid API token' }
  tokenReads.set(request, read)
  return read
}

/**
 * The request's principal. On an API call (/api/…) an `Authorization: Bearer` header decides alone: a valid token
 * is its principal, anything else is refused with 401 even beside a session cookie. Elsewhere the header is
 * ignored and only the session cookie counts.
 */
async function readPrincipal(request: Request): Promise<SessionRead | TokenRead> {
  const token = isApiRequest(request) ? bearerToken(request) : null
  const read = token !== null ? readBearer(request, token) : await readSession(request)
  if (read.state === 'valid') notePrincipal(request, read.user.id)
  return read
}

export function forbidden(message = 'Forbidden'): Response {
  return new Response(JSON.stringify({ error: message }), {
    status: 403,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}

/** The signed-in user, or null. */
export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const read = await readPrincipal(request)
  return read.state === 'valid' ? read.user : null
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const read = await readPrincipal(request)
  if (read.state === 'valid') return read.user
  if (read.state === 'refused') throw unauthorised(read.message)
  if (isApiRequest(request)) throw unauthorised('Authentication required')
  const url = new URL(request.url)
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search })
  if (read.state === 'expired') params.set('expired', '1')
  throw redirect(`/login?${params}`)
}

/**
 * The role a grant confers. HR and admin work is department-wide (plans, imports, the organisation, the audit log,
 * accounts), so an hr or admin grant limited to a unit confers only what a unit head of that unit has: reading
 * that subtree. Without this, a unit-scoped HR grant would pass every `requireRole('hr')` department-wide.
 */
export function effectiveRole(grant: { role: Role; unitId: string | null }): Role {
  return (grant.role === 'hr' || grant.role === 'admin') && grant.unitId !== null ? 'unit_head' : grant.role
}

export function hasRole(user: SessionUser, roles: Role | readonly Role[]): boolean {
  const wanted = typeof roles === 'string' ? [roles] : roles
  return user.roles.some((grant) => wanted.includes(effectiveRole(grant)))
}

/** The user, when they hold one of `roles`; otherwise a 403. Admins pass every role check. */
export async function requireRole(request: Request, roles: Role | readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request)
  if (hasRole(user, 'admin') || hasRole(user, roles)) return user
  throw forbidden('This page needs another role')
}

/** True when one of the user's unit_head / hr / admin grants covers `unitId` (on `asOf`, default today). */
export function canSeeUnit(user: SessionUser, unitId: string, asOf = isoDateInVietnam()): boolean {
  return user.roles.some((grant) => {
    if (grant.role === 'learner') return false
    if (grant.unitId === null) return grant.role === 'admin' || grant.role === 'hr'
    return isUnitWithin({ unitId, ancestorId: grant.unitId, asOf })
  })
}

export async function requireUnitScope(request: Request, unitId: string, asOf?: string): Promise<SessionUser> {
  const user = await requireUser(request)
  if (canSeeUnit(user, unitId, asOf)) return user
  throw forbidden('This unit is outside your scope')
}
