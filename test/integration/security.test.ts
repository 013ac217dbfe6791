import path from 'node:path'
import crypto from 'node:crypto'
import { describe, expect, test, vi } from 'vitest'
import { db } from '~/lib/db.server'
import { safeRedirectPath } from '~/lib/http.server'
import { accessResponse, startResponse } from '~/modules/consultations/responses.server'
import { organisationMembers, organisations } from '~db/schema'
import { caseStudyInput, publishedCaseStudy } from '../support/case-studies'
import { makeOrganisation, memberOf, organisationWithAdmin } from '../support/organisations'
import { individual, makeOpenConsultation } from '../support/consultations'
import { createSessionCookie } from '~/lib/auth.server'
import { createUser } from '~/modules/accounts/users.server'
import { ROUTES_DIR, routeModules } from '../support/routes'
import { makeUser, request } from '../support/users'

/**
 * The authorisation matrix is built from the files in app/routes, so a new
 * route is tested the moment it exists. Routes under staff.* and admin.* are
 * checked for their guard by name; every other route must be listed below
 * with the access it is meant to have, or the suite fails.
 */
const routes = routeModules()
/** Each route by its name in app/routes: a file's name, or a folder route's folder. */
const routeFiles = routes.map(({ id, file }) => (file.includes('/') ? id : file))
const moduleFile = (name: string) => routes[routeFiles.indexOf(name)].file

type Access =
  | 'public' // anyone, signed in or not
  | 'signed-in' // loader and action redirect a visitor to sign in
  | 'own' // guarded by ownership of the record (a secret, a membership): checked with real records below

