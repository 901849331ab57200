/** npm run dev — the same server with Vite's dev middleware: reloads on changes under app/ (and content/). */
import type { ServerBuild } from '@remix-run/node'

process.env.NODE_ENV = 'development'

const { prepareDatabase } = await import('./prepare')
await prepareDatabase()

const vite = await import('vite')
const viteDevServer = await vite.createServer({ server: { middlewareMode: true } })
const { createApp } = await import('./app')
const app = createApp({
  mode: 'development',
  build: () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
  viteMiddleware: viteDevServer.middlewares,
})
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
app.listen(port, host, () => console.log(`HọcSố (development) tại http://localhost:${port}`))
