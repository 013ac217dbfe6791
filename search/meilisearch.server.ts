import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Settings } from 'meilisearch'
import { cleanDocument, HIGHLIGHT_END, HIGHLIGHT_START, normalisePaging, pageCount, type IndexSettings, type SearchDocument, type SearchEngine, type SearchQuery, type SearchResult } from './engine'
import { STOP_WORDS, SYNONYM_GROUPS } from './vocabulary'

export type MeilisearchEngineOptions = {
  url: string
  apiKey?: string
  /** Put before every index name, so tests (or several hubs) can share one server. */
  indexPrefix?: string
  /** How long to wait for Meilisearch to finish a task before calling it failed. */
  taskTimeoutMs?: number
}

/** Each term finds the others in its group, whichever way round it was typed. */
function synonyms(): Record<string, string[]> {
  const map: Record<string, string[]> = {}
  const stop = new Set(STOP_WORDS)
  for (const original of SYNONYM_GROUPS) {
    // Meilisearch drops stop words from the query before matching synonyms, so
    // "employment and support allowance" must also be known without its "and".
    const group = [
      ...new Set(
        original.flatMap((term) => [
          term,
          term
            .split(' ')
            .filter((w) => !stop.has(w))
            .join(' '),
        ]),
      ),
    ]
    for (const term of group) map[term] = group.filter((other) => other !== term)
  }
  return map
}

/** Holds every term of a synonym group that a document mentions, found at index time. */
const ALIASES = '_aliases'

/**
 * Meilisearch ignores synonyms longer than a few words once stop words are
 * involved ("employment and support allowance"), so documents also carry the
 * abbreviations of what they mention, and the other way round.
 */
function withAliases(settings: IndexSettings, document: SearchDocument): SearchDocument {
  const text = ` ${settings.searchable
    .map((field) => document[field])
    .flat()
    .filter((v) => typeof v === 'string')
    .join(' ')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^a-z0-9']+/g, ' ')} `
  const aliases = SYNONYM_GROUPS.filter((group) => group.some((term) => text.includes(` ${term.replace(/-/g, ' ')} `))).flat()
  return { ...cleanDocument(document), [ALIASES]: aliases.join(' | ') }
}

export function meilisearchSettings(settings: IndexSettings): Settings {
  return {
    searchableAttributes: [...settings.searchable, ALIASES],
    filterableAttributes: settings.filterable,
    sortableAttributes: settings.sortable,
    displayedAttributes: ['*'],
    synonyms: synonyms(),
    stopWords: STOP_WORDS,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    pagination: { maxTotalHits: 10_000 },
  }
}

const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const

function filterExpression({ filters, ranges }: Pick<SearchQuery, 'filters' | 'ranges'>): string[] {
  const clauses: string[] = []
  for (const [field, values] of Object.entries(filters ?? {})) {
    if (!values?.length) continue
    clauses.push(`${field} IN [${values.map((v) => JSON.stringify(v)).join(', ')}]`)
  }
  for (const [field, range] of Object.entries(ranges ?? {})) {
    for (const [bound, operator] of Object.entries(COMPARISONS) as Array<[keyof typeof COMPARISONS, string]>) {
      const value = range?.[bound]
      if (value !== undefined && Number.isFinite(value)) clauses.push(`${field} ${operator} ${value}`)
    }
  }
  return clauses
}

function searchParams(settings: IndexSettings, query: SearchQuery) {
  const { page, perPage } = normalisePaging(query)
  return {
    q: query.text?.trim() || null,
    filter: filterExpression(query),
    facets: query.facets?.length ? query.facets : undefined,
    sort: query.sort?.length ? query.sort.map((s) => `${s.field}:${s.direction}`) : undefined,
    page,
    hitsPerPage: perPage,
    matchingStrategy: 'all' as const,
    // Asked for a count alone, nothing is highlighted.
    attributesToHighlight: perPage ? settings.highlight : undefined,
    attributesToCrop: perPage ? settings.highlight.slice(1) : undefined,
    cropLength: 30,
    cropMarker: '…',
    highlightPreTag: HIGHLIGHT_START,
    highlightPostTag: HIGHLIGHT_END,
  }
}

