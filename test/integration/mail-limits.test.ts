import { eq, sql as dsql } from 'drizzle-orm'
import { describe, expect, test, vi } from 'vitest'
import { createSessionCookie } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import { deliveryHtml } from '~/lib/email-layout.server'
import {
  allowMailTo,
  allowMailToNow,
  CLIENT_LIMITED,
  forgetOldMailRequests,
  MAIL_LIMIT_WINDOW_MINUTES,
  MAIL_REQUESTS_KEPT_HOURS,
  MAX_ECHOED_TO_UNCONFIRMED,
  MAX_MAIL_PER_CLIENT,
  MAX_MAIL_PER_RECIPIENT,
  MAX_MAIL_PER_SENDER,
  RECIPIENT_LIMITED,
} from '~/lib/unconfirmed-mail.server'
import { startResponse, workingAnswers } from '~/modules/consultations/responses.server'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import { createUser } from '~/modules/accounts/users.server'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { fieldName } from '~/modules/questionnaires/questions'
import * as feedbackRoute from '~/routes/consultations.$slug.feedback'
import * as responsePage from '~/routes/consultations.$slug.response.$id._index'
import * as checkRoute from '~/routes/consultations.$slug.response.$id.check'
import * as sectionRoute from '~/routes/consultations.$slug.response.$id.section.$n'
import * as forgotPassword from '~/routes/forgot-password'
import * as membersRoute from '~/routes/organisations.$slug.members'
import * as register from '~/routes/register'
import * as subscribeRoute from '~/routes/subscribe._index'
import * as verifyEmail from '~/routes/verify-email'
import { mailDeliveries, mailRequests } from '~db/schema'
import { responseCookie } from '~/modules/consultations/web.server'
import { individual, makeOpenConsultation } from '../support/consultations'
import { profile } from '../support/organisations'
import { call, type Outcome } from '../support/routes'
import { makeUser, request } from '../support/users'

const mailTo = (address: string) => db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, address))

/** The message a refused request shows, and that nothing typed (but a password) was dropped. */
function expectRefused(outcome: Outcome, message: string, field = 'email') {
  expect(outcome.status).toBe(429)
  expect(outcome.data.errors[field]).toContain(message)
}

