import type { IncomingMessage, ServerResponse } from 'node:http'
import { isAnonymousRequest } from '~/lib/http-cache.server'
import { matchesEtag, renderGzipPage, renderPage, type CachedPage, type PageCache } from './page-cache'
import { assignRequestId, setSecurityHeaders } from './security'

/** Whether a proxy at this address, this many hops away, may say which protocol the visitor used (Express's `trust proxy fn`). */
type TrustProxy = (address: string, hop: number) => boolean

/**
 * The page cache's key: the address as the visitor asked for it. The
 * protocol is worked out as Express works out `req.protocol`, so a page
 * stored by the Express path is found by the path in front of it.
 */
export function pageKey(req: IncomingMessage, trustProxy: TrustProxy): string {
  let protocol = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'
  const forwarded = req.headers['x-forwarded-proto']
  if (typeof forwarded === 'string' && forwarded && trustProxy(req.socket.remoteAddress ?? '', 0)) protocol = forwarded.split(',')[0].trim()
  // The URL as it arrived (Express's originalUrl): nothing before this has rewritten it.
  return `${protocol}://${req.headers.host ?? ''}${req.url ?? ''}`
}

type Options = {
  cache: PageCache
  production: boolean
  trustProxy: TrustProxy
  /** The request log line (server/request-log.ts), written when the answer finishes. */
  log: (req: IncomingMessage, res: ServerResponse) => void
}

/**
 * Answers a signed-out GET or HEAD for a page the cache holds before the
 * request reaches Express: a cached page costs a few header writes and the
 * nonce spliced into its stored bytes, where Express's middleware chain cost
 * three times that. The answer is the one the Express path gives a cache hit:
 * the same request id, log line, security headers, fresh nonce, ETag and 304.
 * Anything else (a session, a body, a page not stored) returns false and goes
 * to Express.
 */
export function cachedPageAnswer({ cache, production, trustProxy, log }: Options) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!isAnonymousRequest(req.method ?? '', { cookie: req.headers.cookie, authorization: req.headers.authorization })) return false
    if (req.headers['content-length'] || req.headers['transfer-encoding']) return false
    const page = cache.get(pageKey(req, trustProxy))
    if (!page) return false
    assignRequestId(req, res)
    log(req, res)
    const nonce = setSecurityHeaders(res, { production })
    sendPage(req, res, page, nonce, 'hit')
    return true
  }
}

export function sendPage(req: IncomingMessage, res: ServerResponse, page: Pick<CachedPage, 'parts' | 'deflated' | 'etag' | 'headers'>, nonce: string, cacheStatus: string) {
  for (const [name, value] of page.headers) res.setHeader(name, value)
  res.setHeader('ETag', page.etag)
  res.setHeader('X-Cache', cacheStatus)
  if (matchesEtag(req.headers['if-none-match'], page.etag)) {
    // The browser keeps the page it has, whose scripts carry the nonce it came
    // with; a 304 updates stored headers, so a new policy would refuse them.
    res.removeHeader('Content-Security-Policy')
    res.removeHeader('Content-Type')
    res.statusCode = 304
    res.end()
    return
  }
  varyOn(res, 'Accept-Encoding')
  // Already compressed, so the compression middleware lets it through as it is.
  const gzip = acceptsGzip(req.headers['accept-encoding'])
  if (gzip) res.setHeader('Content-Encoding', 'gzip')
  const body = gzip ? renderGzipPage(page, nonce) : renderPage(page, nonce)
  res.statusCode = 200
  res.setHeader('Content-Length', body.length)
  res.end(req.method === 'HEAD' ? undefined : body)
}

function varyOn(res: ServerResponse, header: string) {
  const current = String(res.getHeader('Vary') ?? '')
  const names = current.split(',').map((name) => name.trim().toLowerCase())
  if (names.includes('*') || names.includes(header.toLowerCase())) return
  res.setHeader('Vary', current ? `${current}, ${header}` : header)
}

/**
 * RFC 9110 Accept-Encoding: gzip when it is acceptable (q above 0, named or by
 * `*`) and liked at least as much as the page as it is. Identity is
 * acceptable unless refused, at the lowest weight any listed coding has.
 */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  const weights = new Map<string, number>()
  for (const item of header.split(',')) {
    const [name, ...params] = item.split(';').map((part) => part.trim().toLowerCase())
    if (!name) continue
    const q = params.map((p) => /^q=([01](?:\.\d{0,3})?)$/.exec(p)).find(Boolean)
    weights.set(name, q ? Number(q[1]) : 1)
  }
  const any = weights.get('*')
  const gzip = weights.get('gzip') ?? weights.get('x-gzip') ?? any ?? 0
  const identity = weights.get('identity') ?? any ?? Math.min(1, ...weights.values())
  return gzip > 0 && gzip >= identity
}