const ACCESS: Record<string, Access> = {
  '$.tsx': 'public',
  '_index.tsx': 'public',
  'accessibility.tsx': 'public',
  'account._index.tsx': 'signed-in',
  'account.authenticator.tsx': 'signed-in',
  'account.delete.tsx': 'signed-in',
  'account.download.ts': 'signed-in',
  'account.email.tsx': 'signed-in',
  'account.name.tsx': 'signed-in',
  'account.password.tsx': 'signed-in',
  'account.sign-out-everywhere.tsx': 'signed-in',
  'account.subscriptions.tsx': 'signed-in',
  'consultations.$slug._index.tsx': 'public',
  'consultations.$slug.accessible-format.tsx': 'public',
  'consultations.$slug.documents.$documentId.ts': 'public',
  'consultations.$slug.summary.tsx': 'public',
  'consultations.$slug.summary[.]odt.ts': 'public',
  'consultations.$slug.feedback.tsx': 'public',
  'consultations.$slug.outcome.tsx': 'public',
  'consultations.$slug.respond.tsx': 'public',
  'consultations.$slug.response.$id._index.tsx': 'own',
  'consultations.$slug.response.$id.check.tsx': 'own',
  'consultations.$slug.response.$id.details.tsx': 'own',
  'consultations.$slug.response.$id.saved.tsx': 'own',
  'consultations.$slug.response.$id.section.$n.tsx': 'own',
  'consultations.$slug.responses._index.tsx': 'public',
  'consultations.$slug.responses[.]csv.ts': 'public',
  'consultations.$slug.responses[.]json.ts': 'public',
  'consultations.$slug.resume.$token.tsx': 'own',
  'consultations._index.tsx': 'public',
  'consultations.yours.tsx': 'signed-in',
  'consultations[.]json.ts': 'public',
  'cookies.tsx': 'public',
  'request-too-large.tsx': 'public',
  'bad-request.tsx': 'public',
  'service-unavailable.tsx': 'public',
  'feedback.tsx': 'public',
  'forgot-password.tsx': 'public',
  'newsletters.$slug.tsx': 'public',
  'newsletters._index.tsx': 'public',
  'newsletters.feed[.]atom.ts': 'public',
  'open-data.tsx': 'public',
  'organisations.$slug._index.tsx': 'public',
  'organisations.$slug.edit.tsx': 'own',
  'organisations.$slug.leave.tsx': 'own',
  'organisations.$slug.members.tsx': 'own',
  'organisations.$slug.members_.remove.tsx': 'own',
  'organisations._index.tsx': 'public',
  'organisations.invitations.$token.tsx': 'own',
  'organisations.new.tsx': 'signed-in',
  'organisations.yours.tsx': 'signed-in',
  'organisations[.]csv.ts': 'public',
  'organisations[.]json.ts': 'public',
  'pipeline.$slug.tsx': 'public',
  'pipeline.$slug_.documents.$documentId.ts': 'public',
  'pipeline.$slug_.events.$eventId.tsx': 'public',
  'pipeline.$slug_.events.$eventId_.calendar[.]ics.ts': 'public',
  'pipeline.$slug_.interest.tsx': 'signed-in',
  'pipeline.$slug_.interest_.$interestId.tsx': 'signed-in',
  'pipeline.$slug_.questions.tsx': 'signed-in',
  'pipeline.$slug_.notice[.]csv.ts': 'public',
  'pipeline.$slug_.notice[.]json.ts': 'public',
  'pipeline.$slug_.ocds[.]json.ts': 'public',
  'pipeline.$slug_.partners.tsx': 'signed-in',
  'pipeline._index.tsx': 'public',
  'pipeline.alerts._index.tsx': 'signed-in',
  'pipeline.alerts.new.tsx': 'signed-in',
  'pipeline.feed[.]atom.ts': 'public',
  'pipeline.ocds[.]json.ts': 'public',
  'pipeline.timeline.tsx': 'public',
  'pipeline[.]csv.ts': 'public',
  'pipeline[.]json.ts': 'public',
  'privacy.tsx': 'public',
  'register.tsx': 'public',
  'reset-password.tsx': 'own',
  'search.suggestions.ts': 'public',
  'search.tsx': 'public',
  'sign-in.tsx': 'public',
  'sign-in_.code.tsx': 'signed-in', // after a right password; anyone else is sent to sign in
  'sign-in_.recovery-code.tsx': 'signed-in',
  'sign-out.tsx': 'public',
  'subscribe._index.tsx': 'public',
  'subscribe.check-email.tsx': 'public',
  'subscribe.confirm.$token.tsx': 'own',
  'subscriptions.$token._index.tsx': 'own',
  'subscriptions.$token.data.ts': 'own',
  'subscriptions.erased.tsx': 'public',
  'surveys.$slug._index.tsx': 'public',
  'surveys.$slug.response.$id._index.tsx': 'own',
  'surveys.$slug.response.$id.check.tsx': 'own',
  'surveys.$slug.response.$id.page.$n.tsx': 'own',
  'surveys.$slug.response.$id.receipt.tsx': 'own',
  'surveys.$slug.response.$id.saved.tsx': 'own',
  'surveys.$slug.results.tsx': 'public',
  'surveys._index.tsx': 'public',
  'surveys.results[.]json.ts': 'public',
  'unsubscribe.$token.tsx': 'own',
  'verify-email.tsx': 'public',
  'what-works.$slug._index': 'public',
  'what-works.$slug.comments.$id.edit.tsx': 'signed-in',
  'what-works.$slug.edit.tsx': 'signed-in',
  'what-works.$slug.history.tsx': 'public',
  'what-works.$slug.report.tsx': 'signed-in',
  'what-works._index.tsx': 'public',
  'what-works.about-scores.tsx': 'public',
  'what-works.compare.tsx': 'public',
  'what-works.compare[.]csv.ts': 'public',
  'what-works.compare[.]json.ts': 'public',
  'what-works.new.tsx': 'signed-in',
  'what-works.yours.tsx': 'signed-in',
}

const required = (file: string) => (file.startsWith('admin.') ? 'admin' : file.startsWith('staff.') ? 'staff' : null)

/** The URL a route file answers, with every dynamic segment filled with something that does not exist. */
function urlFor(file: string) {
  const params: Record<string, string> = {}
  const segments = file
    .replace(/\.(tsx?|jsx?)$/, '')
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== '_index')
    .map((segment) => {
      const clean = segment.replace(/_$/, '').replace(/\[(.*?)\]/g, '$1')
      if (!clean.startsWith('$')) return clean
      const name = clean.slice(1)
      params[name] = name === 'n' ? '1' : name === 'slug' ? `no-such-${crypto.randomBytes(4).toString('hex')}` : crypto.randomUUID()
      return params[name]
    })
  return { path: `/${segments.join('/')}`, params }
}

type RouteModule = { loader?: (args: unknown) => unknown; action?: (args: unknown) => unknown }

