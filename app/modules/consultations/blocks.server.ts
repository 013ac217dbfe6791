import { and, asc, count, desc, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { plural } from '~/lib/plural'
import { shorten } from '~/lib/shorten'
import { daysUntil, formatDate } from '~/lib/time'
import type { BlockLoader } from '~/modules/home/blocks'
import { consultationsWithResponsesToReview } from './publication.server'
import { questionsWithSuggestions } from './theme-suggestions.server'
import { consultationRequests, consultationResponses, consultations, consultationSummaries } from '~db/schema'
import { consultationPath, staffConsultationPath } from '~/lib/paths'

/** The home page: what is open now, with days left. */
export const consultationsHomeBlock: BlockLoader = async ({ signedIn }) => {
  const now = new Date()
  const open = await db
    .select({ slug: consultations.slug, title: consultations.title, closesAt: consultations.closesAt })
    .from(consultations)
    .where(and(eq(consultations.status, 'published'), lte(consultations.opensAt, now), gt(consultations.closesAt, now)))
    .orderBy(asc(consultations.closesAt))
    .limit(3)
  const [{ upcoming }] = await db
    .select({ upcoming: count() })
    .from(consultations)
    .where(and(eq(consultations.status, 'published'), gt(consultations.opensAt, now)))
  const [{ outcomes }] = await db
    .select({ outcomes: count() })
    .from(consultations)
    .where(sql`${consultations.outcomePublishedAt} is not null`)
  const summaries = await publishedSummaries(2)
  return {
    id: 'consultations',
    title: 'Consultations',
    summary:
      'The Category seeks views from stakeholders and experts on how it commissions employment services. Respond as an individual or for your organisation, and read the report of what was said and the action that will follow.',
    link: { href: '/consultations', text: 'See consultations' },
    figures: [
      { value: open.length, label: open.length === 1 ? 'open now' : 'open now', href: '/consultations?phase=open' },
      { value: upcoming, label: 'opening soon', href: '/consultations?phase=upcoming' },
      { value: outcomes, label: outcomes === 1 ? 'outcome published' : 'outcomes published', href: '/consultations?phase=outcome' },
    ],
    itemsHeading: 'Open for responses',
    items: open.map((c) => {
      const days = daysUntil(c.closesAt)
      return { href: consultationPath(c.slug), title: c.title, meta: `Closes ${formatDate(c.closesAt)} (${days <= 0 ? 'today' : days === 1 ? '1 day left' : `${days} days left`})` }
    }),
    emptyText: 'No consultations are open at the moment.',
    extraLinks: [
      ...summaries.map((c) => ({ href: consultationPath(c.slug, 'summary'), text: `Summary of responses: ${c.title}` })),
      ...(signedIn ? [{ href: '/consultations/yours', text: 'Your responses and drafts' }] : []),
    ],
  }
}

/** The most recently published summaries of responses. */
async function publishedSummaries(limit: number) {
  return db
    .select({ id: consultations.id, slug: consultations.slug, title: consultations.title })
    .from(consultationSummaries)
    .innerJoin(consultations, eq(consultations.id, consultationSummaries.consultationId))
    .where(and(eq(consultations.status, 'published'), isNotNull(consultationSummaries.publishedAt)))
    .orderBy(desc(consultationSummaries.publishedAt))
    .limit(limit)
}

/** The staff dashboard: drafts to finish, closed consultations without an outcome, and requests for help. */
export const consultationsStaffBlock: BlockLoader = async () => {
  const now = new Date()
  const awaitingOutcome = await db
    .select({ id: consultations.id, title: consultations.title })
    .from(consultations)
    .where(and(eq(consultations.status, 'published'), lte(consultations.closesAt, now), isNull(consultations.outcomePublishedAt)))
    .orderBy(desc(consultations.closesAt))
    .limit(5)
  const [{ drafts }] = await db.select({ drafts: count() }).from(consultations).where(eq(consultations.status, 'draft'))
  const [{ responses }] = await db
    .select({ responses: count() })
    .from(consultationResponses)
    .where(and(eq(consultationResponses.status, 'submitted'), gt(consultationResponses.submittedAt, new Date(now.getTime() - 7 * 86_400_000))))
  const [{ requests }] = await db
    .select({ requests: count() })
    .from(consultationRequests)
    .where(gt(consultationRequests.createdAt, new Date(now.getTime() - 7 * 86_400_000)))
  const toReview = await consultationsWithResponsesToReview(now)
  const withoutSummary = await db
    .select({ id: consultations.id, title: consultations.title })
    .from(consultations)
    .leftJoin(consultationSummaries, eq(consultationSummaries.consultationId, consultations.id))
    .where(and(eq(consultations.status, 'published'), lte(consultations.closesAt, now), isNull(consultationSummaries.publishedAt)))
    .orderBy(desc(consultations.closesAt))
  const summaries = await publishedSummaries(1)
  const waiting = toReview.reduce((sum, c) => sum + c.toReview, 0)
  return {
    id: 'consultations',
    title: 'Consultations',
    summary: 'Closed consultations need their responses reviewed for publication, an outcome report and a summary of responses; requests for accessible formats need a reply.',
    link: { href: '/staff/consultations', text: 'Manage consultations' },
    figures: [
      {
        value: waiting,
        label: waiting === 1 ? 'response to review for publication' : 'responses to review for publication',
        href: toReview[0] ? `${staffConsultationPath(toReview[0].id, 'publication')}?show=to-review` : undefined,
      },
      { value: awaitingOutcome.length, label: awaitingOutcome.length === 1 ? 'closed without an outcome' : 'closed without an outcome' },
      {
        value: withoutSummary.length,
        label: 'closed without a published summary of responses',
        href: withoutSummary[0] ? staffConsultationPath(withoutSummary[0].id, 'summary') : undefined,
      },
      { value: drafts, label: drafts === 1 ? 'draft' : 'drafts', href: '/staff/consultations' },
      { value: responses, label: 'responses in the last 7 days' },
      { value: requests, label: 'feedback and format requests in the last 7 days' },
    ],
    itemsHeading: 'Waiting for an outcome report',
    items: awaitingOutcome.map((c) => ({ href: staffConsultationPath(c.id, 'outcome'), title: c.title })),
    emptyText: 'Every closed consultation has its outcome published.',
    extraLinks: [
      { href: '/staff/consultations/new', text: 'Draft a consultation' },
      ...summaries.map((c) => ({ href: staffConsultationPath(c.id, 'summary'), text: `Latest summary of responses: ${c.title}` })),
    ],
  }
}

/** The staff dashboard: free-text questions whose suggested themes wait for someone to accept, merge or reject them. */
export const consultationAnalysisStaffBlock: BlockLoader = async () => {
  const waiting = await questionsWithSuggestions()
  const suggestionsPath = (q: { consultationId: string; questionId: string }) => staffConsultationPath(q.consultationId, `questions/${q.questionId}/suggestions`)
  return {
    id: 'consultation-analysis',
    title: 'Analysing consultation responses',
    summary: 'The hub suggests themes from the answers to each free-text question; nothing is tagged until someone accepts, merges or rejects them.',
    link: { href: '/staff/consultations', text: 'Manage consultations' },
    figures: [
      {
        value: waiting.questions,
        label: waiting.questions === 1 ? 'question with suggested themes waiting' : 'questions with suggested themes waiting',
        href: waiting.first[0] ? suggestionsPath(waiting.first[0]) : undefined,
      },
    ],
    itemsHeading: 'Suggested themes waiting for a decision',
    items: waiting.first.map((q) => ({
      href: suggestionsPath(q),
      title: `${q.consultationTitle}: ${shorten(q.questionText, 100)}`,
      meta: `${plural(q.waiting, 'suggested theme')} to decide`,
    })),
    emptyText: 'No suggested themes are waiting for a decision.',
  }
}
