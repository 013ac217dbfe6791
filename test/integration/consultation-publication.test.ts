import { and, eq, sql } from 'drizzle-orm'
import { RuleError } from '~/lib/result'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { publishOutcome, saveOutcome } from '~/modules/consultations/analysis.server'
import {
  approveForPublication,
  cancelScheduledRelease,
  publicationQueue,
  publishedResponses,
  redactAnswer,
  releaseDue,
  releaseResponses,
  scheduledRelease,
  withholdFromPublication,
} from '~/modules/consultations/publication.server'
import { accessResponse, saveSection, startResponse, submitResponse, type RespondentDetails } from '~/modules/consultations/responses.server'
import { addTheme, setAnswerThemes } from '~/modules/questionnaires/themes.server'
import { confidentialFieldName, confidentialReasonFieldName, fieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as redactRoute from '~/routes/staff.consultations.$id.publication.$responseId.redact'
import * as reviewRoute from '~/routes/staff.consultations.$id.publication.$responseId._index'
import * as releaseRoute from '~/routes/staff.consultations.$id.publication.release'
import * as resumeRoute from '~/routes/consultations.$slug.resume.$token'
import * as responseRoute from '~/routes/consultations.$slug.response.$id._index'
import { auditEvents, consultationPublishedResponses, consultationPublishedThemes, consultationRedactions, mailDeliveries } from '~db/schema'
import { drainOutbox } from '~search/worker.server'
import { closeConsultation, crawlPublic, individual, makeOpenConsultation } from '../support/consultations'
import { makeUser, request } from '../support/users'
import { args, status } from '../support/routes'

const tag = Math.random().toString(36).slice(2, 8)
/** Words that must never be public once redacted, withheld or confidential; each is unique to this run. */
const MARK = {
  redacted: `Quillfeather${tag}`,
  wholeAnswer: `Marrowbone${tag}`,
  withheld: `Thistledown${tag}`,
  confidential: `Larkspur${tag}`,
  /** Published as written: proves the crawl sees released text at all. */
  released: `Brightwater${tag}`,
}

type Respondent = { name: string; consent: RespondentDetails['publishingConsent']; q1: string; q1Confidential?: boolean; notify?: boolean; type?: 'individual' | 'organisation' }

async function respond(c: Awaited<ReturnType<typeof makeOpenConsultation>>, p: Respondent) {
  const s = (await getStructure(db, c.questionnaireId))!
  const [q1, q2, q3] = s.questions
  const { user } = await makeUser({ name: p.name })
  const { response } = await startResponse(
    c,
    user,
    individual({
      name: p.name,
      email: user.email,
      publishingConsent: p.consent,
      notifyOnPublication: p.notify ?? false,
      ...(p.type === 'organisation' ? { respondentType: 'organisation', organisationName: `${p.name} Ltd`, represents: 'Its staff' } : {}),
    }),
  )
  const access = (await accessResponse(db, response.id, { user, token: null }))!
  const confidential = p.q1Confidential ? { [confidentialFieldName(q1.id)]: 'yes', [confidentialReasonFieldName(q1.id)]: 'Sensitive' } : {}
  await saveSection(c, access, 1, { [fieldName(q1.id)]: p.q1, [fieldName(q2.id)]: 'red', ...confidential }, { id: user.id, name: p.name }, { enforceRequired: false })
  await saveSection(c, access, 2, { [fieldName(q3.id)]: 'agree' }, { id: user.id, name: p.name }, { enforceRequired: false })
  await submitResponse(c, access, user)
  return { id: response.id, submissionId: response.submissionId, user, email: user.email, q1, q2 }
}

/** A closed consultation whose responses carry every kind of marker. */
async function closedWithMarkers() {
  const staff = await makeUser({ role: 'staff' })
  const c = await makeOpenConsultation(staff.user)
  const plain = await respond(c, { name: 'Ada Plain', consent: 'named', q1: `We support this. ${MARK.released} agrees.`, notify: true })
  const named = await respond(c, { name: 'Ben Named', consent: 'named', q1: `Our adviser ${MARK.redacted} told us the contract was unfair; ${MARK.redacted.toLowerCase()} was right.`, notify: true })
  const whole = await respond(c, { name: 'Cat Whole', consent: 'anonymous', q1: `Everything here names ${MARK.wholeAnswer}.`, type: 'organisation' })
  const withheld = await respond(c, { name: 'Dan Withheld', consent: 'named', q1: `Allegations about ${MARK.withheld}.`, notify: true })
  const secret = await respond(c, { name: 'Eve Secret', consent: 'named', q1: `Confidential: ${MARK.confidential}.`, q1Confidential: true })
  const refused = await respond(c, { name: 'Fay Refused', consent: 'none', q1: 'Do not publish me.', notify: true })
  const closed = await closeConsultation(c.id)
  return { staff, c: closed, plain, named, whole, withheld, secret, refused }
}

describe('review before publication', () => {
  test('closing publishes nothing: consented responses wait in the queue, and no page, export, feed or search shows them before release', async () => {
    const { c } = await closedWithMarkers()
    const queue = await publicationQueue(c)
    // Consented and not wholly confidential: the anonymous organisation, the withheld one and the one with a confidential answer are in; "none" is not.
    expect(queue.counts).toEqual({ 'to-review': 5, 'to-publish': 0, withheld: 0, published: 0 })
    expect(await publishedResponses(c)).toBeNull()
    await drainOutbox()
    const crawl = await crawlPublic(c.slug, Object.values(MARK))
    for (const marker of Object.values(MARK)) expect(crawl).not.toContain(marker)
    expect(crawl).not.toContain(`/consultations/${c.slug}/responses.csv`)
  })

  test('staff redact words and a whole answer, withhold one response and release: the public sees the rest, with “[redacted]”, and never the hidden words', async () => {
    const { staff, c, plain, named, whole, withheld, refused } = await closedWithMarkers()
    const s = (await getStructure(db, c.questionnaireId))!
    const theme = (await addTheme(db, c.questionnaireId, 'Contract terms'))!
    await setAnswerThemes(db, named.submissionId, s.questions[0].id, [theme.id])
    await setAnswerThemes(db, whole.submissionId, s.questions[0].id, [theme.id])

    await redactAnswer(staff.user, c, named.id, { questionId: named.q1.id, phrase: MARK.redacted, reason: 'Names a third party' })
    await redactAnswer(staff.user, c, whole.id, { questionId: whole.q1.id, phrase: null, reason: 'Identifies the organisation' })
    await withholdFromPublication(staff.user, c, withheld.id, 'Defamatory')
    for (const row of (await publicationQueue(c, { state: 'to-review' })).rows) await approveForPublication(staff.user, c, row.id)
    expect((await publicationQueue(c)).counts).toEqual({ 'to-review': 0, 'to-publish': 4, withheld: 1, published: 0 })
    // Reviewed is not released: still nothing public.
    expect(await publishedResponses(c)).toBeNull()

    expect(await releaseResponses(staff.user, c, null)).toEqual({ released: 4, scheduledFor: null })
    await saveOutcome(staff.user, c, { intro: 'We listened.', perQuestion: {} })
    await db.transaction((tx) => publishOutcome(tx, staff.user, { ...c, outcomeIntro: 'We listened.' }))
    await drainOutbox()

    const crawl = await crawlPublic(c.slug, Object.values(MARK))
    expect(crawl).toContain(MARK.released)
    expect(crawl).toContain('Our adviser [redacted] told us the contract was unfair; [redacted] was right.')
    expect(crawl).toContain('An organisation (anonymous)')
    for (const hidden of [MARK.redacted, MARK.redacted.toLowerCase(), MARK.wholeAnswer, MARK.withheld, MARK.confidential]) expect(crawl).not.toContain(hidden)
    // Searching the published responses for a redacted word finds nothing.
    expect((await publishedResponses(c, { q: MARK.redacted }))!.total).toBe(0)

    // The insider: nothing hidden is in the public copy at all, nor do the published themes point at a hidden answer.
    const [leaks] = await db
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(consultationPublishedResponses)
      .where(
        sql`${consultationPublishedResponses.answers}::text ~* ${[MARK.redacted, MARK.wholeAnswer, MARK.withheld, MARK.confidential].join('|')} or ${consultationPublishedResponses.searchText} ~* ${MARK.redacted}`,
      )
    expect(leaks.count).toBe(0)
    const themed = await db.select().from(consultationPublishedThemes).where(eq(consultationPublishedThemes.themeId, theme.id))
    expect(themed.map((t) => t.responseId)).toEqual([named.id])

    // Filters: by question, by type of respondent and by theme.
    expect((await publishedResponses(c, { type: 'organisation' }))!.responses.map((r) => r.respondent)).toEqual(['An organisation (anonymous)'])
    expect((await publishedResponses(c, { theme: theme.id }))!.responses.map((r) => r.respondent)).toEqual(['Ben Named'])
    const q2 = (await publishedResponses(c, { question: s.questions[1].id }))!
    expect(q2.responses.every((r) => r.answers.every((a) => a.label === 'Q2'))).toBe(true)

    // Audited with where and why, never the words.
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, 'consultation.response.redact'))
    expect(audit.map((a) => (a.after as { reason: string }).reason).sort()).toEqual(['Identifies the organisation', 'Names a third party'])
    expect(JSON.stringify(audit)).not.toContain(MARK.redacted)
    expect(
      await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'consultation.responses.release'), eq(auditEvents.subjectId, c.id))),
    ).toHaveLength(1)

    // Those who asked are told, once for each event, with where their own response stands.
    const mail = async (to: string) => (await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, to))).filter((m) => /published/.test(m.subject))
    const plainMail = await mail(plain.email)
    expect(plainMail.map((m) => m.subject).sort()).toEqual([`Outcome published: ${c.title}`, `Responses published: ${c.title}`])
    expect(plainMail.find((m) => m.subject.startsWith('Responses'))!.textBody).toContain('is published with your name')
    expect((await mail(withheld.email)).find((m) => m.subject.startsWith('Responses'))!.textBody).toContain('We have not published your response')
    expect((await mail(withheld.email)).map((m) => m.textBody).join()).not.toContain('Defamatory')
    expect((await mail(refused.email)).find((m) => m.subject.startsWith('Responses'))!.textBody).toContain('You asked us not to publish your response')
    expect(await mail(whole.email)).toHaveLength(0)
    await releaseResponses(staff.user, c, null).catch(() => undefined)
    expect(await mail(plain.email)).toHaveLength(2)
  })

  test('two staff: one releases while the other is redacting; the late redaction is refused on its page with the input kept, and the published copy is unchanged', async () => {
    const { staff, c, named } = await closedWithMarkers()
    const other = await makeUser({ role: 'staff' })
    const url = `/staff/consultations/${c.id}/publication/${named.id}/redact?question=${named.q1.id}`
    const params = { id: c.id, responseId: named.id }
    // The second member of staff opens the redaction page...
    expect(await status(redactRoute.loader(args(request(url, { cookie: other.cookie }), params)))).toBe(200)
    // ...while the first approves everything and releases.
    for (const row of (await publicationQueue(c)).rows) await approveForPublication(staff.user, c, row.id)
    await releaseResponses(staff.user, c, null)
    const before = await db.select().from(consultationPublishedResponses).where(eq(consultationPublishedResponses.responseId, named.id))
    const form = { questionId: named.q1.id, scope: 'words', phrase: MARK.redacted, reason: 'Names a third party' }
    const refused = (await redactRoute.action(args(request(url, { cookie: other.cookie, form }), params))) as {
      init: { status: number }
      data: { errors: Record<string, string>; values: Record<string, string> }
    }
    expect(refused.init.status).toBe(409)
    expect(refused.data.errors.scope).toMatch(/^This response was published at .+, so it can no longer be redacted or withheld here$/)
    expect(refused.data.values.phrase).toBe(MARK.redacted)
    expect(await db.select().from(consultationRedactions).where(eq(consultationRedactions.responseId, named.id))).toEqual([])
    expect(await db.select().from(consultationPublishedResponses).where(eq(consultationPublishedResponses.responseId, named.id))).toEqual(before)
    await expect(withholdFromPublication(other.user, c, named.id, 'Too late')).rejects.toThrow(/was published at/)
  })

  test('bad input: words not in the answer, a review before closing, a double release, and a member posting to a staff action', async () => {
    const { staff, c, named, plain } = await closedWithMarkers()
    await expect(redactAnswer(staff.user, c, named.id, { questionId: named.q1.id, phrase: 'not in the answer', reason: 'x' })).rejects.toThrow(
      'Those words are not in the answer to Q1. Copy them exactly as they appear',
    )
    await expect(redactAnswer(staff.user, c, named.id, { questionId: named.q1.id, phrase: MARK.redacted, reason: ' ' })).rejects.toThrow('Enter the reason for the redaction')
    await expect(releaseResponses(staff.user, c, null)).rejects.toThrow('No reviewed responses are waiting to be published')

    const open = await makeOpenConsultation(staff.user, { title: 'Still open' })
    const early = await respond(open, { name: 'Early Bird', consent: 'named', q1: 'Too soon' })
    await expect(approveForPublication(staff.user, open, early.id)).rejects.toBeInstanceOf(RuleError)

    const member = await makeUser()
    const params = { id: c.id, responseId: plain.id }
    expect(await status(reviewRoute.action(args(request(`/staff/consultations/${c.id}/publication/${plain.id}`, { cookie: member.cookie, form: { intent: 'approve' } }), params)))).toBe(403)
    expect(await status(releaseRoute.action(args(request(`/staff/consultations/${c.id}/publication/release`, { cookie: member.cookie, form: { when: 'now' } }), { id: c.id })))).toBe(403)
    expect((await publicationQueue(c)).counts['to-publish']).toBe(0)

    // Without choosing when, the release page says so and keeps the page.
    await approveForPublication(staff.user, c, plain.id)
    const missing = (await releaseRoute.action(args(request(`/staff/consultations/${c.id}/publication/release`, { cookie: staff.cookie, form: {} }), { id: c.id }))) as {
      init: { status: number }
      data: { errors: Record<string, string> }
    }
    expect(missing.init.status).toBe(400)
    expect(missing.data.errors.when).toBe('Select when to publish the responses')
    const past = (await releaseRoute.action(
      args(
        request(`/staff/consultations/${c.id}/publication/release`, {
          cookie: staff.cookie,
          form: { when: 'later', 'releaseAt-day': '1', 'releaseAt-month': '1', 'releaseAt-year': '2020', 'releaseAt-time': '09:00' },
        }),
        { id: c.id },
      ),
    )) as { init: { status: number }; data: { errors: Record<string, string> } }
    expect(past.data.errors.releaseAt).toBe('The date and time to publish must be in the future')
    expect(await publishedResponses(c)).toBeNull()
  })

  test('a release set for later happens once, at its time, and not before; it can be cancelled', async () => {
    const { staff, c } = await closedWithMarkers()
    for (const row of (await publicationQueue(c)).rows) await approveForPublication(staff.user, c, row.id)
    const at = new Date(Date.now() + 3_600_000)
    expect(await releaseResponses(staff.user, c, at)).toEqual({ released: 0, scheduledFor: at })
    await cancelScheduledRelease(staff.user, c)
    expect(await scheduledRelease(c.id)).toBeNull()
    await releaseResponses(staff.user, c, at)
    expect(await releaseDue(new Date(at.getTime() - 60_000))).toBe(0)
    expect(await publishedResponses(c)).toBeNull()
    const [first, second] = await Promise.all([releaseDue(new Date(at.getTime() + 1000)), releaseDue(new Date(at.getTime() + 1000))])
    expect(first + second).toBe(5)
    expect((await publishedResponses(c))!.all).toBe(5)
    expect(await scheduledRelease(c.id)).toBeNull()
  })
})