/** Calls a loader or action and gives back the response, whether it was returned or thrown. */
async function outcome(fn: (args: unknown) => unknown, req: Request, params: Record<string, string>): Promise<Response | 'data'> {
  try {
    const result = await fn({ request: req, params, context: { cspNonce: 'n', requestId: 'r', clientIp: '127.0.0.1' } })
    if (result instanceof Response) return result
    if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
      return new Response(null, (result as { init?: ResponseInit }).init ?? undefined)
    }
    return 'data'
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    // Single fetch's data() wraps a status in an object.
    if (thrown && typeof thrown === 'object' && 'init' in thrown) {
      const init = (thrown as { init?: ResponseInit }).init
      return new Response(null, init ?? undefined)
    }
    throw thrown
  }
}

function statusOf(result: Response | 'data') {
  return result === 'data' ? 200 : result.status
}

/** Loaders that hold no data and only send people on to a signed-in page. */
const FORWARDING_LOADERS: Record<string, string> = { 'account.sign-out-everywhere.tsx': '/account' }

function expectSignIn(result: Response | 'data', label: string) {
  expect(result, label).toBeInstanceOf(Response)
  const res = result as Response
  expect(res.status, label).toBe(302)
  const forward = Object.entries(FORWARDING_LOADERS).find(([file]) => label.startsWith(`${file} loader`))
  if (forward) expect(res.headers.get('Location'), label).toBe(forward[1])
  else expect(res.headers.get('Location') ?? '', label).toMatch(/^\/sign-in\?redirectTo=/)
}

const FORM = { intent: 'anything', title: 'x' }

describe('authorisation matrix from the route files', () => {
  test('every route file has an expected access level', () => {
    const unlisted = routeFiles.filter((f) => !required(f) && !(f in ACCESS))
    expect(unlisted, 'Add these routes to ACCESS in test/integration/security.test.ts').toEqual([])
    const stale = Object.keys(ACCESS).filter((f) => !routeFiles.includes(f))
    expect(stale, 'These listed routes no longer exist').toEqual([])
    expect(routeFiles.filter((f) => required(f)).length).toBeGreaterThan(40)
  })

  const guarded = routeFiles.filter((f) => required(f))
  test.each(guarded)('%s refuses a visitor and a member (and staff when admin-only)', async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, moduleFile(file)))) as RouteModule
    expect(mod.loader || mod.action, `${file} has neither loader nor action`).toBeTruthy()
    const { path: url, params } = urlFor(file)
    const member = await makeUser({ role: 'member' })
    const staff = await makeUser({ role: 'staff' })
    // Staff whose session has not passed the authenticator: their role does not count yet.
    const notSetUp = await createUser({ email: `no-app-${crypto.randomUUID()}@example.com`, name: 'No App', password: 'correct horse battery staple', role: 'staff', verified: true })
    const notSetUpCookie = (await createSessionCookie(notSetUp.id, 'none')).split(';')[0]
    const withoutCode = (await createSessionCookie(staff.user.id, 'none')).split(';')[0]
    const awaiting = (await createSessionCookie(staff.user.id, 'awaiting')).split(';')[0]
    for (const kind of ['loader', 'action'] as const) {
      const fn = mod[kind]
      if (!fn) continue
      const form = kind === 'action' ? FORM : undefined
      expectSignIn(await outcome(fn, request(url, { form }), params), `${file} ${kind} signed out`)
      expectSignIn(await outcome(fn, request(url, { form, cookie: awaiting }), params), `${file} ${kind} before the code`)
      const enrol = await outcome(fn, request(url, { form, cookie: notSetUpCookie }), params)
      expect(statusOf(enrol), `${file} ${kind} before setting up the app`).toBe(302)
      expect((enrol as Response).headers.get('Location'), `${file} ${kind} before setting up the app`).toMatch(/^\/account\/authenticator\?redirectTo=/)
      const code = await outcome(fn, request(url, { form, cookie: withoutCode }), params)
      expect((code as Response).headers?.get('Location'), `${file} ${kind} without the code`).toMatch(/^\/sign-in\/code\?redirectTo=/)
      expect(statusOf(await outcome(fn, request(url, { form, cookie: member.cookie }), params)), `${file} ${kind} as a member`).toBe(403)
      const asStaff = statusOf(await outcome(fn, request(url, { form, cookie: staff.cookie }), params))
      if (required(file) === 'admin') expect(asStaff, `${file} ${kind} as staff`).toBe(403)
      else expect(asStaff, `${file} ${kind} as staff`).not.toBe(403)
    }
  })

  const signedIn = routeFiles.filter((f) => ACCESS[f] === 'signed-in')
  test.each(signedIn)('%s sends a visitor to sign in', async (file) => {
    const mod = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, moduleFile(file)))) as RouteModule
    const { path: url, params } = urlFor(file)
    for (const kind of ['loader', 'action'] as const) {
      const fn = mod[kind]
      if (!fn) continue
      expectSignIn(await outcome(fn, request(url, { form: kind === 'action' ? FORM : undefined }), params), `${file} ${kind}`)
    }
  })
})

