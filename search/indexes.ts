import { CLAIMANT_GROUPS, JOURNEY_STAGES } from '~/modules/case-studies/options'
import { MERLIN_STATUSES, REGIONS, SECTORS, SIZE_BANDS } from '~/modules/organisations/options'
import { ROUTE_LABELS, STATUS_LABELS } from '~/modules/pipeline/model'
import type { IndexSettings } from './engine'
import type { SearchIndexName } from './outbox.server'

export type { SearchIndexName }

export type FacetDefinition = {
  field: string
  /** The legend people see above the facet's checkboxes. */
  label: string
  /** Words for stored values; values missing here are shown tidied up. */
  values?: Record<string, string>
}

/**
 * One searchable kind of content. Every document carries `title`, `summary`
 * and `url` (the page it links to), so the hub-wide search page can show any
 * of them; the rest of the fields are the index's own.
 */
export type IndexDefinition = IndexSettings & {
  name: SearchIndexName
  /** Plural, for the type filter: "Case studies". */
  label: string
  facets: FacetDefinition[]
  /** Sort used when there is no text to rank by. */
  defaultSort: Array<{ field: string; direction: 'asc' | 'desc' }>
}

const labels = (list: ReadonlyArray<{ value: string; label: string }>) => Object.fromEntries(list.map((o) => [o.value, o.label]))

const REGION_LABELS = labels(REGIONS)

const HIGHLIGHT = ['title', 'summary']

export const INDEXES: Record<SearchIndexName, IndexDefinition> = {
  consultations: {
    name: 'consultations',
    label: 'Consultations',
    searchable: ['title', 'summary', 'body'],
    // Open, upcoming and closed are worked out from opensAt and closesAt when searching, so they never go stale.
    filterable: ['stage', 'nations', 'year', 'outcome', 'opensAt', 'closesAt'],
    sortable: ['date', 'title', 'closesAt'],
    highlight: HIGHLIGHT,
    facets: [
      { field: 'stage', label: 'Outcome', values: { outcome: 'Outcome published' } },
      { field: 'year', label: 'Year' },
      { field: 'nations', label: 'Nation', values: { england: 'England', scotland: 'Scotland', wales: 'Wales', 'northern-ireland': 'Northern Ireland' } },
    ],
    defaultSort: [{ field: 'date', direction: 'desc' }],
  },
  pipeline: {
    name: 'pipeline',
    label: 'Pipeline notices',
    searchable: ['title', 'summary', 'reference', 'body'],
    filterable: ['status', 'regions', 'route', 'valueBand', 'startYear', 'sme', 'vcse'],
    sortable: ['date', 'title', 'serviceStart', 'updated', 'valueMax'],
    highlight: HIGHLIGHT,
    facets: [
      { field: 'status', label: 'Status', values: STATUS_LABELS },
      { field: 'regions', label: 'Region', values: REGION_LABELS },
      { field: 'route', label: 'Procurement route', values: ROUTE_LABELS },
    ],
    defaultSort: [{ field: 'date', direction: 'desc' }],
  },
  case_studies: {
    name: 'case_studies',
    label: 'Case studies',
    // Tags are searched by their names, so "Jobseeker's Allowance" (or "JSA") finds what is tagged with it, whatever its text says.
    searchable: ['title', 'summary', 'tags', 'organisation', 'body'],
    filterable: ['claimantGroups', 'journeyStages', 'interventionTypes', 'regions', 'evidenceLevel'],
    sortable: ['date', 'title', 'score', 'ratingCount', 'commentCount'],
    highlight: HIGHLIGHT,
    facets: [
      { field: 'claimantGroups', label: 'Claimant group', values: labels(CLAIMANT_GROUPS) },
      { field: 'journeyStages', label: 'Journey stage', values: labels(JOURNEY_STAGES) },
      { field: 'regions', label: 'Region', values: REGION_LABELS },
    ],
    defaultSort: [{ field: 'date', direction: 'desc' }],
  },
  newsletters: {
    name: 'newsletters',
    label: 'Newsletters',
    searchable: ['title', 'summary', 'body'],
    filterable: ['year'],
    sortable: ['date', 'title'],
    highlight: HIGHLIGHT,
    facets: [{ field: 'year', label: 'Year' }],
    defaultSort: [{ field: 'date', direction: 'desc' }],
  },
  organisations: {
    name: 'organisations',
    label: 'Organisations',
    searchable: ['title', 'summary', 'capabilityLabels', 'regionLabels'],
    filterable: ['sector', 'sizeBand', 'regions', 'capabilities', 'merlinStatus'],
    sortable: ['title', 'date'],
    highlight: HIGHLIGHT,
    facets: [
      { field: 'sector', label: 'Sector', values: labels(SECTORS) },
      { field: 'sizeBand', label: 'Size', values: labels(SIZE_BANDS) },
      { field: 'regions', label: 'Region', values: REGION_LABELS },
      { field: 'merlinStatus', label: 'Merlin Standard', values: labels(MERLIN_STATUSES) },
    ],
    defaultSort: [{ field: 'title', direction: 'asc' }],
  },
  surveys: {
    name: 'surveys',
    label: 'Supplier surveys',
    searchable: ['title', 'summary', 'body'],
    filterable: ['year', 'stage'],
    sortable: ['date', 'title'],
    highlight: HIGHLIGHT,
    facets: [{ field: 'year', label: 'Year' }],
    defaultSort: [{ field: 'date', direction: 'desc' }],
  },
}

export const INDEX_NAMES = Object.keys(INDEXES) as SearchIndexName[]

export function isIndexName(value: string): value is SearchIndexName {
  return Object.hasOwn(INDEXES, value)
}

export function facetValueLabel(facet: FacetDefinition, value: string): string {
  const known = facet.values?.[value]
  if (known) return known
  const words = value.replace(/[-_]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
