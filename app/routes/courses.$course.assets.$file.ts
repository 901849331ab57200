import fs from 'node:fs'
import path from 'node:path'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { hasRole, requireUser } from '~/auth/guards.server'
import { findCourseSource } from '~/content/content.server'
import { getCourse } from '~/models/courses.server'

const TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' }

/** An image of a course's assets/ folder, for signed-in users who may read the course. Only listed files. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const course = getCourse({ courseId: params.course ?? '', includeDrafts: hasRole(user, ['hr', 'admin']) })
  const source = course ? findCourseSource(course.id) : null
  const file = params.file ?? ''
  if (!source || !source.assets.includes(file)) throw new Response('Not found', { status: 404 })
  const body = fs.readFileSync(path.join(source.dir, 'assets', file))
  return new Response(body, {
    headers: {
      'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'private, max-age=3600',
      // An SVG opened directly must not run scripts.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  })
}
