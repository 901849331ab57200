/**
 * API tokens for the integration API: created by an admin, shown once, stored as a SHA-256 hash with a short
 * prefix to recognise them by, bound to a role (hr or admin), revocable. Every use is audited (never the token).
 */
import crypto from 'node:crypto'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { getDb, writeTransaction, type Db } from '~/db/client.server'
import { apiTokens, users } from '~/db/schema'
import { cleanText } from '~/i18n/format'
import { recordAudit } from './audit.server'

export const API_TOKEN_ROLES = ['hr', 'admin'] as const
export type ApiTokenRole = (typeof API_TOKEN_ROLES)[number]

export const TOKEN_NAME_MAX = 100
const TOKEN_PREFIX = 'hs_'
/** `hs_` + 8 characters: enough to tell tokens apart in a list, far too little to guess the rest (256 bits). */
const PREFIX_LENGTH = TOKEN_PREFIX.length + 8
const TOKEN_SHAPE = /^hs_[A-Za-z0-9_-]{43}$/

function hashToken(token: string): Buffer {
  return crypto.createHash('sha256').update(token, 'utf8').digest()
}

export type CreateApiTokenResult =
  | { ok: true; token: string; id: string; prefix: string }
  | { ok: false; error: 'name_required' | 'name_too_long' }

/** Creates a token; the clear token is in the answer and nowhere else, ever. */
export function createApiToken({
  name,
  role,
  createdBy,
  at = Date.now(),
}: {
  name: string
  role: ApiTokenRole
  createdBy: string
  at?: number
}): CreateApiTokenResult {
  const cleaned = cleanText(name)
  if (!cleaned) return { ok: false, error: 'name_required' }
  if (cleaned.length > TOKEN_NAME_MAX) return { ok: false, error: 'name_too_long' }
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url')
  const id = crypto.randomUUID()
  const prefix = token.slice(0, PREFIX_LENGTH)
  writeTransaction((tx) => {
    tx.insert(apiTokens)
      .values({ id, name: cleaned, tokenHash: hashToken(token).toString('hex'), prefix, role, createdBy, createdAt: at })
      .run()
    recordAudit({ actorUserId: createdBy, action: 'token.create', entityType: 'api_token', entityId: id, details: { name: cleaned, role, prefix }, at }, tx)
  })
  return { ok: true, token, id, prefix }
}

export type ApiTokenListItem = {
  id: string
  name: string
  prefix: string
  role: ApiTokenRole
  createdAt: number
  createdByName: string | null
  lastUsedAt: number | null
  revokedAt: number | null
}

/** Every token, newest first, without its hash. */
export function listApiTokens(): ApiTokenListItem[] {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      createdByName: users.displayName,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .all()
}

export type RevokeApiTokenResult = { ok: true } | { ok: false; error: 'not_found' | 'already_revoked' }

export function revokeApiToken({ tokenId, actorUserId, at = Date.now() }: { tokenId: string; actorUserId: string; at?: number }): RevokeApiTokenResult {
  return writeTransaction((tx) => {
    const token = tx.select({ revokedAt: apiTokens.revokedAt, name: apiTokens.name, prefix: apiTokens.prefix }).from(apiTokens).where(eq(apiTokens.id, tokenId)).get()
    if (!token) return { ok: false, error: 'not_found' } as const
    if (token.revokedAt !== null) return { ok: false, error: 'already_revoked' } as const
    tx.update(apiTokens).set({ revokedAt: at }).where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt))).run()
    recordAudit({ actorUserId, action: 'token.revoke', entityType: 'api_token', entityId: tokenId, details: { name: token.name, prefix: token.prefix }, at }, tx)
    return { ok: true } as const
  })
}

export type AuthenticateApiTokenResult =
  | { ok: true; tokenId: string; name: string; role: ApiTokenRole; prefix: string }
  | { ok: false; error: 'invalid' | 'revoked' }

/**
 * Checks a presented token. Candidates are found by the non-secret prefix and the hashes compared with
 * crypto.timingSafeEqual, so the answer time says nothing about how much of a hash matched. A valid use updates
 * last_used_at and is audited ('token.use', with the method and path) in the same transaction.
 */
export function authenticateApiToken(
  { token, method, path, at = Date.now() }: { token: string; method: string; path: string; at?: number },
  db: Db = getDb(),
): AuthenticateApiTokenResult {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, error: 'invalid' }
  const presented = hashToken(token)
  const candidates = db
    .select({ id: apiTokens.id, name: apiTokens.name, role: apiTokens.role, prefix: apiTokens.prefix, tokenHash: apiTokens.tokenHash, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.prefix, token.slice(0, PREFIX_LENGTH)))
    .all()
  let match: (typeof candidates)[number] | undefined
  for (const candidate of candidates) {
    const stored = Buffer.from(candidate.tokenHash, 'hex')
    if (stored.length === presented.length && crypto.timingSafeEqual(stored, presented)) match = candidate
  }
  if (!match) return { ok: false, error: 'invalid' }
  if (match.revokedAt !== null) return { ok: false, error: 'revoked' }
  const found = match
  writeTransaction((tx) => {
    tx.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, found.id)).run()
    recordAudit({ actorTokenId: found.id, action: 'token.use', entityType: 'api_token', entityId: found.id, details: { method: method.toUpperCase(), path }, at }, tx)
  }, db)
  return { ok: true, tokenId: found.id, name: found.name, role: found.role, prefix: found.prefix }
}