type MeilisearchResponse = { hits: Array<Record<string, unknown>>; totalHits?: number; facetDistribution?: Record<string, Record<string, number>> }

function toResult(settings: IndexSettings, query: SearchQuery, response: MeilisearchResponse): SearchResult {
  const { page, perPage } = normalisePaging(query)
  const total = response.totalHits ?? 0
  return {
    hits: response.hits.map((hit) => {
      const { _formatted, [ALIASES]: _aliases, ...document } = hit
      const highlights: Record<string, string> = {}
      for (const field of settings.highlight) {
        const value = (_formatted as Record<string, unknown> | undefined)?.[field]
        if (typeof value === 'string') highlights[field] = value
        else if (Array.isArray(value)) highlights[field] = value.join(', ')
      }
      return { id: String(document.id), document: document as SearchDocument, highlights }
    }),
    total,
    page,
    perPage,
    pageCount: pageCount(total, perPage),
    facets: Object.fromEntries((query.facets ?? []).map((facet) => [facet, Object.fromEntries(Object.entries(response.facetDistribution?.[facet] ?? {}).filter(([, n]) => n > 0))])),
  }
}

export class MeilisearchEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const
  readonly client: Meilisearch
  private readonly prefix: string
  private readonly timeout: number
  private readonly prepared = new Map<string, Promise<void>>()

  constructor(options: MeilisearchEngineOptions) {
    // Uncompressed: fetch would otherwise ask for gzip, and compressing on one side and inflating on the other cost both
    // processes more CPU than a page's render, for bytes that only cross a local network.
    this.client = new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: 10_000, requestInit: { headers: { 'Accept-Encoding': 'identity' } } })
    this.prefix = options.indexPrefix ?? ''
    // Generous: on a busy machine a rebuild of a large index legitimately takes tens of seconds, and giving up leaves it half built.
    this.timeout = options.taskTimeoutMs ?? 120_000
  }

  uid(name: string) {
    return `${this.prefix}${name}`
  }

  /** Waits for a task and turns anything but success into an error, so the outbox keeps the change. */
  private async settle(task: EnqueuedTaskPromise, what: string) {
    const done = await task.waitTask({ timeout: this.timeout, interval: 25 })
    if (done.status !== 'succeeded') throw new Error(`Meilisearch ${what} ${done.status}: ${done.error?.message ?? 'no reason given'}`)
    return done
  }

  private async configure(uid: string, settings: IndexSettings) {
    const create = await this.client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: this.timeout, interval: 25 })
    if (create.status !== 'succeeded' && create.error?.code !== 'index_already_exists') {
      throw new Error(`Meilisearch could not create ${uid}: ${create.error?.message}`)
    }
    await this.settle(this.client.index(uid).updateSettings(meilisearchSettings(settings)), `settings for ${uid}`)
  }

  prepare(settings: IndexSettings): Promise<void> {
    const uid = this.uid(settings.name)
    if (!this.prepared.has(uid)) {
      const preparing = this.configure(uid, settings)
      // A failure (say Meilisearch is down) must be retried next time, not remembered.
      preparing.catch(() => this.prepared.delete(uid))
      this.prepared.set(uid, preparing)
    }
    return this.prepared.get(uid)!
  }

  /**
   * After any failure the index's settings are applied again before the next
   * write: a Meilisearch that comes back empty would otherwise create the
   * index on the first document, without its filterable attributes.
   */
  private async write(settings: IndexSettings, what: string, task: () => EnqueuedTaskPromise) {
    try {
      await this.prepare(settings)
      await this.settle(task(), what)
    } catch (error) {
      this.prepared.delete(this.uid(settings.name))
      throw error
    }
  }

  async upsert(settings: IndexSettings, documents: SearchDocument[]) {
    if (!documents.length) return
    const index = this.client.index(this.uid(settings.name))
    await this.write(settings, 'upsert', () =>
      index.addDocuments(
        documents.map((d) => withAliases(settings, d)),
        { primaryKey: 'id' },
      ),
    )
  }

  async delete(settings: IndexSettings, ids: string[]) {
    if (!ids.length) return
    const index = this.client.index(this.uid(settings.name))
    await this.write(settings, 'delete', () => index.deleteDocuments(ids))
  }

  async search(settings: IndexSettings, query: SearchQuery): Promise<SearchResult> {
    try {
      return await this.searchOnce(settings, query)
    } catch (error) {
      // An index made by an older version of the hub lacks newer filterable or sortable fields: apply today's settings and ask again.
      const code = error instanceof MeilisearchApiError ? error.cause?.code : undefined
      if (code !== 'invalid_search_filter' && code !== 'invalid_search_sort' && code !== 'invalid_search_facets') throw error
      this.prepared.delete(this.uid(settings.name))
      await this.prepare(settings)
      return this.searchOnce(settings, query)
    }
  }

  /**
   * Several searches in one request to Meilisearch. Should any of them fail
   * (an index not made yet, or made with older settings) each is asked
   * alone, where those cases are handled.
   */
  async searchMany(requests: Array<{ settings: IndexSettings; query: SearchQuery }>): Promise<SearchResult[]> {
    if (requests.length < 2) return Promise.all(requests.map((r) => this.search(r.settings, r.query)))
    try {
      const { results } = await this.client.multiSearch({
        queries: requests.map(({ settings, query }) => ({ indexUid: this.uid(settings.name), ...searchParams(settings, query) })),
      })
      return results.map((response, i) => toResult(requests[i].settings, requests[i].query, response))
    } catch (error) {
      const code = error instanceof MeilisearchApiError ? error.cause?.code : undefined
      if (code !== 'index_not_found' && !code?.startsWith('invalid_search_')) throw error
      return Promise.all(requests.map((r) => this.search(r.settings, r.query)))
    }
  }

  private async searchOnce(settings: IndexSettings, query: SearchQuery): Promise<SearchResult> {
    try {
      const { q, ...params } = searchParams(settings, query)
      return toResult(settings, query, await this.client.index(this.uid(settings.name)).search(q, params))
    } catch (error) {
      // Nothing indexed yet is an empty result, not an error page.
      if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') {
        const { page, perPage } = normalisePaging(query)
        return { hits: [], total: 0, page, perPage, pageCount: 1, facets: Object.fromEntries((query.facets ?? []).map((f) => [f, {}])) }
      }
      throw error
    }
  }

  async rebuild(settings: IndexSettings, batches: AsyncIterable<SearchDocument[]>) {
    const live = this.uid(settings.name)
    const next = `${live}__next`
    // A rebuild that died half way leaves its index behind; start clean.
    await this.client.deleteIndex(next).waitTask({ timeout: this.timeout, interval: 25 })
    await this.configure(next, settings)
    let documents = 0
    for await (const batch of batches) {
      if (!batch.length) continue
      await this.settle(
        this.client.index(next).addDocuments(
          batch.map((d) => withAliases(settings, d)),
          { primaryKey: 'id' },
        ),
        'rebuild batch',
      )
      documents += batch.length
    }
    await this.prepare(settings)
    await this.settle(this.client.swapIndexes([{ indexes: [live, next], rename: false }]), 'swap')
    await this.settle(this.client.deleteIndex(next), 'removing the old index')
    return { documents }
  }

  /** Removes every index with this engine's prefix (tests clean up after themselves). */
  async dropAll() {
    const { results } = await this.client.getIndexes({ limit: 1000 })
    for (const index of results) {
      if (index.uid.startsWith(this.prefix)) await this.client.deleteIndex(index.uid).waitTask({ timeout: this.timeout })
    }
    this.prepared.clear()
  }
}
