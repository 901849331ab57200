/**
 * JavaScript a page makes the browser download, from the build output: every /assets/*.js the HTML names
 * (module preloads, the entry and route modules), the modules they import statically, and — counted apart —
 * the chunks they may import later (the data explorer of a lesson that has one).
 */
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

export type PageJs = { files: string[]; gzipBytes: number; lazyFiles: string[]; lazyGzipBytes: number }

const STATIC_IMPORT = /\bimport\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"']+\.js)["']/g
const EXPORT_FROM = /\bexport\s*[\w$*{}\s,]*?\bfrom\s*["']([^"']+\.js)["']/g
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+\.js)["']\s*\)/g

function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1]!)
}

export function referencedAssets(html: string): string[] {
  return [...new Set(matches(html, /["'](\/assets\/[^"'?#]+\.js)["']/g))]
}

export function pageJs({ html, clientDir }: { html: string; clientDir: string }): PageJs {
  const gzipCache = new Map<string, number>()
  const read = (url: string) => fs.readFileSync(path.join(clientDir, url), 'utf8')
  const gzip = (url: string) => {
    let size = gzipCache.get(url)
    if (size === undefined) {
      size = zlib.gzipSync(fs.readFileSync(path.join(clientDir, url))).length
      gzipCache.set(url, size)
    }
    return size
  }
  const resolve = (from: string, spec: string) =>
    spec.startsWith('/') ? spec : path.posix.join(path.posix.dirname(from), spec)

  const eager = new Set<string>()
  const lazy = new Set<string>()
  const walk = (url: string, into: Set<string>) => {
    if (eager.has(url) || into.has(url)) return
    into.add(url)
    const code = read(url)
    for (const spec of [...matches(code, STATIC_IMPORT), ...matches(code, EXPORT_FROM)]) walk(resolve(url, spec), into)
    for (const spec of matches(code, DYNAMIC_IMPORT)) {
      const target = resolve(url, spec)
      if (!eager.has(target)) pendingLazy.add(target)
    }
  }
  const pendingLazy = new Set<string>()
  for (const url of referencedAssets(html)) walk(url, eager)
  for (const url of pendingLazy) if (!eager.has(url)) walk(url, lazy)
  for (const url of eager) lazy.delete(url)
  const sum = (files: Set<string>) => [...files].reduce((total, f) => total + gzip(f), 0)
  return { files: [...eager].sort(), gzipBytes: sum(eager), lazyFiles: [...lazy].sort(), lazyGzipBytes: sum(lazy) }
}
