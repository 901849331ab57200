/**
 * Cross-site request refusal (Remix v2 has none of its own). A request that can change state (any method but
 * GET, HEAD, OPTIONS) must show that it comes from a page of this site: its Origin header, or without one its
 * Sec-Fetch-Site header, or without that its Referer, must name this site. A request carrying none of them is
 * refused too, except an API call authenticated by a bearer token and no cookie (a cross-site form cannot set
 * an Authorization header). See docs/decisions/003-sessions.md.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export type RequestFacts = {
  method: string
  /** The origin this request was addressed to, e.g. `http://localhost:3000`. */
  selfOrigin: string
  /** Extra origins that count as this site (APP_ORIGIN, behind a proxy). */
  trustedOrigins?: readonly string[]
  headers: {
    origin?: string | null
    referer?: string | null
    secFetchSite?: string | null
    authorization?: string | null
    cookie?: string | null
  }
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

export function isCrossSiteRequest(facts: RequestFacts): boolean {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return false
  const allowed = new Set([facts.selfOrigin, ...(facts.trustedOrigins ?? [])])
  const { origin, referer, secFetchSite, authorization, cookie } = facts.headers
  if (origin) return !allowed.has(origin)
  if (secFetchSite) return secFetchSite !== 'same-origin'
  if (referer) {
    const refererOrigin = originOf(referer)
    return !refererOrigin || !allowed.has(refererOrigin)
  }
  const bearerOnly = !!authorization && /^Bearer\s+\S+/i.test(authorization) && !cookie
  return !bearerOnly
}