describe('email to unconfirmed addresses is limited per inbox, per network address and per account', () => {
  test('two network addresses taking turns at one inbox: refused after the limit, with the same answer whether or not the address has an account', async () => {
    await createUser({ email: 'owner@example.com', name: 'Owner', password: 'correct horse battery staple', verified: false })
    const answers: Record<string, string[]> = {}
    for (const victim of ['owner@example.com', 'nobody@example.com']) {
      answers[victim] = []
      for (let i = 0; i < MAX_MAIL_PER_RECIPIENT + 2; i++) {
        const ip = i % 2 ? '198.51.100.1' : '198.51.100.2'
        const outcome =
          i % 3 === 0
            ? await call(forgotPassword.action, request('/forgot-password', { form: { email: victim } }), {}, { ip })
            : i % 3 === 1
              ? await call(verifyEmail.action, request('/verify-email', { form: { email: victim } }), {}, { ip })
              : await call(subscribeRoute.action, request('/subscribe', { form: { email: victim, topics: 'newsletter' } }), {}, { ip })
        answers[victim].push(`${outcome.status} ${outcome.data?.errors?.email ?? ''}`)
        if (i >= MAX_MAIL_PER_RECIPIENT) {
          expectRefused(outcome, RECIPIENT_LIMITED)
          expect(outcome.data.values.email).toBe(victim)
        } else expect(outcome.status).not.toBe(429)
      }
    }
    // Same statuses and messages for the registered and the unknown address: the limit tells nobody who has an account.
    expect(answers['owner@example.com']).toEqual(answers['nobody@example.com'])
    expect((await mailTo('owner@example.com')).length).toBeLessThanOrEqual(MAX_MAIL_PER_RECIPIENT)
    // Registering the hammered address is refused too, on the same page, keeping the name but never the password.
    const registration = await call(register.action, request('/register', { form: { name: 'Pat Victim', email: 'nobody@example.com', password: 'plum kettle orbit 42' } }), {}, { ip: '198.51.100.3' })
    expectRefused(registration, RECIPIENT_LIMITED)
    expect(registration.data.values).toEqual({ name: 'Pat Victim', email: 'nobody@example.com' })
    // An hour later the inbox can be written to again.
    expect((await allowMailToNow('nobody@example.com', 'verification', { ip: '198.51.100.3' }, new Date(Date.now() + 61 * 60_000))).ok).toBe(true)
  })

  test('one network address spraying many inboxes is refused after the limit; another address is not affected', async () => {
    const ip = '203.0.113.9'
    for (let i = 0; i < MAX_MAIL_PER_CLIENT; i++) {
      const outcome = await call(subscribeRoute.action, request('/subscribe', { form: { email: `target-${i}@example.com`, topics: 'newsletter' } }), {}, { ip })
      expect(outcome.status, `subscription ${i + 1}`).toBe(302)
    }
    const refused = await call(subscribeRoute.action, request('/subscribe', { form: { email: 'one-more@example.com', topics: ['newsletter', 'consultations'] } }), {}, { ip })
    expectRefused(refused, CLIENT_LIMITED)
    expect(refused.data.values).toEqual({ email: 'one-more@example.com', topics: ['newsletter', 'consultations'] })
    expect(await mailTo('one-more@example.com')).toHaveLength(0)
    // The form beside a consultation is refused for the same address, and keeps the message typed.
    const c = await makeOpenConsultation()
    const feedback = await call(
      feedbackRoute.action,
      request(`/consultations/${c.slug}/feedback`, { form: { name: 'Sam', email: 'sam@example.com', message: 'The deadline is too short' } }),
      { slug: c.slug },
      { ip },
    )
    expectRefused(feedback, CLIENT_LIMITED)
    expect(feedback.data.values.message).toBe('The deadline is too short')
    const elsewhere = await call(subscribeRoute.action, request('/subscribe', { form: { email: 'one-more@example.com', topics: 'newsletter' } }), {}, { ip: '203.0.113.10' })
    expect(elsewhere.status).toBe(302)
  })

  test('over the limit, a request is refused at once even while another request from the same address is still open', async () => {
    const ip = '203.0.113.77'
    for (let i = 0; i < MAX_MAIL_PER_CLIENT; i++) expect((await allowMailToNow(`crowd-${i}@example.com`, 'consultation_acknowledgement', { ip })).ok).toBe(true)
    // One respondent behind the address is mid-submission: refused the acknowledgement, its transaction not yet committed.
    let finish!: () => void
    const held = new Promise<void>((resolve) => (finish = resolve))
    let firstAnswer: Awaited<ReturnType<typeof allowMailTo>> | undefined
    const first = db.transaction(async (tx) => {
      firstAnswer = await allowMailTo(tx, 'crowd-first@example.com', 'consultation_acknowledgement', { ip })
      await held
    })
    await vi.waitFor(() => expect(firstAnswer).toBeDefined())
    // The next one from the same address does not wait for the first to finish.
    const next = allowMailToNow('crowd-next@example.com', 'consultation_acknowledgement', { ip })
    const answer = await Promise.race([next, new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000))])
    finish()
    await first
    expect(firstAnswer).toEqual({ ok: false, message: CLIENT_LIMITED })
    expect(answer).toEqual({ ok: false, message: CLIENT_LIMITED })
  })

  test('a signed-in organisation admin inviting from many network addresses is limited per account', async () => {
    const admin = await makeUser({ name: 'Ada Admin' })
    const organisation = await createOrganisation(admin.user, profile())
    const invite = (email: string, i: number) =>
      call(
        membersRoute.action,
        request(`/organisations/${organisation.slug}/members`, { cookie: admin.cookie, form: { intent: 'invite', email } }),
        { slug: organisation.slug },
        { ip: `192.0.2.${i + 1}` },
      )
    for (let i = 0; i < MAX_MAIL_PER_SENDER; i++) expect((await invite(`colleague-${i}@example.com`, i)).status).toBe(302)
    const refused = await invite('colleague-late@example.com', 200)
    expectRefused(refused, CLIENT_LIMITED)
    expect(refused.data.values.email).toBe('colleague-late@example.com')
  })

  test('requests older than the window no longer count, and the hourly job forgets them after a day', async () => {
    const inbox = 'window@example.com'
    const start = new Date('2026-12-04T09:00:00Z')
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000)
    for (let i = 0; i < MAX_MAIL_PER_RECIPIENT; i++) expect((await allowMailToNow(inbox, 'consultation_resume', { ip: `192.0.2.${i}` }, at(i))).ok).toBe(true)
    expect(await allowMailToNow(inbox, 'consultation_resume', { ip: '192.0.2.99' }, at(MAIL_LIMIT_WINDOW_MINUTES - 1))).toEqual({ ok: false, message: RECIPIENT_LIMITED })
    expect((await allowMailToNow(inbox, 'consultation_resume', { ip: '192.0.2.99' }, at(MAIL_LIMIT_WINDOW_MINUTES + MAX_MAIL_PER_RECIPIENT))).ok).toBe(true)
    const count = async () => (await db.select().from(mailRequests)).length
    expect(await count()).toBe(MAX_MAIL_PER_RECIPIENT + 1)
    // Not before a day has passed since the first, and then only the ones that old.
    expect(await forgetOldMailRequests(at(MAIL_REQUESTS_KEPT_HOURS * 60 - 1))).toBe(0)
    expect(await forgetOldMailRequests(at(MAIL_REQUESTS_KEPT_HOURS * 60 + 2))).toBe(2)
    expect(await count()).toBe(MAX_MAIL_PER_RECIPIENT - 1)
  })

  test('the limits table holds no address, network address or account id', async () => {
    const { user, cookie } = await makeUser()
    await call(verifyEmail.action, request('/verify-email', { cookie, form: {} }), {}, { ip: '198.51.100.77' })
    await call(forgotPassword.action, request('/forgot-password', { form: { email: 'Someone@Example.com' } }), {}, { ip: '198.51.100.77' })
    const rows = await db.select().from(mailRequests)
    expect(rows).toHaveLength(2)
    const dump = JSON.stringify(rows).toLowerCase()
    for (const secret of ['someone@example.com', user.email.toLowerCase(), '198.51.100.77', user.id]) expect(dump).not.toContain(secret)
    // Equal inputs still meet: both requests came from one place.
    expect(rows[0].clientHash).toBe(rows[1].clientHash)
    const [{ n }] = await db.execute<{ n: number }>(dsql`select count(distinct recipient_hash)::int as n from mail_requests`)
    expect(n).toBe(2)
  })
})

