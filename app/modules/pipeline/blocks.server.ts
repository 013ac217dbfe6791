import { and, count, desc, isNotNull, isNull } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import type { BlockLoader } from '~/modules/home/blocks'
import { pipelineInterests, pipelineNotices } from '~db/schema'
import { formatValueRange, STATUS_LABELS } from './model'
import { pipelineCounts } from './notices.server'
import { noticePath, staffNoticePath } from '~/lib/paths'
import { formatEventTime } from './events'
import { upcomingEventCounts, upcomingEvents } from './events.server'
import { awaitingCount, questionsAwaiting } from './questions.server'

export const pipelineHomeBlock: BlockLoader = async ({ signedIn }) => {
  const counts = await pipelineCounts()
  const open = (counts.planned ?? 0) + (counts.market_engagement ?? 0) + (counts.tender_published ?? 0) + (counts.evaluation ?? 0)
  const latest = await db
    .select({ slug: pipelineNotices.slug, title: pipelineNotices.title, status: pipelineNotices.status, min: pipelineNotices.valueMinPence, max: pipelineNotices.valueMaxPence })
    .from(pipelineNotices)
    .where(isNotNull(pipelineNotices.publishedAt))
    .orderBy(desc(pipelineNotices.lastUpdatedAt))
    .limit(3)
  return {
    id: 'pipeline',
    title: 'Commercial pipeline',
    summary: 'The commercial pipeline is published systematically, so providers can plan and build the capacity, capability, alliances and partnerships they need to bid.',
    link: { href: '/pipeline', text: 'See the commercial pipeline' },
    figures: [
      { value: open, label: open === 1 ? 'open opportunity' : 'open opportunities', href: '/pipeline?status=planned&status=market_engagement&status=tender_published&status=evaluation' },
      { value: counts.market_engagement ?? 0, label: 'in market engagement', href: '/pipeline?status=market_engagement' },
    ],
    itemsHeading: 'Recently updated',
    items: latest.map((n) => ({ href: noticePath(n.slug), title: n.title, meta: `${STATUS_LABELS[n.status]}, ${formatValueRange(n.min, n.max)}` })),
    emptyText: 'No notices have been published yet.',
    extraLinks: [
      { href: '/pipeline/timeline', text: 'Timeline by quarter' },
      { href: signedIn ? '/pipeline/alerts' : '/pipeline/alerts/new', text: signedIn ? 'Your pipeline alerts' : 'Get pipeline alerts' },
    ],
  }
}

export const pipelineStaffBlock: BlockLoader = async () => {
  const [drafts] = await db.select({ total: count() }).from(pipelineNotices).where(isNull(pipelineNotices.publishedAt))
  const [interest] = await db.select({ total: count() }).from(pipelineInterests)
  const newestDrafts = await db
    .select({ id: pipelineNotices.id, title: pipelineNotices.title, reference: pipelineNotices.reference })
    .from(pipelineNotices)
    .where(and(isNull(pipelineNotices.publishedAt)))
    .orderBy(desc(pipelineNotices.updatedAt))
    .limit(3)
  return {
    id: 'pipeline',
    title: 'Commercial pipeline',
    summary: 'Draft notices waiting to be published, and the interest suppliers have registered.',
    link: { href: '/staff/pipeline', text: 'Manage pipeline notices' },
    figures: [
      { value: drafts?.total ?? 0, label: drafts?.total === 1 ? 'draft notice' : 'draft notices', href: '/staff/pipeline' },
      { value: interest?.total ?? 0, label: 'registrations of interest', href: '/staff/pipeline' },
    ],
    itemsHeading: 'Drafts',
    items: newestDrafts.map((n) => ({ href: staffNoticePath(n.id), title: n.title, meta: n.reference })),
    emptyText: 'No drafts.',
    extraLinks: [{ href: '/staff/pipeline/new', text: 'Create a notice' }],
  }
}

export const pipelineEventsHomeBlock: BlockLoader = async () => {
  const events = await upcomingEvents(3)
  return {
    id: 'pipeline-events',
    title: 'Market engagement events',
    summary: 'Briefings and workshops where the Category talks to providers before it buys. Organisations book a place and get a calendar file.',
    link: { href: '/pipeline?status=market_engagement', text: 'See notices in market engagement' },
    itemsHeading: 'Coming up',
    items: events.map((e) => ({ href: `/pipeline/${e.notice.slug}/events/${e.id}`, title: e.title, meta: `${formatEventTime(e.startsAt, e.endsAt)}. ${e.notice.title}` })),
    emptyText: 'No events are planned at the moment.',
  }
}

export const pipelineEngagementStaffBlock: BlockLoader = async () => {
  const [awaiting, counts, oldest] = [await awaitingCount(), await upcomingEventCounts(), await questionsAwaiting(3)]
  return {
    id: 'pipeline-engagement',
    title: 'Market engagement',
    summary: 'Clarification questions waiting for an answer, and the events providers have booked.',
    link: { href: '/staff/pipeline/questions', text: 'Answer clarification questions' },
    figures: [
      { value: awaiting, label: awaiting === 1 ? 'question awaiting an answer' : 'questions awaiting an answer', href: '/staff/pipeline/questions' },
      { value: counts.events, label: counts.events === 1 ? 'upcoming event' : 'upcoming events' },
      { value: counts.places, label: counts.places === 1 ? 'place booked' : 'places booked' },
    ],
    itemsHeading: 'Waiting longest',
    items: oldest.map((q) => ({
      href: `/staff/pipeline/questions/${q.id}`,
      title: q.question.length > 90 ? `${q.question.slice(0, 89)}…` : q.question,
      meta: `${q.notice.reference}, ${q.notice.title}`,
    })),
    emptyText: 'No questions are waiting.',
  }
}
