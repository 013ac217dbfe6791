import type { Organisation } from '~db/schema'
import { config } from '~/lib/config.server'
import { toCsv } from '~/lib/csv'
import { organisationPath } from '~/lib/paths'

/** The public fields of each profile; members are people, so they are not in the open data. */
export function openDataRecords(list: Organisation[]) {
  return list.map((o) => ({
    id: o.id,
    name: o.name,
    url: new URL(organisationPath(o.slug), config().APP_URL).toString(),
    sector: o.sector,
    sizeBand: o.sizeBand,
    regions: o.regions,
    capabilities: o.capabilities,
    merlinStatus: o.merlinStatus,
    website: o.website,
    description: o.description,
    updatedAt: o.updatedAt.toISOString(),
  }))
}

export function openDataCsv(list: Organisation[]) {
  const header = ['id', 'name', 'url', 'sector', 'size_band', 'regions', 'capabilities', 'merlin_status', 'website', 'description', 'updated_at']
  const rows = openDataRecords(list).map((r) => [r.id, r.name, r.url, r.sector, r.sizeBand, r.regions.join(';'), r.capabilities.join(';'), r.merlinStatus, r.website ?? '', r.description, r.updatedAt])
  return toCsv(header, rows)
}
