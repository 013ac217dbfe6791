import { type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { confirmedMember, DEMO_PASSWORD, e2eDatabase, newOrganisation } from '../support/browser'
import { e2eEnv, spawnHub, useAppModules, waitForHub } from '../support/hub'
import { noticeInput } from '../support/pipeline'

type Snapshot = { generation: number; ready: boolean; hits: number; misses: number; pages: { key: string; html: string }[] }
type Hub = { url: string; child: ChildProcess; snapshot(): Promise<Snapshot> }

const sql = e2eDatabase()

// The hub's own domain modules make the changes, from outside both app processes.
useAppModules()

/** Another app process on the same database, as `npm start` runs one per core; a parent may ask it what its cache holds. */
async function startHub(): Promise<Hub> {
  const hub = await spawnHub({ env: { ...e2eEnv(), RUN_WORKERS: 'false' }, ipc: true })
  const { url, child } = hub
  started.push(child)
  const snapshot = async () => {
    const reply = once(child, 'message')
    child.send('page-cache:snapshot')
    const [message] = (await reply) as [{ pageCache: Snapshot }]
    return message.pageCache
  }
  await waitForHub(hub, { timeout: 120_000, ready: async () => (await snapshot()).ready })
  return { url, child, snapshot }
}

function get(hub: Hub, path: string, headers: Record<string, string> = {}) {
  return fetch(`${hub.url}${path}`, { headers, redirect: 'manual' })
}

/**
 * What a process answers for a page once it has heard of a change. The
 * notification reaches each process a moment after the commit, so a request
 * sent in that moment may still get the page from before; a cache that
 * missed the change would keep it for the page's whole minute.
 */
function afterChange(hub: Hub, path: string, headers: Record<string, string> = {}, message?: string) {
  return expect.poll(async () => (await get(hub, path, headers)).text(), { timeout: 5_000, interval: 50, message })
}

function statusAfterChange(hub: Hub, path: string) {
  return expect.poll(async () => (await get(hub, path)).status, { timeout: 5_000, interval: 50, message: path })
}

async function signIn(hub: Hub, email: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${hub.url}/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ email, password }),
    redirect: 'manual',
  })
  expect(response.status).toBe(302)
  const cookie = response.headers.getSetCookie().find((c) => /^(__Host-)?hub_session=/.test(c))
  expect(cookie).toBeTruthy()
  return cookie!.split(';')[0]
}

let hubs: Hub[] = []
const started: ChildProcess[] = []

beforeAll(async () => {
  hubs = await Promise.all([startHub(), startHub()])
})

afterAll(async () => {
  await Promise.all(
    started.map(async (child) => {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      await exited
    }),
  )
})

async function staffActor() {
  const [staff] = await sql<{ id: string; email: string; name: string; role: 'staff' }[]>`
    select id, email, name, role from users where email = 'staff@demo.commissioning-hub.example'`
  return staff
}

