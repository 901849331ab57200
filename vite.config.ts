import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: { port: 3000 },
  build: { target: 'es2022' },
  // Server-only native packages: the dev dependency scanner must not try to bundle them for the browser.
  optimizeDeps: { exclude: ['@node-rs/argon2', 'better-sqlite3', 'mdx-bundler', 'esbuild'] },
  plugins: [
    remix({
      // HOCSO_BUILD_DIR lets several checkouts' test runs on one machine build side by side.
      buildDirectory: process.env.HOCSO_BUILD_DIR ?? 'build',
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
})
