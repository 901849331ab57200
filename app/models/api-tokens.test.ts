import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createUser } from '~/models/users.server'
import { createTestDatabase } from '../../tests/db'
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())
beforeAll(() => {
  createUser({ id: 'admin', username: 'admin', passwordHash: 'x', displayName: 'Quản Trị', personId: null, grants: [{ role: 'admin', unitId: null }] })
})

const auditRows = () =>
  db.sqlite.prepare('SELECT actor_user_id AS actorUserId, actor_token_id AS actorTokenId, action, entity_id AS entityId, details FROM audit_log ORDER BY id').all() as {
    actorUserId: string | null
    actorTokenId: string | null
    action: string
    entityId: string | null
    details: string
  }[]

describe('API tokens', () => {
  it('are created as hs_ + 32 random bytes, stored only as a SHA-256 hash with a short prefix, and audited', () => {
    const created = createApiToken({ name: '  Cơ sở dữ liệu   cán bộ tỉnh ', role: 'hr', createdBy: 'admin', at: 1_000 })
    expect(created.ok).toBe(true)
    if (!created.ok) return
    expect(created.token).toMatch(/^hs_[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(created.token.slice(3), 'base64url')).toHaveLength(32)
    const row = db.sqlite.prepare('SELECT * FROM api_tokens WHERE id = ?').get(created.id) as Record<string, unknown>
    expect(row.token_hash).toBe(crypto.createHash('sha256').update(created.token).digest('hex'))
    expect(row.prefix).toBe(created.token.slice(0, 11))
    expect(row.name).toBe('Cơ sở dữ liệu cán bộ tỉnh')
    // The clear token is nowhere in the database: not in the table, not in the audit log.
    const everything = JSON.stringify(db.sqlite.prepare('SELECT * FROM api_tokens').all()) + JSON.stringify(auditRows())
    expect(everything).not.toContain(created.token)
    expect(everything).not.toContain(created.token.slice(11))
    expect(auditRows().at(-1)).toMatchObject({ actorUserId: 'admin', action: 'token.create', entityId: created.id })
    // Listed without the hash (the list is all a page ever gets).
    const listed = listApiTokens().find((t) => t.id === created.id)
    expect(listed).toEqual({ id: created.id, name: 'Cơ sở dữ liệu cán bộ tỉnh', prefix: created.token.slice(0, 11), role: 'hr', createdAt: 1_000, createdByName: 'Quản Trị', lastUsedAt: null, revokedAt: null })
  })

  it('refuse an empty or overlong name', () => {
    expect(createApiToken({ name: '   ', role: 'hr', createdBy: 'admin' })).toEqual({ ok: false, error: 'name_required' })
    expect(createApiToken({ name: 'x'.repeat(101), role: 'hr', createdBy: 'admin' })).toEqual({ ok: false, error: 'name_too_long' })
  })

  it('authenticate with a constant-time hash comparison, update last use and audit every use without the token', () => {
    const created = createApiToken({ name: 'Kịch bản đồng bộ', role: 'admin', createdBy: 'admin' })
    if (!created.ok) throw new Error('not created')
    const spy = vi.spyOn(crypto, 'timingSafeEqual')
    const result = authenticateApiToken({ token: created.token, method: 'get', path: '/api/v1/courses', at: 5_000 })
    expect(result).toEqual({ ok: true, tokenId: created.id, name: 'Kịch bản đồng bộ', role: 'admin', prefix: created.prefix })
    expect(spy).toHaveBeenCalled()
    spy.mockRestore()
    expect(listApiTokens().find((t) => t.id === created.id)?.lastUsedAt).toBe(5_000)
    const use = auditRows().at(-1)!
    expect(use).toMatchObject({ actorUserId: null, actorTokenId: created.id, action: 'token.use', entityId: created.id })
    expect(JSON.parse(use.details)).toEqual({ method: 'GET', path: '/api/v1/courses' })
    expect(use.details).not.toContain(created.token)
  })

  it('refuse an unknown token, a token with the right prefix but a wrong rest, and malformed ones', () => {
    const created = createApiToken({ name: 'Thử', role: 'hr', createdBy: 'admin' })
    if (!created.ok) throw new Error('not created')
    const before = auditRows().length
    const forged = created.token.slice(0, 11) + 'A'.repeat(35)
    expect(forged).not.toBe(created.token)
    for (const token of [forged, 'hs_' + 'B'.repeat(43), 'hs_short', '', created.token + 'x', created.token.toUpperCase()]) {
      expect(authenticateApiToken({ token, method: 'GET', path: '/api/v1/courses' })).toEqual({ ok: false, error: 'invalid' })
    }
    expect(auditRows()).toHaveLength(before)
  })

  it('are refused once revoked; revoking is audited and happens once', () => {
    const created = createApiToken({ name: 'Sắp thu hồi', role: 'hr', createdBy: 'admin' })
    if (!created.ok) throw new Error('not created')
    expect(authenticateApiToken({ token: created.token, method: 'GET', path: '/api/v1/courses' }).ok).toBe(true)
    expect(revokeApiToken({ tokenId: created.id, actorUserId: 'admin', at: 9_000 })).toEqual({ ok: true })
    expect(auditRows().at(-1)).toMatchObject({ actorUserId: 'admin', action: 'token.revoke', entityId: created.id })
    expect(authenticateApiToken({ token: created.token, method: 'GET', path: '/api/v1/courses' })).toEqual({ ok: false, error: 'revoked' })
    expect(revokeApiToken({ tokenId: created.id, actorUserId: 'admin' })).toEqual({ ok: false, error: 'already_revoked' })
    expect(revokeApiToken({ tokenId: crypto.randomUUID(), actorUserId: 'admin' })).toEqual({ ok: false, error: 'not_found' })
    expect(listApiTokens().find((t) => t.id === created.id)?.revokedAt).toBe(9_000)
  })
})
