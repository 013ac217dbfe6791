import { config } from '~/lib/config.server'
import { emailDocument } from '~/lib/email-layout.server'
import { formatDate } from '~/lib/time'
import type { SubscriptionTopic } from '~db/schema'
import type { RenderedBlock } from './blocks.server'
import { manageUrl, unsubscribeUrl } from './subscriptions.server'

/** Stands for a subscriber's token in the templates; each delivery row replaces it. */
export const TOKEN_PLACEHOLDER = '%%SUBSCRIBER_TOKEN%%'

export function escapeHtml(text: string) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

export function blockHtml(block: RenderedBlock) {
  const body = block.items.length
    ? `<ul>${block.items.map((i) => `<li><a href="${escapeHtml(i.href)}">${escapeHtml(i.title)}</a><br>${escapeHtml(i.meta)}</li>`).join('')}</ul>`
    : `<p>${escapeHtml(block.emptyText)}</p>`
  return `<h2>${escapeHtml(block.heading)}</h2>${body}`
}

export function blockText(block: RenderedBlock) {
  const body = block.items.length ? block.items.map((i) => `- ${i.title}\n  ${i.meta}\n  ${i.href}`).join('\n\n') : block.emptyText
  return `${block.heading.toUpperCase()}\n\n${body}`
}

/**
 * The issue itself: the editor's document followed by the live blocks. The
 * web page, the HTML part and the plain-text part all come from this.
 */
export function renderIssue({ bodyHtml, bodyText }: { bodyHtml: string; bodyText: string }, blocks: RenderedBlock[]) {
  return {
    html: [bodyHtml, ...blocks.map(blockHtml)].join('\n'),
    text: [bodyText, ...blocks.map(blockText)].filter((t) => t.trim()).join('\n\n'),
  }
}

type Issue = { title: string; summary: string; slug: string; sentAt: Date | null; html: string; text: string }

/** How each topic's emails name what was subscribed to, and what the unsubscribe link leaves. */
const FOOTER_WORDS: Record<SubscriptionTopic, { subscribedTo: string; unsubscribeFrom: string }> = {
  newsletter: { subscribedTo: 'the Employment Category Newsletter', unsubscribeFrom: 'the newsletter' },
  consultations: { subscribedTo: 'emails about new consultations', unsubscribeFrom: 'emails about new consultations' },
  pipeline: { subscribedTo: 'emails about changes to the commercial pipeline', unsubscribeFrom: 'emails about pipeline changes' },
  case_studies: { subscribedTo: 'emails about new What Works case studies', unsubscribeFrom: 'emails about new case studies' },
}

/** Links a subscriber needs in every email; `token` is a real token or the placeholder. */
function footerLinks(token: string | null, topic: SubscriptionTopic) {
  const app = config().APP_URL
  return token ? { manage: manageUrl(token), unsubscribe: unsubscribeUrl(token, topic) } : { manage: `${app}/subscribe`, unsubscribe: `${app}/subscribe` }
}

/** The end of every subscriber email: why it came, and the visible links to manage or leave. */
export function footerHtml(token: string | null, topic: SubscriptionTopic) {
  const links = footerLinks(token, topic)
  const words = FOOTER_WORDS[topic]
  return `<hr>
<p>You get this email because you subscribed to ${words.subscribedTo} on the Commissioning Hub.</p>
<p><a href="${links.manage}">Manage your email preferences</a> or <a href="${links.unsubscribe}">unsubscribe from ${words.unsubscribeFrom}</a>.</p>`
}

export function footerText(token: string | null, topic: SubscriptionTopic) {
  const links = footerLinks(token, topic)
  const words = FOOTER_WORDS[topic]
  return [
    '---',
    `You get this email because you subscribed to ${words.subscribedTo} on the Commissioning Hub.`,
    `Manage your email preferences: ${links.manage}`,
    `Unsubscribe from ${words.unsubscribeFrom}: ${links.unsubscribe}`,
  ].join('\n\n')
}

export function emailHtml(issue: Issue, token: string | null) {
  const web = `${config().APP_URL}/newsletters/${issue.slug}`
  return emailDocument({
    subject: issue.title,
    // The summary is what an inbox shows beside the subject, before the email is opened.
    preheader: issue.summary || undefined,
    bodyHtml: `<p><a href="${web}">Read this newsletter on the Commissioning Hub</a></p>
<h1>${escapeHtml(issue.title)}</h1>
${issue.sentAt ? `<p>${escapeHtml(formatDate(issue.sentAt))}</p>` : ''}
${issue.html}
${footerHtml(token, 'newsletter')}`,
  })
}

export function emailText(issue: Issue, token: string | null) {
  return [
    issue.title,
    issue.sentAt ? formatDate(issue.sentAt) : '',
    `Read this newsletter on the Commissioning Hub: ${config().APP_URL}/newsletters/${issue.slug}`,
    issue.text,
    footerText(token, 'newsletter'),
  ]
    .filter(Boolean)
    .join('\n\n')
}
