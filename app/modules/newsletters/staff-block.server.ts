import { formatDateTime } from '~/lib/time'
import type { BlockLoader } from '~/modules/home/blocks'
import { listNewsletters } from './newsletters.server'
import { subscriberCounts } from './subscriptions.server'
import { staffNewsletterPath } from '~/lib/paths'

export const newslettersStaffBlock: BlockLoader = async () => {
  const [counts, all] = await Promise.all([subscriberCounts(), listNewsletters()])
  const open = all.filter((n) => n.status === 'draft' || n.status === 'scheduled' || n.status === 'sending').slice(0, 5)
  const confirmed = counts.confirmed ?? 0
  return {
    id: 'staff-newsletters',
    title: 'Newsletters',
    summary: 'Compose, schedule and send the quarterly newsletter, and follow each send as it goes out.',
    link: { href: '/staff/newsletters', text: 'Manage newsletters' },
    figures: [
      { value: confirmed, label: confirmed === 1 ? 'confirmed subscriber' : 'confirmed subscribers', href: '/staff/newsletters/subscribers?status=confirmed' },
      { value: counts.bounced ?? 0, label: 'bounced addresses' },
    ],
    itemsHeading: 'Drafts, scheduled and sending',
    items: open.map((n) => ({
      href: staffNewsletterPath(n.id),
      title: n.title,
      meta: n.status === 'scheduled' && n.scheduledAt ? `Goes out at ${formatDateTime(n.scheduledAt)}` : n.status === 'sending' ? 'Sending now' : 'Draft',
    })),
    emptyText: 'No newsletters are being prepared.',
    extraLinks: [
      { href: '/staff/newsletters/new', text: 'Create a newsletter' },
      { href: '/staff/newsletters/subscribers', text: 'Find, download or import subscribers' },
    ],
  }
}
