import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { redirectWithNotice, takeNotice } from '~/lib/notice.server'
import * as root from '~/root'

type Handler = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<unknown>

/** The cookie a browser would send back from a Set-Cookie header. */
const cookieFrom = (response: Response) => response.headers.get('Set-Cookie')!.split(';')[0]!

async function rootLoader(cookie?: string) {
  const request = new Request('http://localhost/account', { headers: cookie ? { Cookie: cookie } : {} })
  const result = (await (root.loader as unknown as Handler)({ request, params: {}, context: {} })) as { data: { notice: string | null }; init?: { headers?: HeadersInit } }
  return { notice: result.data.notice, setCookie: new Headers(result.init?.headers).get('Set-Cookie') ?? '' }
}

describe('success notices', () => {
  test('travel in a signed cookie, not the address, and are shown once', async () => {
    const response = await redirectWithNotice('/account', 'Your name has been changed.')
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe('/account')
    const setCookie = response.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/^hub_notice=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).not.toContain('Your name')

    const first = await rootLoader(cookieFrom(response))
    expect(first.notice).toBe('Your name has been changed.')
    // The root loader clears it, so the next page does not show it again.
    expect(first.setCookie).toMatch(/hub_notice=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i)
    expect((await rootLoader()).notice).toBeNull()
  })

  test('a forged or altered cookie shows nothing', async () => {
    const genuine = cookieFrom(await redirectWithNotice('/', 'Saved'))
    const [name, value] = genuine.split('=') as [string, string]
    const [payload, signature] = decodeURIComponent(value).split('.') as [string, string]
    const forged = Buffer.from(JSON.stringify('Your account is locked: call 0800 000 000')).toString('base64')
    expect((await rootLoader(`${name}=${encodeURIComponent(`${forged}.${signature}`)}`)).notice).toBeNull()
    expect((await rootLoader(`${name}=${encodeURIComponent(forged)}`)).notice).toBeNull()
    expect((await rootLoader(`${name}=${encodeURIComponent(`${payload}.${signature}`)}`)).notice).toBe('Saved')
  })

  test('keep headers they are given, such as a signed-out session cookie', async () => {
    const response = await redirectWithNotice('/sign-in', 'Signed out', { headers: { 'Set-Cookie': 'hub_session=; Max-Age=0; Path=/' } })
    const cookies = response.headers.getSetCookie()
    expect(cookies).toHaveLength(2)
    expect(cookies[0]).toMatch(/^hub_session=;/)
    expect((await takeNotice(new Request('http://localhost/', { headers: { Cookie: cookies[1]!.split(';')[0]! } }))).notice).toBe('Signed out')
  })

  // The one exception is a response's confirmation panel (?submitted), which shows only when the database says the response is submitted.
  test('no route reads a success banner from the address', () => {
    const dir = path.resolve('app/routes')
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(tsx?|jsx?)$/.test(f))
    const source = (file: string) => readFileSync(path.join(dir, file), 'utf8')
    expect(files.length).toBeGreaterThan(100)
    const offenders = files.filter((file) =>
      /(searchParams|params|search)\.(get|has)\('(done|saved|notice|registered|updated|created|deleted|restored|bounced|left|invited|removed|promoted|published|sent|asked|joined|reset|success|changed|thanks|ok|confirmed|subscribed|unsubscribed|withdrawn)'\)/.test(
        source(file),
      ),
    )
    expect(offenders).toEqual([])
    // Nor does any action send a person to an address that carries one.
    const redirects = files.filter((file) => /redirect(WithNotice)?\([^)]*[?&](done|saved|sent|asked|joined|reset|success|thanks)=/.test(source(file)))
    expect(redirects).toEqual([])
  })
})
