import { and, asc, eq, gt, isNotNull, isNull, lte, sql as dsql } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { emailDocument } from '~/lib/email-layout.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { BULK_PRIORITY, queueEmails } from '~/lib/email.server'
import { defineJob, inTransaction } from '~/lib/jobs.server'
import { logger } from '~/lib/logger.server'
import { formatDate, formatDateTime } from '~/lib/time'
import { formatKeyDate, formatValueRange, KEY_DATES, STATUS_LABELS } from '~/modules/pipeline/model'
import { caseStudies, consultations, organisations, pipelineNotices, pipelineRevisions, subscribers, type SubscriptionTopic } from '~db/schema'
import { escapeHtml, footerHtml, footerText } from './render.server'
import { listUnsubscribeHeaders } from './subscriptions.server'
import { campaignPrefix } from './topics'
import { caseStudyPath, consultationPath, noticePath } from '~/lib/paths'

/**
 * Something that became public and that one topic's subscribers hear about.
 * A pipeline event is a revision, so each change to a notice is news again;
 * the other two are the content itself, so publishing it twice is not.
 */
export type TopicEvent = { kind: 'consultation'; id: string } | { kind: 'pipeline_revision'; id: string } | { kind: 'case_study'; id: string }

type AlertJob = TopicEvent & { at: string }

const TOPIC_OF: Record<TopicEvent['kind'], Exclude<SubscriptionTopic, 'newsletter'>> = {
  consultation: 'consultations',
  pipeline_revision: 'pipeline',
  case_study: 'case_studies',
}

/** Delivery rows written per transaction. */
export const ALERT_BATCH_SIZE = 500

const confirmedFor = (topic: SubscriptionTopic, at: Date) => and(eq(subscribers.status, 'confirmed'), dsql`${topic}::subscription_topic = any(${subscribers.topics})`, lte(subscribers.confirmedAt, at))

export const topicAlertJob = defineJob<AlertJob>({
  name: 'newsletters.topic-alert',
  handler: async (job) => {
    await sendTopicAlert(job)
  },
})

/**
 * Called by the publishing modules inside the transaction that made the
 * content public. It only queues one job, which commits or rolls back with
 * the publication; the job writes the emails. With nobody subscribed to the
 * topic there is no job (and the demo seed, which publishes before it adds
 * subscribers, never starts the queue).
 */
export async function queueTopicAlert(tx: DbOrTx, event: TopicEvent, { now = new Date() }: { now?: Date } = {}) {
  const [anyone] = await tx.select({ id: subscribers.id }).from(subscribers).where(confirmedFor(TOPIC_OF[event.kind], now)).limit(1)
  if (!anyone) return false
  await topicAlertJob.send({ ...event, at: now.toISOString() }, { db: inTransaction(tx), priority: BULK_PRIORITY })
  return true
}

type Alert = { subject: string; heading: string; summary: string; facts: string[]; url: string; linkText: string }

const absolute = (path: string) => new URL(path, config().APP_URL).toString()

