import { and, asc, desc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { db } from '~/lib/db.server'
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
  RATING_PRIOR_MEAN,
  RATING_PRIOR_WEIGHT,
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
    evidenceLevels: pick(params, 'evidence', EVIDENCE_METHODS.map((m) => String(m.level))).map(Number),
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
// See RATING_PRIOR_MEAN in options.ts for why the score is shrunk towards the middle.
const bayesian = sql`((${RATING_PRIOR_MEAN * RATING_PRIOR_WEIGHT} + ${ratingSum})::float / (${RATING_PRIOR_WEIGHT} + ${ratingCount}))`

function arrayOverlap(column: SQLWrapper, values: string[]) {
  return sql`${column} && ${sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`}`
}

function filters(query: CaseStudyQuery): SQL {
  const where: SQL[] = [publiclyVisible]
  if (query.text) {
    where.push(
      sql`to_tsvector('english', ${caseStudies.title} || ' ' || ${caseStudies.summary} || ' ' || ${caseStudies.programme} || ' ' || ${caseStudies.storyText} || ' ' || ${organisations.name}) @@ websearch_to_tsquery('english', ${query.text})`,
    )
  }
  if (query.claimantGroups.length) where.push(arrayOverlap(caseStudies.claimantGroups, query.claimantGroups))
  if (query.journeyStages.length) where.push(arrayOverlap(caseStudies.journeyStages, query.journeyStages))
  if (query.interventionTypes.length) where.push(arrayOverlap(caseStudies.interventionTypes, query.interventionTypes))
  if (query.regions.length) where.push(arrayOverlap(caseStudies.regions, query.regions))
  if (query.evidenceLevels.length) {
    const methods = EVIDENCE_METHODS.filter((m) => query.evidenceLevels.includes(m.level)).map((m) => m.value)
    where.push(inArray(caseStudies.evidenceMethod, methods))
  }
  return and(...where)!
}
function orderBy(sort: SortKey) {
  if (sort === 'newest') return [desc(caseStudies.publishedAt), asc(caseStudies.title)]
  if (sort === 'most-discussed') return [desc(commentCount), desc(caseStudies.publishedAt)]
  return [desc(bayesian), desc(ratingCount), desc(caseStudies.publishedAt)]
}

/**
 * The What Works list: published, visible case studies matching the text
 * and facets, in the chosen order. The whole query lives here so that it
 * can be answered by the search engine instead without the page changing.
 */
export async function listCaseStudies(query: CaseStudyQuery) {
  const where = filters(query)
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(caseStudies)
    .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
    .where(where)
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(query.page, pageCount)
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
    .where(where)
    .orderBy(...orderBy(query.sort))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
  return {
    total,
    page,
    pageCount,
    items: rows.map(({ ratingSum: sum, ...row }) => ({ ...row, rating: ratingSummary(row.ratingCount, sum), evidenceLevel: evidenceLevel(row.evidenceMethod) })),
  }
}

type FacetKey = 'claimantGroups' | 'journeyStages' | 'interventionTypes' | 'regions'
const FACET_COLUMNS = {
  claimantGroups: caseStudies.claimantGroups,
  journeyStages: caseStudies.journeyStages,
  interventionTypes: caseStudies.interventionTypes,
  regions: caseStudies.regions,
} as const

export type FacetCounts = Record<FacetKey, Record<string, number>> & { evidenceLevels: Record<string, number> }

/**
 * How many case studies each facet value would give. Each facet is counted
 * with every other filter applied but not its own, so choosing one value
 * still shows what choosing another as well would add.
 */
export async function facetCounts(query: CaseStudyQuery): Promise<FacetCounts> {
  const counts = { evidenceLevels: {} } as FacetCounts
  await Promise.all(
    (Object.keys(FACET_COLUMNS) as FacetKey[]).map(async (key) => {
      const rows = await db.execute<{ value: string; n: number }>(
        sql`select u.v as value, count(*)::int as n from ${caseStudies} inner join ${organisations} on ${organisations.id} = ${caseStudies.organisationId}
            cross join lateral unnest(${FACET_COLUMNS[key]}) as u(v) where ${filters({ ...query, [key]: [] })} group by u.v`,
      )
      counts[key] = Object.fromEntries([...rows].map((r) => [r.value, Number(r.n)]))
    }),
  )
  const methods = await db
    .select({ method: caseStudies.evidenceMethod, n: sql<number>`count(*)::int` })
    .from(caseStudies)
    .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
    .where(filters({ ...query, evidenceLevels: [] }))
    .groupBy(caseStudies.evidenceMethod)
  for (const m of methods) counts.evidenceLevels[String(evidenceLevel(m.method))] = m.n
  return counts
}

export type ComparisonRow = Awaited<ReturnType<typeof compareCaseStudies>>[number]

/**
 * The comparative performance view: the standardised fields and outcome
 * table of every case study in the current filter, in the list's order.
 */
export async function compareCaseStudies(query: CaseStudyQuery) {
  const rows = await db
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
    .where(filters(query))
    .orderBy(...orderBy(query.sort))
    .limit(EXPORT_LIMIT)
  const outcomes = rows.length
    ? await db
        .select()
        .from(caseStudyOutcomes)
        .where(inArray(caseStudyOutcomes.caseStudyId, rows.map((r) => r.id)))
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

function csvCell(value: string | number | null): string {
  if (value === null) return ''
  let s = String(value)
  // Spreadsheet programs run cells starting with these as formulas.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One line per outcome, so a spreadsheet can pivot by measure; the case study's fields repeat on each line. */
export function comparisonCsv(rows: ComparisonRow[], baseUrl: string): string {
  const lines: string[] = [CSV_COLUMNS.join(',')]
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
      lines.push([...base, o ? outcomeMeasureLabel(o.measure) : null, o?.target ?? null, o?.achieved ?? null, rate].map(csvCell).join(','))
    }
  }
  return `${lines.join('\r\n')}\r\n`
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