// ---------------------------------------------------------------------------

async function route(file: string) {
  return (await import(/* @vite-ignore */ path.join(ROUTES_DIR, moduleFile(file)))) as RouteModule
}

describe('another person’s things (IDOR)', () => {
  test('a draft consultation response is refused to a different signed-in person and to a visitor', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(staff.user)
    const owner = await makeUser()
    const { response } = await startResponse(c, owner.user, individual({ email: owner.user.email }))
    const other = await makeUser()
    const params = { slug: c.slug, id: response.id, n: '1' }
    for (const file of [
      'consultations.$slug.response.$id._index.tsx',
      'consultations.$slug.response.$id.section.$n.tsx',
      'consultations.$slug.response.$id.check.tsx',
      'consultations.$slug.response.$id.details.tsx',
    ]) {
      const mod = await route(file)
      const url = `/consultations/${c.slug}/response/${response.id}`
      expect(statusOf(await outcome(mod.loader!, request(url, { cookie: owner.cookie }), params)), `${file} owner`).toBe(200)
      expect(statusOf(await outcome(mod.loader!, request(url, { cookie: other.cookie }), params)), `${file} other person`).toBe(404)
      expect(statusOf(await outcome(mod.loader!, request(url), params)), `${file} visitor`).toBe(404)
      if (mod.action) expect(statusOf(await outcome(mod.action, request(url, { cookie: other.cookie, form: { intent: 'withdraw', confirm: 'yes' } }), params)), `${file} action`).toBe(404)
    }
    // Nothing was changed by the refused actions.
    expect((await accessResponse(db, response.id, { user: owner.user, token: null }))?.response.status).toBe('draft')
  })

  test('a resume link works only with its own secret, and another person’s response id with a wrong token is refused', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(staff.user)
    const { response, token } = await startResponse(c, null, individual())
    const resume = await route('consultations.$slug.resume.$token.tsx')
    const good = await outcome(resume.loader!, request(`/consultations/${c.slug}/resume/${token}`), { slug: c.slug, token: token! })
    expect(statusOf(good)).toBe(302)
    const forged = await outcome(resume.loader!, request(`/consultations/${c.slug}/resume/x`), { slug: c.slug, token: crypto.randomBytes(24).toString('base64url') })
    expect(statusOf(forged)).toBe(404)
    const section = await route('consultations.$slug.response.$id.section.$n.tsx')
    const wrongCookie = new Request(`http://localhost:3000/consultations/${c.slug}/response/${response.id}/section/1`, {
      headers: { Cookie: `hub_consultation_response=${response.id}.${crypto.randomBytes(24).toString('base64url')}` },
    })
    expect(statusOf(await outcome(section.loader!, wrongCookie, { slug: c.slug, id: response.id, n: '1' }))).toBe(404)
  })

  test('an organisation’s edit and members pages refuse its plain members and outsiders', async () => {
    const { organisation: org, admin } = await organisationWithAdmin()
    const plain = await memberOf(org)
    const outsider = await makeUser()
    for (const file of ['organisations.$slug.edit.tsx', 'organisations.$slug.members.tsx']) {
      const mod = await route(file)
      const url = `/organisations/${org.slug}/edit`
      expect(statusOf(await outcome(mod.loader!, request(url, { cookie: admin.cookie }), { slug: org.slug })), `${file} admin`).toBe(200)
      expect(statusOf(await outcome(mod.loader!, request(url, { cookie: plain.cookie }), { slug: org.slug })), `${file} plain member`).toBe(403)
      expect(statusOf(await outcome(mod.loader!, request(url, { cookie: outsider.cookie }), { slug: org.slug })), `${file} outsider`).toBe(403)
      expectSignIn(await outcome(mod.loader!, request(url), { slug: org.slug }), `${file} visitor`)
      expect(statusOf(await outcome(mod.action!, request(url, { cookie: outsider.cookie, form: { name: 'Taken over' } }), { slug: org.slug })), `${file} outsider action`).toBe(403)
    }
    const [after] = await db.select().from(organisations)
    expect(after.name).toBe(org.name)
  })

  test('only an organisation’s own members can leave it', async () => {
    const { organisation: org } = await organisationWithAdmin()
    const plain = await memberOf(org)
    const outsider = await makeUser()
    const mod = await route('organisations.$slug.leave.tsx')
    const url = `/organisations/${org.slug}/leave`
    const params = { slug: org.slug }
    expect(statusOf(await outcome(mod.loader!, request(url, { cookie: plain.cookie }), params))).toBe(200)
    expect(statusOf(await outcome(mod.loader!, request(url, { cookie: outsider.cookie }), params))).toBe(403)
    expectSignIn(await outcome(mod.loader!, request(url), params), 'leave visitor')
    expect(statusOf(await outcome(mod.action!, request(url, { cookie: outsider.cookie, form: { userId: plain.user.id } }), params))).toBe(403)
    expectSignIn(await outcome(mod.action!, request(url, { form: {} }), params), 'leave action visitor')
    expect(await db.select().from(organisationMembers)).toHaveLength(2)
  })

  test('another organisation’s case study cannot be edited', async () => {
    const ours = await makeOrganisation()
    const theirs = await makeOrganisation()
    const author = await memberOf(ours)
    const rival = await memberOf(theirs)
    const published = await publishedCaseStudy(author.actor, caseStudyInput(ours.id))
    const mod = await route('what-works.$slug.edit.tsx')
    const url = `/what-works/${published.slug}/edit`
    const params = { slug: published.slug }
    expect(statusOf(await outcome(mod.loader!, request(url, { cookie: author.cookie }), params))).toBe(200)
    expect(statusOf(await outcome(mod.loader!, request(url, { cookie: rival.cookie }), params))).toBe(403)
    expect(statusOf(await outcome(mod.action!, request(url, { cookie: rival.cookie, form: { title: 'Defaced' } }), params))).toBe(403)
  })
})

