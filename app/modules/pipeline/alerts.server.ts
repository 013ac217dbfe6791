import { and, eq, gt, inArray } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { defineJob } from '~/lib/jobs.server'
import { pipelineNotices, pipelineRevisions, pipelineSavedSearches, users, type PipelineFilterSet, type PipelineNotice, type PipelineRevision } from '~db/schema'
import { ALERTING_FIELDS, describeFilters, filtersToSearchParams, formatValueRange, STATUS_LABELS } from './model'
import { searchPipeline } from './finder.server'
import { plural } from '~/lib/plural'
import { noticeSubscribers, noticeUrl } from './recipients.server'

export async function saveSearch(userId: string, { name, filters, frequency }: { name: string; filters: PipelineFilterSet; frequency: 'instant' | 'weekly' }) {
  const [row] = await db
    .insert(pipelineSavedSearches)
    .values({ userId, name: name || describeFilters(filters), filters, frequency })
    .returning()
  return row!
}

export async function listSavedSearches(userId: string) {
  return db.select().from(pipelineSavedSearches).where(eq(pipelineSavedSearches.userId, userId)).orderBy(pipelineSavedSearches.createdAt)
}

export async function deleteSavedSearch(userId: string, id: string) {
  const deleted = await db
    .delete(pipelineSavedSearches)
    .where(and(eq(pipelineSavedSearches.id, id), eq(pipelineSavedSearches.userId, userId)))
    .returning({ id: pipelineSavedSearches.id })
  return deleted.length > 0
}

function revisionLines(notice: PipelineNotice, revision: PipelineRevision) {
  if (revision.kind === 'published') {
    return [`New pipeline notice: ${notice.title} (${notice.reference})`, `Status: ${STATUS_LABELS[notice.status]}`, `Estimated value: ${formatValueRange(notice.valueMinPence, notice.valueMaxPence)}`]
  }
  return [`${notice.title} (${notice.reference}) has changed:`, ...revision.changes.map((c) => `- ${c.label}: ${c.from} → ${c.to}`)]
}

/**
 * Emails everyone with an instant saved search that matches the notice as it
 * now stands. Called inside the transaction that made the revision; the
 * key (revision and subscriber) means each person gets one email per
 * revision however many of their searches match.
 */
export async function notifyAlerts(tx: DbOrTx, notice: PipelineNotice, revision: PipelineRevision) {
  const subscribers = await noticeSubscribers(tx, notice)
  for (const { search, email } of subscribers) {
    const subject = revision.kind === 'published' ? `New pipeline notice: ${notice.title}` : `Pipeline notice updated: ${notice.title}`
    const text = [
      ...revisionLines(notice, revision),
      '',
      `Read the notice: ${noticeUrl(notice)}`,
      '',
      `You get this email because your saved search “${search.name}” matches this notice.`,
      `Manage your pipeline alerts: ${new URL('/pipeline/alerts', config().APP_URL)}`,
    ].join('\n')
    await queueEmail({ to: email, subject, text, idempotencyKey: `pipeline-alert:${revision.id}:${search.userId}` }, { tx })
  }
  return subscribers.length
}

/**
 * Weekly digests: every alerting revision since the search's last digest
 * (or the last seven days) that matches. The key holds the week, so a rerun
 * of the same week's job sends nothing new.
 */
export async function sendWeeklyDigests(now = new Date()) {
  const searches = await db
    .select({ search: pipelineSavedSearches, email: users.email })
    .from(pipelineSavedSearches)
    .innerJoin(users, eq(pipelineSavedSearches.userId, users.id))
    .where(eq(pipelineSavedSearches.frequency, 'weekly'))
  const week = now.toISOString().slice(0, 10)
  let sent = 0
  for (const { search, email } of searches) {
    const since = search.lastDigestAt ?? new Date(now.getTime() - 7 * 86_400_000)
    const revisions = await db
      .select({ revision: pipelineRevisions, notice: pipelineNotices })
      .from(pipelineRevisions)
      .innerJoin(pipelineNotices, eq(pipelineRevisions.noticeId, pipelineNotices.id))
      .where(gt(pipelineRevisions.createdAt, since))
      .orderBy(pipelineRevisions.createdAt)
    const relevant = revisions.filter(({ revision }) => revision.kind === 'published' || revision.changes.some((c) => ALERTING_FIELDS.includes(c.field)))
    const ids = [...new Set(relevant.map((r) => r.notice.id))]
    const { rows } = ids.length ? await searchPipeline(search.filters, { ids, pageSize: ids.length }) : { rows: [] }
    const matching = new Set(rows.map((r) => r.id))
    const items = relevant.filter((r) => matching.has(r.notice.id))
    await db.transaction(async (tx) => {
      if (items.length) {
        const text = [
          `Changes this week to pipeline notices matching “${search.name}”:`,
          '',
          ...items.flatMap(({ notice, revision }) => [...revisionLines(notice, revision), noticeUrl(notice), '']),
          `See the search: ${new URL(`/pipeline?${filtersToSearchParams(search.filters)}`, config().APP_URL)}`,
        ].join('\n')
        const id = await queueEmail({ to: email, subject: `Pipeline weekly summary: ${plural(items.length, 'change')}`, text, idempotencyKey: `pipeline-digest:${search.id}:${week}` }, { tx })
        if (id) sent += 1
      }
      await tx
        .update(pipelineSavedSearches)
        .set({ lastDigestAt: now })
        .where(inArray(pipelineSavedSearches.id, [search.id]))
    })
  }
  return sent
}

export const weeklyDigestJob = defineJob({
  name: 'pipeline.weekly-digest',
  schedule: '0 7 * * 1',
  handler: async () => {
    await sendWeeklyDigests()
  },
})
