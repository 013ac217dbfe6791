import { db, sql } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import type { SearchDocument, SearchEngine } from './engine'
import { enginesToRebuild } from './fallback.server'
import { INDEXES, type SearchIndexName } from './indexes'
import type { SearchSource } from './search-source'
import { registeredIndexNames, searchSource } from './sources.server'
import { searchEngine } from './search.server'
import { INDEXING_LOCK } from './outbox.server'

const PAGE = 500

async function* documentsOf(source: SearchSource): AsyncGenerator<SearchDocument[]> {
  let after: string | null = null
  for (;;) {
    const ids = await source.listIds(db, after, PAGE)
    if (!ids.length) return
    yield await source.load(db, ids)
    after = ids[ids.length - 1]
  }
}

/**
 * Sources write every filterable and sortable field, null when empty, so a
 * document without one was indexed before that field was added: the lists
 * filtering on it would miss documents until the index is rebuilt.
 */
function outdated(name: SearchIndexName, document: SearchDocument | undefined) {
  if (!document) return false
  const { searchable, filterable, sortable } = INDEXES[name]
  return [...searchable, ...filterable, ...sortable].some((field) => !Object.hasOwn(document, field))
}

export type ReindexReport = Array<{ index: SearchIndexName; documents: number; seconds: number }>

/**
 * Rebuilds indexes from PostgreSQL beside the live ones and swaps them in,
 * so searches keep answering throughout. The outbox worker is paused for the
 * duration (writes still succeed and queue up), then drains onto the new
 * index, so no change made during the rebuild is lost.
 */
/** With `onlyEmpty`, only indexes that are empty, or were built before a field their searches or lists need, are rebuilt. */
export async function reindex({ engine = searchEngine(), only, onlyEmpty = false }: { engine?: SearchEngine; only?: SearchIndexName[]; onlyEmpty?: boolean } = {}): Promise<ReindexReport> {
  const names = registeredIndexNames().filter((name) => !only || only.includes(name))
  const report: ReindexReport = []
  const connection = await sql.reserve()
  try {
    await connection`select pg_advisory_lock(${INDEXING_LOCK})`
    for (const target of enginesToRebuild(engine)) {
      for (const name of names) {
        const source = searchSource(name)!
        if (onlyEmpty) {
          const live = await target.search(INDEXES[name], { perPage: 1 })
          const [first] = await source.listIds(db, null, 1)
          if (!first || (live.total > 0 && !outdated(name, live.hits[0]?.document))) continue
        }
        const started = Date.now()
        const { documents } = await target.rebuild(INDEXES[name], documentsOf(source))
        const seconds = (Date.now() - started) / 1000
        logger.info({ index: name, engine: target.kind, documents, seconds }, 'search index rebuilt')
        report.push({ index: name, documents, seconds })
      }
    }
    // List pages read the index: every app process drops the pages it rendered from the old one.
    if (report.length) await connection`select pg_notify('content_changed', '')`
  } finally {
    await connection`select pg_advisory_unlock(${INDEXING_LOCK})`.catch(() => {})
    connection.release()
  }
  return report
}
