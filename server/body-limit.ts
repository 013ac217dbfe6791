import express, { type NextFunction, type Request, type Response } from 'express'

/** Every form the hub has fits well inside this; it has no file uploads. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * Reads a request body into memory, up to `maxBytes`, before Remix sees it,
 * so no action can be made to parse (or echo back) more than that. A larger
 * body is read to its end and thrown away, then the request is marked, and
 * the page handler answers with the GOV.UK "too large" page (413).
 */
export function limitBody(maxBytes = MAX_BODY_BYTES) {
  const read = express.raw({ type: () => true, limit: maxBytes })
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    read(req, res, (error?: unknown) => {
      if (!error) return next()
      const type = (error as { type?: string }).type
      if (type === 'entity.too.large') {
        res.locals.bodyTooLarge = true
        return next()
      }
      // A body that stopped halfway, or an encoding we do not read: the client's fault, not ours.
      const status = (error as { status?: number }).status
      if (status && status >= 400 && status < 500) {
        res
          .status(status)
          .type('text/plain')
          .send(type === 'request.aborted' ? 'Bad request' : 'Bad request: the body could not be read.')
        return
      }
      next(error)
    })
  }
}
