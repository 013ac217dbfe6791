import { and, arrayContains, asc, count, desc, inArray, sql, type SQL } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { organisations, type Sector, type SizeBand } from '~db/schema'
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

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * The directory's one query. Text matches the name or description by
 * substring or by English full-text search. The search engine will take
 * over the text box later; the filters stay here.
 */
export async function searchDirectory(query: DirectoryQuery) {
  const conditions: SQL[] = []
  if (query.sectors.length) conditions.push(inArray(organisations.sector, query.sectors))
  if (query.sizes.length) conditions.push(inArray(organisations.sizeBand, query.sizes))
  if (query.region) conditions.push(arrayContains(organisations.regions, [query.region]))
  if (query.capability) conditions.push(arrayContains(organisations.capabilities, [query.capability]))
  let rank: SQL | null = null
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`
    const document = sql`to_tsvector('english', ${organisations.name} || ' ' || ${organisations.description})`
    const tsquery = sql`websearch_to_tsquery('english', ${query.q})`
    conditions.push(sql`(${organisations.name} ilike ${like} or ${organisations.description} ilike ${like} or ${document} @@ ${tsquery})`)
    rank = sql`(${organisations.name} ilike ${like})::int * 2 + ts_rank(${document}, ${tsquery})`
  }
  const where = conditions.length ? and(...conditions) : undefined
  const [{ total }] = await db.select({ total: count() }).from(organisations).where(where)
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(query.page, pageCount)
  const items = await db
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
    .where(where)
    .orderBy(...(rank ? [desc(rank)] : []), asc(organisations.name))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  return { items, total, page, pageCount }
}

/** Every organisation, for the open data download. */
export async function allOrganisations() {
  return db.select().from(organisations).orderBy(asc(organisations.name))
}