describe('the shared cache of visitor pages', () => {
  test('a page is cached with a fresh nonce per response, a strong ETag, 304 without a new policy, and Vary: Cookie', async () => {
    const [hub] = hubs
    const first = await get(hub, '/cookies')
    const second = await get(hub, '/cookies')
    expect(second.headers.get('x-cache')).toBe('hit')
    expect(second.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=60')
    expect(second.headers.get('vary')).toMatch(/Cookie/)
    const etag = second.headers.get('etag')!
    expect(etag).toMatch(/^"[\w-]+"$/)
    expect(first.headers.get('etag')).toBe(etag)
    const nonces = await Promise.all(
      [first, second].map(async (response) => {
        const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1]
        const html = await response.text()
        expect(html).toContain(`nonce="${nonce}"`)
        return nonce
      }),
    )
    expect(nonces[0]).not.toBe(nonces[1])
    // A hit is answered in front of Express (server/visitor-pages.ts) with the headers the rendered page had.
    const sameEverywhere = [
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'permissions-policy',
      'strict-transport-security',
      'content-type',
      'cache-control',
      'vary',
    ]
    for (const name of sameEverywhere) expect(second.headers.get(name), name).toBe(first.headers.get(name))
    expect(second.headers.get('content-security-policy')!.replace(nonces[1], '')).toBe(first.headers.get('content-security-policy')!.replace(nonces[0], ''))
    expect(second.headers.get('x-request-id')).toMatch(/^[\w-]{36}$/)
    expect(second.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'))
    expect((await get(hub, '/cookies', { 'X-Request-Id': 'support-ticket-1234' })).headers.get('x-request-id')).toBe('support-ticket-1234')
    // The stored page is compressed once; each gzip response splices its nonce in (server/page-cache.ts renderGzipPage).
    expect(second.headers.get('content-encoding')).toBe('gzip')
    expect(second.headers.get('vary')).toMatch(/Accept-Encoding/)
    const plain = await get(hub, '/cookies', { 'Accept-Encoding': 'identity' })
    expect(plain.headers.get('x-cache')).toBe('hit')
    expect(plain.headers.get('content-encoding')).toBeNull()
    const plainNonce = /'nonce-([^']+)'/.exec(plain.headers.get('content-security-policy')!)![1]
    expect(await plain.text()).toContain(`nonce="${plainNonce}"`)

    const notModified = await get(hub, '/cookies', { 'If-None-Match': etag })
    expect(notModified.status).toBe(304)
    expect(await notModified.text()).toBe('')
    // The browser keeps the page it has and the policy that came with it, whose nonce its scripts carry.
    expect(notModified.headers.get('content-security-policy')).toBeNull()
    expect(notModified.headers.get('etag')).toBe(etag)
  })

  test('a publish and a hide reach the next visitor in every process as soon as it hears of them', async () => {
    const { createNotice, publishNotice } = await import('~/modules/pipeline/authoring.server')
    const { setHidden } = await import('~/modules/case-studies/moderation.server')
    // The indexing worker's own drain, run here so the test need not wait for its next pass.
    const { drainOutbox } = await import('~search/worker.server')
    const { reindex } = await import('~search/reindex.server')
    const staff = await staffActor()
    const [caseStudy] = await sql<{ id: string; slug: string; title: string }[]>`
      select id, slug, title from case_studies where status = 'published' and hidden_at is null and title !~ '[&<>"'']' order by published_at desc limit 1`
    const suffix = Math.random().toString(36).slice(2, 8)
    const title = `Restart Scheme successor ${suffix}`
    const pages = ['/', `/what-works/${caseStudy.slug}`, '/what-works']
    await reindex({ onlyEmpty: true })
    await drainOutbox()
    // A member's pages are rendered afresh but keep the published data they share with everyone (decision 161).
    const member = await confirmedMember(sql, `Morgan Member ${suffix}`, { emailPrefix: 'page-cache' })
    const cookies = await Promise.all(hubs.map((hub) => signIn(hub, member.email, member.password)))
    for (const [i, hub] of hubs.entries()) {
      expect(await (await get(hub, '/what-works')).text()).toContain(caseStudy.title)
      for (const path of pages) {
        await get(hub, path)
        const again = await get(hub, path)
        expect(again.headers.get('x-cache'), `${path} is cached`).toBe('hit')
        for (let n = 0; n < 2; n++) expect((await get(hub, path, { Cookie: cookies[i] })).status).toBe(200)
      }
    }

    const notice = await createNotice(staff, noticeInput({ title }))
    await publishNotice(staff, notice.id)
    for (const [i, hub] of hubs.entries()) {
      await afterChange(hub, '/').toContain(title)
      await afterChange(hub, '/', { Cookie: cookies[i] }).toContain(title)
    }

    try {
      expect(await setHidden(staff, { type: 'case_study', id: caseStudy.id }, true, 'Names a claimant')).toMatchObject({ ok: true })
      for (const hub of hubs) await statusAfterChange(hub, `/what-works/${caseStudy.slug}`).toBe(404)
      // The list reads the search index, which the indexing worker updates a moment later; that too empties the caches.
      await drainOutbox()
      for (const [i, hub] of hubs.entries()) {
        await afterChange(hub, '/what-works').not.toContain(caseStudy.title)
        await afterChange(hub, '/what-works', { Cookie: cookies[i] }).not.toContain(caseStudy.title)
      }
    } finally {
      await setHidden(staff, { type: 'case_study', id: caseStudy.id }, false, 'Checked: no claimant is named')
    }
    for (const hub of hubs) await statusAfterChange(hub, `/what-works/${caseStudy.slug}`).toBe(200)
  })

  test('a rating, a comment and its correction reach visitors and members in every process as soon as it hears of them', async () => {
    const { rateCaseStudy, addComment, editComment } = await import('~/modules/case-studies/engagement.server')
    const { plural } = await import('~/lib/plural')
    const [caseStudy] = await sql<{ id: string; slug: string; ratings: number }[]>`
      select c.id, c.slug, (select count(*)::int from case_study_ratings r where r.case_study_id = c.id) as ratings
      from case_studies c where status = 'published' and hidden_at is null order by published_at desc limit 1 offset 1`
    const suffix = Math.random().toString(36).slice(2, 8)
    const rater = await confirmedMember(sql, `Rowan Rater ${suffix}`, { emailPrefix: 'page-cache' })
    await newOrganisation(sql, `Rater Works ${suffix}`, { admin: rater })
    const reader = await confirmedMember(sql, `Reese Reader ${suffix}`, { emailPrefix: 'page-cache' })
    const cookies = await Promise.all(hubs.map((hub) => signIn(hub, reader.email, reader.password)))
    const path = `/what-works/${caseStudy.slug}`
    const warm = async () => {
      for (const [i, hub] of hubs.entries()) {
        await get(hub, path)
        expect((await get(hub, path)).headers.get('x-cache')).toBe('hit')
        // The member's page keeps the published case study between requests too.
        for (let n = 0; n < 2; n++) await get(hub, path, { Cookie: cookies[i] })
      }
    }
    const everyoneSees = async (text: string) => {
      for (const [i, hub] of hubs.entries()) {
        await afterChange(hub, path, {}, `a visitor on hub ${i + 1}`).toContain(text)
        await afterChange(hub, path, { Cookie: cookies[i] }, `a member on hub ${i + 1}`).toContain(text)
      }
    }
    const actor = { id: rater.id, email: rater.email, name: rater.name, role: 'member' as const }

    await warm()
    expect(await rateCaseStudy(actor, caseStudy.id, 5)).toMatchObject({ ok: true })
    await everyoneSees(`from <!-- -->${plural(caseStudy.ratings + 1, 'rating')}<!-- -->`)

    await warm()
    const comment = await addComment(actor, caseStudy.id, { body: `First thoughts ${suffix}` })
    if (!comment.ok) throw new Error('The comment was refused')
    await everyoneSees(`First thoughts ${suffix}`)

    await warm()
    expect(await editComment(actor, comment.value.id, `Second thoughts ${suffix}`)).toMatchObject({ ok: true })
    await everyoneSees(`Second thoughts ${suffix}`)
  })

  test('a request with a session or any cookie is never answered from the cache, and its page is never stored', async () => {
    const [hub] = hubs
    await get(hub, '/what-works')
    expect((await get(hub, '/what-works')).headers.get('x-cache')).toBe('hit')

    const member = await confirmedMember(sql, `Casey Cached ${Math.random().toString(36).slice(2, 8)}`, { emailPrefix: 'page-cache' })
    const cookie = await signIn(hub, member.email, member.password)
    for (const path of ['/what-works', '/', '/pipeline', '/cookies']) {
      const signedIn = await get(hub, path, { Cookie: cookie })
      expect(signedIn.status).toBe(200)
      expect(signedIn.headers.get('x-cache')).toBeNull()
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
      const html = await signedIn.text()
      expect(html).toContain('Sign out')
      expect(html).toContain(member.name)
    }
    // A flash message, a stale session or any other cookie may change the page: it is rendered afresh and kept private.
    for (const other of ['hub_flash=saved', 'hub_session=expired-or-forged', 'anything=else']) {
      const response = await get(hub, '/what-works', { Cookie: other })
      expect(response.headers.get('x-cache')).toBeNull()
      expect(response.headers.get('cache-control')).toBe('private, no-store')
    }
    const { pages } = await hub.snapshot()
    for (const page of pages) {
      expect(page.html).not.toContain(member.name)
      expect(page.html).not.toContain('Sign out')
    }
  })

  test('a new closing date reaches a signed-out respondent’s pages in every process as soon as it hears of it', async () => {
    const { makeOpenConsultation, individual } = await import('../support/consultations')
    const { startResponse } = await import('~/modules/consultations/responses.server')
    const { extendConsultation } = await import('~/modules/consultations/consultations.server')
    const { formatDateTime } = await import('~/lib/time')
    const staff = await staffActor()
    const open = await makeOpenConsultation(staff, { title: `Extended consultation ${Math.random().toString(36).slice(2, 8)}` })
    const { response, token } = await startResponse(open, null, individual({ email: 'extended@example.com' }))
    const path = `/consultations/${open.slug}/response/${response.id}/check`
    const respondent = { Cookie: `hub_consultation_response=${response.id}.${token}` }
    // Each process reads the consultation and keeps it for the respondent's next pages.
    for (const hub of hubs) {
      for (let n = 0; n < 2; n++) expect(await (await get(hub, path, respondent)).text()).toContain(formatDateTime(open.closesAt))
    }
    const later = new Date(open.closesAt.getTime() + 7 * 24 * 60 * 60_000)
    await extendConsultation(staff, open.id, later, 'Providers asked for more time')
    for (const hub of hubs) {
      await afterChange(hub, path, respondent).toContain(formatDateTime(later))
      expect(await (await get(hub, path, respondent)).text()).not.toContain(formatDateTime(open.closesAt))
    }
  })

  test('nothing confidential or unpublished enters the cache of any process', async () => {
    const { makeDraftConsultation, makeOpenConsultation, individual } = await import('../support/consultations')
    const { accessResponse, saveSection, startResponse, submitResponse } = await import('~/modules/consultations/responses.server')
    const { fieldName } = await import('~/modules/questionnaires/questions')
    const { getStructure } = await import('~/modules/questionnaires/structure.server')
    const { db } = await import('~/lib/db.server')
    const marker = `confidential${Math.random().toString(36).slice(2, 10)}`
    const staff = await staffActor()
    const draft = await makeDraftConsultation(staff, { title: `Draft ${marker}` })
    const open = await makeOpenConsultation(staff, { title: `Open consultation ${marker.slice(-6)}` })
    const [respondent] = await sql<{ id: string; email: string; name: string }[]>`
      select id, email, name from users where email = 'member@demo.commissioning-hub.example'`
    const { response } = await startResponse(
      open,
      respondent,
      individual({ name: `Name ${marker}`, email: respondent.email, publishingConsent: 'named', confidential: true, confidentialReason: `Reason ${marker}` }),
    )
    const access = (await accessResponse(db, response.id, { user: respondent, token: null }))!
    const structure = (await getStructure(db, open.questionnaireId))!
    const [q1] = structure.sections[0].questions
    await saveSection(open, access, 1, { [fieldName(q1.id)]: `Answer ${marker}` }, { id: respondent.id, name: respondent.name }, { enforceRequired: false })
    await saveSection(open, access, 2, { [fieldName(structure.sections[1].questions[0].id)]: 'agree' }, { id: respondent.id, name: respondent.name }, { enforceRequired: false })
    await submitResponse(open, access, respondent)

    const { drainOutbox } = await import('~search/worker.server')
    await drainOutbox()

    const staffCookie = await signIn(hubs[0], 'staff@demo.commissioning-hub.example')
    for (const hub of hubs) {
      const visitorPaths = ['/', '/consultations', `/consultations/${open.slug}`, `/consultations/${open.slug}/responses`, `/consultations/${draft.slug}`, `/search?q=${marker}`]
      const visit = async () => {
        for (const path of visitorPaths) {
          await get(hub, path)
          await get(hub, path)
        }
        return hub.snapshot()
      }
      // A notification from the writes above (the sign-in's audit entry, the outbox drained) may still arrive and empty the cache: visit again until the pages stay.
      const openPage = `${hub.url}/consultations/${open.slug}`
      let visited = await visit()
      for (let attempt = 0; attempt < 20 && !visited.pages.some((p) => p.key === openPage); attempt++) {
        await new Promise((r) => setTimeout(r, 250))
        visited = await visit()
      }
      expect(visited.pages.map((p) => p.key)).toContain(openPage)
      // Staff see the draft and the confidential response; none of what they see is kept.
      for (const path of [`/consultations/${draft.slug}`, `/staff/consultations/${draft.id}`, `/staff/consultations/${open.id}`, `/consultations/${open.slug}/responses`, '/']) {
        await get(hub, path, { Cookie: staffCookie })
      }
      for (const { pages } of [visited, await hub.snapshot()]) {
        for (const page of pages) expect(page.html, page.key).not.toContain(marker)
      }
    }
  })
})
