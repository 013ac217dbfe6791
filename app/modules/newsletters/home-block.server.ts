import { formatDate } from '~/lib/time'
import type { BlockLoader } from '~/modules/home/blocks'
import { listSentNewsletters } from './newsletters.server'
import { newsletterPath } from '~/lib/paths'

export const newslettersHomeBlock: BlockLoader = async () => {
  const latest = await listSentNewsletters(3)
  return {
    id: 'newsletters',
    title: 'Newsletters',
    summary: 'The Employment Category Newsletter goes to current and potential suppliers every quarter.',
    link: { href: '/newsletters', text: 'Read newsletters' },
    itemsHeading: 'Latest issues',
    items: latest.map((n) => ({ href: newsletterPath(n.slug), title: n.title, meta: `Sent ${formatDate(n.sentAt!)}` })),
    emptyText: 'No newsletters have been sent yet.',
    extraLinks: [{ href: '/subscribe', text: 'Get the newsletter by email' }],
  }
}
