/**
 * The HTTP server around the Remix app: security headers (with a CSP nonce for Remix's inline scripts) on every
 * response, static files included; refusal of cross-site state changes; one log line per request; compression;
 * static assets. Used by `npm start` (production build) and `npm run dev` (Vite middleware).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express, { type NextFunction, type Request, type Response } from 'express'
import { isCrossSiteRequest } from '../app/auth/csrf.server'
import { takePrincipal } from '../app/auth/request-log.server'
import { matchRoute, routePatterns, type RoutePattern } from './route-match'

declare module '@remix-run/node' {
  interface AppLoadContext {
    cspNonce: string
    requestId: string
  }
}

export type AppOptions = {
  mode: 'production' | 'development'
  /** The Remix server build, or a function that loads it (Vite in development). */
  build: ServerBuild | (() => Promise<ServerBuild>)
  /** Vite's connect middlewares in development. */
  viteMiddleware?: express.RequestHandler
  /** Where the built browser assets are (production). */
  clientDir?: string
  log?: (line: string) => void
}

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** The largest request body accepted (see docs/imports.md). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024

function trustedOrigins(): string[] {
  return (process.env.APP_ORIGIN ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
}

export function createApp(options: AppOptions): express.Express {
  const app = express()
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`))
  // The route a request reached, from the build's manifest (in development, the build most recently loaded).
  let patterns: { build: ServerBuild; patterns: RoutePattern[] } | null = null
  const patternsOf = (build: ServerBuild) => {
    if (patterns?.build !== build) patterns = { build, patterns: routePatterns(build.routes) }
    return patterns.patterns
  }
  let latestBuild: ServerBuild | null = typeof options.build === 'function' ? null : options.build
  const loadBuild = options.build
  const build = typeof loadBuild === 'function' ? async () => (latestBuild = await loadBuild()) : loadBuild
  app.disable('x-powered-by')
  if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY === 'true' ? true : process.env.TRUST_PROXY)

  // Request id and one structured log line per request: method, path, the route it reached, status, duration and
  // who asked (a user id or `token:<id>`); never a query string, a body, a cookie, a password or a token.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint()
    const requestId = crypto.randomBytes(8).toString('hex')
    res.locals.requestId = requestId
    req.headers['x-request-id'] = requestId
    res.setHeader('X-Request-Id', requestId)
    let logged = false
    const finish = (aborted: boolean) => {
      if (logged) return
      logged = true
      const userId = takePrincipal(requestId)
      const ms = Number(process.hrtime.bigint() - started) / 1e6
      const path = req.originalUrl.split('?')[0] ?? '/'
      const isStatic = res.locals.static === true
      log(
        JSON.stringify({
          at: new Date().toISOString(),
          requestId,
          method: req.method,
          path,
          route: isStatic ? 'static' : latestBuild ? matchRoute(patternsOf(latestBuild), path) : null,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          userId,
          ...(aborted ? { aborted: true } : {}),
        }),
      )
    }
    res.on('finish', () => finish(false))
    res.on('close', () => finish(!res.writableFinished))
    next()
  })

  // Security headers on every response.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
    if (options.mode === 'production') res.setHeader('Content-Security-Policy', contentSecurityPolicy(nonce))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'same-origin')
    res.setHeader('X-Frame-Options', 'DENY')
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    next()
  })

  // A body declared above MAX_BODY_BYTES is refused before anything reads it: forms and JSON calls need a few
  // kilobytes, an import file at most 5 MB (the import routes also bound what they read, chunked bodies included).
  // What the client still sends is read and thrown away, so that it gets the answer; nothing is kept.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!(Number(req.get('content-length') ?? 0) > MAX_BODY_BYTES)) return next()
    req.resume()
    res.status(413)
    const message = `Yêu cầu quá lớn: giới hạn là ${MAX_BODY_BYTES / 1024 / 1024} MB. / Request body too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB.`
    if (req.path.startsWith('/api/')) res.json({ error: message, details: [] })
    else res.type('text/plain; charset=utf-8').send(message)
  })

  // Cross-site state changes are refused before they reach any route.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const crossSite = isCrossSiteRequest({
      method: req.method,
      selfOrigin: `${req.protocol}://${req.get('host') ?? ''}`,
      trustedOrigins: trustedOrigins(),
      headers: {
        origin: req.get('origin'),
        referer: req.get('referer'),
        secFetchSite: req.get('sec-fetch-site'),
        authorization: req.get('authorization'),
        cookie: req.get('cookie'),
      },
    })
    if (!crossSite) return next()
    res
      .status(403)
      .type('text/plain; charset=utf-8')
      .send('403 — Yêu cầu bị từ chối: không đến từ trang của HọcSố. / Cross-site request refused.')
  })

  app.use(compression())

  if (options.viteMiddleware) {
    app.use(options.viteMiddleware)
  } else {
    const clientDir = options.clientDir ?? path.resolve('build/client')
    const markStatic = (res: Response) => (res.locals.static = true)
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', setHeaders: markStatic }))
    // The few files at the root of the build (favicon.svg…), looked up by name: a page request never touches the
    // disk to learn that it is not a file.
    const rootEntries = new Set(fs.existsSync(clientDir) ? fs.readdirSync(clientDir).filter((name) => name !== 'assets') : [])
    const serveRoot = express.static(clientDir, { maxAge: '1h', setHeaders: markStatic })
    app.use((req: Request, res: Response, next: NextFunction) =>
      rootEntries.has(req.path.split('/')[1] ?? '') ? serveRoot(req, res, next) : next(),
    )
  }

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: options.mode,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce, requestId: res.locals.requestId }),
    }),
  )
  return app
}
