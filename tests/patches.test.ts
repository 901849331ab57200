/**
 * The dependency patches in patches/ (see patches/README.md) are applied by `npm ci`, and the patched route
 * matcher still matches as React Router does.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { AgnosticRouteObject } from '@remix-run/router'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)

describe('dependency patches', () => {
  it('are all applied to node_modules', () => {
    const patches = fs.readdirSync('patches').filter((name) => name.endsWith('.patch'))
    expect(patches).toContain('@remix-run+router+1.23.3.patch')
    for (const patch of patches) {
      const text = fs.readFileSync(path.join('patches', patch), 'utf8')
      for (const [, file] of text.matchAll(/^\+\+\+ b\/(\S+)$/gm)) {
        const added = [...text.matchAll(/^\+(?!\+\+ )(.*HọcSố patch.*)$/gm)].map((m) => m[1]!.trim())
        expect(added.length).toBeGreaterThan(0)
        const installed = fs.readFileSync(file!, 'utf8')
        for (const line of added) expect(installed).toContain(line)
      }
    }
  })

  it('leave route matching unchanged: ranking, params, splats, repeated calls and a changed list', () => {
    const { matchRoutes } = require('@remix-run/router') as typeof import('@remix-run/router')
    expect(require.resolve('@remix-run/router')).toMatch(/router\.cjs\.js$/)
    const routes: AgnosticRouteObject[] = [
      {
        id: 'root',
        path: '',
        children: [
          { id: 'home', index: true },
          { id: 'course', path: 'courses/:course' },
          { id: 'lesson', path: 'courses/:course/:lesson' },
          { id: 'quiz', path: 'courses/:course/quiz' },
          { id: 'splat', path: '*' },
        ],
      },
    ]
    const ids = (pathname: string, list = routes) => matchRoutes(list, pathname)?.map((m) => m.route.id)
    for (let i = 0; i < 3; i++) {
      expect(ids('/')).toEqual(['root', 'home'])
      expect(ids('/courses/a')).toEqual(['root', 'course'])
      expect(ids('/courses/a/quiz')).toEqual(['root', 'quiz']) // static beats :param
      expect(ids('/courses/a/b')).toEqual(['root', 'lesson'])
      expect(matchRoutes(routes, '/courses/x%20y/b')?.[1]?.params).toEqual({ course: 'x y', lesson: 'b' })
      expect(ids('/COURSES/a/b')).toEqual(['root', 'lesson']) // case-insensitive
      expect(ids('/nowhere/at/all')).toEqual(['root', 'splat'])
    }
    // A different list (as Remix builds for each render) is ranked on its own.
    const other: AgnosticRouteObject[] = [{ id: 'only', path: '/courses/:course' }]
    expect(ids('/courses/a', other)).toEqual(['only'])
    expect(ids('/courses/a/b', other)).toBeUndefined()
  })
})
