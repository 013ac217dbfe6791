import { count, desc, isNotNull, isNull, type SQL } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import type { BlockLoader, CapabilityBlock } from '~/modules/home/blocks'
import { pipelineInterests, pipelineNotices } from '~db/schema'
import { formatValueRange, STATUS_LABELS } from './model'
import { pipelineCounts } from './notices.server'
import { noticePath, staffNoticePath, staffQuestionPath } from '~/lib/paths'
import { formatEventTime } from './events'
import { upcomingEventCounts, upcomingEvents } from './events.server'
import { awardedCount, awardInBrief, recentAwards } from './awards.server'
import { awaitingCount, questionsAwaiting } from './questions.server'

type Figure = NonNullable<CapabilityBlock['figures']>[number]

/** A headline number with its noun in the right number: "1 draft notice", "2 draft notices". */
function figure(value: number, one: string, many: string, href?: string): Figure {
  return { value, label: value === 1 ? one : many, href }
}

/** The three notices a block lists, newest change first. */
function latestNotices(where: SQL, order: 'lastUpdatedAt' | 'updatedAt') {
  return db
    .select({
      id: pipelineNotices.id,
      slug: pipelineNotices.slug,
      reference: pipelineNotices.reference,
      title: pipelineNotices.title,
      status: pipelineNotices.status,
      min: pipelineNotices.valueMinPence,
      max: pipelineNotices.valueMaxPence,
    })
    .from(pipelineNotices)
    .where(where)
    .orderBy(desc(pipelineNotices[order]))
    .limit(3)
}

const AWARDED_LIST = '/pipeline?status=awarded'

export const pipelineHomeBlock: BlockLoader = async ({ signedIn }) => {
  const counts = await pipelineCounts()
  const open = (counts.planned ?? 0) + (counts.market_engagement ?? 0) + (counts.tender_published ?? 0) + (counts.evaluation ?? 0)
  const latest = await latestNotices(isNotNull(pipelineNotices.publishedAt), 'lastUpdatedAt')
  return {
    id: 'pipeline',
    title: 'Commercial pipeline',
    summary: 'The commercial pipeline is published systematically, so providers can plan and build the capacity, capability, alliances and partnerships they need to bid.',
    link: { href: '/pipeline', text: 'See the commercial pipeline' },
    figures: [
      figure(open, 'open opportunity', 'open opportunities', '/pipeline?status=planned&status=market_engagement&status=tender_published&status=evaluation'),
      figure(counts.market_engagement ?? 0, 'in market engagement', 'in market engagement', '/pipeline?status=market_engagement'),
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

export const pipelineAwardsHomeBlock: BlockLoader = async () => {
  const [total, awards] = [await awardedCount(), await recentAwards(3)]
  return {
    id: 'pipeline-awards',
    title: 'Contract awards',
    summary: 'Who the Category has awarded contracts to, for how much and when, published on each notice and in open data.',
    link: { href: AWARDED_LIST, text: 'See awarded contracts' },
    figures: [figure(total, 'contract awarded', 'contracts awarded', AWARDED_LIST)],
    itemsHeading: 'Recently awarded',
    items: awards.map((a) => ({ href: noticePath(a.notice.slug), title: a.notice.title, meta: awardInBrief(a) })),
    emptyText: 'No contracts have been awarded yet.',
    extraLinks: [{ href: '/open-data', text: 'Awards in open data (OCDS)' }],
  }
}

export const pipelineStaffBlock: BlockLoader = async () => {
  const [drafts] = await db.select({ total: count() }).from(pipelineNotices).where(isNull(pipelineNotices.publishedAt))
  const [interest] = await db.select({ total: count() }).from(pipelineInterests)
  const newestDrafts = await latestNotices(isNull(pipelineNotices.publishedAt), 'updatedAt')
  const [awarded, [latestAward]] = [await awardedCount(), await recentAwards(1)]
  return {
    id: 'pipeline',
    title: 'Commercial pipeline',
    summary: 'Draft notices waiting to be published, the interest suppliers have registered, and the contracts awarded.',
    link: { href: '/staff/pipeline', text: 'Manage pipeline notices' },
    figures: [
      figure(drafts?.total ?? 0, 'draft notice', 'draft notices', '/staff/pipeline'),
      figure(interest?.total ?? 0, 'registration of interest', 'registrations of interest', '/staff/pipeline'),
      figure(awarded, 'contract awarded', 'contracts awarded', AWARDED_LIST),
    ],
    itemsHeading: 'Drafts',
    items: newestDrafts.map((n) => ({ href: staffNoticePath(n.id), title: n.title, meta: n.reference })),
    emptyText: 'No drafts.',
    extraLinks: [
      { href: '/staff/pipeline/new', text: 'Create a notice' },
      ...(latestAward ? [{ href: staffNoticePath(latestAward.notice.id), text: `Recently awarded: ${latestAward.notice.title}` }] : []),
    ],
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
    items: events.map((e) => ({ href: noticePath(e.notice.slug, `events/${e.id}`), title: e.title, meta: `${formatEventTime(e.startsAt, e.endsAt)}. ${e.notice.title}` })),
    emptyText: 'No events are planned at the moment.',
  }
}

export const pipelineEngagementStaffBlock: BlockLoader = async () => {
  const [awaiting, counts, oldest] = [await awaitingCount(), await upcomingEventCounts(), await questionsAwaiting(3)]
  return {
    id: 'pipeline-engagement',
    title: 'Market engagement',
    summary: 'Clarification questions waiting for an answer, and the events providers have booked.',
    link: { href: staffQuestionPath(), text: 'Answer clarification questions' },
    figures: [
      figure(awaiting, 'question awaiting an answer', 'questions awaiting an answer', staffQuestionPath()),
      figure(counts.events, 'upcoming event', 'upcoming events'),
      figure(counts.places, 'place booked', 'places booked'),
    ],
    itemsHeading: 'Waiting longest',
    items: oldest.map((q) => ({
      href: staffQuestionPath(q.id),
      title: q.question.length > 90 ? `${q.question.slice(0, 89)}…` : q.question,
      meta: `${q.notice.reference}, ${q.notice.title}`,
    })),
    emptyText: 'No questions are waiting.',
  }
}
