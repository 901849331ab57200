import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '~/models/users.server'
import { createTestDatabase } from '../../tests/db'
import { auditQueryString, parseAuditQuery } from './audit-filter'
import { AUDIT_PAGE_SIZE, iterateAuditEntries, listAuditEntries, listAuditFacets, recordAudit, startOfVietnamDay } from './audit.server'
import { createApiToken } from './api-tokens.server'

const db = createTestDatabase()
afterAll(() => db.cleanup())

let tokenId = ''
// 05/01/2026 in Việt Nam runs from 2026-01-04T17:00Z to 2026-01-05T17:00Z.
const jan5 = startOfVietnamDay('2026-01-05')
beforeAll(() => {
  createUser({ id: 'hr', username: 'tochuc', passwordHash: 'x', displayName: 'Lê Thị Tổ Chức', personId: null, grants: [{ role: 'hr', unitId: null }] })
  createUser({ id: 'admin', username: 'quantri', passwordHash: 'x', displayName: 'Quản Trị', personId: null, grants: [{ role: 'admin', unitId: null }] })
  const created = createApiToken({ name: 'Đồng bộ CSDL', role: 'hr', createdBy: 'admin', at: jan5 - 10 * 86_400_000 })
  if (!created.ok) throw new Error('no token')
  tokenId = created.id
  db.sqlite.exec('DELETE FROM audit_log')
  // 120 imports by HR over 04–06/01/2026, one plan change by the admin, one token use.
  for (let i = 0; i < 120; i++) {
    recordAudit({ actorUserId: 'hr', action: 'import.roster', entityType: 'import_batch', entityId: `b${i}`, at: jan5 - 86_400_000 + i * 30 * 60_000 })
  }
  recordAudit({ actorUserId: 'admin', action: 'plan.save', entityType: 'plan', entityId: '2026', at: jan5 })
  recordAudit({ actorTokenId: tokenId, action: 'token.use', entityType: 'api_token', entityId: tokenId, details: { method: 'GET', path: '/api/v1/courses' }, at: jan5 + 1 })
})

describe('the audit log', () => {
  it('lists newest first, 50 a page, with the total', () => {
    const first = listAuditEntries({ filter: {}, page: 1 })
    expect(first.total).toBe(122)
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE)
    const ats = first.rows.map((r) => r.at)
    expect([...ats].sort((a, b) => b - a)).toEqual(ats)
    expect(listAuditEntries({ filter: {}, page: 3 }).rows).toHaveLength(22)
    const allIds = [1, 2, 3].flatMap((page) => listAuditEntries({ filter: {}, page }).rows.map((r) => r.id))
    expect(new Set(allIds).size).toBe(122)
  })

  it('filters by actor (an account or a token), by action and by days in Việt Nam, inclusive', () => {
    expect(listAuditEntries({ filter: { actor: 'user:admin' } }).rows.map((r) => r.action)).toEqual(['plan.save'])
    const byToken = listAuditEntries({ filter: { actor: `token:${tokenId}` } }).rows
    expect(byToken).toHaveLength(1)
    expect(byToken[0]).toMatchObject({ tokenName: 'Đồng bộ CSDL', actorUserId: null, details: { method: 'GET', path: '/api/v1/courses' } })
    expect(listAuditEntries({ filter: { action: 'import.roster' } }).total).toBe(120)
    // 04/01: entries 0..47 (the day starts at jan5 - 1 day); 05/01: 48..95 plus the two others; 06/01: 96..119.
    expect(listAuditEntries({ filter: { from: '2026-01-04', to: '2026-01-04' } }).total).toBe(48)
    expect(listAuditEntries({ filter: { from: '2026-01-05', to: '2026-01-05' } }).total).toBe(50)
    expect(listAuditEntries({ filter: { from: '2026-01-06' } }).total).toBe(24)
    expect(listAuditEntries({ filter: { to: '2026-01-03' } }).total).toBe(0)
    expect(listAuditEntries({ filter: { actor: 'user:hr', from: '2026-01-05', to: '2026-01-05' } }).total).toBe(48)
  })

  it('exports every matching entry in the same order, across chunks', () => {
    const all = [...iterateAuditEntries({ filter: {}, chunk: 7 })]
    expect(all).toHaveLength(122)
    expect(all.map((r) => r.id)).toEqual([1, 2, 3].flatMap((page) => listAuditEntries({ filter: {}, page }).rows.map((r) => r.id)))
    expect([...iterateAuditEntries({ filter: { action: 'plan.save' } })].map((r) => r.entityId)).toEqual(['2026'])
  })

  it('offers the actors and actions that occur as filter choices', () => {
    const facets = listAuditFacets()
    expect(facets.actions).toEqual(['import.roster', 'plan.save', 'token.use'])
    expect(facets.actors.map((a) => a.key)).toEqual(['user:hr', 'user:admin', `token:${tokenId}`])
  })
})

describe('the audit filter form', () => {
  it('reads dd/mm/yyyy dates and keeps what was typed', () => {
    const q = parseAuditQuery(new URLSearchParams({ actor: 'user:hr', action: 'plan.save', from: '4/1/2026', to: '05/01/2026', page: '2' }))
    expect(q.errors).toEqual({})
    expect(q.filter).toEqual({ actor: 'user:hr', action: 'plan.save', from: '2026-01-04', to: '2026-01-05' })
    expect(q.page).toBe(2)
    expect(auditQueryString(q.input, 3)).toBe('?actor=user%3Ahr&action=plan.save&from=4%2F1%2F2026&to=05%2F01%2F2026&page=3')
  })

  it('names each bad field: impossible or mis-formatted dates, a range backwards, a forged actor', () => {
    expect(parseAuditQuery(new URLSearchParams({ from: '31/02/2025' })).errors).toEqual({ from: 'audit.badDate' })
    expect(parseAuditQuery(new URLSearchParams({ to: '2026-01-05' })).errors).toEqual({ to: 'audit.badDate' })
    expect(parseAuditQuery(new URLSearchParams({ from: '06/01/2026', to: '05/01/2026' })).errors).toEqual({ to: 'audit.toBeforeFrom' })
    expect(parseAuditQuery(new URLSearchParams({ actor: "user:x' OR 1=1" })).errors).toEqual({ actor: 'audit.badActor' })
    const q = parseAuditQuery(new URLSearchParams({ from: 'hôm qua', page: '-3' }))
    expect(q.input.from).toBe('hôm qua')
    expect(q.page).toBe(1)
  })
})
