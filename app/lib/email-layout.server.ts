/**
 * Every email the hub sends is laid out here, in the manner of GOV.UK
 * Notify: a blue header with the service's name, one readable column,
 * GOV.UK type sizes, and styles written inline on each element because
 * email clients drop style sheets. Bodies come from the rich-text renderer
 * (app/lib/rich-text.server.ts) or from plain text (htmlFromText), so one
 * path serves transactional mail, alerts and newsletters.
 */

const FONT = 'Helvetica, Arial, sans-serif'
const TEXT = '#0b0c0c'
const LINK = '#1d70b8'
const BRAND = '#1d70b8'
const BORDER = '#b1b4b6'

const STYLES: Record<string, string> = {
  h1: `margin: 0 0 20px; font-family: ${FONT}; font-size: 32px; line-height: 1.1; font-weight: 700; color: ${TEXT}`,
  h2: `margin: 30px 0 15px; font-family: ${FONT}; font-size: 24px; line-height: 1.25; font-weight: 700; color: ${TEXT}`,
  h3: `margin: 20px 0 10px; font-family: ${FONT}; font-size: 19px; line-height: 1.315; font-weight: 700; color: ${TEXT}`,
  h4: `margin: 20px 0 10px; font-family: ${FONT}; font-size: 19px; line-height: 1.315; font-weight: 700; color: ${TEXT}`,
  p: `margin: 0 0 20px; font-family: ${FONT}; font-size: 19px; line-height: 1.315; color: ${TEXT}`,
  ul: `margin: 0 0 20px; padding: 0 0 0 20px; font-family: ${FONT}; font-size: 19px; line-height: 1.315; color: ${TEXT}`,
  ol: `margin: 0 0 20px; padding: 0 0 0 20px; font-family: ${FONT}; font-size: 19px; line-height: 1.315; color: ${TEXT}`,
  li: 'margin: 5px 0',
  a: `color: ${LINK}; text-decoration: underline; word-wrap: break-word; overflow-wrap: anywhere`,
  blockquote: `margin: 0 0 20px; padding: 15px 0 0.1px 15px; border-left: 10px solid ${BORDER}; font-family: ${FONT}; font-size: 19px; line-height: 1.315; color: ${TEXT}`,
  hr: `margin: 30px 0; border: 0; height: 1px; background: ${BORDER}; color: ${BORDER}`,
  img: 'max-width: 100%; height: auto; border: 0',
  strong: 'font-weight: 700',
  em: 'font-style: italic',
}

export function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** Writes each element's style inline and drops web classes, which mean nothing in a mail client. */
export function inlineEmailStyles(fragment: string): string {
  return fragment.replace(/<(h1|h2|h3|h4|p|ul|ol|li|a|blockquote|hr|img|strong|em)(\s[^>]*)?>/g, (_whole, tag: string, attrs = '') => {
    const kept = String(attrs)
      .replace(/\s(class|style)="[^"]*"/g, '')
      .replace(/\s*\/$/, '')
    return `<${tag}${kept} style="${STYLES[tag]}">`
  })
}

const URL_IN_TEXT = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]'])/g

function linkify(escaped: string) {
  return escaped.replace(URL_IN_TEXT, (url) => `<a href="${url}">${url}</a>`)
}

/**
 * A plain-text message as HTML: blank lines separate paragraphs, lines
 * starting "- " make a bulleted list, and web addresses become links.
 */
export function htmlFromText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => {
      const lines = block.split('\n')
      if (lines.every((line) => /^\s*-\s+/.test(line) || /^\s{2,}\S/.test(line))) {
        const items: string[][] = []
        for (const line of lines) {
          if (/^\s*-\s+/.test(line)) items.push([line.replace(/^\s*-\s+/, '')])
          else items[items.length - 1]?.push(line.trim())
        }
        return `<ul>${items.map((item) => `<li>${item.map((l) => linkify(escapeHtml(l))).join('<br>')}</li>`).join('')}</ul>`
      }
      if (/^-{3,}$/.test(block)) return '<hr>'
      return `<p>${lines.map((l) => linkify(escapeHtml(l))).join('<br>')}</p>`
    })
    .join('\n')
}

/**
 * The whole message: `bodyHtml` is a fragment (from the rich-text renderer,
 * htmlFromText or a template), styled here; `preheader` is the line mail
 * clients show beside the subject.
 */
export function emailDocument({ subject, bodyHtml, preheader }: { subject: string; bodyHtml: string; preheader?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin: 0; padding: 0; background: #ffffff; font-family: ${FONT}; font-size: 19px; line-height: 1.315; color: ${TEXT}; -webkit-text-size-adjust: 100%">
${preheader ? `<div style="display: none; max-height: 0; overflow: hidden">${escapeHtml(preheader)}</div>\n` : ''}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse: collapse; width: 100%; min-width: 100%">
<tr>
<td style="background: ${BRAND}; padding: 0">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" align="center" style="border-collapse: collapse; width: 100%; max-width: 580px; margin: 0 auto">
<tr>
<td style="padding: 14px 10px 12px; font-family: ${FONT}; font-size: 24px; line-height: 1.25; font-weight: 700; color: #ffffff">Commissioning Hub</td>
</tr>
</table>
</td>
</tr>
</table>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" align="center" style="border-collapse: collapse; width: 100%; max-width: 580px; margin: 0 auto">
<tr>
<td style="padding: 30px 10px 30px; font-family: ${FONT}; font-size: 19px; line-height: 1.315; color: ${TEXT}; word-wrap: break-word; overflow-wrap: anywhere">
<!-- content -->
${inlineEmailStyles(bodyHtml)}
<!-- /content -->
</td>
</tr>
</table>
</body>
</html>`
}

/**
 * The message's content without its layout or inline styles, for showing
 * inside a hub page (whose style policy refuses inline styles) in the page's own typography.
 */
export function emailContent(html: string): string {
  const content = /<!-- content -->([\s\S]*)<!-- \/content -->/.exec(html)?.[1] ?? ''
  return content.replace(/\sstyle="[^"]*"/g, '').trim()
}

/** Every link address in an HTML message, for checking that the plain-text part carries them all. */
export function linkAddresses(html: string): string[] {
  return [...html.matchAll(/<a\s[^>]*href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')).map((href) => href.replace(/^mailto:/, ''))
}

/** The HTML part of a message: given as a whole document, as a fragment to lay out, or made from the text. */
export function emailHtmlFor(message: { subject: string; text: string; html?: string | null }): string {
  if (message.html && /^<!doctype html>/i.test(message.html.trimStart())) return message.html
  return emailDocument({ subject: message.subject, bodyHtml: message.html ?? htmlFromText(message.text) })
}

/**
 * The HTML part of a queued delivery, as it is sent and as the mailbox shows
 * it. A message queued as text alone is laid out when it is sent, so a
 * submission on a consultation's last day does not write it twice.
 */
export function deliveryHtml(delivery: { subject: string; textBody: string; htmlBody: string | null }): string {
  return emailHtmlFor({ subject: delivery.subject, text: delivery.textBody, html: delivery.htmlBody })
}
