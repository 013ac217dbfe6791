import { logger } from '~/lib/logger.server'
import type { SearchHit } from './engine'
import { INDEX_NAMES, INDEXES, facetValueLabel, isIndexName, type SearchIndexName } from './indexes'
import { searchIndexes } from './search.server'

export const PER_PAGE = 20
const PER_GROUP = 3

export type HubSearchParams = {
  q: string
  type: SearchIndexName | null
  filters: Record<string, string[]>
  page: number
}

/** Reads the search page's query string; anything not on the lists is ignored rather than failing the page. */
export function parseHubSearch(params: URLSearchParams): HubSearchParams {
  const q = (params.get('q') ?? '').trim().slice(0, 200)
  const rawType = params.get('type') ?? ''
  const type = isIndexName(rawType) ? rawType : null
  const filters: Record<string, string[]> = {}
  if (type) {
    for (const facet of INDEXES[type].facets) {
      const values = params
        .getAll(facet.field)
        .map((v) => v.trim())
        .filter((v) => v && v.length <= 100)
      if (values.length) filters[facet.field] = [...new Set(values)].slice(0, 20)
    }
  }
  const page = Number.parseInt(params.get('page') ?? '1', 10)
  return { q, type, filters, page: Number.isFinite(page) && page >= 1 ? Math.min(page, 500) : 1 }
}

export type HubHit = { id: string; url: string; title: string; summary: string; typeLabel: string }

function toHit(name: SearchIndexName, hit: SearchHit): HubHit {
  const title = hit.highlights.title ?? String(hit.document.title ?? '')
  return {
    id: hit.id,
    url: String(hit.document.url ?? '/'),
    title,
    summary: hit.highlights.summary ?? String(hit.document.summary ?? ''),
    typeLabel: INDEXES[name].label,
  }
}

export type HubFacet = { field: string; label: string; options: Array<{ value: string; label: string; count: number }> }

/**
 * The search page across the hub: a count for every type, the first few
 * results of each when no type is chosen, and full results with facets for
 * the chosen type.
 */
export async function searchHub(params: HubSearchParams) {
  try {
    // Every type's count (and, with no type chosen, its first few results) and the chosen type's page, in one round trip.
    const definition = params.type ? INDEXES[params.type] : null
    const results = await searchIndexes([
      ...INDEX_NAMES.map((name) => ({
        name,
        // With a type chosen the other types show only their counts.
        query: { text: params.q, perPage: params.type ? 0 : PER_GROUP, sort: params.q ? undefined : INDEXES[name].defaultSort },
      })),
      ...(params.type && definition
        ? [
            {
              name: params.type,
              query: {
                text: params.q,
                filters: params.filters,
                facets: definition.facets.map((f) => f.field),
                sort: params.q ? undefined : definition.defaultSort,
                page: params.page,
                perPage: PER_PAGE,
              },
            },
          ]
        : []),
    ])
    const groups = INDEX_NAMES.map((name, i) => ({ name, label: INDEXES[name].label, total: results[i].total, hits: results[i].hits.map((hit) => toHit(name, hit)) }))
    if (!params.type || !definition) return { available: true as const, groups, results: null }

    const result = results[INDEX_NAMES.length]
    const facets: HubFacet[] = definition.facets.map((facet) => {
      const counts = result.facets[facet.field] ?? {}
      // Chosen values stay on the list even with no matches, so they can be unticked.
      const values = new Set([...Object.keys(counts), ...(params.filters[facet.field] ?? [])])
      return {
        field: facet.field,
        label: facet.label,
        options: [...values].map((value) => ({ value, label: facetValueLabel(facet, value), count: counts[value] ?? 0 })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
      }
    })
    return {
      available: true as const,
      groups,
      results: {
        hits: result.hits.map((hit) => toHit(params.type!, hit)),
        total: result.total,
        page: result.page,
        pageCount: result.pageCount,
        facets,
      },
    }
  } catch (error) {
    // A search outage shows a message; it never takes the page (or any write) down.
    logger.error({ err: error }, 'search failed')
    return { available: false as const, groups: [], results: null }
  }
}

/** A handful of matches across the hub for as-you-type suggestions. */
export async function suggest(q: string, limit = 6): Promise<HubHit[]> {
  const text = q.trim().slice(0, 100)
  if (text.length < 2) return []
  try {
    const results = (await searchIndexes(INDEX_NAMES.map((name) => ({ name, query: { text, perPage: limit } })))).map((result, i) => result.hits.map((hit) => toHit(INDEX_NAMES[i], hit)))
    // Take the best from each type in turn, so one busy type cannot crowd out the rest.
    const merged: HubHit[] = []
    for (let i = 0; merged.length < limit && results.some((r) => r.length > i); i++) {
      for (const hits of results) if (hits[i] && merged.length < limit) merged.push(hits[i])
    }
    return merged
  } catch (error) {
    logger.warn({ err: error }, 'search suggestions failed')
    return []
  }
}
