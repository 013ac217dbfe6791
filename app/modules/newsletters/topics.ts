import type { NewsletterBlock, Subscriber, SubscriptionTopic } from '~db/schema'

export type { SubscriptionTopic }

export const TOPICS = ['newsletter', 'consultations', 'pipeline', 'case_studies'] as const satisfies readonly SubscriptionTopic[]

export const TOPIC_LABELS: Record<SubscriptionTopic, string> = {
  newsletter: 'The quarterly Employment Category Newsletter',
  consultations: 'New consultations',
  pipeline: 'Changes to the commercial pipeline',
  case_studies: 'New What Works case studies',
}

/**
 * What every bulk delivery for a topic has its campaign start with, so
 * leaving a topic (or bouncing) cancels the copies still queued for it.
 */
export function campaignPrefix(topic: SubscriptionTopic) {
  return topic === 'newsletter' ? 'newsletter:' : `alert:${topic}:`
}

export const BLOCKS = ['open_consultations', 'new_pipeline_notices', 'top_case_studies'] as const satisfies readonly NewsletterBlock[]

export const BLOCK_LABELS: Record<NewsletterBlock, string> = {
  open_consultations: 'Open consultations',
  new_pipeline_notices: 'New pipeline notices since the last issue',
  top_case_studies: 'Top-rated case studies this quarter',
}

export const DELIVERY_STATUS_LABELS: Record<string, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  bounced: 'Bounced',
  cancelled: 'Not sent (unsubscribed)',
}

/** The archive's Atom feed, as a page's <link rel="alternate"> names it. */
export const NEWSLETTER_FEED_LINK = { rel: 'alternate', type: 'application/atom+xml', href: '/newsletters/feed.atom', title: 'Employment Category Newsletter' }

/** A subscriber's states, as staff filter and read them. */
export const SUBSCRIBER_STATUSES = ['pending', 'confirmed', 'unsubscribed', 'bounced'] as const satisfies readonly Subscriber['status'][]
export const SUBSCRIBER_STATUS_LABELS: Record<Subscriber['status'], string> = {
  pending: 'Not confirmed yet',
  confirmed: 'Confirmed',
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
}
