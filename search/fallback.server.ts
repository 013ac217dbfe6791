import { AsyncLocalStorage } from 'node:async_hooks'
import { logger } from '~/lib/logger.server'
import { singleton } from '~/lib/singleton.server'
import type { IndexSettings, SearchDocument, SearchEngine, SearchQuery, SearchResult } from './engine'

/** A search Meilisearch has not answered in this long is answered from PostgreSQL instead. */
const PRIMARY_SEARCH_TIMEOUT_MS = 2000

// One per process: the server entry and the Remix build each load this module, and the engine may come from either.
const fellBack = singleton('search-fallback-tracking', () => new AsyncLocalStorage<{ used: boolean }>())

/**
 * Runs a page's searches and says whether any was answered by the fallback,
 * so the page can tell people the results may be less complete.
 */
export async function withSearchFallback<T>(run: () => Promise<T>): Promise<T & { searchFallback: boolean }> {
  const state = { used: false }
  const value = await fellBack.run(state, run)
  return { ...value, searchFallback: state.used }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`search engine did not answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/**
 * Meilisearch with PostgreSQL full-text search kept beside it. Writes go to
 * both (PostgreSQL first, so a Meilisearch outage leaves the outbox row to
 * retry while the fallback is already up to date); searches ask Meilisearch
 * and, when it is down or slow, PostgreSQL.
 */
export class FallbackEngine implements SearchEngine {
  readonly kind: SearchEngine['kind']

  constructor(
    readonly primary: SearchEngine,
    readonly fallback: SearchEngine,
  ) {
    this.kind = primary.kind
  }

  /** Both engines, for rebuilding each from PostgreSQL. */
  engines(): SearchEngine[] {
    return [this.fallback, this.primary]
  }

  async prepare(settings: IndexSettings) {
    await this.fallback.prepare(settings)
    await this.primary.prepare(settings)
  }

  async upsert(settings: IndexSettings, documents: SearchDocument[]) {
    await this.fallback.upsert(settings, documents)
    await this.primary.upsert(settings, documents)
  }

  async delete(settings: IndexSettings, ids: string[]) {
    await this.fallback.delete(settings, ids)
    await this.primary.delete(settings, ids)
  }

  async search(settings: IndexSettings, query: SearchQuery): Promise<SearchResult> {
    try {
      return await withTimeout(this.primary.search(settings, query), PRIMARY_SEARCH_TIMEOUT_MS)
    } catch (error) {
      this.fellBack(error)
      return this.fallback.search(settings, query)
    }
  }

  async searchMany(requests: Array<{ settings: IndexSettings; query: SearchQuery }>): Promise<SearchResult[]> {
    try {
      return await withTimeout(this.primary.searchMany(requests), PRIMARY_SEARCH_TIMEOUT_MS)
    } catch (error) {
      this.fellBack(error)
      return this.fallback.searchMany(requests)
    }
  }

  rebuild(settings: IndexSettings, batches: AsyncIterable<SearchDocument[]>): Promise<{ documents: number }> {
    // A rebuild reads its documents once; reindex rebuilds each engine from its own read (see engines()).
    return this.primary.rebuild(settings, batches)
  }

  async close() {
    await this.primary.close?.()
    await this.fallback.close?.()
  }

  private fellBack(error: unknown) {
    const state = fellBack.getStore()
    if (state) state.used = true
    logger.warn({ err: error }, 'Meilisearch unavailable; answering from PostgreSQL search')
  }
}

/** The engines a rebuild must fill: both halves of a fallback pair, or the one engine. */
export function enginesToRebuild(engine: SearchEngine): SearchEngine[] {
  return engine instanceof FallbackEngine ? engine.engines() : [engine]
}
