import type postgres from 'postgres'
import type { Sql } from 'postgres'
import {
  cleanDocument,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  normalisePaging,
  pageCount,
  type FieldValue,
  type IndexSettings,
  type SearchDocument,
  type SearchEngine,
  type SearchQuery,
  type SearchResult,
} from './engine'
import { SYNONYM_GROUPS } from './vocabulary'

export type PostgresEngineOptions = {
  sql: Sql
  indexPrefix?: string
}

/** Operators from this fixed list are the only SQL text a query adds unescaped. */
const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const

function textOf(value: FieldValue | undefined): string {
  if (value === null || value === undefined) return ''
  return Array.isArray(value) ? value.join(', ') : String(value)
}

/** Searchable fields in priority order folded into PostgreSQL's four weights; the fourth takes the rest. */
function weightedTexts(settings: IndexSettings, document: SearchDocument): string[] {
  const texts = ['', '', '', '']
  settings.searchable.forEach((field, i) => {
    const slot = Math.min(i, 3)
    texts[slot] = `${texts[slot]} ${textOf(document[field])}`.trim()
  })
  return texts
}

function filterValuesOf(settings: IndexSettings, document: SearchDocument): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {}
  for (const field of new Set([...settings.filterable, ...settings.sortable])) {
    if (document[field] !== undefined) values[field] = document[field]
  }
  return values
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && w.length <= 40)
}

/**
 * Query rewrite rules so an abbreviation finds its expansion and the other
 * way round. Built from constants, so it is safe to inline as SQL text.
 */
