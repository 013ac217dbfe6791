import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { toCsv } from '~/lib/csv'
import { searchIndex } from '~search/search.server'
import { caseStudies, caseStudyComments, caseStudyOutcomes, caseStudyRatings, caseStudyValidations, organisations } from '~db/schema'
import { publiclyVisible, ratingSummary } from './case-studies.server'
import {
  CLAIMANT_GROUP_VALUES,
  claimantGroupLabel,
  EVIDENCE_METHODS,
  evidenceLevel,
  evidenceMethodLabel,
  INTERVENTION_TYPE_VALUES,
  interventionTypeLabel,
  JOURNEY_STAGE_VALUES,
  journeyStageLabel,
  outcomeMeasureLabel,
  REGION_VALUES,
  regionLabel,
  SORTS,
  type SortKey,
} from './options'

export const PAGE_SIZE = 20
const EXPORT_LIMIT = 1000

export type CaseStudyQuery = {
  text: string
  claimantGroups: string[]
  journeyStages: string[]
  interventionTypes: string[]
  regions: string[]
  evidenceLevels: number[]
  sort: SortKey
  page: number
}

const pick = (params: URLSearchParams, name: string, allowed: readonly string[]) => [...new Set(params.getAll(name).filter((v) => allowed.includes(v)))]

/** Reads the list's state from the query string; unknown values are dropped rather than failing the page. */
export function parseCaseStudyQuery(params: URLSearchParams): CaseStudyQuery {
  const sort = params.get('sort')
  const page = Number(params.get('page'))
  return {
    text: (params.get('q') ?? '').trim().slice(0, 200),
    claimantGroups: pick(params, 'claimantGroup', CLAIMANT_GROUP_VALUES),
    journeyStages: pick(params, 'stage', JOURNEY_STAGE_VALUES),
    interventionTypes: pick(params, 'intervention', INTERVENTION_TYPE_VALUES),
    regions: pick(params, 'region', REGION_VALUES),
    evidenceLevels: pick(
      params,
      'evidence',
      EVIDENCE_METHODS.map((m) => String(m.level)),
    ).map(Number),
    sort: SORTS.some((s) => s.value === sort) ? (sort as SortKey) : 'top-rated',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  }
}

/** The query back as a query string, for links that keep the filters (pagination, export). */
export function caseStudyQueryString(query: CaseStudyQuery, { page }: { page?: number } = {}) {
  const params = new URLSearchParams()
  if (query.text) params.set('q', query.text)
  for (const v of query.claimantGroups) params.append('claimantGroup', v)
  for (const v of query.journeyStages) params.append('stage', v)
  for (const v of query.interventionTypes) params.append('intervention', v)
  for (const v of query.regions) params.append('region', v)
  for (const v of query.evidenceLevels) params.append('evidence', String(v))
  if (query.sort !== 'top-rated') params.set('sort', query.sort)
  if (page && page > 1) params.set('page', String(page))
  return params.toString()
}

const ratingCount = sql<number>`(select count(*) from ${caseStudyRatings} r where r.case_study_id = ${caseStudies.id})::int`
const ratingSum = sql<number>`(select coalesce(sum(r.score), 0) from ${caseStudyRatings} r where r.case_study_id = ${caseStudies.id})::int`
const commentCount = sql<number>`(select count(*) from ${caseStudyComments} c where c.case_study_id = ${caseStudies.id} and c.hidden_at is null)::int`
const validationCount = sql<number>`(select count(*) from ${caseStudyValidations} v where v.case_study_id = ${caseStudies.id})::int`
// The score, rating and comment counts are stored on each index document (see search/sources/case-studies.server.ts).
const ENGINE_SORTS: Record<SortKey, Array<{ field: string; direction: 'asc' | 'desc' }>> = {
  'top-rated': [
    { field: 'score', direction: 'desc' },
    { field: 'ratingCount', direction: 'desc' },
    { field: 'date', direction: 'desc' },
  ],
  newest: [
    { field: 'date', direction: 'desc' },
    { field: 'title', direction: 'asc' },
  ],
  'most-discussed': [
    { field: 'commentCount', direction: 'desc' },
    { field: 'date', direction: 'desc' },
  ],
}

/** The list's filters as the case_studies index's fields. */
function engineFilters(query: CaseStudyQuery): Record<string, string[]> {
  return {
    claimantGroups: query.claimantGroups,
    journeyStages: query.journeyStages,
    interventionTypes: query.interventionTypes,
    regions: query.regions,
    evidenceLevel: query.evidenceLevels.map(String),
  }
}

