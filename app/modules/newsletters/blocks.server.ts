import { sql as dsql, type SQL } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import { formatDate, fromLondon, londonParts } from '~/lib/time'
import type { NewsletterBlock } from '~db/schema'
import { BLOCK_LABELS } from './topics'
import { plural } from '~/lib/plural'
import { caseStudyPath, consultationPath, noticePath } from '~/lib/paths'

/** A live block as it stood when rendered: a heading and links, or an honest "nothing this time". */
export type RenderedBlock = { key: NewsletterBlock; heading: string; items: Array<{ title: string; href: string; meta: string }>; emptyText: string }

export type BlockContext = { now: Date; since: Date | null }

async function rows<T>(query: SQL): Promise<T[]> {
  return [...(await db.execute<T & Record<string, unknown>>(query))] as T[]
}

const absolute = (path: string) => `${config().APP_URL}${path}`

export async function openConsultationsBlock({ now }: BlockContext): Promise<RenderedBlock> {
  const found = await rows<{ slug: string; title: string; closes_at: string }>(dsql`
    select slug, title, closes_at from consultations
    where status = 'published' and opens_at <= ${now.toISOString()} and closes_at > ${now.toISOString()}
    order by closes_at, title limit 10`)
  return {
    key: 'open_consultations',
    heading: BLOCK_LABELS.open_consultations,
    items: found.map((c) => ({ title: c.title, href: absolute(consultationPath(c.slug)), meta: `Closes ${formatDate(c.closes_at)}` })),
    emptyText: 'No consultations are open at the moment.',
  }
}

export async function newPipelineNoticesBlock({ now, since }: BlockContext): Promise<RenderedBlock> {
  const from = since ?? new Date(now.getTime() - 92 * 86_400_000)
  const found = await rows<{ slug: string; title: string; reference: string; published_at: string }>(dsql`
    select slug, title, reference, published_at from pipeline_notices
    where published_at is not null and published_at > ${from.toISOString()} and published_at <= ${now.toISOString()}
    order by published_at desc, title limit 10`)
  return {
    key: 'new_pipeline_notices',
    heading: BLOCK_LABELS.new_pipeline_notices,
    items: found.map((n) => ({ title: n.title, href: absolute(noticePath(n.slug)), meta: `${n.reference}, published ${formatDate(n.published_at)}` })),
    emptyText: since ? `No new pipeline notices have been published since ${formatDate(since)}.` : 'No new pipeline notices have been published this quarter.',
  }
}

/** The first instant of the London calendar quarter holding `now`. */
export function quarterStart(now: Date): Date {
  const { year, month } = londonParts(now)
  return fromLondon(year, Math.floor((month - 1) / 3) * 3 + 1, 1)
}

export async function topCaseStudiesBlock({ now }: BlockContext): Promise<RenderedBlock> {
  const found = await rows<{ slug: string; title: string; average: string; ratings: number }>(dsql`
    select cs.slug, cs.title, round(avg(r.score), 1)::text as average, count(*)::int as ratings
    from case_studies cs join case_study_ratings r on r.case_study_id = cs.id
    where cs.status = 'published' and cs.hidden_at is null and r.created_at >= ${quarterStart(now).toISOString()} and r.created_at <= ${now.toISOString()}
    group by cs.id, cs.slug, cs.title
    order by avg(r.score) desc, count(*) desc, cs.title limit 5`)
  return {
    key: 'top_case_studies',
    heading: BLOCK_LABELS.top_case_studies,
    items: found.map((c) => ({
      title: c.title,
      href: absolute(caseStudyPath(c.slug)),
      meta: `Rated ${c.average} out of 5 by ${plural(c.ratings, 'person', 'people')} this quarter`,
    })),
    emptyText: 'No case studies have been rated this quarter yet.',
  }
}

const RENDERERS: Record<NewsletterBlock, (context: BlockContext) => Promise<RenderedBlock>> = {
  open_consultations: openConsultationsBlock,
  new_pipeline_notices: newPipelineNoticesBlock,
  top_case_studies: topCaseStudiesBlock,
}

/**
 * Renders the chosen blocks. A block whose source cannot be read says so
 * rather than stopping the issue.
 */
export async function renderBlocks(keys: NewsletterBlock[], context: BlockContext): Promise<RenderedBlock[]> {
  const out: RenderedBlock[] = []
  for (const key of keys) {
    try {
      out.push(await RENDERERS[key](context))
    } catch (err) {
      logger.error({ err, block: key }, 'newsletter block failed')
      out.push({ key, heading: BLOCK_LABELS[key], items: [], emptyText: 'This list could not be produced this time.' })
    }
  }
  return out
}
