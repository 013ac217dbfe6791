import { config } from '~/lib/config.server'
import { sql } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
import type { SearchEngine, SearchQuery, SearchResult } from './engine'
import { INDEXES, type SearchIndexName } from './indexes'
import { MeilisearchEngine } from './meilisearch.server'
import { PostgresEngine } from './postgres.server'

/** Meilisearch when MEILI_URL is set, PostgreSQL full-text search otherwise. */
export function createSearchEngine(): SearchEngine {
  const { MEILI_URL, MEILI_MASTER_KEY } = config()
  return MEILI_URL ? new MeilisearchEngine({ url: MEILI_URL, apiKey: MEILI_MASTER_KEY }) : new PostgresEngine({ sql })
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
