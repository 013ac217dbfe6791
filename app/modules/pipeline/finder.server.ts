/** The public pipeline list: published notices matching a filter set, found by the search engine or in SQL. */
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { db, type DbOrTx } from '~/lib/db.server'
import { pipelineAwards, pipelineAwardSuppliers, pipelineNotices, type PipelineFilterSet, type PipelineNotice, type PipelineStatus, type ProcurementRoute } from '~db/schema'
import { searchIndex } from '~search/search.server'
import { VALUE_BANDS } from './model'

export type PipelineSort = 'start' | 'updated' | 'value'
export const PAGE_SIZE = 20

/**
 * The one query behind the public list, saved-search alerts and open data:
 * published notices matching a filter set. The public list's text box and
 * filters are answered by the search engine instead (`searchPipeline`).
 */
export function pipelineConditions(filters: PipelineFilterSet, { ids }: { ids?: string[] } = {}): SQL {
  const conditions: SQL[] = [isNotNull(pipelineNotices.publishedAt)]
  if (ids) conditions.push(ids.length ? inArray(pipelineNotices.id, ids) : sql`false`)
  if (filters.status?.length) conditions.push(inArray(pipelineNotices.status, filters.status as PipelineStatus[]))
  if (filters.route?.length) conditions.push(inArray(pipelineNotices.route, filters.route as ProcurementRoute[]))
  if (filters.region?.length)
    conditions.push(
      sql`${pipelineNotices.regions} && ${sql`array[${sql.join(
        filters.region.map((r) => sql`${r}`),
        sql`, `,
      )}]::text[]`}`,
    )
  if (filters.sme) conditions.push(eq(pipelineNotices.suitableForSme, true))
  if (filters.vcse) conditions.push(eq(pipelineNotices.suitableForVcse, true))
  if (filters.band?.length) {
    const bands = VALUE_BANDS.filter((b) => filters.band!.includes(b.value)).map((b) => {
      const lower = gte(pipelineNotices.valueMaxPence, b.min * 100)
      return b.max === null ? lower : and(lower, lt(pipelineNotices.valueMaxPence, b.max * 100))!
    })
    if (bands.length) conditions.push(or(...bands)!)
  }
  if (filters.start?.length) {
    const years = filters.start.map(Number).filter((y) => Number.isInteger(y))
    conditions.push(or(...years.map((y) => and(gte(pipelineNotices.serviceStartDate, `${y}-04-01`), lt(pipelineNotices.serviceStartDate, `${y + 1}-04-01`))!)) ?? sql`false`)
  }
  if (filters.q) {
    const words = filters.q.split(/\s+/).filter(Boolean).slice(0, 8)
    for (const word of words) {
      const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      conditions.push(
        or(
          ilike(pipelineNotices.title, like),
          ilike(pipelineNotices.reference, like),
          ilike(pipelineNotices.summary, like),
          ilike(pipelineNotices.programme, like),
          ilike(pipelineNotices.buyer, like),
          ilike(pipelineNotices.descriptionText, like),
          sql`array_to_string(${pipelineNotices.cpvCodes}, ' ') ilike ${like}`,
          exists(
            db
              .select({ one: sql`1` })
              .from(pipelineAwardSuppliers)
              .innerJoin(pipelineAwards, eq(pipelineAwards.id, pipelineAwardSuppliers.awardId))
              .where(and(eq(pipelineAwards.noticeId, pipelineNotices.id), ilike(pipelineAwardSuppliers.name, like))),
          ),
        )!,
      )
    }
  }
  return and(...conditions)!
}

const ENGINE_SORTS: Record<PipelineSort, Array<{ field: string; direction: 'asc' | 'desc' }>> = {
  start: [
    { field: 'serviceStart', direction: 'asc' },
    { field: 'title', direction: 'asc' },
  ],
  updated: [
    { field: 'updated', direction: 'desc' },
    { field: 'title', direction: 'asc' },
  ],
  value: [
    { field: 'valueMax', direction: 'desc' },
    { field: 'title', direction: 'asc' },
  ],
}

/**
 * The public list. Without `ids` the search engine answers the text box
 * (typo-tolerant, like /search) and the filters, and the rows are read from
 * PostgreSQL. With `ids` (alerts and digests) the filters are matched in SQL
 * inside the caller's transaction, since an alert must see the revision it
 * is about before the index does.
 */
export async function searchPipeline(
  filters: PipelineFilterSet,
  { page = 1, pageSize = PAGE_SIZE, sort = 'start', ids, tx = db }: { page?: number; pageSize?: number; sort?: PipelineSort; ids?: string[]; tx?: DbOrTx } = {},
) {
  if (!ids) return searchPipelineIndex(filters, { page, pageSize, sort, tx })
  const where = pipelineConditions(filters, { ids })
  const order =
    sort === 'updated'
      ? [desc(pipelineNotices.lastUpdatedAt), asc(pipelineNotices.title)]
      : sort === 'value'
        ? [desc(pipelineNotices.valueMaxPence), asc(pipelineNotices.title)]
        : [sql`${pipelineNotices.serviceStartDate} asc nulls last`, asc(pipelineNotices.title)]
  const rows = await tx
    .select()
    .from(pipelineNotices)
    .where(where)
    .orderBy(...order)
    .limit(pageSize)
    .offset((page - 1) * pageSize)
  const [counted] = await tx.select({ total: count() }).from(pipelineNotices).where(where)
  const total = counted?.total ?? 0
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)) }
}

/** What a list of notices shows of each: the page carries no more, since its data is sent to the browser as well. */
export function listItem(notice: PipelineNotice) {
  const { id, slug, title, summary, status, valueMinPence, valueMaxPence, route, serviceStartDate, serviceStartPrecision, regions, lastUpdatedAt } = notice
  return { id, slug, title, summary, status, valueMinPence, valueMaxPence, route, serviceStartDate, serviceStartPrecision, regions, lastUpdatedAt }
}

async function searchPipelineIndex(filters: PipelineFilterSet, { page, pageSize, sort, tx }: { page: number; pageSize: number; sort: PipelineSort; tx: DbOrTx }) {
  const result = await searchIndex('pipeline', {
    text: filters.q,
    filters: {
      status: filters.status,
      route: filters.route,
      regions: filters.region,
      valueBand: filters.band,
      startYear: filters.start,
      sme: filters.sme ? ['yes'] : undefined,
      vcse: filters.vcse ? ['yes'] : undefined,
    },
    sort: ENGINE_SORTS[sort],
    page,
    perPage: pageSize,
  })
  const ids = result.hits.map((hit) => hit.id)
  const found = ids.length
    ? await tx
        .select()
        .from(pipelineNotices)
        .where(and(inArray(pipelineNotices.id, ids), isNotNull(pipelineNotices.publishedAt)))
    : []
  const byId = new Map(found.map((row) => [row.id, row]))
  const rows = ids.flatMap((id) => byId.get(id) ?? [])
  return { rows, total: result.total, page, pageCount: result.pageCount }
}
