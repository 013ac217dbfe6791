import type { DbOrTx } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
import type { SearchDocument } from './engine'
import type { SearchIndexName } from './outbox.server'

/**
 * Where an index's documents come from. Each domain registers one for its
 * index from its own module (see search/sources.server.ts for the list).
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

const sources = () => singleton('search-sources', () => new Map<SearchIndexName, SearchSource>())

export function registerSearchSource(indexName: SearchIndexName, source: SearchSource) {
  sources().set(indexName, source)
}

export function searchSource(indexName: string): SearchSource | undefined {
  return sources().get(indexName as SearchIndexName)
}

export function registeredIndexNames(): SearchIndexName[] {
  return [...sources().keys()]
}

/** Epoch milliseconds: a sortable number both engines order the same way. */
export function epoch(date: Date | string | null | undefined): number | null {
  if (!date) return null
  const time = new Date(date).getTime()
  return Number.isNaN(time) ? null : time
}
