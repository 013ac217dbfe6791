import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from 'pino'

/**
 * Paths whose next segment is a secret: whoever holds the URL holds the
 * account, draft, subscription or invitation it opens.
 */
const SECRET_SEGMENTS = [
  /^(\/consultations\/[^/]+\/resume\/)[^/?#]+/,
  /^(\/organisations\/invitations\/)[^/?#]+/,
  /^(\/subscribe\/confirm\/)[^/?#]+/,
  /^(\/subscriptions\/)(?!erased(?:[/?#]|$))[^/?#]+/,
  /^(\/unsubscribe\/)[^/?#]+/,
  /^(\/reset-password\/)[^/?#]+/,
  /^(\/verify-email\/)[^/?#]+/,
]

/** Query parameters that carry secrets, whatever the path. */
const SECRET_PARAMS = new Set(['token', 'code', 'secret', 'key', 'signature', 'resume'])

/** Parameters that carry another address on the hub, itself redacted. */
const PATH_PARAMS = new Set(['redirectTo'])

export const REDACTED = '[redacted]'

function redactPath(pathname: string): string {
  for (const pattern of SECRET_SEGMENTS) {
    if (pattern.test(pathname)) return pathname.replace(pattern, `$1${REDACTED}`)
  }
  return pathname
}

/**
 * The request URL as it may be written to a log: every token in the path or
 * the query string is replaced, so log readers cannot follow someone's link.
 */
export function redactUrl(url: string | undefined, depth = 0): string {
  if (!url) return ''
  const queryAt = url.indexOf('?')
  const pathname = redactPath(queryAt === -1 ? url : url.slice(0, queryAt))
  if (queryAt === -1) return pathname
  let params: URLSearchParams
  try {
    params = new URLSearchParams(url.slice(queryAt + 1))
  } catch {
    return `${pathname}?${REDACTED}`
  }
  const out = new URLSearchParams()
  for (const [name, value] of params) {
    if (SECRET_PARAMS.has(name.toLowerCase())) out.append(name, REDACTED)
    else if (PATH_PARAMS.has(name) && depth < 2) out.append(name, redactUrl(value, depth + 1))
    else out.append(name, value)
  }
  const query = out.toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)
  return query ? `${pathname}?${query}` : pathname
}

/**
 * One line per request when it ends, with the request id, a redacted URL,
 * the status and the milliseconds taken: "request completed" at info, "request
 * errored" at error for a 5xx, "request aborted" at warn when the client went
 * away first. Static assets are not logged. One listener per request and no
 * child logger, so a request costs next to nothing when info is not logged.
 */
export function requestLogger(logger: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    if (!req.url?.startsWith('/assets/')) {
      const started = performance.now()
      res.once('close', () => {
        const [level, message] = !res.writableFinished
          ? (['warn', 'request aborted'] as const)
          : res.statusCode >= 500
            ? (['error', 'request errored'] as const)
            : (['info', 'request completed'] as const)
        if (!logger.isLevelEnabled(level)) return
        logger[level](
          {
            // Set by assignRequestId (server/security.ts) before this runs, on both the cached-page path and Express's.
            req: { id: String(res.getHeader('X-Request-Id')), method: req.method, url: redactUrl(req.url) },
            res: { statusCode: res.statusCode },
            responseTime: Math.round(performance.now() - started),
          },
          message,
        )
      })
    }
    next?.()
  }
}
