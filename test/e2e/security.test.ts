import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, inject, test } from 'vitest'
import { DEMO_PASSWORD, e2eDatabase, newContext, sharedBrowser, signInByFetch } from '../support/browser'
import { useAppModules } from '../support/hub'
import { ROUTES_DIR, routeModules } from '../support/routes'

/**
 * Security checks against the running production build: what the browser
 * receives (headers, cookies, markup) and what the server refuses.
 */
const base = inject('baseUrl')
const origin = new URL(base).origin

const hub = sharedBrowser()
// The stored cross-site scripting test stores its payloads through the hub's own modules.
useAppModules()
const sql = e2eDatabase({ max: 2 })

/** Signs in over HTTP, as a script would, and returns the Set-Cookie header. */
async function sessionCookie(email: string): Promise<string> {
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: '/account' }),
  })
  expect(res.status).toBe(302)
  return res.headers.get('set-cookie') ?? ''
}

describe('security headers', () => {
  test('a page carries a CSP with a fresh nonce that its own scripts use, and the other headers', async () => {
    const first = await fetch(`${base}/`)
    const second = await fetch(`${base}/`)
    const csp = first.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(/'nonce-([^']+)'/.exec(second.headers.get('content-security-policy') ?? '')?.[1]).not.toBe(nonce)
    expect(csp).toContain(`frame-ancestors 'none'`)
    expect(csp).toMatch(/script-src [^;]*'self'/)
    expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/)
    expect(csp).toContain(`object-src 'none'`)
    const html = await first.text()
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`)
    expect(first.headers.get('x-content-type-options')).toBe('nosniff')
    expect(first.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(first.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
    expect(first.headers.get('x-powered-by')).toBeNull()
  })
})

describe('cross-site request forgery', () => {
  // Every route that has an action, at its address with made-up ids.
  const actionRoutes = routeModules()
    .filter(({ file }) => /export (async )?function action/.test(readFileSync(path.join(ROUTES_DIR, file), 'utf8')))
    .map(
      ({ id }) =>
        `/${id
          .split(/\.(?![^[]*\])/)
          .filter((s) => s !== '_index')
          .map((s) => s.replace(/_$/, '').replace(/\[(.*?)\]/g, '$1'))
          .map((s) => (s.startsWith('$') ? (s === '$n' ? '1' : '00000000-0000-4000-8000-000000000000') : s))
          .join('/')}`,
    )

  test('a form posted from another site is refused on every action, signed in or not', async () => {
    expect(actionRoutes.length).toBeGreaterThan(30)
    const cookie = (await sessionCookie('staff@demo.commissioning-hub.example')).split(';')[0]
    for (const path of actionRoutes) {
      for (const headers of [{}, { Cookie: cookie }] as Record<string, string>[]) {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://evil.example' },
          body: 'intent=delete&confirm=yes',
        })
        expect(res.status, path).toBe(403)
      }
    }
  })

  test('the same form from this site is not refused by the origin check', async () => {
    const res = await fetch(`${base}/feedback`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: '',
    })
    expect(res.status).not.toBe(403)
  })
})

describe('sessions', () => {
  test('the session cookie is HttpOnly, SameSite=Lax and Secure in production, and sign-out ends it on the server', async () => {
    const setCookie = await sessionCookie('member@demo.commissioning-hub.example')
    expect(setCookie).toMatch(/^__Host-hub_session=/)
    expect(setCookie).toMatch(/;\s*Path=\//i)
    expect(setCookie).not.toMatch(/Domain=/i)
    expect(setCookie).toMatch(/;\s*HttpOnly/i)
    expect(setCookie).toMatch(/;\s*SameSite=Lax/i)
    expect(setCookie).toMatch(/;\s*Secure/i)
    const cookie = setCookie.split(';')[0]
    expect((await fetch(`${base}/account`, { headers: { Cookie: cookie }, redirect: 'manual' })).status).toBe(200)
    const out = await fetch(`${base}/sign-out`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: origin } })
    expect(out.status).toBeLessThan(400)
    const after = await fetch(`${base}/account`, { headers: { Cookie: cookie }, redirect: 'manual' })
    expect(after.status).toBe(302)
    expect(after.headers.get('location')).toMatch(/^\/sign-in/)
  })
})

describe('open redirects', () => {
  test.each(['//evil.example', 'https://evil.example/', '/\t/evil.example', '/\\evil.example'])('signing in with redirectTo=%j stays on the hub', async (to) => {
    const res = await fetch(`${base}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams({ email: 'member@demo.commissioning-hub.example', password: DEMO_PASSWORD, redirectTo: to }),
    })
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get('location')!, base)
    expect(location.origin).toBe(origin)
    expect(res.headers.get('location')).toBe('/account')
  })
})

