import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { refusedAtEdge } from '../../server/body-limit'
import { makeOpenConsultation } from '../support/consultations'
import { ROUTES_DIR, routeModules } from '../support/routes'
import { makeUser, request } from '../support/users'

/**
 * No input makes the hub fail: every route's loader (and, cheaply, its
 * action) is called with malformed path segments and query values, as an
 * admin, who can reach every page. A thrown error or a 5xx fails the test;
 * 400, 404, a redirect or a page are all fine.
 */
const routes = routeModules()

const BAD_SEGMENTS = ['not-a-uuid', 'a\u0000b', '00000000-0000-0000-0000-00000000000g', '99999999999999999999', 'Ā’€\u2028', '../../etc/passwd', 'x'.repeat(3000)]

const BAD_VALUES = ['99999999999999999999', '-1', 'abc', '\u0000', 'Ā€\u2028', '//evil.example', 'https://evil.example/', 'x'.repeat(3000)]

const QUERY_NAMES = [
  'page',
  'q',
  'sort',
  'type',
  'theme',
  'question',
  'by',
  'group',
  'step',
  'target',
  'show',
  'section',
  'comment',
  'reply',
  'quote',
  'userId',
  'token',
  'topic',
  'email',
  'from',
  'as',
  'redirectTo',
  'phase',
  'sector',
  'size',
  'region',
  'capability',
  'kind',
  'handled',
  'confidential',
  'needed',
  'start',
  'suitable',
  'claimantGroup',
  'stage',
  'intervention',
  'evidence',
  'status',
  'lot',
  'from-day',
  'from-month',
  'from-year',
  'to-day',
  'to-month',
  'to-year',
  'actor',
  'action',
]

/** Path segments of a route id; dynamic ones are named. */
function segmentsOf(id: string) {
  return id
    .split(/\.(?![^[]*\])/)
    .filter((s) => s !== '_index' && !s.startsWith('_'))
    .map((segment) => segment.replace(/_$/, '').replace(/\[(.*?)\]/g, '$1'))
}

function urlFor(id: string, params: Record<string, string>, query = '') {
  const parts = segmentsOf(id).map((s) => (s === '$' ? encodeURIComponent(params['*'] ?? '') : s.startsWith('$') ? encodeURIComponent(params[s.slice(1)]!) : s))
  return `/${parts.join('/')}${query}`
}

type Fn = (args: unknown) => unknown

/** The status a person would get: a thrown Error is a 500. The server refuses some requests before any route sees them. */
async function statusOf(fn: Fn, req: Request, params: Record<string, string>): Promise<number | Error> {
  if (refusedAtEdge({ url: new URL(req.url).pathname + new URL(req.url).search })) return 400
  if (req.method === 'POST' && refusedAtEdge({ body: await req.clone().text() })) return 400
  try {
    const result = await fn({ request: req, params, context: { cspNonce: 'n', requestId: 'r', clientIp: '192.0.2.77' } })
    if (result instanceof Response) return result.status
    if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') return (result as { init?: { status?: number } }).init?.status ?? 200
    return 200
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status
    if (thrown && typeof thrown === 'object' && (thrown as { type?: string }).type === 'DataWithResponseInit') return (thrown as { init?: { status?: number } }).init?.status ?? 500
    return thrown instanceof Error ? thrown : new Error(String(thrown))
  }
}

describe('malformed input', () => {
  test('no route answers a malformed id, page number, redirect or NUL byte with a 5xx', async () => {
    expect(routes.length).toBeGreaterThan(100)
    const admin = await makeUser({ role: 'admin' })
    const consultation = await makeOpenConsultation()
    const failures: string[] = []
    const check = async (label: string, fn: Fn, req: Request, params: Record<string, string>) => {
      const status = await statusOf(fn, req, params)
      if (status instanceof Error) failures.push(`${label}: threw ${status.message.split('\n')[0]}`)
      // The one page whose purpose is to answer 503.
      else if (status >= 500 && !label.startsWith('service-unavailable ')) failures.push(`${label}: ${status}`)
    }
    for (const { id, file } of routes) {
      const mod = (await import(/* @vite-ignore */ path.join(ROUTES_DIR, file))) as { loader?: Fn; action?: Fn }
      const names = segmentsOf(id)
        .filter((s) => s.startsWith('$'))
        .map((s) => (s === '$' ? '*' : s.slice(1)))
      // Every dynamic segment malformed; then, where the route hangs off a consultation, the real one with the rest malformed.
      const paramSets = BAD_SEGMENTS.map((bad) => Object.fromEntries(names.map((n) => [n, bad])))
      if (names.length > 1 && (id.startsWith('consultations.$slug') || id.startsWith('staff.consultations.$id'))) {
        for (const bad of BAD_SEGMENTS) paramSets.push(Object.fromEntries(names.map((n) => [n, n === 'slug' ? consultation.slug : n === 'id' && id.startsWith('staff.') ? consultation.id : bad])))
      }
      if (!names.length) paramSets.splice(1)
      const good = Object.fromEntries(
        names.map((n) => [n, n === 'slug' ? consultation.slug : n === 'id' && id.startsWith('staff.consultations') ? consultation.id : n === 'n' ? '1' : crypto.randomUUID()]),
      )
      const queries = BAD_VALUES.map((v) => `?${QUERY_NAMES.map((n) => `${n}=${encodeURIComponent(v)}`).join('&')}`)
      if (mod.loader) {
        for (const params of paramSets) await check(`${id} loader ${JSON.stringify(params).slice(0, 80)}`, mod.loader, request(urlFor(id, params), { cookie: admin.cookie }), params)
        for (const query of queries) await check(`${id} loader ${query.slice(0, 40)}`, mod.loader, request(urlFor(id, good, query), { cookie: admin.cookie }), good)
        await check(`${id} loader signed out`, mod.loader, request(urlFor(id, good, queries[0]!)), good)
      }
      if (mod.action) {
        for (const params of paramSets.slice(0, 3)) {
          const form = Object.fromEntries([...QUERY_NAMES, 'intent', 'title', 'name', 'password', 'confirm', 'comments', 'body'].map((n) => [n, 'x\u0000y']))
          await check(`${id} action ${JSON.stringify(params).slice(0, 80)}`, mod.action, request(urlFor(id, params), { cookie: admin.cookie, form }), params)
        }
      }
    }
    expect(failures).toEqual([])
  }, 120_000)
})
