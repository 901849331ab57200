/**
 * Document rendering: streams React, waits for the whole page for bots and for requests without JavaScript,
 * passes the CSP nonce to React for its inline scripts, and marks every document `private, no-store` (pages are
 * personal; a shared computer's back button must not show someone else's results).
 */
import { Transform } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceContext } from './components/nonce'

export const streamTimeout = 5000

/**
 * React 18.3's Node renderer sends a whole 2 KB buffer when a multi-byte character (most Vietnamese letters) does
 * not fit at its end, so the unfilled tail goes out as NUL bytes inside the text ("tài nguy\0ên"). The character
 * itself follows in the next buffer, and UTF-8 never uses a 0 byte inside a character, so dropping every 0 byte
 * restores the document exactly. (Fixed in React 19; remove with the upgrade.)
 */
function stripPaddingBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk)
    },
  })
}

/** Called by server/start.ts before listening: the server build's own content module renders every lesson. */
export { prepareContent } from './content/content.server'

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = stripPaddingBytes()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          responseHeaders.set('Cache-Control', 'private, no-store')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}

/** Errors are logged with the request id that the error page shows the user; the user never sees a stack. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return
  const requestId = request.headers.get('x-request-id')
  console.error(
    JSON.stringify({
      at: new Date().toISOString(),
      level: 'error',
      requestId,
      path: new URL(request.url).pathname,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    }),
  )
}
