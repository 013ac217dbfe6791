import { asc, inArray } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { organisations, type MerlinStatus, type Sector, type SizeBand } from '~db/schema'
import type { SearchQuery } from '~search/engine'
import { searchIndexes } from '~search/search.server'
import { CAPABILITY_KEYS, type CapabilityKey } from './capabilities'
import { MERLIN_VALUES, REGION_VALUES, SECTOR_VALUES, SIZE_BAND_VALUES, type RegionKey } from './options'

export const PAGE_SIZE = 20

export type DirectoryQuery = {
  q: string
  sectors: Sector[]
  sizes: SizeBand[]
  merlin: MerlinStatus[]
  regions: RegionKey[]
  capabilities: CapabilityKey[]
  page: number
}

const keep = <T extends string>(allowed: readonly T[], values: string[]) => values.filter((v): v is T => (allowed as readonly string[]).includes(v))

/** Reads the directory's filters from a query string; values not on the lists are ignored rather than failing the page. */
export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const page = Number.parseInt(params.get('page') ?? '1', 10)
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    sectors: keep(SECTOR_VALUES, params.getAll('sector')),
    sizes: keep(SIZE_BAND_VALUES, params.getAll('size')),
    merlin: keep(MERLIN_VALUES, params.getAll('merlin')),
    regions: keep(REGION_VALUES, params.getAll('region')),
    capabilities: keep(CAPABILITY_KEYS, params.getAll('capability')),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  }
}

/** The directory's filter groups, each an index field; values chosen in one group are alternatives, the groups are all required. */
export const DIRECTORY_FACETS = {
  merlin: 'merlinStatus',
  regions: 'regions',
  capabilities: 'capabilities',
  sectors: 'sector',
  sizes: 'sizeBand',
} as const satisfies Partial<Record<keyof DirectoryQuery, string>>

type FacetKey = keyof typeof DIRECTORY_FACETS

export type DirectoryCounts = Record<FacetKey, Record<string, number>>

const engineFilters = (query: DirectoryQuery) => Object.fromEntries((Object.keys(DIRECTORY_FACETS) as FacetKey[]).map((key) => [DIRECTORY_FACETS[key], [...query[key]]]))

/**
 * The directory's query, answered by the hub's search engine (the same one
 * as /search), so the text box is typo-tolerant and ranked; the rows shown
 * are then read from PostgreSQL. In the same round trip each filter group
 * is counted with every other group applied but not its own, so a count
 * says how many organisations ticking that box as well would show.
 */
export async function searchDirectory(query: DirectoryQuery) {
  const filters = engineFilters(query)
  const list = (page: number): SearchQuery => ({ text: query.q, filters, sort: query.q ? undefined : [{ field: 'title', direction: 'asc' }], page, perPage: PAGE_SIZE })
  const keys = Object.keys(DIRECTORY_FACETS) as FacetKey[]
  const [first, ...facetResults] = await searchIndexes([
    { name: 'organisations', query: list(query.page) },
    ...keys.map((key) => ({ name: 'organisations' as const, query: { text: query.q, filters: { ...filters, [DIRECTORY_FACETS[key]]: [] }, facets: [DIRECTORY_FACETS[key]], perPage: 0 } })),
  ])
  const counts = Object.fromEntries(keys.map((key, i) => [key, facetResults[i].facets[DIRECTORY_FACETS[key]] ?? {}])) as DirectoryCounts
  let result = first
  if (query.page > result.pageCount) [result] = await searchIndexes([{ name: 'organisations', query: list(result.pageCount) }])
  const ids = result.hits.map((hit) => hit.id)
  const rows = ids.length
    ? await db
        .select({
          id: organisations.id,
          slug: organisations.slug,
          name: organisations.name,
          sector: organisations.sector,
          sizeBand: organisations.sizeBand,
          regions: organisations.regions,
          capabilities: organisations.capabilities,
          merlinStatus: organisations.merlinStatus,
          description: organisations.description,
        })
        .from(organisations)
        .where(inArray(organisations.id, ids))
    : []
  const byId = new Map(rows.map((row) => [row.id, row]))
  const items = ids.flatMap((id) => byId.get(id) ?? [])
  return { items, total: result.total, page: result.page, pageCount: result.pageCount, counts }
}

/** Every organisation, for the open data download. */
export async function allOrganisations() {
  return db.select().from(organisations).orderBy(asc(organisations.name))
}
