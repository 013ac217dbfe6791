import { config } from '~/lib/config.server'
import { formatDate } from '~/lib/time'
import type { RenderedBlock } from './blocks.server'

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

type Issue = { title: string; slug: string; sentAt: Date | null; html: string; text: string }

/** Links a subscriber needs in every email; `token` is a real token or the placeholder. */
function footerLinks(token: string | null) {
  const app = config().APP_URL
  return token
    ? { manage: `${app}/subscriptions/${token}`, unsubscribe: `${app}/unsubscribe/${token}?topic=newsletter` }
    : { manage: `${app}/subscribe`, unsubscribe: `${app}/subscribe` }
}

export function emailHtml(issue: Issue, token: string | null) {
  const links = footerLinks(token)
  const web = `${config().APP_URL}/newsletters/${issue.slug}`
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(issue.title)}</title></head>
<body>
<p><a href="${web}">Read this newsletter on the Commissioning Hub</a></p>
<h1>${escapeHtml(issue.title)}</h1>
${issue.sentAt ? `<p>${escapeHtml(formatDate(issue.sentAt))}</p>` : ''}
${issue.html}
<hr>
<p>You get this email because you subscribed to the Employment Category Newsletter on the Commissioning Hub.</p>
<p><a href="${links.manage}">Manage your email preferences</a> or <a href="${links.unsubscribe}">unsubscribe from the newsletter</a>.</p>
</body></html>`
}

export function emailText(issue: Issue, token: string | null) {
  const links = footerLinks(token)
  return [
    issue.title,
    issue.sentAt ? formatDate(issue.sentAt) : '',
    `Read this newsletter on the Commissioning Hub: ${config().APP_URL}/newsletters/${issue.slug}`,
    issue.text,
    '---',
    'You get this email because you subscribed to the Employment Category Newsletter on the Commissioning Hub.',
    `Manage your email preferences: ${links.manage}`,
    `Unsubscribe from the newsletter: ${links.unsubscribe}`,
  ]
    .filter(Boolean)
    .join('\n\n')
}