describe('respondents keep sight of their response', () => {
  test('the acknowledgement restates their choices and links to the response, which a signed-out respondent can still open, read-only, after closing', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation(staff.user)
    const s = (await getStructure(db, c.questionnaireId))!
    const email = `signed-out-${tag}@example.com`
    const { response, token } = await startResponse(c, null, individual({ email, publishingConsent: 'anonymous', notifyOnPublication: true }))
    const access = (await accessResponse(db, response.id, { user: null, token }))!
    await saveSection(c, access, 1, { [fieldName(s.questions[0].id)]: 'My view' }, { id: null, name: 'Pat' }, { enforceRequired: false })
    await saveSection(c, access, 2, { [fieldName(s.questions[2].id)]: 'agree' }, { id: null, name: 'Pat' }, { enforceRequired: false })
    await submitResponse(c, access, null)
    const [ack] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, email))
    expect(ack.textBody).toContain('Publishing: Publish my response without any names.')
    expect(ack.textBody).toContain('Confidentiality: you did not ask us to keep your whole response confidential.')
    expect(ack.textBody).toContain('We will email you when the responses and the outcome are published.')
    const link = /\/consultations\/[^/\s]+\/resume\/(\S+)/.exec(ack.textBody)!
    const closed = await closeConsultation(c.id)

    const opened = await resumeRoute.loader(args(request(link[0]), { slug: closed.slug, token: link[1] })).catch((r: Response) => r)
    expect(opened).toBeInstanceOf(Response)
    const redirect = opened as Response
    expect(redirect.status).toBe(302)
    expect(redirect.headers.get('Location')).toBe(`/consultations/${closed.slug}/response/${response.id}`)
    const cookie = redirect.headers.get('Set-Cookie')!.split(';')[0]
    const page = (await responseRoute.loader(args(request(redirect.headers.get('Location')!, { cookie }), { slug: closed.slug, id: response.id }))) as {
      open: boolean
      status: string
      choices: { consent: string; notify: boolean }
      publication: string
    }
    expect(page).toMatchObject({ open: false, status: 'submitted', choices: { notify: true }, publication: 'in-review' })
    // An unknown or replaced link says so instead of showing anything.
    expect(await status(resumeRoute.loader(args(request(`/consultations/${closed.slug}/resume/nope`), { slug: closed.slug, token: 'nope' })))).toBe(404)
  })
})
