import { asc, gt, inArray } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { CAPABILITIES } from '~/modules/organisations/capabilities'
import { organisations } from '~db/schema'
import { INDEXES, facetValueLabel } from '../indexes'
import { epoch, type SearchSource } from '../search-source'

const regionFacet = INDEXES.organisations.facets.find((f) => f.field === 'regions')!

const capabilityLabels = new Map<string, string>(CAPABILITIES.map((c) => [c.key, c.label]))
const capabilityLabel = (key: string) => capabilityLabels.get(key) ?? key.replace(/-/g, ' ')

/** Every organisation profile is public, so every one is indexed. */
export const organisationsSource: SearchSource = {
  async load(db: DbOrTx, ids: string[]) {
    const rows = await db.select().from(organisations).where(inArray(organisations.id, ids))
    return rows.map((row) => ({
      id: row.id,
      title: row.name,
      summary: row.description,
      url: `/organisations/${row.slug}`,
      sector: row.sector,
      sizeBand: row.sizeBand,
      regions: row.regions,
      capabilities: row.capabilities,
      merlinStatus: row.merlinStatus,
      regionLabels: row.regions.map((r) => facetValueLabel(regionFacet, r)),
      capabilityLabels: row.capabilities.map(capabilityLabel),
      date: epoch(row.createdAt),
    }))
  },
  async listIds(db: DbOrTx, after: string | null, limit: number) {
    const rows = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(after ? gt(organisations.id, after) : undefined)
      .orderBy(asc(organisations.id))
      .limit(limit)
    return rows.map((r) => r.id)
  },
}