const INJECTIONS = [`' OR '1'='1`, `'; drop table users; --`, `1) union select password_hash from users --`, `%' and pg_sleep(3) --`, `\\`, `"`, `$1`, `'::int`, `\u0000`]
// The payloads are echoed back in search boxes, so only words they do not contain count as a leak.
const LEAKS = /syntax error|SQLSTATE|PostgresError|DrizzleQueryError|Failed query|invalid input|at [\w.<>]+ \(|node_modules/i

describe('injection through search, filters, sorting and pages', () => {
  const addresses = (payload: string) => {
    const p = encodeURIComponent(payload)
    return [
      `/search?q=${p}`,
      `/search?q=mentoring&type=${p}&page=${p}`,
      `/search.suggestions?q=${p}`,
      `/consultations?q=${p}&phase=${p}&page=${p}`,
      `/pipeline?q=${p}&region=${p}&status=${p}&sort=${p}&page=${p}`,
      `/what-works?q=${p}&sort=${p}&claimantGroup=${p}&page=${p}`,
      `/organisations?q=${p}&sector=${p}&page=${p}`,
      `/newsletters?page=${p}&topic=${p}`,
      `/pipeline.json?region=${p}`,
      `/what-works/compare?ids=${p}`,
    ]
  }

  test('payloads neither fail nor leak, and the tables are intact', async () => {
    const [{ before }] = await sql<{ before: number }[]>`select count(*)::int as before from users`
    for (const payload of INJECTIONS) {
      for (const path of addresses(payload)) {
        const started = Date.now()
        const res = await fetch(`${base}${path}`, { redirect: 'manual' })
        const body = await res.text()
        expect(res.status, path).toBeLessThan(500)
        expect(body, path).not.toMatch(LEAKS)
        expect(body, path).not.toMatch(/\$argon2/)
        expect(Date.now() - started, `${path} should not sleep`).toBeLessThan(3000)
      }
    }
    const [{ after }] = await sql<{ after: number }[]>`select count(*)::int as after from users`
    expect(after).toBe(before)
  })
})

describe('error pages in production', () => {
  test('a failing request shows the GOV.UK problem page without a stack trace', async () => {
    const cookie = await signInByFetch('staff@demo.commissioning-hub.example')
    // An id that is not a UUID reaches PostgreSQL as a malformed value.
    for (const path of ['/staff/pipeline/not-a-uuid', '/staff/consultations/not-a-uuid', '/staff/newsletters/not-a-uuid']) {
      const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie }, redirect: 'manual' })
      const body = await res.text()
      expect([400, 404, 500], path).toContain(res.status)
      if (res.status === 500) expect(body).toContain('Sorry, there is a problem with the service')
      expect(body, path).not.toMatch(/at [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|invalid input syntax/)
    }
    const missing = await fetch(`${base}/no-such-page-${Date.now()}`)
    expect(missing.status).toBe(404)
    expect(await missing.text()).not.toMatch(/at [\w.<>]+ \(|node_modules/)
  })
})

