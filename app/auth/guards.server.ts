/**
 * Guards throw: a redirect to /login for a page without a session (401 JSON for the API), a 403 for the wrong
 * role or unit scope. Routes never check roles by hand.
 */
import { redirect } from '@remix-run/node'
import type { Role } from '~/db/schema'
import { isoDateInVietnam } from '~/i18n/format'
import { isUnitWithin } from '~/models/units.server'
import { readSession, type SessionUser } from './session.server'

function isApiRequest(request: Request): boolean {
  return new URL(request.url).pathname.startsWith('/api/')
}

export function forbidden(message = 'Forbidden'): Response {
  return new Response(JSON.stringify({ error: message }), {
    status: 403,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}

/** The signed-in user, or null. */
export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const read = await readSession(request)
  return read.state === 'valid' ? read.user : null
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const read = await readSession(request)
  if (read.state === 'valid') return read.user
  if (isApiRequest(request)) {
    throw new Response(JSON.stringify({ error: 'Authentication required' }), {
      status: 401,
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    })
  }
  const url = new URL(request.url)
  const params = new URLSearchParams({ redirectTo: url.pathname + url.search })
  if (read.state === 'expired') params.set('expired', '1')
  throw redirect(`/login?${params}`)
}

export function hasRole(user: SessionUser, roles: Role | readonly Role[]): boolean {
  const wanted = typeof roles === 'string' ? [roles] : roles
  return user.roles.some((grant) => wanted.includes(grant.role))
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
