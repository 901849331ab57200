/**
 * The OpenAPI document against the implementation, both ways: every path and method it describes has a route
 * module under app/routes/ exporting the loader (GET) or action (other methods), and every api.v1.* route module
 * is described. Failures name exactly which side is missing.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { HTTP_METHODS, OPENAPI_DOCUMENT, type HttpMethod } from '~/models/openapi'
import { createTestDatabase } from './db'

// Handlers are called once without credentials (see exportsOf): they meet an empty, migrated database.
const db = createTestDatabase()
afterAll(() => db.cleanup())

const ROUTES_DIR = path.resolve('app/routes')
const ROUTE_FILE = /\.(tsx?|jsx?)$/
const IGNORED = /\.(test|server)\.(tsx?|jsx?)$/

/** Splits a flat-route name on the dots that are not inside [] escapes. */
function segmentsOf(name: string): string[] {
  const segments: string[] = []
  let current = ''
  let escaped = false
  for (const ch of name) {
    if (ch === '[') escaped = true
    else if (ch === ']') escaped = false
    if (ch === '.' && !escaped) {
      segments.push(current)
      current = ''
    } else current += ch
  }
  segments.push(current)
  return segments
}

/** Remix v2 flat-route name → URL path in OpenAPI style: `api.v1.plans.$year` → `/api/v1/plans/{year}`. */
export function routeNameToPath(name: string): string {
  const parts: string[] = []
  for (const raw of segmentsOf(name)) {
    if (raw === '_index' || (raw.startsWith('_') && !raw.startsWith('_['))) continue
    let segment = raw.endsWith('_') && !raw.endsWith('[_]') ? raw.slice(0, -1) : raw
    const optional = /^\((.*)\)$/.exec(segment)
    if (optional) segment = optional[1]!
    if (segment === '$') parts.push('*')
    else if (segment.startsWith('$')) parts.push(`{${segment.slice(1)}}`)
    else parts.push(segment.replace(/\[([^\]]*)\]/g, '$1'))
  }
  return `/${parts.join('/')}`
}

type RouteModule = { name: string; file: string; path: string }

function listRouteModules(): RouteModule[] {
  const modules: RouteModule[] = []
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue
    if (entry.isDirectory()) {
      const route = fs.readdirSync(path.join(ROUTES_DIR, entry.name)).find((f) => /^route\.(tsx?|jsx?)$/.test(f))
      if (route) modules.push({ name: entry.name, file: path.join(ROUTES_DIR, entry.name, route), path: routeNameToPath(entry.name) })
    } else if (ROUTE_FILE.test(entry.name) && !IGNORED.test(entry.name)) {
      const name = entry.name.replace(ROUTE_FILE, '')
      modules.push({ name, file: path.join(ROUTES_DIR, entry.name), path: routeNameToPath(name) })
    }
  }
  return modules
}

const apiModules = listRouteModules().filter((m) => m.path.startsWith('/api/v1/'))

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown

/** The status a handler answers a request without credentials with (a thrown Response counts). */
async function statusOf(handler: Handler, url: string, method: string): Promise<number | null> {
  try {
    const answer = await handler({ request: new Request(`http://localhost${url}`, { method }), params: {}, context: {} })
    return answer instanceof Response ? answer.status : null
  } catch (thrown) {
    return thrown instanceof Response ? thrown.status : null
  }
}

/**
 * Which handlers a module really answers with. A loader that only says 405 (Method Not Allowed, so that a GET on a
 * POST-only call gets a clear answer instead of Remix's 400) is no GET call.
 */
async function exportsOf(module: RouteModule): Promise<{ loader: boolean; action: boolean }> {
  const loaded = (await import(/* @vite-ignore */ module.file)) as Record<string, unknown>
  const loader = typeof loaded.loader === 'function' && (await statusOf(loaded.loader as Handler, module.path, 'GET')) !== 405
  return { loader, action: typeof loaded.action === 'function' }
}

const documented = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([urlPath, item]) =>
  HTTP_METHODS.filter((method) => item[method]).map((method) => ({ path: urlPath, method })),
)

