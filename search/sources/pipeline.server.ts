import { and, asc, gt, inArray, isNotNull } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { pipelineNotices } from '~db/schema'
import { epoch, registerSearchSource } from '../registry.server'

/** Notices are public once published; drafts have no publishedAt and stay out. */
registerSearchSource('pipeline', {
  async load(db: DbOrTx, ids: string[]) {
    const rows = await db
      .select()
      .from(pipelineNotices)
      .where(and(inArray(pipelineNotices.id, ids), isNotNull(pipelineNotices.publishedAt)))
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      reference: row.reference,
      body: [row.descriptionText, row.programme, row.buyer, row.cpvCodes.join(' ')].filter(Boolean).join('\n\n'),
      url: `/pipeline/${row.slug}`,
      status: row.status,
      regions: row.regions,
      route: row.route,
      date: epoch(row.publishedAt),
    }))
  },
  async listIds(db: DbOrTx, after: string | null, limit: number) {
    const rows = await db
      .select({ id: pipelineNotices.id })
      .from(pipelineNotices)
      .where(and(isNotNull(pipelineNotices.publishedAt), after ? gt(pipelineNotices.id, after) : undefined))
      .orderBy(asc(pipelineNotices.id))
      .limit(limit)
    return rows.map((r) => r.id)
  },
})
