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

const REGION_LABELS: Record<string, string> = {
  'north-east': 'North East',
  'north-west': 'North West',
  'yorkshire-humber': 'Yorkshire and the Humber',
  'east-midlands': 'East Midlands',
  'west-midlands': 'West Midlands',
  'east-of-england': 'East of England',
  london: 'London',
  'south-east': 'South East',
  'south-west': 'South West',
  scotland: 'Scotland',
  wales: 'Wales',
  'england-wide': 'England-wide',
  national: 'National',
}

const HIGHLIGHT = ['title', 'summary']

export const INDEXES: Record<SearchIndexName, IndexDefinition> = {
  consultations: {
    name: 'consultations',
    label: 'Consultations',
    searchable: ['title', 'summary', 'body'],
    filterable: ['stage', 'nations', 'year'],
    sortable: ['date', 'title'],
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
    filterable: ['status', 'regions', 'route'],
    sortable: ['date', 'title'],
    highlight: HIGHLIGHT,
    facets: [
      {
        field: 'status',
        label: 'Status',
        values: {
          planned: 'Planned',
          market_engagement: 'Market engagement',
          tender_published: 'Tender published',
          evaluation: 'Evaluation',
          awarded: 'Awarded',
          cancelled: 'Cancelled',
          withdrawn: 'Withdrawn',
        },
      },
      { field: 'regions', label: 'Region', values: REGION_LABELS },
      {
        field: 'route',
        label: 'Procurement route',
        values: {
          caehrs_call_off: 'CAEHRS call-off',
          test_and_learn_dps: 'Test and Learn DPS',
          open_procedure: 'Open procedure',
          competitive_flexible: 'Competitive flexible procedure',
          framework_call_off: 'Framework call-off',
          direct_award: 'Direct award',
          grant: 'Grant',
        },
      },
    ],
    defaultSort: [{ field: 'date', direction: 'desc' }],
  },
  case_studies: {
    name: 'case_studies',
    label: 'Case studies',
    searchable: ['title', 'summary', 'organisation', 'body'],
    filterable: ['claimantGroups', 'journeyStages', 'regions'],
    sortable: ['date', 'title'],
    highlight: HIGHLIGHT,
    facets: [
      { field: 'claimantGroups', label: 'Claimant group' },
      {
        field: 'journeyStages',
        label: 'Journey stage',
        values: {
          'pre-programme-engagement': 'Pre-programme engagement',
          'programme-engagement': 'Programme engagement',
          'pre-work-support': 'Pre-work support',
          'in-work-support': 'In-work support',
          'programme-exit': 'Programme exit',
        },
      },
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
      { field: 'sector', label: 'Sector', values: { private: 'Private sector', public: 'Public sector', vcse: 'Voluntary, community and social enterprise (VCSE)' } },
      { field: 'sizeBand', label: 'Size', values: { micro: 'Micro', small: 'Small', medium: 'Medium', large: 'Large' } },
      { field: 'regions', label: 'Region', values: REGION_LABELS },
      {
        field: 'merlinStatus',
        label: 'Merlin Standard',
        values: { accredited: 'Accredited', working_towards: 'Working towards', not_applicable: 'Not applicable' },
      },
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
