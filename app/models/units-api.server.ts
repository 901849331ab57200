/** JSON answers shared by the units API routes (contract.md "Integration API": the error shape). */
import type { LineageProblem } from './lineage.server'
import type { UnitAsOf } from './units.server'

export const HEADERS = { 'Cache-Control': 'private, no-store' }

export function problem(status: number, error: string, details: (Omit<LineageProblem, 'params'> & { params?: unknown })[] = []): Response {
  return Response.json(
    { error, details: details.map(({ path, code, message }) => ({ path: path.replace(/\.(\d+)/g, '[$1]'), code, message })) },
    { status, headers: HEADERS },
  )
}

/** The body as JSON (an object), or the 400 to answer. */
export async function readJson(request: Request): Promise<{ ok: true; json: Record<string, unknown> } | { ok: false; response: Response }> {
  try {
    const json: unknown = await request.json()
    if (json && typeof json === 'object' && !Array.isArray(json)) return { ok: true, json: json as Record<string, unknown> }
  } catch {
    // fall through
  }
  return { ok: false, response: problem(400, 'The body must be a JSON object') }
}

export function unitJson(u: Pick<UnitAsOf, 'id' | 'code' | 'name' | 'kind' | 'parentId' | 'validFrom' | 'validTo'>) {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parentId, validFrom: u.validFrom, validTo: u.validTo }
}
