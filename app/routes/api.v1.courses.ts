import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { listCourses } from '~/models/courses.server'

/** GET /api/v1/courses: the published courses, for plan requirements and completion imports. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const courses = listCourses().map((c) => ({ id: c.id, title: c.title, durationTiet: c.durationTiet, version: c.version }))
  return Response.json(courses, { headers: { 'Cache-Control': 'private, no-store' } })
}
