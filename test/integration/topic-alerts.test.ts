import { eq, sql as dsql } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { sendDueMail, useSmtpUrl } from '~/lib/email.server'
import { stopJobs } from '~/lib/jobs.server'
import { createCaseStudy, publishCaseStudy } from '~/modules/case-studies/case-studies.server'
import { setHidden } from '~/modules/case-studies/moderation.server'
import { createConsultation, publishConsultation } from '~/modules/consultations/consultations.server'
import { addQuestion, addSection } from '~/modules/questionnaires/structure.server'
import { subscribe, unsubscribe } from '~/modules/newsletters/subscriptions.server'
import { sendTopicAlert } from '~/modules/newsletters/topic-alerts.server'
import { changeStatus, createNotice, publishNotice, updateNotice } from '~/modules/pipeline/authoring.server'
import { mailDeliveries, subscribers, type SubscriptionTopic } from '~db/schema'
import { caseStudyInput } from '../support/case-studies'
import { makeOpenConsultation } from '../support/consultations'
import { noticeInput } from '../support/pipeline'
import { headerOf, startSmtpServer, type TestSmtpServer } from '../support/smtp'
import { makeOrganisation, memberOf } from '../support/organisations'
import { makeUser, request } from '../support/users'

afterAll(async () => {
  useSmtpUrl(undefined)
  await stopJobs()
})

let smtp: TestSmtpServer
afterEach(async () => {
  useSmtpUrl(undefined)
  await smtp?.close()
})

async function withSmtp() {
  smtp = await startSmtpServer()
  useSmtpUrl(smtp.url)
}

const earlier = () => new Date(Date.now() - 60_000)

async function subscriber(email: string, topics: SubscriptionTopic[], status: 'confirmed' | 'unsubscribed' | 'bounced' = 'confirmed') {
  const [row] = await db
    .insert(subscribers)
    .values({ email, status, topics, token: `token-${email.replace(/\W/g, '-')}`, confirmedAt: earlier() })
    .returning()
  return row
}

/** Everyone who must not hear about a topic: not confirmed, unsubscribed, bounced, or subscribed to something else. */
async function bystanders(topic: SubscriptionTopic, other: SubscriptionTopic) {
  await subscribe({ email: 'unconfirmed@example.com', topics: [topic] })
  await subscriber('left@example.com', [topic], 'unsubscribed')
  await subscriber('bounced@example.com', [topic], 'bounced')
  await subscriber('other-topic@example.com', [other])
}

type AlertData = Parameters<typeof sendTopicAlert>[0]

/** The alert jobs the publishing transactions queued (no worker runs in these tests). */
async function alertJobs(): Promise<AlertData[]> {
  const rows = await db.execute<{ data: AlertData }>(dsql`select data from pgboss.job where name = 'newsletters.topic-alert' order by created_on`)
  return [...rows].map((r) => r.data)
}

/** What the mail pump does: send every queued delivery once. */
async function deliverQueued() {
  while ((await sendDueMail()).length);
}

const ROUTES: Record<string, () => Promise<{ loader: (args: never) => unknown }>> = {
  consultations: () => import('~/routes/consultations.$slug._index'),
  pipeline: () => import('~/routes/pipeline.$slug'),
  'what-works': () => import('~/routes/what-works.$slug._index/route'),
  subscriptions: () => import('~/routes/subscriptions.$token._index'),
  unsubscribe: () => import('~/routes/unsubscribe.$token'),
}

/** Opens a link from an email as a visitor: it must be absolute, on the hub, and the page must load. */
async function open(link: string) {
  const url = new URL(link)
  expect(url.origin).toBe(new URL(process.env.APP_URL!).origin)
  const [, section, key] = url.pathname.split('/')
  const route = await ROUTES[section]()
  return route.loader({ request: request(`${url.pathname}${url.search}`), params: { slug: key, token: key }, context: {} } as never)
}

const linkAfter = (text: string, label: string) => {
  const match = new RegExp(`${label}: (\\S+)`).exec(text)
  if (!match) throw new Error(`No “${label}” link in:\n${text}`)
  return match[1]
}

/**
 * The one email a subscriber got: its RFC 8058 headers point at their
 * unsubscribe link for this topic, and its links open real pages.
 */
