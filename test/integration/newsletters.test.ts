import { spawn, type ChildProcess } from 'node:child_process'
import { RuleError } from '~/lib/result'
import { eq, sql as dsql } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { queueEmail, sendDueMail, useSmtpUrl } from '~/lib/email.server'
import { stopJobs } from '~/lib/jobs.server'
import { richTextFromDocument, validateDocument, RichTextError } from '~/lib/rich-text.server'
import { fromLondon, parseDateInput } from '~/lib/time'
import { createNewsletter, dueNewsletters, getNewsletter, progressOf, startSend, updateNewsletter } from '~/modules/newsletters/newsletters.server'
import { cancelSchedule, scheduleNewsletter, sendNow } from '~/modules/newsletters/scheduling.server'
import { dispatchNewsletter } from '~/modules/newsletters/sending.server'
import { confirmSubscription, recordBounce, subscribe, unsubscribe } from '~/modules/newsletters/subscriptions.server'
import { auditEvents, mailDeliveries, newsletters, subscribers, users } from '~db/schema'
import * as sendRoute from '~/routes/staff.newsletters.$id_.send'
import * as editRoute from '~/routes/staff.newsletters.$id_.edit'
import * as staffNewsletterRoute from '~/routes/staff.newsletters.$id'
import * as staffNewslettersRoute from '~/routes/staff.newsletters._index'
import * as importRoute from '~/routes/staff.newsletters.subscribers.import'
import * as subscribersRoute from '~/routes/staff.newsletters.subscribers._index'
import * as subscribersCsvRoute from '~/routes/staff.newsletters.subscribers[.]csv'
import { noticeFrom } from '../support/notice'
import { call } from '../support/routes'
import { headerOf, startSmtpServer, type TestSmtpServer } from '../support/smtp'
import { makeUser, request } from '../support/users'

afterAll(async () => {
  useSmtpUrl(undefined)
  await stopJobs()
})

let smtp: TestSmtpServer | undefined
afterEach(async () => {
  useSmtpUrl(undefined)
  await smtp?.close()
  smtp = undefined
})

async function draft(title = 'Employment Category Newsletter: spring 2026', blocks: Array<'open_consultations'> = []) {
  const { actor } = await makeUser({ role: 'staff' })
  const body = richTextFromDocument(validateDocument({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'News from the Category.' }] }] }, { images: true }), {
    images: true,
  })
  return createNewsletter({ title, summary: 'What changed this quarter', body, blocks }, actor)
}

/** Puts a newsletter straight into the sending state without the queue, as the start job would. */
async function start(id: string, now = new Date()) {
  await db.update(newsletters).set({ status: 'scheduled', scheduledAt: now }).where(eq(newsletters.id, id))
  expect(await startSend(id, { now })).toBe(true)
}

async function confirmedSubscriber(email: string) {
  const [row] = await db
    .insert(subscribers)
    .values({ email, status: 'confirmed', topics: ['newsletter'], token: `token-${email}`, confirmedAt: new Date() })
    .returning()
  return row
}

function tokenFrom(text: string, path: string) {
  const match = new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(text)
  if (!match) throw new Error(`No ${path} link in ${text}`)
  return match[1]
}

