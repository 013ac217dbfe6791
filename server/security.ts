import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { NextFunction, Request, Response } from 'express'

/** The caller's request id when it is a plain token, else a new one; sent back as X-Request-Id. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id']
  const id = typeof incoming === 'string' && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID()
  res.setHeader('X-Request-Id', id)
  return id
}

export function requestId(req: Request, res: Response, next: NextFunction) {
  res.locals.requestId = assignRequestId(req, res)
  next()
}

/**
 * A fresh nonce per response lets the page's own inline scripts run while
 * any injected script is refused by the Content-Security-Policy.
 */
export function securityHeaders({ production }: { production: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = setSecurityHeaders(res, { production })
    next()
  }
}

/** Sets the security headers every answer carries; returns the nonce its Content-Security-Policy allows. */
export function setSecurityHeaders(res: ServerResponse, { production }: { production: boolean }): string {
  const nonce = crypto.randomBytes(16).toString('base64')
  const scriptSrc = production ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : `'self' 'unsafe-inline'`
  res.setHeader(
    'Content-Security-Policy',
    [
      `default-src 'self'`,
      `script-src ${scriptSrc}`,
      `style-src 'self'${production ? '' : ` 'unsafe-inline'`}`,
      `img-src 'self' data: https:`,
      `font-src 'self'`,
      `connect-src 'self'${production ? '' : ' ws:'}`,
      `form-action 'self'`,
      `frame-ancestors 'none'`,
      `base-uri 'none'`,
      `object-src 'none'`,
    ].join('; '),
  )
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  if (production) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  return nonce
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Browsers always send Origin with a cross-site POST, so a mismatch means a
 * forged request. Requests without Origin come from non-browser clients, such
 * as mail providers following an RFC 8058 one-click unsubscribe.
 */
export function checkOrigin(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next()
  const origin = req.get('origin')
  if (!origin) return next()
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    originHost = ''
  }
  if (originHost && originHost === req.get('host')) return next()
  res.status(403).type('text/plain').send('Forbidden: this form was sent from another site.')
}