describe('flat-route names map to URL paths', () => {
  it.each([
    ['api.v1.units', '/api/v1/units'],
    ['api.v1.units.events', '/api/v1/units/events'],
    ['api.v1.plans.$year', '/api/v1/plans/{year}'],
    ['api.v1.openapi[.json]', '/api/v1/openapi.json'],
    ['admin.audit[.csv]', '/admin/audit.csv'],
    ['courses.$course._index', '/courses/{course}'],
    ['_auth.login', '/login'],
    ['api.v1.units_.events', '/api/v1/units/events'],
  ])('%s → %s', (name, expected) => expect(routeNameToPath(name)).toBe(expected))
})

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with unique operation ids and the bearer and cookie security schemes', () => {
    expect(OPENAPI_DOCUMENT.openapi).toBe('3.1.0')
    expect(Object.keys(OPENAPI_DOCUMENT.components.securitySchemes).sort()).toEqual(['bearerAuth', 'cookieAuth'])
    expect(OPENAPI_DOCUMENT.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    const ids = documented.map(({ path: p, method }) => OPENAPI_DOCUMENT.paths[p]![method]!.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const { path: p, method } of documented) {
      const op = OPENAPI_DOCUMENT.paths[p]![method]!
      expect(Object.keys(op.responses).length, `${method.toUpperCase()} ${p} has no responses`).toBeGreaterThan(0)
      // Every call but the document itself answers the error shape for 401.
      if (p !== '/api/v1/openapi.json') expect(op.responses['401'], `${method.toUpperCase()} ${p} lacks a 401`).toEqual({ $ref: '#/components/responses/Unauthorized' })
    }
    expect(OPENAPI_DOCUMENT.components.schemas.Error).toMatchObject({ required: ['error'], properties: { error: { type: 'string' }, details: { type: 'array' } } })
  })

  it('resolves every $ref', () => {
    const unresolved: string[] = []
    const walk = (node: unknown) => {
      if (Array.isArray(node)) return node.forEach(walk)
      if (!node || typeof node !== 'object') return
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const target = value
            .replace(/^#\//, '')
            .split('/')
            .reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), OPENAPI_DOCUMENT)
          if (!value.startsWith('#/') || target === undefined) unresolved.push(value)
        } else walk(value)
      }
    }
    walk(OPENAPI_DOCUMENT)
    expect(unresolved).toEqual([])
  })

  it('declares every path parameter', () => {
    const undeclared: string[] = []
    for (const { path: p, method } of documented) {
      const params = (OPENAPI_DOCUMENT.paths[p]![method]!.parameters ?? []).map((param) =>
        '$ref' in param ? OPENAPI_DOCUMENT.components.parameters[param.$ref.split('/').pop()!]! : param,
      )
      for (const [, name] of p.matchAll(/\{(\w+)\}/g)) {
        if (!params.some((param) => param.in === 'path' && param.name === name && param.required)) undeclared.push(`${method.toUpperCase()} ${p}: {${name}}`)
      }
    }
    expect(undeclared).toEqual([])
  })

  it('describes every call of contract.md’s Integration API', () => {
    const calls = documented.map(({ path: p, method }) => `${method.toUpperCase()} ${p}`)
    expect(calls).toEqual(
      expect.arrayContaining([
        'GET /api/v1/units',
        'POST /api/v1/units',
        'POST /api/v1/units/events',
        'POST /api/v1/imports/roster',
        'POST /api/v1/imports/completions',
        'GET /api/v1/courses',
        'PUT /api/v1/plans/{year}',
        'GET /api/v1/plans/{year}',
        'GET /api/v1/reports/coverage',
      ]),
    )
  })
})

/**
 * Calls of the contract that are documented but whose issue is still open. Each entry names its issue; remove it
 * when the route lands (the test below then holds the route to the document).
 */
const NOT_YET_IMPLEMENTED = new Map<string, string>()

describe('the OpenAPI document against app/routes', () => {
  it('every documented call has a route module exporting its handler (but the calls still awaiting their issue)', async () => {
    const missing: string[] = []
    for (const { path: p, method } of documented) {
      if (NOT_YET_IMPLEMENTED.has(`${method.toUpperCase()} ${p}`)) {
        expect(apiModules.find((m) => m.path === p), `${p} has landed: remove it from NOT_YET_IMPLEMENTED`).toBeUndefined()
        continue
      }
      const module = apiModules.find((m) => m.path === p)
      const handler = method === 'get' ? 'loader' : 'action'
      if (!module) {
        missing.push(`${method.toUpperCase()} ${p}: documented, but no route module under app/routes/ answers ${p}`)
        continue
      }
      if (!(await exportsOf(module))[handler]) missing.push(`${method.toUpperCase()} ${p}: documented, but app/routes/${path.relative(ROUTES_DIR, module.file)} exports no ${handler}`)
    }
    expect(missing).toEqual([])
  })

  it('every api.v1 route module is documented', async () => {
    const undocumented: string[] = []
    for (const module of apiModules) {
      const item = OPENAPI_DOCUMENT.paths[module.path]
      const file = `app/routes/${path.relative(ROUTES_DIR, module.file)}`
      const { loader, action } = await exportsOf(module)
      if (loader && !item?.get) undocumented.push(`GET ${module.path}: ${file} exports a loader, but the document has no GET ${module.path}`)
      const writeMethods: HttpMethod[] = ['post', 'put', 'patch', 'delete']
      if (action && !writeMethods.some((m) => item?.[m])) undocumented.push(`${module.path}: ${file} exports an action, but the document has no POST/PUT/PATCH/DELETE ${module.path}`)
      if (!loader && !action && !item) undocumented.push(`${module.path}: ${file} exports neither a loader nor an action`)
    }
    expect(undocumented).toEqual([])
  })
})