async function checkOneEmail(address: string, topic: SubscriptionTopic, subject: RegExp, readLabel: string) {
  const got = smtp.to(address)
  expect(got).toHaveLength(1)
  const [message] = got
  const parsed = await smtp.parse(message)
  expect(parsed.subject).toMatch(subject)
  expect(headerOf(message.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
  const [{ token }] = await db.select({ token: subscribers.token }).from(subscribers).where(eq(subscribers.email, address))
  expect(headerOf(message.raw, 'List-Unsubscribe')).toBe(`<${process.env.APP_URL}/unsubscribe/${token}?topic=${topic}>`)
  const text = parsed.text ?? ''
  expect(parsed.html).toContain('Manage your email preferences')
  await open(linkAfter(text, readLabel))
  expect(await open(linkAfter(text, 'Manage your email preferences'))).toBeTruthy()
  expect(await open(linkAfter(text, 'Unsubscribe from [^:]+'))).toMatchObject({ state: 'ask' })
  return { parsed, text }
}

describe('new consultations', () => {
  test('publishing queues one job; each confirmed subscriber of the topic gets one email with working links; nobody else; never twice', async () => {
    await withSmtp()
    await subscriber('reader@example.com', ['consultations', 'newsletter'])
    await bystanders('consultations', 'pipeline')

    const consultation = await makeOpenConsultation(null, { title: 'Sharing performance data with providers' })
    const jobs = await alertJobs()
    expect(jobs).toEqual([expect.objectContaining({ kind: 'consultation', id: consultation.id })])
    // The publishing request wrote no emails itself: the job does.
    expect(await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'reader@example.com'))).toHaveLength(0)

    expect(await sendTopicAlert(jobs[0])).toBe(1)
    // Deliveries queue below transactional email.
    const [queued] = await db.select({ priority: mailDeliveries.priority }).from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'reader@example.com'))
    expect(queued.priority).toBe(0)
    await deliverQueued()

    const { text } = await checkOneEmail('reader@example.com', 'consultations', /^New consultation: Sharing performance data with providers$/, 'Read the consultation and respond')
    expect(text).toContain('A summary')
    expect(text).toMatch(/Closes: .+ 20\d\d/)
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['reader@example.com', 'unconfirmed@example.com'])
    expect((await smtp.parse(smtp.to('unconfirmed@example.com')[0])).subject).toMatch(/Confirm your subscription/)

    // The job run again (a retry, or a crash after it finished) and the same consultation published again send nothing.
    expect(await sendTopicAlert(jobs[0])).toBe(0)
    await db.transaction((tx) => publishConsultation(tx, null, consultation.id))
    expect(await alertJobs()).toHaveLength(1)
    await deliverQueued()
    expect(smtp.to('reader@example.com')).toHaveLength(1)
  })

  test('a subscriber who confirms after publication is not sent old news', async () => {
    const { actor } = await makeUser({ role: 'staff' })
    await subscriber('reader@example.com', ['consultations'])
    const consultation = await makeOpenConsultation(actor)
    const [job] = await alertJobs()
    await db.insert(subscribers).values({ email: 'late@example.com', status: 'confirmed', topics: ['consultations'], token: 'late-token', confirmedAt: new Date(Date.now() + 1000) })
    expect(await sendTopicAlert(job)).toBe(1)
    expect(await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'late@example.com'))).toHaveLength(0)
    expect(job.id).toBe(consultation.id)
  })

  test('the job is queued in the publishing transaction: a publication rolled back leaves no job', async () => {
    await subscriber('reader@example.com', ['consultations'])
    const failed = db.transaction(async (tx) => {
      const c = await createConsultation(tx, null, {
        title: 'Never published',
        summary: 'A summary',
        pages: {},
        nations: ['england'],
        contactEmail: 'team@example.com',
        contactAddress: '',
        opensAt: earlier(),
        closesAt: new Date(Date.now() + 86_400_000),
      })
      const section = await addSection(tx, c.questionnaireId, { title: 'Questions' })
      await addQuestion(tx, c.questionnaireId, section.id, { type: 'short_text', text: 'Anything to add?' })
      await publishConsultation(tx, null, c.id)
      throw new Error('the request failed after publishing')
    })
    await expect(failed).rejects.toThrow('the request failed after publishing')
    expect(await alertJobs()).toHaveLength(0)
  })

  test('with nobody subscribed to the topic, publishing queues no job', async () => {
    await subscriber('pipeline-only@example.com', ['pipeline'])
    await makeOpenConsultation()
    expect(await alertJobs()).toHaveLength(0)
  })
})

describe('pipeline changes', () => {
  test('publishing and each revision email every confirmed subscriber once; drafts email nobody', async () => {
    await withSmtp()
    await subscriber('bids@example.com', ['pipeline'])
    await bystanders('pipeline', 'case_studies')
    const { actor: staff } = await makeUser({ role: 'staff' })

    const notice = await createNotice(staff, noticeInput())
    await updateNotice(staff, notice.id, noticeInput({ reference: notice.reference, title: 'A draft retitled' }))
    expect(await alertJobs()).toHaveLength(0)

    await publishNotice(staff, notice.id)
    let jobs = await alertJobs()
    expect(jobs).toHaveLength(1)
    expect(await sendTopicAlert(jobs[0])).toBe(1)
    await deliverQueued()
    const first = await checkOneEmail('bids@example.com', 'pipeline', /^New pipeline notice: A draft retitled$/, 'Read the notice')
    expect(first.text).toContain(`Reference: ${notice.reference}`)
    expect(first.text).toContain('Estimated value: £2,000,000 to £3,000,000')
    expect(first.text).toContain('Market engagement: January 2027')

    await changeStatus(staff, notice.id, 'market_engagement')
    jobs = await alertJobs()
    expect(jobs).toHaveLength(2)
    expect(jobs[1].id).not.toBe(jobs[0].id)
    expect(await sendTopicAlert(jobs[1])).toBe(1)
    expect(await sendTopicAlert(jobs[1])).toBe(0)
    expect(await sendTopicAlert(jobs[0])).toBe(0)
    await deliverQueued()
    const received = smtp.to('bids@example.com')
    expect(received).toHaveLength(2)
    const update = await smtp.parse(received[1])
    expect(update.subject).toBe('Pipeline notice updated: A draft retitled')
    expect(update.text).toContain('Status changed: Planned → Market engagement')
    expect(headerOf(received[1].raw, 'List-Unsubscribe')).toMatch(/\?topic=pipeline>$/)
    expect(smtp.received.filter((m) => m.to[0] !== 'unconfirmed@example.com').map((m) => m.to[0])).toEqual(['bids@example.com', 'bids@example.com'])
  })
})