describe('a signed-out consultation response', () => {
  async function signedOutDraft(email: string, name = 'Pat Person') {
    const c = await makeOpenConsultation()
    const { response, token } = await startResponse(c, null, individual({ email, name }))
    const cookie = responseCookie(response.id, token!, c.closesAt).split(';')[0]
    const structure = (await getStructure(db, c.questionnaireId))!
    const params = { slug: c.slug, id: response.id }
    const path = `/consultations/${c.slug}/response/${response.id}`
    return { c, response, cookie, structure, params, path }
  }

  test('over the limit, “save and come back later” keeps the answers and says the link was not sent', async () => {
    const victim = 'resumer@example.com'
    for (let i = 0; i < MAX_MAIL_PER_RECIPIENT; i++) expect((await allowMailToNow(victim, 'verification', { ip: `198.51.100.${i}` })).ok).toBe(true)
    const { cookie, structure, params, path, response } = await signedOutDraft(victim)
    const q = structure.sections[0].questions[0]
    const outcome = await call(sectionRoute.action, request(`${path}/section/1`, { cookie, form: { [fieldName(q.id)]: 'Kept for later', intent: 'later' } }), { ...params, n: '1' })
    expectRefused(outcome, RECIPIENT_LIMITED, 'form')
    expect(outcome.data.errors.form).toContain('Your answers are saved')
    expect(outcome.data.values[fieldName(q.id)]).toBe('Kept for later')
    expect(await mailTo(victim)).toHaveLength(0)
    const [saved] = await db.select().from(mailDeliveries)
    expect(saved).toBeUndefined()
    const { consultationResponses } = await import('~db/schema')
    const [row] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect(JSON.stringify(await workingAnswers(row))).toContain('Kept for later')
  })

  test('the acknowledgement to an unconfirmed address repeats at most 100 characters of any typed text; a confirmed one gets the whole copy', async () => {
    const long = Array.from({ length: 50 }, (_, i) => `spamword${i}http://relay.example/${i}`).join(' ')
    const name = `Pat ${'Buy cheap watches at relay.example '.repeat(5)}`
    const { cookie, structure, params, path } = await signedOutDraft('unconfirmed@example.com', name)
    const [q1, , q3] = structure.questions
    await call(sectionRoute.action, request(`${path}/section/1`, { cookie, form: { [fieldName(q1.id)]: long, intent: 'continue' } }), { ...params, n: '1' })
    await call(sectionRoute.action, request(`${path}/section/2`, { cookie, form: { [fieldName(q3.id)]: 'agree', intent: 'continue' } }), { ...params, n: '2' })
    expect((await call(checkRoute.action, request(`${path}/check`, { cookie, form: { intent: 'submit' } }), params)).status).toBe(302)
    const [ack] = await mailTo('unconfirmed@example.com')
    expect(ack.subject).toMatch(/^Response received/)
    expect(ack.textBody).toContain(long.slice(0, 50))
    expect(ack.textBody).not.toContain(long.slice(0, MAX_ECHOED_TO_UNCONFIRMED + 1))
    expect(ack.textBody).not.toContain(name.trim())
    for (const line of ack.textBody.split('\n')) if (line.includes('spamword') || line.includes('watches')) expect(line.length).toBeLessThanOrEqual(MAX_ECHOED_TO_UNCONFIRMED + 40)
    expect(deliveryHtml(ack)).not.toContain('spamword49')

    // Signed in, the copy is whole only once the account has confirmed its address.
    const signedIn = async (member: { user: { id: string; name: string; email: string }; cookie: string }) => {
      const c2 = await makeOpenConsultation()
      const { response } = await startResponse(c2, member.user, individual({ email: member.user.email, name: 'Mo Member' }))
      const s2 = (await getStructure(db, c2.questionnaireId))!
      const p2 = { slug: c2.slug, id: response.id }
      const path2 = `/consultations/${c2.slug}/response/${response.id}`
      await call(sectionRoute.action, request(`${path2}/section/1`, { cookie: member.cookie, form: { [fieldName(s2.questions[0].id)]: long, intent: 'continue' } }), { ...p2, n: '1' })
      await call(sectionRoute.action, request(`${path2}/section/2`, { cookie: member.cookie, form: { [fieldName(s2.questions[2].id)]: 'agree', intent: 'continue' } }), { ...p2, n: '2' })
      expect((await call(checkRoute.action, request(`${path2}/check`, { cookie: member.cookie, form: { intent: 'submit' } }), p2)).status).toBe(302)
      const [mail] = await mailTo(member.user.email.toLowerCase())
      return mail.textBody
    }
    expect(await signedIn(await makeUser({ name: 'Mo Member' }))).toContain(long)
    const unverified = await createUser({ email: 'not-yet@example.com', name: 'Una Unverified', password: 'correct horse battery staple', verified: false })
    const unverifiedCookie = (await createSessionCookie(unverified.id, 'none')).split(';')[0]
    const copy = await signedIn({ user: unverified, cookie: unverifiedCookie })
    expect(copy).toContain(long.slice(0, 50))
    expect(copy).not.toContain(long.slice(0, MAX_ECHOED_TO_UNCONFIRMED + 1))
  })

  test('over the limit the response is still submitted, unacknowledged, and the page says the email was not sent', async () => {
    const victim = 'hammered@example.com'
    const { cookie, structure, params, path } = await signedOutDraft(victim)
    await call(sectionRoute.action, request(`${path}/section/2`, { cookie, form: { [fieldName(structure.questions[2].id)]: 'agree', intent: 'continue' } }), { ...params, n: '2' })
    for (let i = 0; i < MAX_MAIL_PER_RECIPIENT; i++) await allowMailToNow(victim, 'verification', { ip: `198.51.100.${i}` })
    const submitted = await call(checkRoute.action, request(`${path}/check`, { cookie, form: { intent: 'submit' } }), params)
    expect(submitted.status).toBe(302)
    expect(await mailTo(victim)).toHaveLength(0)
    const page = await call(responsePage.loader, request(`${path}?submitted=1`, { cookie }), params)
    expect(page.data.status).toBe('submitted')
    expect(page.data.acknowledged).toBe(false)
  })

  test('an acknowledgement to an address its account has confirmed is sent whole whatever the count, and is not counted', async () => {
    const owner = await createUser({ email: 'confirmed-owner@example.com', name: 'Cora Confirmed', password: 'correct horse battery staple', verified: true })
    for (let i = 0; i < MAX_MAIL_PER_RECIPIENT; i++) await allowMailToNow(owner.email, 'verification', { ip: `198.51.100.${i}` })
    const counted = () => db.$count(mailRequests)
    const before = await counted()
    // Typed by someone signed out: the address, not the session, decides.
    const { cookie, structure, params, path } = await signedOutDraft(owner.email, 'Cora Confirmed')
    await call(sectionRoute.action, request(`${path}/section/2`, { cookie, form: { [fieldName(structure.questions[2].id)]: 'agree', intent: 'continue' } }), { ...params, n: '2' })
    expect((await call(checkRoute.action, request(`${path}/check`, { cookie, form: { intent: 'submit' } }), params)).status).toBe(302)
    const [ack] = await mailTo(owner.email)
    expect(ack.textBody).toContain('Responding as an individual: Cora Confirmed')
    expect(ack.textBody).toContain('A copy of your answers')
    expect(await counted()).toBe(before)
  })
})
