import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

export function requestId(req: Request, res: Response, next: NextFunction) {
  const incoming = req.get('x-request-id')
  const id = incoming && /^[\w-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID()
  res.locals.requestId = id
  res.setHeader('X-Request-Id', id)
  next()
}

/**
 * A fresh nonce per response lets the page's own inline scripts run while
 * any injected script is refused by the Content-Security-Policy.
 */
export function securityHeaders({ production }: { production: boolean }) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString('base64')
    res.locals.cspNonce = nonce
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
    next()
  }
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
