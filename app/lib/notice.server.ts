import { createCookie, redirect, type Cookie } from '@remix-run/node'
import { config } from './config.server'
import { singleton } from './singleton.server'

/**
 * A success message travels from an action to the next page in a signed
 * cookie, never in the URL: a link cannot make the hub say something it did
 * not, and the message is shown once, then cleared by the root loader.
 */
const noticeCookie = (): Cookie =>
  singleton('notice-cookie', () =>
    createCookie('hub_notice', {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config().NODE_ENV === 'production',
      // Long enough to survive a slow redirect, short enough not to greet someone tomorrow.
      maxAge: 300,
      secrets: [config().COOKIE_SECRET!],
    }),
  )

const MAX_NOTICE = 500

export async function redirectWithNotice(url: string, notice: string, init: ResponseInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.append('Set-Cookie', await noticeCookie().serialize(notice.slice(0, MAX_NOTICE)))
  return redirect(url, { ...init, headers })
}

/** The waiting notice, if any, and the header that clears it so it is shown exactly once. */
export async function takeNotice(request: Request): Promise<{ notice: string | null; headers: Headers }> {
  const headers = new Headers()
  const cookieHeader = request.headers.get('Cookie')
  if (!cookieHeader?.includes('hub_notice=')) return { notice: null, headers }
  const value: unknown = await noticeCookie()
    .parse(cookieHeader)
    .catch(() => null)
  headers.append('Set-Cookie', await noticeCookie().serialize('', { maxAge: 0, expires: new Date(0) }))
  return { notice: typeof value === 'string' && value ? value.slice(0, MAX_NOTICE) : null, headers }
}
