/**
 * The serving half of `npm start`, compiled to `<build>/server/start.mjs` (server/build.ts) and run without tsx:
 * server/launch.mjs imports it once the preparation child (server/prepare-cli.ts) has built, migrated and
 * seeded. Serves the production build on HOST:PORT (default 127.0.0.1:3000).
 *
 * With WEB_CONCURRENCY above 1 (or `auto`: one per CPU core; default 1) this process becomes the supervisor of that many
 * worker processes sharing the port (node:cluster): it starts the first worker (which renders the lessons into
 * the disk cache if they changed), then the others, and restarts a worker that dies. With WEB_CONCURRENCY=1 it
 * serves by itself. See docs/decisions/007-cluster.md.
 */
import cluster, { type Worker } from 'node:cluster'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { databasePath } from '../app/db/path'
import { serverWorkerCount } from './workers'

process.env.NODE_ENV = 'production'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
// A deeper accept queue than Node's default 511: a class starting a quiz together opens thousands of connections
// within a second, and a full queue makes the kernel drop them (the client retries a second later).
const LISTEN_BACKLOG = 4096

/** Loads the build, makes sure every lesson is rendered, and listens. */
async function serve(): Promise<void> {
  const { CLIENT_DIR, SERVER_BUILD } = await import('./paths')
  const { createApp } = await import('./app')
  const build = await import(pathToFileURL(SERVER_BUILD).href)
  // Render every lesson now (or load it from the disk cache), so that no request ever compiles MDX.
  const content = await build.entry.module.prepareContent()
  if (!cluster.isWorker || cluster.worker?.id === 1) {
    console.log(
      `Nội dung: ${content.courses} khóa học, ${content.lessons} bài học (biên dịch ${content.compiled}, lấy từ bộ nhớ đệm ${content.fromDisk}).`,
    )
  }
  const app = createApp({ mode: 'production', build, clientDir: CLIENT_DIR })
  const server = app.listen(port, host, LISTEN_BACKLOG, () => {
    if (cluster.isWorker) return
    console.log(`HọcSố đang chạy tại http://${host === '127.0.0.1' ? 'localhost' : host}:${port} (cơ sở dữ liệu: ${databasePath()})`)
  })
  const shutdown = () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5000).unref()
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}

function supervise(count: number): void {
  let stopping = false
  const restarts: number[] = []
  // Workers run this same compiled file, not the launcher (which would prepare again).
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) })
  const fork = (): Worker => cluster.fork()
  // The first worker renders any changed lesson and writes the disk cache; the others start once it listens and
  // only read that cache, so a lesson is never compiled twice at once.
  fork()
  let listening = 0
  cluster.on('listening', () => {
    // The first to listen (the first worker, or its replacement if it died while starting) lets the rest start.
    if (++listening === 1) for (let i = 1; i < count; i++) fork()
    if (listening !== count) return
    console.log(
      `HọcSố đang chạy tại http://${host === '127.0.0.1' ? 'localhost' : host}:${port} với ${count} tiến trình (cơ sở dữ liệu: ${databasePath()})`,
    )
  })
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    // A worker that dies is replaced, unless workers keep dying (then the supervisor stops with an error).
    const now = Date.now()
    restarts.push(now)
    while (restarts[0]! < now - 60_000) restarts.shift()
    if (restarts.length > 5) {
      console.error(`Tiến trình phục vụ dừng liên tục (${restarts.length} lần trong một phút); máy chủ dừng.`)
      process.exit(1)
    }
    console.error(`Tiến trình ${worker.process.pid} dừng (${signal ?? code}); khởi động lại.`)
    fork()
  })
  const shutdown = () => {
    if (stopping) return
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
    setTimeout(() => process.exit(0), 6000).unref()
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
}

if (cluster.isWorker) {
  await serve()
} else {
  let count: number
  try {
    count = serverWorkerCount()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
  if (count <= 1) await serve()
  else supervise(count)
}
