import type { ActionFunctionArgs } from '@remix-run/node'
import { requireRole } from '~/auth/guards.server'
import { actorOf } from '~/auth/session.server'
import { recordLineageEvent, type LineageEventInput } from '~/models/lineage.server'
import { HEADERS, problem, readJson, unitJson } from '~/models/units-api.server'
import { listUnitsAsOf } from '~/models/units.server'

/** POST /api/v1/units/events: a lineage event with its decision (contract.md, "Integration API"). */

export async function loader() {
  return problem(405, 'Use POST to record an event')
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return problem(405, 'Use POST to record an event')
  const user = await requireRole(request, 'hr')
  const body = await readJson(request)
  if (!body.ok) return body.response
  const { actorUserId, actorTokenId } = actorOf(user)
  const result = recordLineageEvent({ ...(body.json as LineageEventInput), actor: { userId: actorUserId, tokenId: actorTokenId } })
  if (!result.ok) return problem(result.status, result.error, result.details)
  const date = String(body.json.date)
  // The units the event created or changed, as they stand from the event date.
  const onDate = new Map(listUnitsAsOf({ asOf: date }).map((u) => [u.id, u]))
  return Response.json(
    {
      eventId: result.eventId,
      type: body.json.type,
      date,
      units: result.unitIds.flatMap((id) => (onDate.has(id) ? [unitJson(onDate.get(id)!)] : [])),
      ended: result.effects.ended,
      peopleMoved: result.effects.peopleMoved,
      peopleEnded: result.effects.peopleEnded,
      childrenMoved: result.effects.childrenMoved,
      grantsMoved: result.effects.grantsMoved,
    },
    { status: 201, headers: HEADERS },
  )
}
