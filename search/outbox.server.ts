import type { DbOrTx } from '~/lib/db.server'
import { searchOutbox } from '~db/schema'

/** Held shared by each drain of the outbox and exclusively by a rebuild, which pauses draining until its swap is done. */
export const INDEXING_LOCK = 7_346_221

export type SearchIndexName = 'consultations' | 'pipeline' | 'case_studies' | 'newsletters' | 'organisations' | 'surveys'

/**
 * Records that a document changed. Call it inside the transaction that makes
 * the change; the indexing worker reads the document afresh from PostgreSQL
 * and decides whether it belongs in the index (drafts and hidden items are
 * removed rather than indexed).
 */
export async function queueIndexing(tx: DbOrTx, indexName: SearchIndexName, documentIds: string | string[], operation: 'upsert' | 'delete' = 'upsert') {
  const ids = Array.isArray(documentIds) ? documentIds : [documentIds]
  if (!ids.length) return
  await tx.insert(searchOutbox).values(ids.map((documentId) => ({ indexName, documentId, operation })))
}
