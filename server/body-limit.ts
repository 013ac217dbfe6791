import express, { type NextFunction, type Request, type Response } from 'express'

/** Every form the hub has fits well inside this, except a document upload. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * A document upload (a post to a path ending /documents, a consultation
 * response entered with its scan or imported from a file, or a page of a
 * response with a file upload question) may be larger: twice
 * the 10 MB a document may be (MAX_FILE_BYTES in app/modules/files), so a file
 * a little over the limit reaches the form and gets its error there.
 */
export const MAX_UPLOAD_BODY_BYTES = 20 * 1024 * 1024

export function isUploadPath(path: string) {
  // With JavaScript, Remix posts a form to its path with `.data` added.
  return (
    /\/documents(\/|\.data)?(\?.*)?$/.test(path) ||
    /^\/staff\/consultations\/[^/]+\/responses\/(new|import)(\.data)?(\?.*)?$/.test(path) ||
    // A consultation page with a question that asks for a document.
    /^\/consultations\/[^/]+\/response\/[^/]+\/section\/\d+(\.data)?(\?.*)?$/.test(path)
  )
}

/**
 * Reads a request body into memory, up to `maxBytes`, before Remix sees it,
 * so no action can be made to parse (or echo back) more than that. A larger
 * body is read to its end and thrown away, then the request is marked, and
 * the page handler answers with the GOV.UK "too large" page (413). A request
 * refused at the edge (refusedAtEdge) is marked too, for the GOV.UK "could
 * not read what you sent" page (400).
 */
export function limitBody(maxBytes = MAX_BODY_BYTES, maxUploadBytes = MAX_UPLOAD_BODY_BYTES) {
  const readForm = express.raw({ type: () => true, limit: maxBytes })
  const readUpload = express.raw({ type: () => true, limit: maxUploadBytes })
  return (req: Request, res: Response, next: NextFunction) => {
    if (refusedAtEdge({ url: req.originalUrl })) return refuse(res, next)
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    // A file's bytes may hold NULs; the module that takes the upload checks the file, and its text fields, itself.
    const upload = isUploadPath(req.originalUrl) && (req.headers['content-type'] ?? '').startsWith('multipart/form-data')
    const read = upload ? readUpload : readForm
    read(req, res, (error?: unknown) => {
      if (!error) {
        if (!upload && Buffer.isBuffer(req.body) && refusedAtEdge({ body: req.body })) return refuse(res, next)
        return next()
      }
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

function refuse(res: Response, next: NextFunction) {
  res.locals.refusedAtEdge = true
  next()
}

/**
 * A NUL byte is in no name, address or answer anyone types, and PostgreSQL
 * refuses it in text, so a request carrying one in its address or its form
 * (encoded as %00, or raw) is refused here with 400 rather than failing a
 * page deep inside. Exported for the test that throws bad input at every route.
 */
export function refusedAtEdge({ url, body }: { url?: string; body?: Uint8Array | string }): boolean {
  if (url !== undefined && (url.includes('%00') || url.includes('\u0000'))) return true
  if (body !== undefined) {
    const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1')
    if (text.includes('%00') || text.includes('\u0000')) return true
  }
  return false
}
