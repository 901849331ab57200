/**
 * Who made a request, for its log line. The guards run inside the Remix build and the log line is written by the
 * Express server (server/app.ts), two copies of this module, so they meet on one process-wide map keyed by the
 * request id that the server puts in the `X-Request-Id` request header. The server takes the entry when the
 * response finishes or the connection closes, so nothing accumulates.
 */
type Registry = Map<string, string>

const KEY = Symbol.for('hocso.requestPrincipals')

function registry(): Registry {
  const holder = globalThis as unknown as Record<symbol, Registry | undefined>
  holder[KEY] ??= new Map()
  return holder[KEY]
}

/** Notes the principal (a user id, or `token:<id>`) of `request`, if the server gave it a request id. */
export function notePrincipal(request: Request, principalId: string): void {
  const requestId = request.headers.get('x-request-id')
  if (requestId) registry().set(requestId, principalId)
}

/** The principal noted for `requestId`, removed from the map. */
export function takePrincipal(requestId: string): string | null {
  const map = registry()
  const id = map.get(requestId) ?? null
  map.delete(requestId)
  return id
}
