import type { DbOrTx } from '~/lib/db.server'
import type { SearchDocument } from './engine'

/**
 * Where an index's documents come from. Each domain writes one for its index
 * in search/sources/, and search/sources.server.ts lists them.
 */
export type SearchSource = {
  /**
   * The documents for these ids that belong in the index, read afresh from
   * PostgreSQL. An id left out (deleted, draft, hidden) is removed from the
   * index, so a source is also where "never index drafts" is enforced.
   */
  load(db: DbOrTx, ids: string[]): Promise<SearchDocument[]>
  /** Ids of everything that might belong, in id order after `after`, for a rebuild. */
  listIds(db: DbOrTx, after: string | null, limit: number): Promise<string[]>
}

/** Epoch milliseconds: a sortable number both engines order the same way. */
export function epoch(date: Date | string | null | undefined): number | null {
  if (!date) return null
  const time = new Date(date).getTime()
  return Number.isNaN(time) ? null : time
}