describe('redirects stay on this site', () => {
  const hostile = ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/\t/evil.example', '/\n/evil.example', '\\\\evil.example', ' //evil.example']
  test.each(hostile)('safeRedirectPath refuses %j', (to) => {
    expect(safeRedirectPath(to, '/account')).toBe('/account')
  })

  test('sign in ignores a redirectTo to another site', async () => {
    const mod = await route('sign-in.tsx')
    const { cookie } = await makeUser()
    for (const to of ['//evil.example', 'https://evil.example/x']) {
      const res = await outcome(mod.loader!, request(`/sign-in?redirectTo=${encodeURIComponent(to)}`, { cookie }), {})
      expect(statusOf(res)).toBe(302)
      expect((res as Response).headers.get('Location')).toBe('/account')
    }
    const same = await outcome(mod.loader!, request(`/sign-in?redirectTo=${encodeURIComponent('/what-works')}`, { cookie }), {})
    expect((same as Response).headers.get('Location')).toBe('/what-works')
  })
})

describe('session cookie', () => {
  test('is HttpOnly and SameSite=Lax, and Secure under production settings', async () => {
    const { Lucia } = await import('lucia')
    const { lucia } = await import('~/lib/auth.server')
    const dev = lucia.createSessionCookie('abc').serialize()
    expect(dev).toMatch(/HttpOnly/i)
    expect(dev).toMatch(/SameSite=Lax/i)
    // The production instance is built by the same module when config().NODE_ENV is 'production'.
    const store = (globalThis as unknown as { __singletons: Map<string, unknown> }).__singletons
    const previousLucia = store.get('lucia')
    const previousEnv = process.env.NODE_ENV
    process.env.NODE_ENV = 'production'
    vi.resetModules()
    store.delete('lucia')
    try {
      const config = await import('~/lib/config.server')
      expect(config.config().NODE_ENV).toBe('production')
      const prod = (await import('~/lib/auth.server')).lucia
      expect(prod).toBeInstanceOf(Lucia)
      expect(prod).not.toBe(lucia)
      const cookie = prod.createSessionCookie('abc').serialize()
      // __Host-: only this host, over HTTPS, for the whole site; no Domain attribute.
      expect(cookie).toMatch(/^__Host-hub_session=abc;/)
      expect(cookie).toMatch(/; Path=\/(;|$)/)
      expect(cookie).not.toMatch(/Domain=/i)
      expect(cookie).toMatch(/; Secure/i)
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Lax/i)
    } finally {
      process.env.NODE_ENV = previousEnv
      store.set('lucia', previousLucia)
      vi.resetModules()
    }
  })
})
