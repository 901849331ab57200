import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { requireRole } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { getPlanAsInput, isPlanYear, savePlan, type PlanInput } from '~/models/plans.server'

/** GET /api/v1/plans/:year: the plan as stored; PUT: create or replace it (contract.md, "Integration API"). */

const HEADERS = { 'Cache-Control': 'private, no-store' }

function problem(status: number, error: string, details: unknown[] = []): Response {
  return Response.json({ error, details }, { status, headers: HEADERS })
}

const Names = z.array(z.string().max(200)).min(1).max(200)
const AudienceBody = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ unitCodes: Names }).strict(),
  z.object({ positions: Names }).strict(),
  z.object({ staffTypes: Names }).strict(),
])
const PlanBody = z
  .object({
    reference: z.string().max(100),
    referenceDate: z.string().max(20).nullable().optional(),
    targetPct: z.number(),
    requirements: z
      .array(z.object({ courseId: z.string().max(100), audience: AudienceBody, dueDate: z.string().max(20) }).strict())
      .max(100),
  })
  .strict() satisfies z.ZodType<PlanInput>

function parseYear(raw: string | undefined): number | null {
  if (!raw || !/^\d{4}$/.test(raw)) return null
  const year = Number(raw)
  return isPlanYear(year) ? year : null
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const year = parseYear(params.year)
  if (year === null) return problem(400, 'The year must be four digits, 2000–2200', [{ path: 'year', message: `not a plan year: ${params.year}` }])
  const plan = getPlanAsInput({ year })
  if (!plan) return problem(404, `There is no plan for ${year}`)
  const { closed, updatedAt, ...stored } = plan
  return Response.json({ ...stored, closed, updatedAt: new Date(updatedAt).toISOString() }, { headers: HEADERS })
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== 'PUT') return problem(405, 'Use PUT to save a plan')
  const user = await requireRole(request, 'hr')
  const year = parseYear(params.year)
  if (year === null) return problem(400, 'The year must be four digits, 2000–2200', [{ path: 'year', message: `not a plan year: ${params.year}` }])
  let json: unknown
  try {
    json = await request.json()
  } catch {
    return problem(400, 'The body is not JSON')
  }
  const body = PlanBody.safeParse(json)
  if (!body.success) {
    return problem(
      400,
      'The plan is not valid',
      body.error.issues.map((issue) => ({ path: issue.path.map(String).join('.').replace(/\.(\d+)/g, '[$1]'), message: issue.message })),
    )
  }
  const result = savePlan({ year, input: body.data, ...actorOf(user) })
  if (!result.ok) {
    if (result.status === 409) return problem(409, `The year ${year} is closed; its plan cannot be changed`)
    return problem(400, 'The plan is not valid', result.problems.map(({ path, message }) => ({ path, message })))
  }
  const saved = getPlanAsInput({ year })!
  const { closed, updatedAt, ...stored } = saved
  return Response.json({ ...stored, closed, updatedAt: new Date(updatedAt).toISOString() }, { headers: HEADERS })
}
