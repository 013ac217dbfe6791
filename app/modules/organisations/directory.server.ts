import { asc, inArray } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { organisations, type Sector, type SizeBand } from '~db/schema'
import { searchIndex } from '~search/search.server'
import { CAPABILITY_KEYS } from './capabilities'
import { REGION_VALUES, SECTOR_VALUES, SIZE_BAND_VALUES } from './options'

export const PAGE_SIZE = 20

export type DirectoryQuery = {
  q: string
  sectors: Sector[]
  sizes: SizeBand[]
  region: string | null
  capability: string | null
  page: number
}

const keep = <T extends string>(allowed: readonly T[], values: string[]) => values.filter((v): v is T => (allowed as readonly string[]).includes(v))

/** Reads the directory's filters from a query string; values not on the lists are ignored rather than failing the page. */
export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const region = params.get('region') ?? ''
  const capability = params.get('capability') ?? ''
  const page = Number.parseInt(params.get('page') ?? '1', 10)
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    sectors: keep(SECTOR_VALUES, params.getAll('sector')),
    sizes: keep(SIZE_BAND_VALUES, params.getAll('size')),
    region: (REGION_VALUES as readonly string[]).includes(region) ? region : null,
    capability: (CAPABILITY_KEYS as readonly string[]).includes(capability) ? capability : null,
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  }
}

/**
 * The directory's one query, answered by the hub's search engine (the same
 * one as /search), so the text box is typo-tolerant and ranked; the rows
 * shown are then read from PostgreSQL.
 */
export async function searchDirectory(query: DirectoryQuery) {
  const search = (page: number) =>
    searchIndex('organisations', {
      text: query.q,
      filters: {
        sector: query.sectors,
        sizeBand: query.sizes,
        regions: query.region ? [query.region] : [],
        capabilities: query.capability ? [query.capability] : [],
      },
      sort: query.q ? undefined : [{ field: 'title', direction: 'asc' }],
      page,
      perPage: PAGE_SIZE,
    })
  let result = await search(query.page)
  if (query.page > result.pageCount) result = await search(result.pageCount)
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
  return { items, total: result.total, page: result.page, pageCount: result.pageCount }
}

/** Every organisation, for the open data download. */
export async function allOrganisations() {
  return db.select().from(organisations).orderBy(asc(organisations.name))
}