/** The email's content, read when the job runs; null when the content is not (or no longer) public. */
async function describe(event: TopicEvent): Promise<Alert | null> {
  if (event.kind === 'consultation') {
    const [c] = await db
      .select()
      .from(consultations)
      .where(and(eq(consultations.id, event.id), eq(consultations.status, 'published')))
    if (!c) return null
    return {
      subject: `New consultation: ${c.title}`,
      heading: c.title,
      summary: c.summary,
      facts: [`Opens: ${formatDateTime(c.opensAt)}`, `Closes: ${formatDateTime(c.closesAt)}`],
      url: absolute(consultationPath(c.slug)),
      linkText: c.opensAt > new Date() ? 'Read about the consultation' : 'Read the consultation and respond',
    }
  }
  if (event.kind === 'pipeline_revision') {
    const [row] = await db
      .select({ notice: pipelineNotices, revision: pipelineRevisions })
      .from(pipelineRevisions)
      .innerJoin(pipelineNotices, eq(pipelineRevisions.noticeId, pipelineNotices.id))
      .where(and(eq(pipelineRevisions.id, event.id), isNotNull(pipelineNotices.publishedAt)))
    if (!row) return null
    const { notice, revision } = row
    const isNew = revision.kind === 'published'
    const keyDates = KEY_DATES.flatMap(({ field, label }) => {
      const date = notice[`${field}Date`]
      return date ? [`${label}: ${formatKeyDate(date, notice[`${field}Precision`])}`] : []
    })
    return {
      subject: isNew ? `New pipeline notice: ${notice.title}` : `Pipeline notice updated: ${notice.title}`,
      heading: notice.title,
      summary: notice.summary,
      facts: isNew
        ? [`Reference: ${notice.reference}`, `Status: ${STATUS_LABELS[notice.status]}`, `Estimated value: ${formatValueRange(notice.valueMinPence, notice.valueMaxPence)}`, ...keyDates]
        : [`Reference: ${notice.reference}`, ...revision.changes.map((c) => `${c.label} changed: ${c.from} → ${c.to}`)],
      url: absolute(noticePath(notice.slug)),
      linkText: 'Read the notice',
    }
  }
  const [row] = await db
    .select({ cs: caseStudies, organisation: organisations.name })
    .from(caseStudies)
    .innerJoin(organisations, eq(caseStudies.organisationId, organisations.id))
    .where(and(eq(caseStudies.id, event.id), eq(caseStudies.status, 'published'), isNull(caseStudies.hiddenAt)))
  if (!row) return null
  const { cs, organisation } = row
  return {
    subject: `New What Works case study: ${cs.title}`,
    heading: cs.title,
    summary: cs.summary,
    facts: [`Posted by: ${organisation}`, `Programme: ${cs.programme}`, `Period covered: ${formatDate(cs.periodFrom)} to ${formatDate(cs.periodTo)}`],
    url: absolute(caseStudyPath(cs.slug)),
    linkText: 'Read the case study',
  }
}

export function alertHtml(alert: Alert, topic: SubscriptionTopic, token: string) {
  return emailDocument({
    subject: alert.subject,
    preheader: alert.summary,
    bodyHtml: `<h1>${escapeHtml(alert.heading)}</h1>
<p>${escapeHtml(alert.summary)}</p>
<ul>${alert.facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>
<p><a href="${escapeHtml(alert.url)}">${escapeHtml(alert.linkText)}</a></p>
${footerHtml(token, topic)}`,
  })
}

export function alertText(alert: Alert, topic: SubscriptionTopic, token: string) {
  return [alert.heading, alert.summary, alert.facts.join('\n'), `${alert.linkText}: ${alert.url}`, footerText(token, topic)].filter(Boolean).join('\n\n')
}

const eventKey = (event: TopicEvent) => `${event.kind}:${event.id}`

/**
 * The job: one delivery row per subscriber who was confirmed for the topic
 * when the content was published, written in batches, each batch in one
 * transaction at the bulk priority, for the mail pump. The key
 * `topic-alert:<event>:<subscriberId>` is unique, so a retried or crashed
 * job skips everyone it already wrote and never emails anyone twice.
 * Returns the number of deliveries it queued.
 */
export async function sendTopicAlert(job: AlertJob, { batchSize = ALERT_BATCH_SIZE }: { batchSize?: number } = {}): Promise<number> {
  const event: TopicEvent = { kind: job.kind, id: job.id } as TopicEvent
  const alert = await describe(event)
  if (!alert) {
    logger.info({ event }, 'topic alert skipped: the content is not public')
    return 0
  }
  const topic = TOPIC_OF[event.kind]
  const at = new Date(job.at)
  let queued = 0
  let after: string | null = null
  for (;;) {
    const batch: Array<{ id: string; email: string; token: string }> = await db
      .select({ id: subscribers.id, email: subscribers.email, token: subscribers.token })
      .from(subscribers)
      .where(and(confirmedFor(topic, at), after ? gt(subscribers.id, after) : undefined))
      .orderBy(asc(subscribers.id))
      .limit(batchSize)
    if (!batch.length) break
    after = batch[batch.length - 1].id
    queued += await db.transaction(
      async (tx) =>
        (
          await queueEmails(
            batch.map((s) => ({
              idempotencyKey: `topic-alert:${eventKey(event)}:${s.id}`,
              to: s.email,
              subject: alert.subject,
              text: alertText(alert, topic, s.token),
              html: alertHtml(alert, topic, s.token),
              headers: listUnsubscribeHeaders(s.token, topic),
              campaign: `${campaignPrefix(topic)}${eventKey(event)}`,
            })),
            { tx, priority: BULK_PRIORITY },
          )
        ).length,
    )
    if (batch.length < batchSize) break
  }
  logger.info({ event, queued }, 'topic alert queued')
  return queued
}