function searchCaseStudies(query: CaseStudyQuery, page: number, perPage = PAGE_SIZE) {
  return searchIndex('case_studies', { text: query.text, filters: engineFilters(query), sort: ENGINE_SORTS[query.sort], page, perPage })
}

/** Rows in the order of the ids given; ids no longer visible are left out. */
function inOrder<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/**
 * The What Works list: published, visible case studies matching the text
 * and facets, in the chosen order. The search engine answers the text box
 * (typo-tolerant, like /search), the filters and the order; the rows shown
 * are then read from PostgreSQL.
 */
export async function listCaseStudies(query: CaseStudyQuery) {
  let result = await searchCaseStudies(query, query.page)
  if (query.page > result.pageCount) result = await searchCaseStudies(query, result.pageCount)
  const { total, page, pageCount } = result
  const ids = result.hits.map((hit) => hit.id)
  if (!ids.length) return { total, page, pageCount, items: [] }
  const rows = await db
    .select({
      id: caseStudies.id,
      slug: caseStudies.slug,
      title: caseStudies.title,
      summary: caseStudies.summary,
      organisationName: organisations.name,
      claimantGroups: caseStudies.claimantGroups,
      journeyStages: caseStudies.journeyStages,
      interventionTypes: caseStudies.interventionTypes,
      regions: caseStudies.regions,
      evidenceMethod: caseStudies.evidenceMethod,
      verifiedAt: caseStudies.verifiedAt,
      publishedAt: caseStudies.publishedAt,
      lastEditedAt: caseStudies.lastEditedAt,
      ratingCount,
      ratingSum,
      commentCount,
      validationCount,
    })
    .from(caseStudies)
    .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
    .where(and(inArray(caseStudies.id, ids), publiclyVisible))
  return {
    total,
    page,
    pageCount,
    items: inOrder(ids, rows).map(({ ratingSum: sum, ...row }) => ({ ...row, rating: ratingSummary(row.ratingCount, sum), evidenceLevel: evidenceLevel(row.evidenceMethod) })),
  }
}

type FacetKey = 'claimantGroups' | 'journeyStages' | 'interventionTypes' | 'regions'
const FACET_FIELDS: Record<FacetKey | 'evidenceLevels', string> = {
  claimantGroups: 'claimantGroups',
  journeyStages: 'journeyStages',
  interventionTypes: 'interventionTypes',
  regions: 'regions',
  evidenceLevels: 'evidenceLevel',
}

export type FacetCounts = Record<FacetKey, Record<string, number>> & { evidenceLevels: Record<string, number> }

/**
 * How many case studies each facet value would give, counted by the search
 * engine. Each facet is counted with every other filter applied but not its
 * own, so choosing one value still shows what choosing another as well would add.
 */
export async function facetCounts(query: CaseStudyQuery): Promise<FacetCounts> {
  const entries = await Promise.all(
    (Object.keys(FACET_FIELDS) as Array<keyof typeof FACET_FIELDS>).map(async (key) => {
      const field = FACET_FIELDS[key]
      const result = await searchIndex('case_studies', { text: query.text, filters: { ...engineFilters(query), [field]: [] }, facets: [field], perPage: 1 })
      return [key, result.facets[field] ?? {}] as const
    }),
  )
  return Object.fromEntries(entries) as FacetCounts
}

export type ComparisonRow = Awaited<ReturnType<typeof compareCaseStudies>>[number]

/**
 * The comparative performance view: the standardised fields and outcome
 * table of every case study in the current filter, in the list's order.
 */
