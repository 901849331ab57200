import { OPENAPI_DOCUMENT } from '~/models/openapi'

/**
 * Public on purpose: the document describes the API (the same facts as contract.md), never its data, and an
 * integrator needs it before they hold a token. Every call it describes keeps its own guard.
 */
export function loader() {
  return Response.json(OPENAPI_DOCUMENT, { headers: { 'Cache-Control': 'no-cache' } })
}
