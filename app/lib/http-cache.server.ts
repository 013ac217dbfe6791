import type { EntryContext } from '@remix-run/node'
import { publicPage } from './http-cache'

/**
 * Short enough that a proxy or browser shows a change within a minute; the
 * hub's own cache is emptied the moment content changes.
 */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60'
export const PRIVATE_CACHE_CONTROL = 'private, no-store'

/** A request that could be answered with a page shared by every visitor. */
export function isAnonymousRequest(method: string, headers: { cookie?: string | null; authorization?: string | null }) {
  return (method === 'GET' || method === 'HEAD') && !headers.cookie && !headers.authorization
}

function optedIn(context: EntryContext) {
  const matches = context.staticHandlerContext.matches
  const leaf = matches[matches.length - 1]
  if (!leaf) return false
  const handle = context.routeModules[leaf.route.id]?.handle as { cache?: string } | undefined
  return handle?.cache === publicPage.cache
}

function rendersForSomeone(context: EntryContext) {
  const root = context.staticHandlerContext.loaderData.root as { user?: unknown } | undefined
  return Boolean(root?.user)
}

/** Sets Cache-Control (and Vary) on a rendered page. */
export function setDocumentCaching(request: Request, status: number, headers: Headers, context: EntryContext) {
  const shared =
    status === 200 &&
    isAnonymousRequest(request.method, { cookie: request.headers.get('cookie'), authorization: request.headers.get('authorization') }) &&
    !headers.has('Set-Cookie') &&
    optedIn(context) &&
    !rendersForSomeone(context)
  if (shared) {
    headers.set('Cache-Control', PUBLIC_CACHE_CONTROL)
    // A signed-in person's browser or a proxy must not answer them with a visitor's copy.
    headers.append('Vary', 'Cookie')
  } else if (!headers.has('Cache-Control') || headers.get('Cache-Control')!.includes('public')) {
    headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
  }
}