export async function compareCaseStudies(query: CaseStudyQuery) {
  const ids: string[] = []
  for (let page = 1; ids.length < EXPORT_LIMIT; page++) {
    const result = await searchCaseStudies(query, page, 100)
    ids.push(...result.hits.map((hit) => hit.id))
    if (page >= result.pageCount) break
  }
  if (!ids.length) return []
  const found = await db
    .select({
      id: caseStudies.id,
      slug: caseStudies.slug,
      title: caseStudies.title,
      organisationName: organisations.name,
      programme: caseStudies.programme,
      claimantGroups: caseStudies.claimantGroups,
      journeyStages: caseStudies.journeyStages,
      interventionTypes: caseStudies.interventionTypes,
      regions: caseStudies.regions,
      periodFrom: caseStudies.periodFrom,
      periodTo: caseStudies.periodTo,
      cohortSize: caseStudies.cohortSize,
      evidenceMethod: caseStudies.evidenceMethod,
      verifiedAt: caseStudies.verifiedAt,
      ratingCount,
      ratingSum,
      validationCount,
    })
    .from(caseStudies)
    .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
    .where(and(inArray(caseStudies.id, ids), publiclyVisible))
  const rows = inOrder(ids, found)
  const outcomes = rows.length
    ? await db
        .select()
        .from(caseStudyOutcomes)
        .where(
          inArray(
            caseStudyOutcomes.caseStudyId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(caseStudyOutcomes.position))
    : []
  return rows.map(({ ratingSum: sum, ...row }) => ({
    ...row,
    rating: ratingSummary(row.ratingCount, sum),
    evidenceLevel: evidenceLevel(row.evidenceMethod),
    outcomes: outcomes.filter((o) => o.caseStudyId === row.id).map((o) => ({ measure: o.measure, target: o.target, achieved: o.achieved })),
  }))
}

const CSV_COLUMNS = [
  'case_study_url',
  'title',
  'organisation',
  'programme',
  'claimant_groups',
  'journey_stages',
  'intervention_types',
  'regions',
  'period_from',
  'period_to',
  'cohort_size',
  'evidence_method',
  'evidence_level',
  'verified_by_department',
  'validations',
  'ratings',
  'rating_score',
  'outcome_measure',
  'outcome_target',
  'outcome_achieved',
  'outcome_rate_percent',
] as const

/** One line per outcome, so a spreadsheet can pivot by measure; the case study's fields repeat on each line. */
export function comparisonCsv(rows: ComparisonRow[], baseUrl: string): string {
  const lines: unknown[][] = []
  for (const row of rows) {
    const base = [
      `${baseUrl}/what-works/${row.slug}`,
      row.title,
      row.organisationName,
      row.programme,
      row.claimantGroups.map(claimantGroupLabel).join('; '),
      row.journeyStages.map(journeyStageLabel).join('; '),
      row.interventionTypes.map(interventionTypeLabel).join('; '),
      row.regions.map(regionLabel).join('; '),
      row.periodFrom,
      row.periodTo,
      row.cohortSize,
      evidenceMethodLabel(row.evidenceMethod),
      row.evidenceLevel,
      row.verifiedAt ? 'yes' : 'no',
      row.validationCount,
      row.rating.count,
      row.rating.score.toFixed(2),
    ]
    const outcomes = row.outcomes.length ? row.outcomes : [null]
    for (const o of outcomes) {
      const rate = o && row.cohortSize ? ((o.achieved / row.cohortSize) * 100).toFixed(1) : null
      lines.push([...base, o ? outcomeMeasureLabel(o.measure) : null, o?.target ?? null, o?.achieved ?? null, rate])
    }
  }
  return toCsv(CSV_COLUMNS, lines)
}

/** The same comparison as JSON, with the fixed-list keys and their labels. */
export function comparisonJson(rows: ComparisonRow[], baseUrl: string) {
  return {
    caseStudies: rows.map((row) => ({
      url: `${baseUrl}/what-works/${row.slug}`,
      title: row.title,
      organisation: row.organisationName,
      programme: row.programme,
      claimantGroups: row.claimantGroups.map((key) => ({ key, label: claimantGroupLabel(key) })),
      journeyStages: row.journeyStages.map((key) => ({ key, label: journeyStageLabel(key) })),
      interventionTypes: row.interventionTypes.map((key) => ({ key, label: interventionTypeLabel(key) })),
      regions: row.regions.map((key) => ({ key, label: regionLabel(key) })),
      period: { from: row.periodFrom, to: row.periodTo },
      cohortSize: row.cohortSize,
      evidence: { method: row.evidenceMethod, label: evidenceMethodLabel(row.evidenceMethod), level: row.evidenceLevel, of: EVIDENCE_METHODS.length },
      verifiedByDepartment: Boolean(row.verifiedAt),
      validations: row.validationCount,
      rating: { count: row.rating.count, mean: row.rating.mean, score: Number(row.rating.score.toFixed(3)) },
      outcomes: row.outcomes.map((o) => ({ measure: o.measure, label: outcomeMeasureLabel(o.measure), target: o.target, achieved: o.achieved })),
    })),
  }
}

/** Latest published case studies for the home page block. */
export async function latestCaseStudies(limit = 3) {
  return db
    .select({ slug: caseStudies.slug, title: caseStudies.title, summary: caseStudies.summary, organisationName: organisations.name, publishedAt: caseStudies.publishedAt })
    .from(caseStudies)
    .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
    .where(publiclyVisible)
    .orderBy(desc(caseStudies.publishedAt))
    .limit(limit)
}