describe('subscriptions', () => {
  test('double opt-in: nothing is sent before the emailed link is followed, and repeats do not flood', async () => {
    expect(await subscribe({ email: 'Supplier@Example.com', topics: ['newsletter'] })).toBe('confirmation_sent')
    expect(await subscribe({ email: 'supplier@example.com', topics: ['pipeline'] })).toBe('confirmation_recently_sent')
    const confirmations = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, 'supplier@example.com'))
    expect(confirmations).toHaveLength(1)
    expect(confirmations[0].subject).toMatch(/Confirm your subscription/)

    const first = await draft()
    await start(first.id)
    expect((await progressOf(first.id)).total).toBe(0)

    const token = tokenFrom(confirmations[0].textBody, '/subscribe/confirm')
    expect(await confirmSubscription('forged-token')).toBeNull()
    const confirmed = await confirmSubscription(token)
    expect(confirmed?.status).toBe('confirmed')
    expect(confirmed?.topics.sort()).toEqual(['newsletter', 'pipeline'])
    expect(await confirmSubscription(token)).toBeNull()

    const second = await draft('Employment Category Newsletter: summer 2026')
    await start(second.id)
    expect((await progressOf(second.id)).total).toBe(1)
  })

  test('a confirmed address asking again gets a reminder, not a second subscription', async () => {
    await confirmedSubscriber('known@example.com')
    expect(await subscribe({ email: 'known@example.com', topics: ['newsletter'] })).toBe('already_subscribed')
    expect(await subscribe({ email: 'known@example.com', topics: ['newsletter'] })).toBe('already_subscribed')
    expect(await db.select().from(mailDeliveries)).toHaveLength(1)
    expect(await db.select().from(subscribers)).toHaveLength(1)
  })

  test('one-click unsubscribe by POST without signing in; GET only asks; forged and used tokens are told apart', async () => {
    const subscriber = await confirmedSubscriber('leaving@example.com')
    const route = await import('~/routes/unsubscribe.$token')
    const path = `/unsubscribe/${subscriber.token}?topic=newsletter`
    const page = await route.loader({ request: request(path), params: { token: subscriber.token }, context: {} } as never)
    expect(page).toMatchObject({ state: 'ask' })
    expect((await db.select().from(subscribers))[0].status).toBe('confirmed')

    const oneClick = new Request(`http://localhost:3000${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    const result = await route.action({ request: oneClick, params: { token: subscriber.token }, context: {} } as never)
    expect(result).toMatchObject({ state: 'done' })
    const [after] = await db.select().from(subscribers)
    expect(after.status).toBe('unsubscribed')
    expect(await unsubscribe(subscriber.token, 'newsletter')).toBe('already_unsubscribed')
    expect(await unsubscribe('forged', 'newsletter')).toBe('not_found')

    const issue = await draft()
    await start(issue.id)
    expect((await progressOf(issue.id)).total).toBe(0)
  })

  test('unsubscribing during a send cancels the copy still waiting', async () => {
    const subscriber = await confirmedSubscriber('midway@example.com')
    const issue = await draft()
    await start(issue.id)
    expect(await unsubscribe(subscriber.token, 'newsletter')).toBe('unsubscribed')
    await dispatchNewsletter(issue.id)
    expect(await progressOf(issue.id)).toMatchObject({ sent: 0, cancelled: 1 })
  })
})

describe('bounces and failures', () => {
  test('a 550 from the mail server marks the address bounced; it gets nothing more', async () => {
    smtp = await startSmtpServer({ reject: (a) => (a === 'gone@example.com' ? { code: 550, message: 'No such user' } : null) })
    useSmtpUrl(smtp.url)
    await confirmedSubscriber('gone@example.com')
    await confirmedSubscriber('here@example.com')
    const issue = await draft()
    await start(issue.id)
    const result = await dispatchNewsletter(issue.id)
    expect(result.done).toBe(true)
    expect(await progressOf(issue.id)).toMatchObject({ sent: 1, bounced: 1 })
    const [gone] = await db.select().from(subscribers).where(eq(subscribers.email, 'gone@example.com'))
    expect(gone.status).toBe('bounced')
    expect((await getNewsletter(issue.id))?.status).toBe('sent')

    const next = await draft('Employment Category Newsletter: autumn 2026')
    await start(next.id)
    expect((await progressOf(next.id)).total).toBe(1)
  })

  test('a bounce reported later (the bounce command) is honoured at once', async () => {
    await confirmedSubscriber('later@example.com')
    const issue = await draft()
    await start(issue.id)
    await dispatchNewsletter(issue.id)
    expect(await recordBounce('Later@example.com', '550 5.1.1 mailbox unavailable')).toBe(true)
    expect(await progressOf(issue.id)).toMatchObject({ sent: 0, bounced: 1 })
    expect((await db.select().from(subscribers))[0].status).toBe('bounced')
  })

  test('a temporary failure is retried after a wait; it is not sent twice', async () => {
    let refuse = true
    smtp = await startSmtpServer({ reject: () => (refuse ? { code: 451, message: 'Try again later' } : null) })
    useSmtpUrl(smtp.url)
    await confirmedSubscriber('busy@example.com')
    const issue = await draft()
    await start(issue.id)
    const first = await dispatchNewsletter(issue.id)
    expect(first.done).toBe(false)
    const [row] = await db
      .select()
      .from(mailDeliveries)
      .where(eq(mailDeliveries.campaign, `newsletter:${issue.id}`))
    expect(row.status).toBe('queued')
    expect(row.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 20_000)
    // Nothing is due yet, so a second pass sends nothing.
    expect((await dispatchNewsletter(issue.id)).sent).toBe(0)
    refuse = false
    await db
      .update(mailDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(mailDeliveries.id, row.id))
    expect(await dispatchNewsletter(issue.id)).toMatchObject({ sent: 1, done: true })
    expect(smtp.to('busy@example.com')).toHaveLength(1)
  })
})

describe('composing and scheduling', () => {
  test('an image without alt text is refused on the compose page, keeping what was typed', async () => {
    const doc = { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://example.org/a.png', alt: '' } }] }
    expect(() => validateDocument(doc, { images: true })).toThrow(RichTextError)
    const { cookie } = await makeUser({ role: 'staff' })
    const route = await import('~/routes/staff.newsletters.new')
    const form = { title: 'Spring issue', summary: '', body: '', 'body-json': JSON.stringify(doc), blocks: 'open_consultations' }
    const result = (await route.action({ request: request('/staff/newsletters/new', { cookie, form }), params: {}, context: {} } as never)) as unknown as {
      init: { status: number }
      data: { errors: Record<string, string>; values: Record<string, string> }
    }
    expect(result.init.status).toBe(400)
    expect(result.data.errors.body).toBe('Every image needs alt text that describes it')
    expect(result.data.values.title).toBe('Spring issue')
    expect(await db.select().from(newsletters)).toHaveLength(0)

    const withAlt = { type: 'doc', content: [{ type: 'image', attrs: { src: 'https://example.org/a.png', alt: 'Providers at the market event' } }] }
    const saved = await route.action({ request: request('/staff/newsletters/new', { cookie, form: { ...form, 'body-json': JSON.stringify(withAlt) } }), params: {}, context: {} } as never)
    expect((saved as Response).status).toBe(302)
    const [row] = await db.select().from(newsletters)
    expect(row.bodyHtml).toContain('alt="Providers at the market event"')
  })

  test('a time entered in London across the clocks going forward is sent at that London time', async () => {
    const issue = await draft()
    const { actor: staff } = await makeUser({ role: 'staff' })
    const parsed = parseDateInput({ 'send-day': '30', 'send-month': '3', 'send-year': '2026', 'send-time': '09:00' }, 'send', 'Send time', { withTime: true })
    if (!parsed.ok) throw new Error(parsed.message)
    expect(parsed.date.toISOString()).toBe('2026-03-30T08:00:00.000Z')
    // Scheduled on 20 March, in GMT, for a time in BST.
    const scheduledOn = new Date('2026-03-20T12:00:00Z')
    await scheduleNewsletter(issue.id, parsed.date, staff, { now: scheduledOn })
    expect(await dueNewsletters(new Date('2026-03-30T07:59:00Z'))).toEqual([])
    expect(await startSend(issue.id, { now: new Date('2026-03-30T07:59:00Z') })).toBe(false)
    expect(await dueNewsletters(new Date('2026-03-30T08:00:00Z'))).toEqual([{ id: issue.id }])
    expect(await startSend(issue.id, { now: new Date('2026-03-30T08:00:00Z') })).toBe(true)
  })

  test('a schedule in the past is refused; a cancelled schedule never sends', async () => {
    await confirmedSubscriber('reader@example.com')
    const issue = await draft()
    const { actor: staff } = await makeUser({ role: 'staff' })
    await expect(scheduleNewsletter(issue.id, new Date(Date.now() - 60_000), staff)).rejects.toThrow(RuleError)
    const at = new Date(Date.now() + 3_600_000)
    await scheduleNewsletter(issue.id, at, staff)
    await cancelSchedule(issue.id, staff)
    expect(await startSend(issue.id, { now: new Date(at.getTime() + 1000) })).toBe(false)
    expect((await getNewsletter(issue.id))?.status).toBe('draft')
    expect(await db.select().from(mailDeliveries)).toHaveLength(0)
  })
})

describe('exactly once', () => {
  test('one delivery row per newsletter and subscriber, enforced by a unique key', async () => {
    const subscriber = await confirmedSubscriber('once@example.com')
    const issue = await draft()
    await start(issue.id)
    expect(await startSend(issue.id)).toBe(false)
    await expect(db.insert(mailDeliveries).values({ idempotencyKey: `newsletter:${issue.id}:${subscriber.id}`, toAddress: 'once@example.com', subject: 'x', textBody: 'x' })).rejects.toThrow()
    expect(await queueEmail({ to: 'once@example.com', subject: 'x', text: 'x', idempotencyKey: `newsletter:${issue.id}:${subscriber.id}` })).toBeNull()
    expect((await progressOf(issue.id)).total).toBe(1)
  })

  test('two workers sharing a send never send one person two copies', async () => {
    smtp = await startSmtpServer()
    useSmtpUrl(smtp.url)
    for (let i = 0; i < 60; i++) await confirmedSubscriber(`pair-${i}@example.com`)
    const issue = await draft()
    await start(issue.id)
    await Promise.all([dispatchNewsletter(issue.id, { ratePerSecond: 7 }), dispatchNewsletter(issue.id, { ratePerSecond: 7 })])
    expect(smtp.received).toHaveLength(60)
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(60)
    const parsed = await smtp.parse(smtp.received[0])
    expect(headerOf(smtp.received[0].raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    expect(headerOf(smtp.received[0].raw, 'List-Unsubscribe')).toMatch(/\/unsubscribe\/token-pair-\d+@example\.com\?topic=newsletter/)
    expect(parsed.text).toContain('News from the Category.')
    expect(parsed.html).toMatch(/<p style="[^"]+">News from the Category.<\/p>/)
    expect(parsed.html).toContain('Commissioning Hub</td>')
  })

  test('a worker killed halfway through a 2,000-subscriber send resumes; everyone gets exactly one copy', { timeout: 180_000 }, async () => {
    smtp = await startSmtpServer()
    const values = Array.from({ length: 2000 }, (_, i) => ({
      email: `reader-${String(i).padStart(4, '0')}@example.com`,
      status: 'confirmed' as const,
      topics: ['newsletter' as const],
      token: `crash-token-${i}`,
      confirmedAt: new Date(),
    }))
    for (let i = 0; i < values.length; i += 500) await db.insert(subscribers).values(values.slice(i, i + 500))
    const issue = await draft()
    await start(issue.id)

    const env = { ...process.env, SMTP_URL: smtp.url, LEASE_SECONDS: '3', RATE: '200', LOG_LEVEL: 'silent' }
    const run = () => spawn(process.execPath, ['--import', 'tsx', 'test/support/newsletter-sender.ts', issue.id], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

    const first = run()
    const firstExit = exited(first)
    while (smtp.received.length < 700) {
      if (first.exitCode !== null) throw new Error('The sender finished before it could be killed')
      await new Promise((r) => setTimeout(r, 10))
    }
    first.kill('SIGKILL')
    await firstExit
    const atKill = smtp.received.length
    expect(atKill).toBeLessThan(2000)
    const midway = await progressOf(issue.id)
    expect(midway.sent).toBeGreaterThan(0)
    expect(midway.sent + midway.sending + midway.queued).toBe(2000)
    // Claimed a few at a time: the dead worker holds only what it had in flight (4 connections).
    expect(midway.sending).toBeLessThanOrEqual(4)

    // The restarted worker waits out the dead worker's leases, then finishes the job.
    const second = run()
    expect(await exited(second)).toBe(0)
    const final = await progressOf(issue.id)
    expect(final).toMatchObject({ sent: 2000, queued: 0, sending: 0, failed: 0 })
    expect((await getNewsletter(issue.id))?.status).toBe('sent')

    const byRecipient = new Map<string, Set<string>>()
    for (const message of smtp.received) {
      for (const to of message.to) {
        if (!byRecipient.has(to)) byRecipient.set(to, new Set())
        byRecipient.get(to)!.add(message.messageId)
      }
    }
    expect(byRecipient.size).toBe(2000)
    // Exactly one message per subscriber. A copy the dead worker had handed
    // to SMTP but not yet marked sent is re-sent with the same Message-ID.
    expect([...byRecipient.values()].every((ids) => ids.size === 1)).toBe(true)
    const resent = smtp.received.length - 2000
    const twice = [...byRecipient.keys()].filter((to) => smtp!.received.filter((m) => m.to.includes(to)).length > 1).length
    console.info(`newsletter kill test: killed after ${atKill} of 2,000 accepted, ${midway.sending} rows left leased, ${twice} recipients got a second copy`)
    expect(twice).toBe(resent)
    expect(resent).toBeGreaterThanOrEqual(0)
    expect(resent).toBeLessThanOrEqual(midway.sending)
    const [{ n }] = [...(await db.execute<{ n: number }>(dsql`select count(distinct to_address)::int as n from mail_deliveries where campaign = ${`newsletter:${issue.id}`}`))]
    expect(n).toBe(2000)
  })
})

describe('transactional email', () => {
  test('a delivery a dead worker left sending is taken by the pump and sent once its lease runs out', async () => {
    const id = await queueEmail({ to: 'person@example.com', subject: 'Your receipt', text: 'Thank you', idempotencyKey: 'receipt:1' })
    await db
      .update(mailDeliveries)
      .set({ status: 'sending', leaseExpiresAt: new Date(Date.now() + 60_000) })
      .where(eq(mailDeliveries.id, id!))
    expect(await sendDueMail()).toEqual([])
    await db
      .update(mailDeliveries)
      .set({ leaseExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(mailDeliveries.id, id!))
    expect(await sendDueMail()).toEqual(['sent'])
    expect(await sendDueMail()).toEqual([])
    const [row] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.id, id!))
    expect(row).toMatchObject({ status: 'sent', attempts: 1 })
  })
})

describe('personal data', () => {
  test('a member sees their subscription on their account, gets it in their data download, and it is erased with the account', async () => {
    const { user, cookie } = await makeUser()
    await subscribe({ email: user.email, topics: ['newsletter'], userId: user.id })
    const route = await import('~/routes/account.subscriptions')
    const page = await route.loader({ request: request('/account/subscriptions', { cookie }), params: {}, context: {} } as never)
    expect(page).toMatchObject({ found: true, status: 'pending', email: user.email })

    const { exportPersonalData, eraseHooks } = await import('~/modules/accounts/personal-data.server')
    const data = (await exportPersonalData(user.id)) as Record<string, unknown>
    expect(data.emailSubscriptions).toMatchObject([{ email: user.email, status: 'pending', topics: ['newsletter'] }])
    expect(JSON.stringify(data.emailSubscriptions)).toContain('Confirm your subscription')

    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    await db.transaction(async (tx) => {
      for (const erase of await eraseHooks()) await erase(tx, row)
    })
    expect(await db.select().from(subscribers)).toHaveLength(0)
    expect(await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, user.email))).toHaveLength(0)
  })
})

describe('two staff at once', () => {
  const form = (cookie: string, fields: Record<string, string> = {}) => ({ cookie, form: fields })

  test('"Send now" asks first, naming the topic and how many people get it; a colleague’s change since is caught; a double click sends once', async () => {
    await confirmedSubscriber('first@example.com')
    const issue = await draft()
    const sender = await makeUser({ role: 'staff', name: 'Sender' })
    const editor = await makeUser({ role: 'staff', name: 'Editor' })
    const at = `/staff/newsletters/${issue.id}/send`
    const one = await call(sendRoute.loader, request(at, { cookie: sender.cookie }), { id: issue.id })
    expect(one.data).toMatchObject({ topic: 'The quarterly Employment Category Newsletter', recipients: '1 confirmed subscriber' })
    await confirmedSubscriber('second@example.com')
    await db.insert(subscribers).values({ email: 'pending@example.com', status: 'pending', topics: ['newsletter'], token: 'token-pending' })
    await db.insert(subscribers).values({ email: 'alerts@example.com', status: 'confirmed', topics: ['pipeline'], token: 'token-alerts' })
    const page = await call(sendRoute.loader, request(at, { cookie: sender.cookie }), { id: issue.id })
    expect(page.data.recipients).toBe('2 confirmed subscribers')

    // The editor saves a change while the sender is looking at the confirmation: nothing goes, and the sender is told.
    const body = richTextFromDocument(validateDocument({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Corrected news.' }] }] }, { images: true }), { images: true })
    await updateNewsletter(issue.id, { title: issue.title, summary: 'Corrected summary', body, blocks: [] }, editor.user)
    const stale = await call(sendRoute.action, request(at, form(sender.cookie, { version: page.data.version })), { id: issue.id })
    expect(stale.status).toBe(409)
    expect(stale.data.errors.version).toMatch(/^Someone changed this newsletter at \d{1,2}(:\d\d)?(am|pm), after you opened this page/)
    expect((await getNewsletter(issue.id))?.status).toBe('draft')
    expect(await db.select().from(mailDeliveries)).toHaveLength(0)

    // Looking again and confirming sends; a second click a moment later sends nothing more.
    const again = await call(sendRoute.loader, request(at, { cookie: sender.cookie }), { id: issue.id })
    const [first, second] = await Promise.all([
      call(sendRoute.action, request(at, form(sender.cookie, { version: again.data.version })), { id: issue.id }),
      call(sendRoute.action, request(at, form(sender.cookie, { version: again.data.version })), { id: issue.id }),
    ])
    expect([first.location, second.location]).toEqual([`/staff/newsletters/${issue.id}`, `/staff/newsletters/${issue.id}`])
    const notices = [await noticeFrom(first.headers), await noticeFrom(second.headers)].sort()
    expect(notices).toEqual(['The newsletter is being sent.', 'This newsletter was already being sent. Each subscriber gets it once.'])
    const sent = await db.select().from(mailDeliveries)
    expect(sent.map((d) => d.toAddress).sort()).toEqual(['first@example.com', 'second@example.com'])
    // The summary is each email's preheader.
    expect(sent[0].htmlBody).toContain('<div style="display: none; max-height: 0; overflow: hidden">Corrected summary</div>')
    // Once sent, the confirmation page goes back to the newsletter.
    expect((await call(sendRoute.loader, request(at, { cookie: sender.cookie }), { id: issue.id })).location).toBe(`/staff/newsletters/${issue.id}`)
  })

  test('a second click that read the clock before the first one but got the lock after it is told the issue is already going out', async () => {
    await confirmedSubscriber('once@example.com')
    const issue = await draft()
    const version = issue.updatedAt.toISOString()
    const clickedFirst = new Date(Date.now() - 1000)
    // Where the first click leaves the issue between its commit and the job starting.
    await db.update(newsletters).set({ status: 'scheduled', scheduledAt: new Date() }).where(eq(newsletters.id, issue.id))
    await expect(sendNow(issue.id, (await makeUser({ role: 'staff' })).actor, { seenVersion: version, now: clickedFirst })).rejects.toMatchObject({ code: 'already_sent' })
  })

  test('the editor of an issue sent meanwhile is told it has been sent, sees what they typed, and its edit address says so too', async () => {
    await confirmedSubscriber('reader@example.com')
    const issue = await draft()
    const editor = await makeUser({ role: 'staff', name: 'Editor' })
    const at = `/staff/newsletters/${issue.id}/edit`
    expect((await call(editRoute.loader, request(at, { cookie: editor.cookie }), { id: issue.id })).data.sentAt).toBeNull()
    await sendNow(issue.id, (await makeUser({ role: 'staff' })).actor)
    const saved = await call(editRoute.action, request(at, form(editor.cookie, { title: 'A late change', summary: 'Late', body: 'Late words', blocks: '' })), { id: issue.id })
    expect(saved.status).toBe(400)
    expect(saved.data.values).toMatchObject({ title: 'A late change', body: 'Late words' })
    expect((await getNewsletter(issue.id))?.title).toBe(issue.title)
    const page = await call(editRoute.loader, request(at, { cookie: editor.cookie }), { id: issue.id })
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ slug: issue.slug, sentAt: expect.any(String) })
  })

  test('cancelling races the scheduled start: whichever commits first wins, and nothing is half done', async () => {
    await confirmedSubscriber('race@example.com')
    const { actor: staff } = await makeUser({ role: 'staff' })
    // Cancel first: the start finds nothing due.
    const early = await draft('Cancelled in time')
    const at = new Date(Date.now() + 60_000)
    await scheduleNewsletter(early.id, at, staff)
    await cancelSchedule(early.id, staff)
    expect(await startSend(early.id, { now: new Date(at.getTime() + 1) })).toBe(false)
    // Start first: the cancel is refused with the reason and the send carries on.
    const late = await draft('Cancelled too late')
    await scheduleNewsletter(late.id, at, staff)
    expect(await startSend(late.id, { now: new Date(at.getTime() + 1) })).toBe(true)
    await expect(cancelSchedule(late.id, staff)).rejects.toThrow('Only a scheduled newsletter can be cancelled; this one has already started sending')
    // At the same moment: exactly one of them happens.
    const both = await draft('Cancelled at the same moment')
    await scheduleNewsletter(both.id, at, staff)
    const [started, cancelled] = await Promise.allSettled([startSend(both.id, { now: new Date(at.getTime() + 1) }), cancelSchedule(both.id, staff)])
    const startWon = started.status === 'fulfilled' && started.value === true
    expect(startWon).toBe(cancelled.status === 'rejected')
    expect((await getNewsletter(both.id))?.status).toBe(startWon ? 'sending' : 'draft')
    const copies = await db
      .select()
      .from(mailDeliveries)
      .where(eq(mailDeliveries.campaign, `newsletter:${both.id}`))
    expect(copies).toHaveLength(startWon ? 1 : 0)
  })
})

describe('a scheduled issue', () => {
  const form = (cookie: string, fields: Record<string, string> = {}) => ({ cookie, form: fields })

  test('its page and the list say when it goes; two staff cancelling are both told it is done; sent now instead, it can no longer be cancelled', async () => {
    const issue = await draft('Spring issue')
    const one = await makeUser({ role: 'staff', name: 'One' })
    const two = await makeUser({ role: 'staff', name: 'Two' })
    const year = new Date().getFullYear() + 1
    await scheduleNewsletter(issue.id, fromLondon(year, 3, 5, 9), one.user)
    const at = `/staff/newsletters/${issue.id}`
    const page = async () => (await call(staffNewsletterRoute.loader, request(at, { cookie: two.cookie }), { id: issue.id })).data
    const listed = async () => (await call(staffNewslettersRoute.loader, request('/staff/newsletters', { cookie: two.cookie }))).data.newsletters.find((n: { id: string }) => n.id === issue.id)
    expect((await page()).scheduled).toBe(`Scheduled to send on 5 March ${year} at 9am`)
    expect(await listed()).toMatchObject({ status: 'scheduled', when: `Scheduled to send on 5 March ${year} at 9am`, recipients: null })

    // Both have the page open and press "Cancel the schedule": the first cancels it, the second is told it already was.
    const [first, second] = [
      await call(staffNewsletterRoute.action, request(at, form(one.cookie, { intent: 'cancel' })), { id: issue.id }),
      await call(staffNewsletterRoute.action, request(at, form(two.cookie, { intent: 'cancel' })), { id: issue.id }),
    ]
    expect(await noticeFrom(first.headers)).toBe('The schedule has been cancelled. The newsletter is a draft again.')
    expect(await noticeFrom(second.headers)).toBe('The schedule had already been cancelled. The newsletter is a draft.')
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'newsletter.cancel'))).toHaveLength(1)
    expect((await page()).scheduled).toBeNull()
    expect(await listed()).toMatchObject({ status: 'draft', when: 'Not scheduled' })

    // Scheduled again, then sent now instead: a colleague's cancel from a page opened earlier is refused with the reason.
    await scheduleNewsletter(issue.id, fromLondon(year, 3, 5, 9), one.user)
    const confirm = await call(sendRoute.loader, request(`${at}/send`, { cookie: two.cookie }), { id: issue.id })
    await call(sendRoute.action, request(`${at}/send`, form(two.cookie, { version: confirm.data.version })), { id: issue.id })
    const late = await call(staffNewsletterRoute.action, request(at, form(one.cookie, { intent: 'cancel' })), { id: issue.id })
    expect(late.status).toBe(400)
    expect(late.data.errors.intent).toBe('Only a scheduled newsletter can be cancelled; this one has already started sending')
    expect((await listed()).when).toMatch(/^Sent on \d{1,2} \w+ \d{4} at \d{1,2}(:\d\d)?(am|pm)$|^Sent on .* at (midday|midnight)$/)
  })
})

describe('the subscriber list', () => {
  const csvFile = (text: string) => {
    const body = new FormData()
    body.set('file', new File([text], 'people.csv', { type: 'text/csv' }))
    return body
  }
  async function importing(cookie: string, csv: string, consent = 'Ticked the box on the Provider Forum sign-up sheet, 12 March 2026') {
    const body = csvFile(csv)
    body.set('consent', consent)
    body.set('confirmed', 'yes')
    return call(importRoute.action, new Request('http://localhost:3000/staff/newsletters/subscribers/import', { method: 'POST', headers: { Cookie: cookie }, body }))
  }

  test('a CSV of confirmed subscribers is imported with its consent; bad rows are each named and nothing is half imported; importing again adds nothing', async () => {
    const { user, cookie } = await makeUser({ role: 'staff' })
    await db.insert(subscribers).values({ email: 'left@example.com', status: 'unsubscribed', topics: [], token: 't-left', unsubscribedAt: new Date('2026-01-05T12:00:00Z') })
    await confirmedSubscriber('already@example.com')

    const bad = await importing(
      cookie,
      'Email,Topics\r\nnew.person@example.org,newsletter; pipeline\r\nnot-an-address,\r\nleft@example.com,\r\n,newsletter\r\nNEW.person@example.org,\r\nok@example.org,gossip\r\n',
    )
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({
      file: 'Nothing was imported. Correct 5 rows and import the file again',
      'row-3': 'Row 3: “not-an-address” is not an email address',
      'row-4': 'Row 4: left@example.com unsubscribed on 5 January 2026; an import cannot subscribe them again',
      'row-5': 'Row 5: the email address is missing',
      'row-6': 'Row 6: new.person@example.org is also on row 2',
      'row-7': 'Row 7: “gossip” is not a topic; use newsletter, consultations, pipeline, case_studies',
    })
    expect(bad.data.values.consent).toMatch(/^Ticked the box/)
    expect(await db.select().from(subscribers).where(eq(subscribers.email, 'new.person@example.org'))).toHaveLength(0)

    const missing = await call(
      importRoute.action,
      new Request('http://localhost:3000/staff/newsletters/subscribers/import', { method: 'POST', headers: { Cookie: cookie }, body: csvFile('email\na@example.org\n') }),
    )
    expect(missing.data.errors).toEqual({ consent: 'Enter how the people in the file agreed to get these emails', confirmed: 'Confirm that everyone in the file agreed to get these emails' })

    const file = 'email,topics\nnew.person@example.org,newsletter; pipeline\n"second@example.org",The quarterly Employment Category Newsletter\nalready@example.com,\n'
    const good = await importing(cookie, file, '=HYPERLINK("http://evil.example","Signed up at the forum")')
    expect(good.location).toBe('/staff/newsletters/subscribers')
    expect(await noticeFrom(good.headers)).toBe('Import finished: 2 subscribers added; 1 address already subscribed, so left as they were.')
    const [added] = await db.select().from(subscribers).where(eq(subscribers.email, 'new.person@example.org'))
    expect(added).toMatchObject({ status: 'confirmed', topics: ['newsletter', 'pipeline'], importedById: user.id, consentSource: '=HYPERLINK("http://evil.example","Signed up at the forum")' })
    const again = await importing(cookie, file)
    expect(await noticeFrom(again.headers)).toBe('Import finished: 0 subscribers added; 3 addresses already subscribed, so left as they were.')
    expect(await db.select().from(subscribers)).toHaveLength(4)
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, 'subscriber.import'))
    expect(audits).toHaveLength(2)
    // No confirmation email: they agreed elsewhere, and that agreement is what is recorded.
    expect(await db.select().from(mailDeliveries)).toHaveLength(0)

    // Staff find them, with their topics and status, and download the list with the formula made harmless.
    const list = await call(subscribersRoute.loader, request('/staff/newsletters/subscribers?q=example.org&status=confirmed&topic=pipeline', { cookie }))
    expect(list.data.total).toBe('1 subscriber')
    expect(list.data.rows[0]).toMatchObject({ email: 'new.person@example.org', status: 'confirmed', topics: ['The quarterly Employment Category Newsletter', 'Changes to the commercial pipeline'] })
    expect((await call(subscribersRoute.loader, request('/staff/newsletters/subscribers?status=unsubscribed', { cookie }))).data.rows.map((r: { email: string }) => r.email)).toEqual([
      'left@example.com',
    ])
    const csv = await call(subscribersCsvRoute.loader, request('/staff/newsletters/subscribers.csv?q=new.person', { cookie }))
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    const lines = csv.text.split('\r\n')
    expect(lines[0]).toBe('Email address,Status,Topics,Subscribed,Confirmed,Unsubscribed,Bounced,Imported,Consent recorded at import')
    expect(lines[1]).toMatch(
      /^new\.person@example\.org,Confirmed,The quarterly Employment Category Newsletter; Changes to the commercial pipeline,.*,"'=HYPERLINK\(""http:\/\/evil\.example"",""Signed up at the forum""\)"$/,
    )
    expect(lines).toHaveLength(3)
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'subscriber.list.export'))).toHaveLength(1)
  })
})

describe('demo content', () => {
  test('each sent demo issue records the copies it sent, so its page reads as a finished send to its subscribers', async () => {
    const { seedAccounts } = await import('../../db/seed/accounts')
    const { seedNewsletters } = await import('../../db/seed/newsletters')
    await seedNewsletters(await seedAccounts())
    const { cookie } = await makeUser({ role: 'staff' })
    const [{ n: confirmed }] = await db.execute<{ n: number }>(dsql`select count(*)::int as n from subscribers where status = 'confirmed' and 'newsletter' = any(topics)`)
    const issues = await db.select().from(newsletters)
    expect(issues.length).toBeGreaterThan(0)
    for (const issue of issues) {
      expect(issue.recipientCount).toBe(confirmed)
      const page = await call(staffNewsletterRoute.loader, request(`/staff/newsletters/${issue.id}`, { cookie }), { id: issue.id })
      expect(page.data.progress).toEqual({ queued: 0, sending: 0, sent: confirmed, failed: 0, bounced: 0, cancelled: 0, total: confirmed })
    }
    // Each copy went to a confirmed subscriber with their own unsubscribe link.
    const copies = await db
      .select()
      .from(mailDeliveries)
      .where(eq(mailDeliveries.campaign, `newsletter:${issues[0].id}`))
    const [someone] = await db.select().from(subscribers).where(eq(subscribers.email, copies[0].toAddress))
    expect(someone.status).toBe('confirmed')
    expect(copies[0].textBody).toContain(`/unsubscribe/${someone.token}`)
  })
})
