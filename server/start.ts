/**
 * npm start — builds if needed, migrates ./data/hocso.db (or DATABASE_PATH), seeds the demo organisation into
 * an empty database, then serves the production build on HOST:PORT (default 127.0.0.1:3000).
 */
import { pathToFileURL } from 'node:url'

process.env.NODE_ENV = 'production'

const { CLIENT_DIR, SERVER_BUILD, ensureBuild } = await import('./build')
try {
  ensureBuild()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const { prepareDatabase } = await import('./prepare')
const databaseFile = await prepareDatabase()

const { createApp } = await import('./app')
const build = await import(pathToFileURL(SERVER_BUILD).href)
// Render every lesson now (or load it from the disk cache), so that no request ever compiles MDX.
const content = await build.entry.module.prepareContent()
console.log(
  `Nội dung: ${content.courses} khóa học, ${content.lessons} bài học (biên dịch ${content.compiled}, lấy từ bộ nhớ đệm ${content.fromDisk}).`,
)
const app = createApp({ mode: 'production', build, clientDir: CLIENT_DIR })
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const server = app.listen(port, host, () => {
  console.log(`HọcSố đang chạy tại http://${host === '127.0.0.1' ? 'localhost' : host}:${port} (cơ sở dữ liệu: ${databaseFile})`)
})

function shutdown() {
  server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
