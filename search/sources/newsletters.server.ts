import { and, asc, eq, gt, inArray } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { newsletters } from '~db/schema'
import { epoch, type SearchSource } from '../search-source'

/** Only issues that have gone out are in the public archive; drafts and scheduled issues stay out. */
export const newslettersSource: SearchSource = {
  async load(db: DbOrTx, ids: string[]) {
    const rows = await db
      .select()
      .from(newsletters)
      .where(and(inArray(newsletters.id, ids), eq(newsletters.status, 'sent')))
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      body: row.issueText ?? row.bodyText,
      url: `/newsletters/${row.slug}`,
      year: row.sentAt ? String(row.sentAt.getUTCFullYear()) : null,
      date: epoch(row.sentAt),
    }))
  },
  async listIds(db: DbOrTx, after: string | null, limit: number) {
    const rows = await db
      .select({ id: newsletters.id })
      .from(newsletters)
      .where(and(eq(newsletters.status, 'sent'), after ? gt(newsletters.id, after) : undefined))
      .orderBy(asc(newsletters.id))
      .limit(limit)
    return rows.map((r) => r.id)
  },
}
