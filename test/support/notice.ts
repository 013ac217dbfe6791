import { takeNotice } from '~/lib/notice.server'

/** The success notice a redirect carries, as the next page would show it. */
export async function noticeFrom(headers: Headers): Promise<string | null> {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('hub_notice='))
  if (!cookie) return null
  return (await takeNotice(new Request('http://localhost/', { headers: { Cookie: cookie.split(';')[0]! } }))).notice
}