const SYNONYM_RULES = (() => {
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`
  const rows: string[] = []
  for (const group of SYNONYM_GROUPS) {
    const any = group.map((term) => `phraseto_tsquery('english', ${quote(term)})`).join(' || ')
    for (const term of group) {
      rows.push(`(phraseto_tsquery('english', ${quote(term)}), ${any})`)
      if (term.includes(' ')) rows.push(`(plainto_tsquery('english', ${quote(term)}), ${any})`)
    }
  }
  return `select target, substitute from (values ${rows.join(', ')}) as rules(target, substitute) where numnode(target) > 0`
})()

const HEADLINE_WHOLE = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, HighlightAll=true`
const HEADLINE_SNIPPET = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`

/**
 * Full-text search in PostgreSQL: one table of documents with a weighted
 * tsvector, `websearch_to_tsquery` for what people type, `ts_headline` for
 * highlights and trigram similarity to correct near misses.
 */
export class PostgresEngine implements SearchEngine {
  readonly kind = 'postgres' as const
  private readonly sql: Sql
  private readonly prefix: string

  constructor(options: PostgresEngineOptions) {
    this.sql = options.sql
    this.prefix = options.indexPrefix ?? ''
  }

  private name(settings: IndexSettings) {
    return `${this.prefix}${settings.name}`
  }

  private liveGeneration(sql: Sql, name: string) {
    return sql`coalesce((select generation from search_generations where index_name = ${name}), 1)`
  }

  async prepare() {
    // Nothing to create: every index shares the documents table.
  }

  private async write(sql: Sql, settings: IndexSettings, documents: SearchDocument[], generation: postgres.PendingQuery<postgres.Row[]>) {
    const name = this.name(settings)
    const rows = documents.map(cleanDocument).map((document) => ({ ...document, __w: weightedTexts(settings, document), __f: filterValuesOf(settings, document) }))
    await sql`
      insert into search_documents (index_name, generation, document_id, fields, filter_values, search_vector)
      select ${name}, ${generation}, d->>'id', d - '__w' - '__f', d->'__f',
        setweight(to_tsvector('english', d->'__w'->>0), 'A') || setweight(to_tsvector('english', d->'__w'->>1), 'B') ||
        setweight(to_tsvector('english', d->'__w'->>2), 'C') || setweight(to_tsvector('english', d->'__w'->>3), 'D')
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) as d
      on conflict (index_name, generation, document_id)
      do update set fields = excluded.fields, filter_values = excluded.filter_values, search_vector = excluded.search_vector, updated_at = now()`
    const terms = [...new Set(rows.flatMap((row) => wordsOf(row.__w.join(' '))))]
    if (terms.length) {
      await sql`insert into search_terms (index_name, term) select ${name}, unnest(${terms}::text[]) on conflict do nothing`
    }
  }

  async upsert(settings: IndexSettings, documents: SearchDocument[]) {
    if (!documents.length) return
    await this.write(this.sql, settings, documents, this.liveGeneration(this.sql, this.name(settings)))
  }

  async delete(settings: IndexSettings, ids: string[]) {
    if (!ids.length) return
    const name = this.name(settings)
    await this.sql`delete from search_documents where index_name = ${name} and document_id = any(${ids}::text[])`
  }

  /** Replaces words that appear nowhere in the index with the most similar word that does. */
  private async correct(name: string, text: string): Promise<string> {
    const tokens = text.split(/(\s+)/)
    const candidates = [...new Set(tokens.filter((t) => /^[a-z]{4,40}$/i.test(t)).map((t) => t.toLowerCase()))]
    if (!candidates.length) return text
    const rows = await this.sql<{ word: string; best: string | null }[]>`
      select w.word,
        case when exists (select 1 from search_terms t where t.index_name = ${name} and t.term = w.word) then null
        else (select t.term from search_terms t where t.index_name = ${name} and t.term % w.word
              order by similarity(t.term, w.word) desc, t.term limit 1) end as best
      from unnest(${candidates}::text[]) as w(word)`
    const replacements = new Map(rows.filter((r) => r.best).map((r) => [r.word, r.best!]))
    if (!replacements.size) return text
    return tokens.map((t) => replacements.get(t.toLowerCase()) ?? t).join('')
  }

  async search(settings: IndexSettings, query: SearchQuery): Promise<SearchResult> {
    const sql = this.sql
    const { page, perPage } = normalisePaging(query)
    const name = this.name(settings)
    const raw = query.text?.trim() ?? ''
    const text = raw ? await this.correct(name, raw) : ''
    const tsquery = sql`ts_rewrite(websearch_to_tsquery('english', ${text}), ${SYNONYM_RULES})`

    const conditions = [sql`d.index_name = ${name}`, sql`d.generation = ${this.liveGeneration(sql, name)}`]
    if (text) conditions.push(sql`(numnode(q.query) = 0 or d.search_vector @@ q.query)`)
    for (const [field, values] of Object.entries(query.filters ?? {})) {
      if (!values?.length) continue
      conditions.push(sql`d.filter_values -> ${field} ?| ${values}::text[]`)
    }
    for (const [field, range] of Object.entries(query.ranges ?? {})) {
      for (const [bound, operator] of Object.entries(COMPARISONS) as Array<[keyof typeof COMPARISONS, string]>) {
        const value = range?.[bound]
        if (value === undefined || !Number.isFinite(value)) continue
        conditions.push(sql`(jsonb_typeof(d.filter_values -> ${field}) = 'number' and (d.filter_values ->> ${field})::numeric ${sql.unsafe(operator)} ${value}::numeric)`)
      }
    }
    const where = conditions.reduce((acc, condition) => sql`${acc} and ${condition}`)

    const orderBy = query.sort?.length
      ? // A JSON null is a value to jsonb and would sort first; Meilisearch puts documents without a value last either way.
        query.sort.map((s) =>
          s.direction === 'desc' ? sql`nullif(d.filter_values -> ${s.field}, 'null'::jsonb) desc nulls last` : sql`nullif(d.filter_values -> ${s.field}, 'null'::jsonb) asc nulls last`,
        )
      : text
        ? [sql`ts_rank_cd(d.search_vector, q.query) desc`]
        : []
    const order = [...orderBy, sql`d.document_id`].reduce((acc, part) => sql`${acc}, ${part}`)

    const [first, ...rest] = settings.highlight
    const headline = (field: string, options: string) =>
      sql`ts_headline('english', case when jsonb_typeof(d.fields -> ${field}) = 'array'
            then (select string_agg(v, ', ') from jsonb_array_elements_text(d.fields -> ${field}) v)
            else coalesce(d.fields ->> ${field}, '') end, q.query, ${options})`
    const highlightColumns = text
      ? sql`jsonb_build_object(${[first, ...rest]
          .filter(Boolean)
          .map((field, i) => sql`${field}::text, ${headline(field, i === 0 ? HEADLINE_WHOLE : HEADLINE_SNIPPET)}`)
          .reduce((acc, part) => sql`${acc}, ${part}`)})`
      : sql`'{}'::jsonb`

    // Asked for a count alone, nothing is ranked or highlighted.
    const rows = perPage
      ? await sql<{ document_id: string; fields: SearchDocument; highlights: Record<string, string>; total: number }[]>`
      with q as (select ${tsquery} as query)
      select d.document_id, d.fields, ${highlightColumns} as highlights, count(*) over ()::int as total
      from search_documents d, q
      where ${where}
      order by ${order}
      limit ${perPage} offset ${(page - 1) * perPage}`
      : []

    let total = rows[0]?.total ?? 0
    if (!rows.length && (page > 1 || !perPage)) {
      const [counted] = await sql<{ total: number }[]>`
        with q as (select ${tsquery} as query) select count(*)::int as total from search_documents d, q where ${where}`
      total = counted.total
    }

    const facets: Record<string, Record<string, number>> = Object.fromEntries((query.facets ?? []).map((f) => [f, {}]))
    if (query.facets?.length) {
      const counts = await sql<{ facet: string; value: string; count: number }[]>`
        with q as (select ${tsquery} as query),
        matches as (select d.filter_values as v from search_documents d, q where ${where})
        select f.facet, v.value, count(*)::int as count
        from matches m
        cross join unnest(${query.facets}::text[]) as f(facet)
        cross join lateral jsonb_array_elements_text(
          case when jsonb_typeof(m.v -> f.facet) = 'array' then m.v -> f.facet
               when m.v -> f.facet is null or jsonb_typeof(m.v -> f.facet) = 'null' then '[]'::jsonb
               else jsonb_build_array(m.v -> f.facet) end) as v(value)
        group by f.facet, v.value`
      for (const row of counts) facets[row.facet][row.value] = row.count
    }

    return {
      hits: rows.map((row) => {
        const highlights: Record<string, string> = {}
        for (const field of settings.highlight) {
          highlights[field] = row.highlights[field] ?? textOf(row.fields[field])
        }
        return { id: row.document_id, document: row.fields, highlights }
      }),
      total,
      page,
      perPage,
      pageCount: pageCount(total, perPage),
      facets,
    }
  }

  searchMany(requests: Array<{ settings: IndexSettings; query: SearchQuery }>): Promise<SearchResult[]> {
    return Promise.all(requests.map((r) => this.search(r.settings, r.query)))
  }

  async rebuild(settings: IndexSettings, batches: AsyncIterable<SearchDocument[]>) {
    const name = this.name(settings)
    const [{ next }] = await this.sql<{ next: number }[]>`
      select greatest(
        coalesce((select max(generation) from search_documents where index_name = ${name}), 0),
        coalesce((select generation from search_generations where index_name = ${name}), 1)) + 1 as next`
    let documents = 0
    for await (const batch of batches) {
      if (!batch.length) continue
      await this.write(this.sql, settings, batch, this.sql`${next}::int`)
      documents += batch.length
    }
    // One transaction: searches see the old generation until the commit, then the new one.
    await this.sql.begin(async (tx) => {
      await tx`insert into search_generations (index_name, generation) values (${name}, ${next})
               on conflict (index_name) do update set generation = excluded.generation`
      await tx`delete from search_documents where index_name = ${name} and generation <> ${next}`
    })
    return { documents }
  }
}
