import { and, desc, eq, inArray, lt, lte, ne, sql as dsql } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { slugify } from '~/lib/slug'
import { recordAudit } from '~/lib/audit.server'
import { config } from '~/lib/config.server'
import { db } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import type { RichText } from '~/lib/rich-text.server'
import { newsletters, type Newsletter, type NewsletterBlock } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { renderBlocks } from './blocks.server'
import { emailHtml, emailText, renderIssue, TOKEN_PLACEHOLDER } from './render.server'
import { isUuid } from '~/lib/ids'
import { RuleError } from '~/lib/result'

export type NewsletterInput = { title: string; summary: string; body: RichText; blocks: NewsletterBlock[] }

async function uniqueSlug(title: string, exceptId?: string) {
  const base = slugify(title, 'newsletter')
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`
    const [clash] = await db.select({ id: newsletters.id }).from(newsletters).where(eq(newsletters.slug, slug))
    if (!clash || clash.id === exceptId) return slug
  }
}

export async function createNewsletter(input: NewsletterInput, actor: Actor): Promise<Newsletter> {
  const slug = await uniqueSlug(input.title)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(newsletters)
      .values({ slug, title: input.title, summary: input.summary, bodyJson: input.body.json, bodyHtml: input.body.html, bodyText: input.body.text, blocks: input.blocks, createdById: actor.id })
      .returning()
    await recordAudit(tx, { actor, action: 'newsletter.create', subjectType: 'newsletter', subjectId: row.id, after: { title: row.title } })
    return row
  })
}

export const EDITABLE = ['draft', 'scheduled'] as const

export async function updateNewsletter(id: string, input: NewsletterInput, actor: Actor): Promise<Newsletter> {
  const before = await getNewsletter(id)
  if (!before) throw new RuleError('Newsletter not found')
  if (!(EDITABLE as readonly string[]).includes(before.status)) throw new RuleError('A newsletter that has been sent cannot be changed')
  const slug = await uniqueSlug(input.title, id)
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(newsletters)
      .set({ slug, title: input.title, summary: input.summary, bodyJson: input.body.json, bodyHtml: input.body.html, bodyText: input.body.text, blocks: input.blocks })
      .where(and(eq(newsletters.id, id), inArray(newsletters.status, [...EDITABLE])))
      .returning()
    if (!row) throw new RuleError('A newsletter that has been sent cannot be changed')
    await recordAudit(tx, { actor, action: 'newsletter.update', subjectType: 'newsletter', subjectId: id, before: { title: before.title }, after: { title: row.title } })
    return row
  })
}

export async function getNewsletter(id: string): Promise<Newsletter | null> {
  if (!isUuid(id)) return null
  const [row] = await db.select().from(newsletters).where(eq(newsletters.id, id))
  return row ?? null
}

export async function listNewsletters() {
  return db
    .select()
    .from(newsletters)
    .orderBy(desc(dsql`coalesce(${newsletters.sentAt}, ${newsletters.scheduledAt}, ${newsletters.createdAt})`))
}

/** Issues that have gone out, newest first: the public archive. */
export async function listSentNewsletters(limit = 100) {
  return db
    .select()
    .from(newsletters)
    .where(inArray(newsletters.status, ['sending', 'sent']))
    .orderBy(desc(newsletters.sentAt))
    .limit(limit)
}

export async function getSentNewsletter(slug: string): Promise<Newsletter | null> {
  const [row] = await db
    .select()
    .from(newsletters)
    .where(and(eq(newsletters.slug, slug), inArray(newsletters.status, ['sending', 'sent'])))
  return row ?? null
}

/** When the previous issue went out: "since the last issue" starts there. */
async function previousIssueDate(before: Date, exceptId: string): Promise<Date | null> {
  const [row] = await db
    .select({ sentAt: newsletters.sentAt })
    .from(newsletters)
    .where(and(inArray(newsletters.status, ['sending', 'sent']), lt(newsletters.sentAt, before), ne(newsletters.id, exceptId)))
    .orderBy(desc(newsletters.sentAt))
    .limit(1)
  return row?.sentAt ?? null
}

/**
 * The issue as it would go out now: a sent issue shows what was frozen when
 * it went; a draft renders its live blocks afresh.
 */
export async function issueFor(newsletter: Newsletter, { now = new Date() } = {}) {
  if (newsletter.issueHtml !== null && newsletter.issueText !== null) return { html: newsletter.issueHtml, text: newsletter.issueText }
  const since = await previousIssueDate(now, newsletter.id)
  const blocks = await renderBlocks(newsletter.blocks, { now, since })
  return renderIssue(newsletter, blocks)
}

export async function previewEmail(newsletter: Newsletter, { now = new Date() } = {}) {
  const issue = await issueFor(newsletter, { now })
  const full = { title: newsletter.title, summary: newsletter.summary, slug: newsletter.slug, sentAt: newsletter.sentAt ?? now, ...issue }
  return { web: issue, html: emailHtml(full, null), text: emailText(full, null) }
}

/** A copy to the staff member, marked as a test; it is never counted as the issue going out. */
export async function sendTest(newsletter: Newsletter, actor: Actor, { now = new Date() } = {}) {
  const email = await previewEmail(newsletter, { now })
  await queueEmail({
    to: actor.email,
    subject: `[Test] ${newsletter.title}`,
    text: email.text,
    html: email.html,
    idempotencyKey: `newsletter-test:${newsletter.id}:${actor.id}:${now.getTime()}`,
  })
}

export const campaignFor = (newsletterId: string) => `newsletter:${newsletterId}`

/**
 * Freezes the issue and writes one delivery row per confirmed subscriber in
 * one statement. The rows' idempotency key `newsletter:<id>:<subscriberId>`
 * is unique, so running this twice never makes a second copy. Returns false
 * when the newsletter is not due (cancelled, already started, or later).
 */
export async function startSend(id: string, { now = new Date() } = {}): Promise<boolean> {
  const newsletter = await getNewsletter(id)
  if (!newsletter || newsletter.status !== 'scheduled' || !newsletter.scheduledAt || newsletter.scheduledAt > now) return false
  // Rendered before the transaction: a block whose table is missing must not abort it.
  const issue = await issueFor({ ...newsletter, issueHtml: null, issueText: null }, { now })
  return db.transaction(async (tx) => {
    const [locked] = await tx
      .update(newsletters)
      .set({ status: 'sending', sentAt: now, issueHtml: issue.html, issueText: issue.text })
      .where(and(eq(newsletters.id, id), eq(newsletters.status, 'scheduled'), lte(newsletters.scheduledAt, now)))
      .returning()
    if (!locked) return false
    const full = { title: locked.title, summary: locked.summary, slug: locked.slug, sentAt: now, ...issue }
    const html = emailHtml(full, TOKEN_PLACEHOLDER)
    const text = emailText(full, TOKEN_PLACEHOLDER)
    const app = config().APP_URL
    const inserted = await tx.execute(dsql`
      insert into mail_deliveries (idempotency_key, to_address, subject, text_body, html_body, headers, campaign)
      select 'newsletter:' || ${id} || ':' || s.id, s.email, ${locked.title},
        replace(${text}, ${TOKEN_PLACEHOLDER}, s.token), replace(${html}, ${TOKEN_PLACEHOLDER}, s.token),
        jsonb_build_object('List-Unsubscribe', '<' || ${app + '/unsubscribe/'} || s.token || '?topic=newsletter>',
          'List-Unsubscribe-Post', 'List-Unsubscribe=One-Click', 'List-Id', 'Employment Category Newsletter <newsletter.commissioning-hub>'),
        ${campaignFor(id)}
      from subscribers s
      where s.status = 'confirmed' and 'newsletter' = any(s.topics)
      order by s.created_at, s.id
      on conflict (idempotency_key) do nothing`)
    await tx
      .update(newsletters)
      .set({ recipientCount: inserted.count ?? 0 })
      .where(eq(newsletters.id, id))
    await queueIndexing(tx, 'newsletters', id)
    await recordAudit(tx, { actor: null, action: 'newsletter.publish', subjectType: 'newsletter', subjectId: id, after: { recipients: inserted.count ?? 0 } })
    return true
  })
}

/** Scheduled issues that have fallen due. */
export async function dueNewsletters(now = new Date()) {
  return db
    .select({ id: newsletters.id })
    .from(newsletters)
    .where(and(eq(newsletters.status, 'scheduled'), lte(newsletters.scheduledAt, now)))
}

/**
 * Sends that nobody is working on: rows left by a worker whose lease ran
 * out, or due rows untouched for two minutes.
 */
export async function stalledNewsletters(): Promise<Array<{ id: string }>> {
  return [
    ...(await db.execute<{ id: string }>(dsql`
      select n.id from newsletters n
      where n.status = 'sending' and exists (
        select 1 from mail_deliveries d where d.campaign = 'newsletter:' || n.id
          and ((d.status = 'sending' and d.lease_expires_at < now())
            or (d.status = 'queued' and coalesce(d.next_attempt_at, d.updated_at) < now() - interval '2 minutes')))`)),
  ]
}

export type Progress = { queued: number; sending: number; sent: number; failed: number; bounced: number; cancelled: number; total: number }

export async function progressOf(newsletterId: string): Promise<Progress> {
  const rows = [
    ...(await db.execute<{ status: string; n: number }>(dsql`
      select status::text, count(*)::int as n from mail_deliveries where campaign = ${campaignFor(newsletterId)} group by status`)),
  ]
  const p: Progress = { queued: 0, sending: 0, sent: 0, failed: 0, bounced: 0, cancelled: 0, total: 0 }
  for (const r of rows) {
    p[r.status as keyof Omit<Progress, 'total'>] = r.n
    p.total += r.n
  }
  return p
}
