/**
 * Which route of the Remix build a URL reaches, for the request log ("route": `routes/people.$personId`). A small
 * ranked matcher over the build's route manifest: static segments beat `:params`, which beat a `*` splat, the
 * same order React Router uses. Single-fetch data requests (`/x.data`, `/_root.data`) count as their page.
 */
type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean }

export type RoutePattern = { id: string; segments: string[] }

export function routePatterns(routes: Record<string, ManifestRoute | undefined>): RoutePattern[] {
  const fullPath = (route: ManifestRoute): string[] => {
    const parent = route.parentId ? routes[route.parentId] : undefined
    const own = (route.path ?? '').split('/').filter(Boolean)
    return [...(parent ? fullPath(parent) : []), ...own]
  }
  // Index routes and routes with a path of their own (the root and pathless layouts are never a request's route).
  return Object.values(routes)
    .filter((r): r is ManifestRoute => !!r && (r.index === true || !!r.path))
    .map((r) => ({ id: r.id, segments: fullPath(r) }))
}

function score(segments: readonly string[], parts: readonly string[]): number {
  let total = 0
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!
    if (segment === '*') return total
    const part = parts[i]
    if (part === undefined) return -1
    if (segment.startsWith(':')) total += 2
    else if (segment.toLowerCase() === part.toLowerCase()) total += 3
    else return -1
  }
  // A whole-path match beats a splat that matched the same prefix.
  return parts.length === segments.length ? total + 0.5 : -1
}

export function matchRoute(patterns: readonly RoutePattern[], pathname: string): string | null {
  let path = pathname
  if (path === '/_root.data') path = '/'
  else if (path.endsWith('.data')) path = path.slice(0, -'.data'.length)
  let parts: string[]
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent)
  } catch {
    return null
  }
  let best: { id: string; score: number } | null = null
  for (const pattern of patterns) {
    const s = score(pattern.segments, parts)
    if (s >= 0 && (!best || s > best.score)) best = { id: pattern.id, score: s }
  }
  return best?.id ?? null
}
