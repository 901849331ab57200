import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { isIsoDate, isoDateInVietnam } from '~/i18n/format'
import { createUnit } from '~/models/lineage.server'
import { listUnitsAsOf, orderAsTree } from '~/models/units.server'
import { problem, readJson, unitJson } from '~/models/units-api.server'

/** GET /api/v1/units?asOf=D: the tree on D (default today in Việt Nam); POST: create a unit (contract.md). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, 'hr')
  const raw = new URL(request.url).searchParams.get('asOf')
  if (raw !== null && !isIsoDate(raw)) {
    return problem(400, 'asOf must be a real date written YYYY-MM-DD', [{ path: 'asOf', code: 'invalid_date', message: `not a date: ${raw}` }])
  }
  const asOf = raw ?? isoDateInVietnam()
  return Response.json(orderAsTree(listUnitsAsOf({ asOf })).map(unitJson), { headers: { 'Cache-Control': 'private, no-store' } })
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return problem(405, 'Use POST to create a unit')
  const user = await requireRole(request, 'hr')
  const body = await readJson(request)
  if (!body.ok) return body.response
  const { actorUserId, actorTokenId } = actorOf(user)
  const result = createUnit({ ...(body.json as Parameters<typeof createUnit>[0]), actor: { userId: actorUserId, tokenId: actorTokenId } })
  if (!result.ok) return problem(result.status, result.error, result.details)
  return Response.json(unitJson(result), { status: 201, headers: { 'Cache-Control': 'private, no-store' } })
}
