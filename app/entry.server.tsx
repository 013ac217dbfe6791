import { Writable } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { renderToPipeableStream } from 'react-dom/server'
import { reportDatabaseError } from '~/lib/db-health.server'
import { setDocumentCaching } from '~/lib/http-cache.server'
import { NonceProvider } from '~/lib/nonce'
import '~/lib/load-context'

export const streamTimeout = 5_000

/**
 * Pages are rendered whole before the first byte is sent. No page defers
 * data, so streaming the shell early would gain nothing, while a single
 * write spares compression and the socket hundreds of small chunks.
 */
const HTML_END = Buffer.from('</html>')
const BODY_END = Buffer.from('</body>')

/**
 * Remix renders its stream-closing script after the document element, which
 * is not valid HTML; it is moved to the end of the body, where browsers put it anyway.
 */
export function scriptsInsideBody(page: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  const htmlEnd = page.lastIndexOf(HTML_END)
  const bodyEnd = page.lastIndexOf(BODY_END, htmlEnd)
  if (htmlEnd < 0 || bodyEnd < 0) return page
  const trailing = page.subarray(htmlEnd + HTML_END.length)
  if (!trailing.toString().trim()) return page
  return Buffer.concat([page.subarray(0, bodyEnd), trailing, page.subarray(bodyEnd, htmlEnd + HTML_END.length)])
}

export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext: AppLoadContext) {
  const nonce = loadContext.cspNonce
  return new Promise<Response>((resolve, reject) => {
    const chunks: Buffer[] = []
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true
        },
        onAllReady() {
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          setDocumentCaching(request, responseStatusCode, responseHeaders, remixContext)
          pipe(
            new Writable({
              write(chunk: Buffer, _encoding, callback) {
                chunks.push(chunk)
                callback()
              },
              final(callback) {
                resolve(new Response(scriptsInsideBody(Buffer.concat(chunks)), { headers: responseHeaders, status: responseStatusCode }))
                callback()
              },
            }),
          )
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // Errors before the shell reach Remix's error handling through onShellError.
          if (shellRendered) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000).unref()
  })
}

/** Errors from loaders and actions: a failure to reach PostgreSQL marks it down for every page at once (see db-health.server.ts). */
export function handleError(error: unknown, { request }: { request: Request }) {
  reportDatabaseError(error)
  if (!request.signal.aborted) console.error(error)
}
