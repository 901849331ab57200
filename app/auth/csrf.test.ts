import { describe, expect, it } from 'vitest'
import { isCrossSiteRequest, type RequestFacts } from './csrf.server'
import { safeRedirect } from './safe-redirect'

const self = 'http://localhost:3000'
const post = (headers: RequestFacts['headers'], method = 'POST'): RequestFacts => ({ method, selfOrigin: self, headers })

describe('isCrossSiteRequest', () => {
  it('lets reads through whatever their origin', () => {
    expect(isCrossSiteRequest(post({ origin: 'https://evil.example' }, 'GET'))).toBe(false)
    expect(isCrossSiteRequest(post({}, 'HEAD'))).toBe(false)
  })

  it('accepts a state change from this site and refuses one from anywhere else', () => {
    expect(isCrossSiteRequest(post({ origin: self }))).toBe(false)
    expect(isCrossSiteRequest(post({ origin: 'https://evil.example' }))).toBe(true)
    expect(isCrossSiteRequest(post({ origin: 'null' }))).toBe(true)
    expect(isCrossSiteRequest(post({ origin: 'http://localhost:3001' }))).toBe(true)
    expect(isCrossSiteRequest(post({ origin: 'https://evil.example' }, 'DELETE'))).toBe(true)
  })

  it('falls back to Sec-Fetch-Site, then to Referer, and refuses a request with neither', () => {
    expect(isCrossSiteRequest(post({ secFetchSite: 'same-origin' }))).toBe(false)
    expect(isCrossSiteRequest(post({ secFetchSite: 'cross-site' }))).toBe(true)
    expect(isCrossSiteRequest(post({ secFetchSite: 'same-site' }))).toBe(true)
    expect(isCrossSiteRequest(post({ referer: `${self}/login` }))).toBe(false)
    expect(isCrossSiteRequest(post({ referer: 'https://evil.example/form' }))).toBe(true)
    expect(isCrossSiteRequest(post({ referer: 'not a url' }))).toBe(true)
    expect(isCrossSiteRequest(post({}))).toBe(true)
  })

  it('lets a bearer-token API call without cookies through, but not one that also carries cookies', () => {
    expect(isCrossSiteRequest(post({ authorization: 'Bearer hs_abc' }))).toBe(false)
    expect(isCrossSiteRequest(post({ authorization: 'Bearer hs_abc', cookie: 'hocso_session=x' }))).toBe(true)
  })

  it('trusts a configured public origin (behind a proxy)', () => {
    const facts: RequestFacts = { method: 'POST', selfOrigin: 'http://127.0.0.1:3000', trustedOrigins: ['https://hocso.snnmt.vinhlong.gov.vn'], headers: { origin: 'https://hocso.snnmt.vinhlong.gov.vn' } }
    expect(isCrossSiteRequest(facts)).toBe(false)
  })
})

describe('safeRedirect', () => {
  it('keeps same-origin relative paths', () => {
    expect(safeRedirect('/learn')).toBe('/learn')
    expect(safeRedirect('/reports/coverage?year=2025&mode=restated#top')).toBe('/reports/coverage?year=2025&mode=restated#top')
  })

  it('refuses everything that could leave the site', () => {
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '%2F%2Fevil.example', '/%2F/evil.example', '/%5Cevil.example', ' /x', '', null, undefined]) {
      expect(safeRedirect(bad as string | null | undefined, '/home')).toBe('/home')
    }
  })
})
