import { createReadableStreamFromReadable, createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { databaseDown } from '~/lib/db-health.server'
import { isAnonymousRequest } from '~/lib/http-cache.server'
import { inRequestScope } from '~/lib/request-scope.server'
import { pageTemplate, type PageCache } from './page-cache'
import { pageKey, sendPage } from './visitor-pages'

type Options = {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: string
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
  cache?: PageCache
  /** Express's `trust proxy fn`, for the page cache's key. */
  trustProxy: (address: string, hop: number) => boolean
}

/**
 * Remix's Express adapter, with a visitor-page cache in front: a signed-out
 * GET for a page already rendered is answered from memory with a fresh
 * nonce; a page Remix marks public (see app/lib/http-cache.server.ts) is
 * stored, and answered with its ETag (and 304 when the browser has it).
 */
export function pageHandler({ build, mode, getLoadContext, cache, trustProxy }: Options) {
  const remix = createRequestHandler(build, mode)
  const handle: typeof remix = (request, context) => inRequestScope(() => remix(request, context))
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const nonce = res.locals.cspNonce as string
      // Cached pages are answered in front of Express (server/visitor-pages.ts); one asked for with a body arrives here.
      const key = cache && isAnonymousRequest(req.method, { cookie: req.headers.cookie, authorization: req.headers.authorization }) ? pageKey(req, trustProxy) : undefined
      if (key) {
        const page = cache!.get(key)
        if (page) return sendPage(req, res, page, nonce, 'hit')
      }
      if (res.locals.bodyTooLarge || res.locals.refusedAtEdge) {
        // Nothing of the request reaches a route; the GOV.UK page for it is a route of its own, asked for with the person's cookies.
        const path = res.locals.bodyTooLarge ? TOO_LARGE_PATH : BAD_REQUEST_PATH
        const response = await handle(remixRequest(req, res, { path, method: 'GET' }), getLoadContext(req, res))
        return await sendResponse(res, response)
      }
      const generation = cache?.generation ?? 0
      let response = await handle(remixRequest(req, res), getLoadContext(req, res))
      if (response.status >= 500 && databaseDown() && !isDataRequest(req)) {
        // The page failed because PostgreSQL is away: the person gets the GOV.UK "unavailable" page, not "a problem".
        response = await handle(remixRequest(req, res, { path: UNAVAILABLE_PATH, method: 'GET' }), getLoadContext(req, res))
      }
      if (isSharedPage(response)) {
        const template = pageTemplate(await response.text(), nonce, response.headers)
        if (key && req.method === 'GET') cache!.set(key, template, generation)
        return sendPage(req, res, template, nonce, 'miss')
      }
      await sendResponse(res, response)
    } catch (error) {
      next(error)
    }
  }
}

function isSharedPage(response: Response) {
  return (
    response.status === 200 &&
    Boolean(response.body) &&
    !response.headers.has('Set-Cookie') &&
    (response.headers.get('Cache-Control') ?? '').startsWith('public') &&
    (response.headers.get('Content-Type') ?? '').startsWith('text/html')
  )
}

/** Answers 413 with the GOV.UK page; see server/body-limit.ts. */
export const TOO_LARGE_PATH = '/request-too-large'
/** Answers 400 with the GOV.UK page; see server/body-limit.ts. */
const BAD_REQUEST_PATH = '/bad-request'
/** Answers 503 with the GOV.UK page; see app/lib/db-health.server.ts. */
const UNAVAILABLE_PATH = '/service-unavailable'

/** A Remix client navigation asking for JSON, which its own error handling shows. */
const isDataRequest = (req: ExpressRequest) => '_data' in req.query || req.path.endsWith('.data')

// What follows is @remix-run/express's request and response translation.
function remixRequest(req: ExpressRequest, res: ExpressResponse, instead?: { path: string; method: string }): Request {
  const [, forwardedPort] = req.get('X-Forwarded-Host')?.split(':') ?? []
  const [, hostPort] = req.get('host')?.split(':') ?? []
  const port = Number.isSafeInteger(Number.parseInt(forwardedPort, 10)) ? Number.parseInt(forwardedPort, 10) : Number.isSafeInteger(Number.parseInt(hostPort, 10)) ? Number.parseInt(hostPort, 10) : ''
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${instead?.path ?? req.originalUrl}`)
  const method = instead?.method ?? req.method
  let controller: AbortController | null = new AbortController()
  const headers = new Headers()
  for (const [name, values] of Object.entries(req.headers)) {
    if (!values) continue
    if (Array.isArray(values)) for (const value of values) headers.append(name, value)
    else headers.set(name, values)
  }
  if (instead) {
    headers.delete('content-length')
    headers.delete('content-type')
    headers.delete('content-encoding')
  }
  const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal }
  if (method !== 'GET' && method !== 'HEAD') {
    // server/body-limit.ts has already read the body, and decoded any gzip.
    if (Buffer.isBuffer(req.body)) {
      init.body = req.body as unknown as BodyInit
      headers.delete('content-encoding')
      headers.set('content-length', String(req.body.length))
    } else {
      init.body = createReadableStreamFromReadable(req)
      init.duplex = 'half'
    }
  }
  // Loaders and actions stop when the client goes away before the response is sent.
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  return new Request(url.href, init)
}

async function sendResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  // A header the response sets replaces the server's default (server/security.ts) rather than repeating it: a
  // download's own nosniff and sandboxing CSP are sent once. Only Set-Cookie may come more than once.
  for (const [name, value] of response.headers.entries()) {
    if (name === 'set-cookie') res.append(name, value)
    else res.setHeader(name, value)
  }
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders()
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}
