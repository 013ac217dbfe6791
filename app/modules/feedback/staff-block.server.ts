import { formatDate } from '~/lib/time'
import type { BlockLoader } from '~/modules/home/blocks'
import { recentFeedback } from './feedback.server'
import { satisfactionLabel } from './satisfaction'
import { shorten } from '~/lib/shorten'

export const feedbackStaffBlock: BlockLoader = async () => {
  const { total, latest } = await recentFeedback({ since: new Date(Date.now() - 30 * 24 * 60 * 60 * 1000) })
  return {
    id: 'feedback',
    title: 'Feedback about the hub',
    summary: 'What people told us about using the hub, from the feedback form in the phase banner and footer.',
    link: { href: '/staff/feedback', text: 'Read all feedback' },
    figures: [{ value: total, label: 'in the last 30 days', href: '/staff/feedback' }],
    itemsHeading: 'Latest',
    items: latest.map((f) => ({
      href: '/staff/feedback',
      title: shorten(f.comments, 90),
      meta: `${satisfactionLabel(f.satisfaction)}, ${formatDate(f.createdAt)}`,
    })),
    emptyText: 'No feedback in the last 30 days.',
  }
}
