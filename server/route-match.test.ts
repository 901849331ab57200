import { describe, expect, it } from 'vitest'
import { matchRoute, routePatterns } from './route-match'

// The shapes the build's manifest has: an index route, params, a splat, a resource route nested in another.
const patterns = routePatterns({
  root: { id: 'root', path: '' },
  'routes/_index': { id: 'routes/_index', parentId: 'root', index: true },
  'routes/$': { id: 'routes/$', parentId: 'root', path: '*' },
  'routes/people._index': { id: 'routes/people._index', parentId: 'root', path: 'people', index: true },
  'routes/people.$personId': { id: 'routes/people.$personId', parentId: 'root', path: 'people/:personId' },
  'routes/reports.coverage': { id: 'routes/reports.coverage', parentId: 'root', path: 'reports/coverage' },
  'routes/reports.coverage[.csv]': { id: 'routes/reports.coverage[.csv]', parentId: 'root', path: 'reports/coverage.csv' },
  'routes/api.v1.units': { id: 'routes/api.v1.units', parentId: 'root', path: 'api/v1/units' },
  'routes/api.v1.units.events': { id: 'routes/api.v1.units.events', parentId: 'routes/api.v1.units', path: 'events' },
})

describe('matchRoute', () => {
  it('names the route a path reaches: static beats a parameter, which beats the splat', () => {
    expect(matchRoute(patterns, '/')).toBe('routes/_index')
    expect(matchRoute(patterns, '/people')).toBe('routes/people._index')
    expect(matchRoute(patterns, '/people/p-123')).toBe('routes/people.$personId')
    expect(matchRoute(patterns, '/reports/coverage.csv')).toBe('routes/reports.coverage[.csv]')
    expect(matchRoute(patterns, '/api/v1/units')).toBe('routes/api.v1.units')
    expect(matchRoute(patterns, '/api/v1/units/events')).toBe('routes/api.v1.units.events')
    expect(matchRoute(patterns, '/khong/co')).toBe('routes/$')
  })

  it('counts a single-fetch data request as its page', () => {
    expect(matchRoute(patterns, '/_root.data')).toBe('routes/_index')
    expect(matchRoute(patterns, '/people/p-123.data')).toBe('routes/people.$personId')
  })

  it('survives a malformed escape', () => {
    expect(matchRoute(patterns, '/people/%E0%A4%A')).toBeNull()
  })
})
