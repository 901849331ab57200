/** Reading, creating and ending sessions. The cookie is HttpOnly, SameSite=Lax, and Secure under HTTPS. */
import { listRoleGrants, type RoleGrant } from '~/models/users.server'
import { lucia, SESSION_COOKIE_NAME, SESSION_LIFETIME_MS } from './lucia.server'

export type SessionUser = {
  id: string
  username: string
  displayName: string
  personId: string | null
  locale: 'vi' | 'en'
  roles: RoleGrant[]
  /** Empty for an API token principal (it has no session). */
  sessionId: string
  /** Set when the request was authenticated by an API token (then `id` is `token:<tokenId>`, no person). */
  tokenId: string | null
}

/**
 * Who to record as the actor of a write: a token principal is not a row of `users`, so columns that reference
 * users (created_by, entered_by…) get null and the audit entry names the token instead.
 */
export function actorOf(user: SessionUser): { actorUserId: string | null; actorTokenId: string | null } {
  return user.tokenId ? { actorUserId: null, actorTokenId: user.tokenId } : { actorUserId: user.id, actorTokenId: null }
}

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=') || null
  }
  return null
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:'
}

function serialiseSessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE_NAME}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function blankSessionCookie(request: Request): string {
  return serialiseSessionCookie('', 0, isHttps(request))
}

/** Opens a session for `userId` and returns the Set-Cookie header value. */
export async function createSession({ request, userId }: { request: Request; userId: string }): Promise<string> {
  const session = await lucia().createSession(userId, { createdAt: Date.now() })
  return serialiseSessionCookie(session.id, Math.floor(SESSION_LIFETIME_MS / 1000), isHttps(request))
}

export type SessionRead =
  | { state: 'none' }
  | { state: 'expired' }
  | { state: 'valid'; user: SessionUser }

/**
 * The signed-in user of this request. A session past its fixed lifetime (counted from sign-in, never
 * extended), of a disabled account, or unknown to the database is refused.
 */
export async function readSession(request: Request): Promise<SessionRead> {
  const sessionId = readCookie(request, SESSION_COOKIE_NAME)
  if (!sessionId || !/^[a-z0-9]{10,64}$/.test(sessionId)) return { state: 'none' }
  const { session, user } = await lucia().validateSession(sessionId)
  if (!session || !user) return { state: 'expired' }
  if (Date.now() - session.createdAt >= SESSION_LIFETIME_MS || user.disabledAt) {
    await lucia().invalidateSession(session.id)
    return { state: 'expired' }
  }
  return {
    state: 'valid',
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      personId: user.personId,
      locale: user.locale,
      roles: listRoleGrants({ userId: user.id }),
      sessionId: session.id,
      tokenId: null,
    },
  }
}

export async function endSession({ sessionId }: { sessionId: string }): Promise<void> {
  await lucia().invalidateSession(sessionId)
}

/** Ends every session of an account (password change, an admin's order). */
export async function endAllSessions({ userId }: { userId: string }): Promise<void> {
  await lucia().invalidateUserSessions(userId)
}

/** For tests and maintenance: drop expired rows. */
export async function deleteExpiredSessions(): Promise<void> {
  await lucia().deleteExpiredSessions()
}
