import { and, asc, gt, inArray, isNotNull } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { surveys } from '~db/schema'
import { epoch, type SearchSource } from '../search-source'

/**
 * A survey is found by its title, summary and published results summary.
 * Answers are never read here, so nothing anyone said, confidential or not,
 * can reach the index. Surveys with no opening date are drafts.
 */
export const surveysSource: SearchSource = {
  async load(db: DbOrTx, ids: string[]) {
    const rows = await db
      .select({
        id: surveys.id,
        slug: surveys.slug,
        title: surveys.title,
        summary: surveys.summary,
        year: surveys.year,
        opensAt: surveys.opensAt,
        resultsSummaryText: surveys.resultsSummaryText,
        resultsPublishedAt: surveys.resultsPublishedAt,
      })
      .from(surveys)
      .where(and(inArray(surveys.id, ids), isNotNull(surveys.opensAt)))
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      body: row.resultsPublishedAt ? (row.resultsSummaryText ?? '') : '',
      url: `/surveys/${row.slug}`,
      year: String(row.year),
      stage: row.resultsPublishedAt ? 'results' : 'open',
      date: epoch(row.resultsPublishedAt ?? row.opensAt),
    }))
  },
  async listIds(db: DbOrTx, after: string | null, limit: number) {
    const rows = await db
      .select({ id: surveys.id })
      .from(surveys)
      .where(and(isNotNull(surveys.opensAt), after ? gt(surveys.id, after) : undefined))
      .orderBy(asc(surveys.id))
      .limit(limit)
    return rows.map((r) => r.id)
  },
}
