/**
 * One interface for every search engine the hub can use. The Meilisearch
 * and PostgreSQL adapters both pass the same contract suite
 * (search/contract.test.ts), so pages never know which one answered.
 */

/** A field's value in a search document. Facet and filter fields hold strings or arrays of strings. */
export type FieldValue = string | number | boolean | null | string[]

export type SearchDocument = { id: string } & { [field: string]: FieldValue }

/** What an engine needs to know to build an index. */
export type IndexSettings = {
  name: string
  /** Highest priority first: a match in the first field ranks above one in the last. */
  searchable: string[]
  filterable: string[]
  sortable: string[]
  /** Fields returned with highlighted matches. */
  highlight: string[]
}

/** Bounds on a number field (epoch milliseconds for dates); a document without a number there never matches. */
export type NumberRange = { gt?: number; gte?: number; lt?: number; lte?: number }

export type SearchQuery = {
  text?: string
  /** Field -> accepted values. Values of one field are alternatives; fields are all required. */
  filters?: Record<string, string[] | undefined>
  /**
   * Field -> bounds, all required alongside the filters. Lets a list filter by
   * time at query time ("open now") rather than index a status that goes stale.
   */
  ranges?: Record<string, NumberRange | undefined>
  facets?: string[]
  sort?: Array<{ field: string; direction: 'asc' | 'desc' }>
  page?: number
  perPage?: number
}

export type SearchHit = {
  id: string
  document: SearchDocument
  /**
   * Field -> text with matches between HIGHLIGHT_START and HIGHLIGHT_END.
   * The text is not HTML: render it with `highlightSegments`.
   */
  highlights: Record<string, string>
}

export type SearchResult = {
  hits: SearchHit[]
  total: number
  page: number
  perPage: number
  pageCount: number
  /** Facet field -> value -> number of matching documents. Values with no matches are left out. */
  facets: Record<string, Record<string, number>>
}

export interface SearchEngine {
  readonly kind: 'meilisearch' | 'postgres'
  /** Creates the index if needed and applies its settings. Safe to call repeatedly. */
  prepare(settings: IndexSettings): Promise<void>
  /** Adds or replaces documents; resolves once they are searchable. */
  upsert(settings: IndexSettings, documents: SearchDocument[]): Promise<void>
  /** Removes documents; resolves once they are gone from results. */
  delete(settings: IndexSettings, ids: string[]): Promise<void>
  search(settings: IndexSettings, query: SearchQuery): Promise<SearchResult>
  /** Several searches at once, answered in the order asked: one page that shows every type asks once. */
  searchMany(requests: Array<{ settings: IndexSettings; query: SearchQuery }>): Promise<SearchResult[]>
  /**
   * Rebuilds an index from scratch beside the live one, then switches to it
   * at once: searches keep answering from the old index until the switch.
   */
  rebuild(settings: IndexSettings, batches: AsyncIterable<SearchDocument[]>): Promise<{ documents: number }>
  close?(): Promise<void>
}

/** Private-use characters: they cannot clash with anything a person types or HTML. */
export const HIGHLIGHT_START = '\uE000'
export const HIGHLIGHT_END = '\uE001'

const markers = new RegExp(`[${HIGHLIGHT_START}${HIGHLIGHT_END}]`, 'g')

/** Documents never carry the markers themselves, so highlights cannot be forged by content. */
export function stripMarkers(text: string): string {
  return text.replace(markers, '')
}

/** Splits highlighted text into plain and matched runs, for rendering as text and <mark> elements. */
export function highlightSegments(text: string): Array<{ text: string; match: boolean }> {
  const segments: Array<{ text: string; match: boolean }> = []
  let match = false
  let current = ''
  for (const char of text) {
    if (char === HIGHLIGHT_START || char === HIGHLIGHT_END) {
      if (current) segments.push({ text: current, match })
      current = ''
      match = char === HIGHLIGHT_START
    } else {
      current += char
    }
  }
  if (current) segments.push({ text: current, match })
  return segments
}

export function pageCount(total: number, perPage: number) {
  return perPage ? Math.max(1, Math.ceil(total / perPage)) : 1
}

export function normalisePaging(query: SearchQuery) {
  const perPage = Math.min(Math.max(Math.trunc(query.perPage ?? 20), 0), 100)
  const page = Math.min(Math.max(Math.trunc(query.page ?? 1), 1), 1000)
  return { page, perPage }
}

/** Text fields of a document with the markers removed, so stored content cannot fake a highlight. */
export function cleanDocument(document: SearchDocument): SearchDocument {
  const out: SearchDocument = { id: document.id }
  for (const [key, value] of Object.entries(document)) {
    if (typeof value === 'string') out[key] = stripMarkers(value)
    else if (Array.isArray(value)) out[key] = value.map(stripMarkers)
    else out[key] = value
  }
  return out
}
