import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { DOCUMENT_KIND_LABELS } from '~/modules/consultations/document-kinds'
import { documentsOf } from '~/modules/consultations/documents.server'
import { consultations, consultationSummaries } from '~db/schema'
import { epoch, type SearchSource } from '../search-source'

/** Published consultations only: drafts never reach the index. */
export const consultationsSource: SearchSource = {
  async load(db: DbOrTx, ids: string[]) {
    const found = await db
      .select({ consultation: consultations, summaryText: sql<string | null>`${consultationSummaries.published}->>'text'` })
      .from(consultations)
      .leftJoin(consultationSummaries, eq(consultationSummaries.consultationId, consultations.id))
      .where(and(inArray(consultations.id, ids), eq(consultations.status, 'published')))
    const rows = found.map((f) => f.consultation)
    const summaries = new Map(found.map((f) => [f.consultation.id, f.summaryText]))
    const documents = await documentsOf(
      rows.map((r) => r.id),
      db,
    )
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      // Document titles and kinds, so a search for "impact assessment" or "easy read" finds the consultation.
      // The published summary of responses, so what respondents said finds the consultation, whose page links to the summary.
      body: [
        row.pagesText,
        row.outcomeIntro,
        ...(documents.get(row.id) ?? []).map((d) => `${d.title} (${DOCUMENT_KIND_LABELS[d.kind]})`),
        summaries.get(row.id) ? `Summary of responses\n${summaries.get(row.id)}` : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
      url: `/consultations/${row.slug}`,
      nations: row.nations,
      stage: row.outcomePublishedAt ? 'outcome' : null,
      outcome: row.outcomePublishedAt ? 'published' : 'pending',
      opensAt: epoch(row.opensAt),
      closesAt: epoch(row.closesAt),
      year: String((row.publishedAt ?? row.opensAt).getUTCFullYear()),
      date: epoch(row.publishedAt ?? row.opensAt),
    }))
  },
  async listIds(db: DbOrTx, after: string | null, limit: number) {
    const rows = await db
      .select({ id: consultations.id })
      .from(consultations)
      .where(and(eq(consultations.status, 'published'), after ? gt(consultations.id, after) : undefined))
      .orderBy(asc(consultations.id))
      .limit(limit)
    return rows.map((r) => r.id)
  },
}