describe('stored cross-site scripting', () => {
  const PAYLOADS = [
    `<script>window.__xss=1;alert('xss')</script>`,
    `<img src=x onerror="window.__xss=1;alert('xss')">`,
    `"><svg onload=alert('xss')>`,
    `javascript:alert('xss')`,
    `<a href="javascript:alert('xss')">click</a>`,
    `' onmouseover='alert(1)`,
    `<iframe srcdoc="<script>alert(1)</script>">`,
  ]
  const marker = `xss${Math.random().toString(36).slice(2, 8)}`

  test('payloads stored in plain and rich text fields are rendered as text in Chromium', async () => {
    // The hub's own domain modules store the payloads, as a provider's form post would.
    const { documentFromPlainText } = await import('~/lib/rich-text.server')
    const { createCaseStudy, publishCaseStudy } = await import('~/modules/case-studies/case-studies.server')
    const { updateOrganisation } = await import('~/modules/organisations/organisations.server')
    const { profileSchema } = await import('~/modules/organisations/profile-form')

    const [user] = await sql<{ id: string; email: string; role: 'member' }[]>`
      insert into users (email, name, password_hash, role, email_verified_at, created_at)
      values (${`${marker}@example.com`}, ${`Pat ${PAYLOADS[1]}`}, 'x', 'member', now(), now() - interval '90 days') returning id, email, role`
    const [org] = await sql<{ id: string; slug: string }[]>`
      insert into organisations (slug, name, sector, size_band, regions) values (${`${marker}-org`}, ${`Org ${marker}`}, 'vcse', 'small', ${['north-east']}) returning id, slug`
    await sql`insert into organisation_members (organisation_id, user_id, role) values (${org.id}, ${user.id}, 'admin')`
    const actor = { id: user.id, email: user.email, role: user.role }

    const fields = {
      name: `${marker} ${PAYLOADS[0]}`,
      sector: 'vcse',
      sizeBand: 'small',
      regions: ['north-east'],
      capabilities: ['financial-strength'],
      merlinStatus: 'not_applicable',
      description: PAYLOADS.join('\n'),
    }
    // A javascript: website is refused by the field itself.
    const refused = profileSchema.safeParse({ ...fields, website: `javascript:alert('xss')` })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues.map((i) => i.path.join('.'))).toEqual(['website'])
    const profile = profileSchema.parse({ ...fields, website: '' })
    expect(await updateOrganisation(actor, org.id, profile)).toBeTruthy()

    const story = documentFromPlainText(`${marker}\n\n${PAYLOADS.join('\n\n')}`)
    const linked = {
      ...story,
      content: [...(story.content ?? []), { type: 'paragraph', content: [{ type: 'text', text: 'a link', marks: [{ type: 'link', attrs: { href: `javascript:alert('xss')` } }] }] }],
    }
    const input = {
      organisationId: org.id,
      title: `${marker} ${PAYLOADS[2]}`,
      summary: `${PAYLOADS[1]} ${PAYLOADS[0]}`,
      story: linked,
      claimantGroups: ['esa'],
      journeyStages: ['in-work-support'],
      interventionTypes: ['in-work-mentoring'],
      regions: ['north-west'],
      programme: PAYLOADS[4],
      periodFrom: '2013-04-01',
      periodTo: '2014-03-31',
      cohortSize: '200',
      evidenceMethod: 'management_information' as const,
      outcomes: [{ measure: 'job-starts', target: '60', achieved: '72' }],
    }
    let created = await createCaseStudy(actor, input as never)
    // The rich-text validator may refuse the javascript: link outright, which is also safe.
    if (!created.ok) created = await createCaseStudy(actor, { ...input, story } as never)
    if (!created.ok) throw new Error(JSON.stringify(created.errors))
    const published = await publishCaseStudy(actor, created.value.id)
    if (!published.ok) throw new Error(JSON.stringify(published.errors))
    const stored = await sql<{ story_html: string }[]>`select story_html from case_studies where id = ${created.value.id}`
    expect(stored[0].story_html).not.toMatch(/<a\b[^>]*href\s*=\s*["']?\s*javascript:/i)
    expect(stored[0].story_html).not.toMatch(/<script|<img|<svg|<iframe/i)

    const context = await newContext(hub.browser, { javaScript: true })
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    const pages = [`/what-works/${published.value.slug}`, `/what-works?q=${marker}`, `/organisations/${org.slug}`, `/what-works/${published.value.slug}/history`]
    for (const path of pages) {
      const res = await page.goto(path)
      expect(res?.status(), path).toBe(200)
      expect(await page.content(), path).toContain(marker)
      // Hovering and a short wait give event handlers a chance to run, if any were live.
      await page.mouse.move(200, 300)
      await page.waitForTimeout(200)
      const live = await page.evaluate(() => {
        const found: string[] = []
        for (const el of Array.from(document.querySelectorAll('*'))) {
          for (const attr of Array.from(el.attributes)) {
            if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`)
            if (/^\s*javascript:/i.test(attr.value)) found.push(`${el.tagName} ${attr.name}=${attr.value}`)
          }
        }
        // The page's own scripts carry the response's nonce (its data may quote the payloads, as JSON); an injected one would not.
        for (const s of Array.from(document.querySelectorAll('script'))) if (!s.nonce) found.push(`script without nonce: ${(s.textContent ?? '').slice(0, 60)}`)
        if (document.querySelector('iframe[srcdoc], svg[onload]')) found.push('injected element')
        return { found, flag: (window as unknown as { __xss?: number }).__xss ?? null }
      })
      expect(live.found, path).toEqual([])
      expect(live.flag, path).toBeNull()
    }
    expect(dialogs).toEqual([])
    await context.close()
  })
})
