import { config } from '~/lib/config.server'
import { sql } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
import type { SearchEngine, SearchQuery, SearchResult } from './engine'
import { FallbackEngine } from './fallback.server'
import { INDEXES, type SearchIndexName } from './indexes'
import { MeilisearchEngine } from './meilisearch.server'
import { PostgresEngine } from './postgres.server'

/**
 * Meilisearch when MEILI_URL is set, with PostgreSQL full-text search kept
 * beside it to answer while Meilisearch is away; PostgreSQL alone otherwise.
 */
export function createSearchEngine(): SearchEngine {
  const { MEILI_URL, MEILI_MASTER_KEY } = config()
  const postgres = new PostgresEngine({ sql })
  return MEILI_URL ? new FallbackEngine(new MeilisearchEngine({ url: MEILI_URL, apiKey: MEILI_MASTER_KEY }), postgres) : postgres
}

const state = singleton('search-engine', () => ({ engine: undefined as SearchEngine | undefined }))

/** The process's one search engine. */
export function searchEngine(): SearchEngine {
  state.engine ??= createSearchEngine()
  return state.engine
}

/** Lets tests and scripts run the hub against an engine of their choosing. */
export function useSearchEngine(engine: SearchEngine | undefined) {
  state.engine = engine
}

/** Searches one of the hub's indexes by name. */
export function searchIndex(name: SearchIndexName, query: SearchQuery): Promise<SearchResult> {
  return searchEngine().search(INDEXES[name], query)
}

/** Several of the hub's indexes searched at once, answered in the order asked. */
export function searchIndexes(requests: Array<{ name: SearchIndexName; query: SearchQuery }>): Promise<SearchResult[]> {
  return searchEngine().searchMany(requests.map(({ name, query }) => ({ settings: INDEXES[name], query })))
}
