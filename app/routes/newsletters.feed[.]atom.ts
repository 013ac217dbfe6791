import { config } from '~/lib/config.server'
import { listSentNewsletters } from '~/modules/newsletters/newsletters.server'
import { escapeHtml } from '~/modules/newsletters/render.server'

// Deliberately public: an Atom feed of the sent issues, for feed readers and open data.
export async function loader() {
  const app = config().APP_URL
  const issues = await listSentNewsletters(50)
  const updated = (issues[0]?.sentAt ?? new Date(0)).toISOString()
  const entries = issues
    .map(
      (i) => `  <entry>
    <id>${app}/newsletters/${i.slug}</id>
    <title>${escapeHtml(i.title)}</title>
    <link rel="alternate" type="text/html" href="${app}/newsletters/${i.slug}"/>
    <published>${i.sentAt!.toISOString()}</published>
    <updated>${i.sentAt!.toISOString()}</updated>
    <summary>${escapeHtml(i.summary)}</summary>
    <content type="html">${escapeHtml(i.issueHtml ?? i.bodyHtml)}</content>
  </entry>`,
    )
    .join('\n')
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${app}/newsletters</id>
  <title>Employment Category Newsletter</title>
  <subtitle>Quarterly news from the Department for Work and Pensions’ Employment Category for current and potential suppliers</subtitle>
  <link rel="self" type="application/atom+xml" href="${app}/newsletters/feed.atom"/>
  <link rel="alternate" type="text/html" href="${app}/newsletters"/>
  <author><name>Employment Category, Department for Work and Pensions</name></author>
  <updated>${updated}</updated>
${entries}
</feed>
`
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' } })
}
