import { eq } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import type { DbOrTx } from '~/lib/db.server'
import { noticePath, type NoticePage } from '~/lib/paths'
import { organisationMembers, pipelineInterests, pipelineSavedSearches, users, type PipelineNotice } from '~db/schema'
import { searchPipeline } from './finder.server'

/** Who the pipeline's emails go to, and the addresses they link to. */

/** A notice's page (or one under it) as a full address, for an email. */
export function noticeUrl(notice: Pick<PipelineNotice, 'slug'>, page?: NoticePage) {
  return new URL(noticePath(notice.slug, page), config().APP_URL).toString()
}

/** The people subscribed to a notice: each person with an instant saved search the notice matches, once, with the first such search. */
export async function noticeSubscribers(tx: DbOrTx, notice: Pick<PipelineNotice, 'id'>) {
  const searches = await tx
    .select({ search: pipelineSavedSearches, email: users.email })
    .from(pipelineSavedSearches)
    .innerJoin(users, eq(pipelineSavedSearches.userId, users.id))
    .where(eq(pipelineSavedSearches.frequency, 'instant'))
  const found = new Map<string, (typeof searches)[number]>()
  for (const row of searches) {
    if (found.has(row.search.userId)) continue
    const { total } = await searchPipeline(row.search.filters, { ids: [notice.id], pageSize: 1, tx })
    if (total) found.set(row.search.userId, row)
  }
  return [...found.values()]
}

/**
 * Everyone following a notice: its subscribers and the people who registered
 * their organisation's interest in it. Each person once, leaving out those
 * already told some other way.
 */
export async function noticeFollowers(tx: DbOrTx, notice: Pick<PipelineNotice, 'id'>, { except = [] }: { except?: string[] } = {}) {
  const registered = await tx
    .select({ userId: users.id, email: users.email })
    .from(pipelineInterests)
    .innerJoin(users, eq(users.id, pipelineInterests.userId))
    .where(eq(pipelineInterests.noticeId, notice.id))
  const subscribed = (await noticeSubscribers(tx, notice)).map((s) => ({ userId: s.search.userId, email: s.email }))
  const seen = new Set(except)
  return [...subscribed, ...registered].filter((person) => !seen.has(person.userId) && Boolean(seen.add(person.userId)))
}

/** The members of an organisation, who are told what happens to what it did. */
export async function organisationContacts(tx: DbOrTx, organisationId: string) {
  return tx
    .select({ email: users.email, name: users.name })
    .from(organisationMembers)
    .innerJoin(users, eq(organisationMembers.userId, users.id))
    .where(eq(organisationMembers.organisationId, organisationId))
}