describe('new What Works case studies', () => {
  async function author() {
    const org = await makeOrganisation({ name: 'Coastal Skills Trust' })
    const { actor } = await memberOf(org)
    return { org, actor }
  }

  test('a published case study reaches each confirmed subscriber once; a draft or one hidden before the job runs reaches nobody', async () => {
    await withSmtp()
    await subscriber('partnerships@example.com', ['case_studies'])
    await bystanders('case_studies', 'consultations')
    const { org, actor } = await author()
    const { actor: staff } = await makeUser({ role: 'staff' })

    const draft = await createCaseStudy(actor, caseStudyInput(org.id, { title: 'In-work mentoring for ESA claimants' }))
    if (!draft.ok) throw new Error(JSON.stringify(draft.errors))
    expect(await alertJobs()).toHaveLength(0)

    await publishCaseStudy(actor, draft.value.id)
    await publishCaseStudy(actor, draft.value.id)
    const jobs = await alertJobs()
    expect(jobs).toHaveLength(1)
    expect(await sendTopicAlert(jobs[0])).toBe(1)
    expect(await sendTopicAlert(jobs[0])).toBe(0)
    await deliverQueued()
    const { text } = await checkOneEmail('partnerships@example.com', 'case_studies', /^New What Works case study: In-work mentoring for ESA claimants$/, 'Read the case study')
    expect(text).toContain('Posted by: Coastal Skills Trust')
    expect(text).toContain('Period covered: 1 April 2013 to 31 March 2014')

    const second = await createCaseStudy(actor, caseStudyInput(org.id, { title: 'Job clubs in coastal towns' }), { publish: true })
    if (!second.ok) throw new Error(JSON.stringify(second.errors))
    const [, hiddenJob] = await alertJobs()
    expect(hiddenJob).toMatchObject({ kind: 'case_study', id: second.value.id })
    expect((await setHidden(staff, { type: 'case_study', id: second.value.id }, true, 'Reported as inaccurate')).ok).toBe(true)
    expect(await sendTopicAlert(hiddenJob)).toBe(0)
    await deliverQueued()
    expect(smtp.to('partnerships@example.com')).toHaveLength(1)
  })
})

describe('leaving and sharing a send', () => {
  test('unsubscribing from the topic cancels an alert still queued; the other topics stay', async () => {
    await withSmtp()
    const reader = await subscriber('reader@example.com', ['consultations', 'newsletter'])
    await makeOpenConsultation()
    const [job] = await alertJobs()
    expect(await sendTopicAlert(job)).toBe(1)
    expect(await unsubscribe(reader.token, 'consultations')).toBe('unsubscribed')
    await deliverQueued()
    expect(smtp.received).toHaveLength(0)
    const [row] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'reader@example.com'))
    expect(row.status).toBe('cancelled')
    expect((await db.select().from(subscribers).where(eq(subscribers.id, reader.id)))[0].topics).toEqual(['newsletter'])
  })

  test('two runs of one job at once, in small batches, write one delivery per subscriber', async () => {
    for (let i = 0; i < 9; i++) await subscriber(`many-${i}@example.com`, ['consultations'])
    await makeOpenConsultation()
    const [job] = await alertJobs()
    const [a, b] = await Promise.all([sendTopicAlert(job, { batchSize: 2 }), sendTopicAlert(job, { batchSize: 3 })])
    expect(a + b).toBe(9)
    const rows = await db.select({ to: mailDeliveries.toAddress, campaign: mailDeliveries.campaign, priority: mailDeliveries.priority }).from(mailDeliveries)
    expect(new Set(rows.map((r) => r.to)).size).toBe(9)
    expect(rows).toHaveLength(9)
    expect(rows.every((r) => r.campaign?.startsWith('alert:consultations:'))).toBe(true)
    // Each for the mail pump, below transactional email.
    expect(rows.every((r) => r.priority === 0)).toBe(true)
  })
})
