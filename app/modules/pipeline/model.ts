import { optionsFor } from '~/lib/options'
import { REGION_VALUES, regionLabel as labelRegion } from '~/modules/organisations/options'
import type { AlertFrequency, DatePrecision, InterestRole, KeyDate, PipelineFilterSet, PipelineNoticeType, PipelineStatus, ProcurementRoute, RelatedLink } from '~db/schema'

/** Pipeline vocabulary shared by pages, exports and rules. Safe for the browser. */

export const STATUSES = ['planned', 'market_engagement', 'tender_published', 'evaluation', 'awarded', 'cancelled', 'withdrawn'] as const satisfies readonly PipelineStatus[]

export const STATUS_LABELS: Record<PipelineStatus, string> = {
  planned: 'Planned',
  market_engagement: 'Market engagement',
  tender_published: 'Tender published',
  evaluation: 'Evaluation',
  awarded: 'Awarded',
  cancelled: 'Cancelled',
  withdrawn: 'Withdrawn',
}

export const STATUS_COLOURS: Record<PipelineStatus, 'grey' | 'blue' | 'green' | 'yellow' | 'purple' | 'red' | 'orange'> = {
  planned: 'grey',
  market_engagement: 'blue',
  tender_published: 'green',
  evaluation: 'yellow',
  awarded: 'purple',
  cancelled: 'red',
  withdrawn: 'orange',
}

const OPEN: PipelineStatus[] = ['planned', 'market_engagement', 'tender_published', 'evaluation']

/**
 * The lifecycle moves forward one stage at a time; any open notice can be
 * cancelled or withdrawn, or awarded by recording its award. Awarded,
 * cancelled and withdrawn are final.
 */
export const TRANSITIONS: Record<PipelineStatus, PipelineStatus[]> = {
  planned: ['market_engagement', 'cancelled', 'withdrawn'],
  market_engagement: ['tender_published', 'cancelled', 'withdrawn'],
  tender_published: ['evaluation', 'cancelled', 'withdrawn'],
  // Awarded only by recording the award (awards.server.ts), so an awarded notice always names its suppliers.
  evaluation: ['cancelled', 'withdrawn'],
  awarded: [],
  cancelled: [],
  withdrawn: [],
}

export function canTransition(from: PipelineStatus, to: PipelineStatus) {
  return TRANSITIONS[from].includes(to)
}

export function isOpen(status: PipelineStatus) {
  return OPEN.includes(status)
}

/**
 * The Procurement Act 2023 notices a pipeline entry can be published as.
 * Staff choose among the first three; a notice becomes a contract award
 * notice when the contract is awarded.
 */
export const NOTICE_TYPES = [
  { value: 'pipeline', code: 'UK1', label: 'Pipeline notice', hint: 'A procurement expected to start in the next 18 months' },
  { value: 'preliminary_market_engagement', code: 'UK2', label: 'Preliminary market engagement notice', hint: 'Invites suppliers to help shape the requirement before the tender' },
  { value: 'planned_procurement', code: 'UK3', label: 'Planned procurement notice', hint: 'Gives advance warning of a tender notice, with its planned date' },
  { value: 'contract_award', code: 'UK6', label: 'Contract award notice', hint: 'Names the suppliers the contract is awarded to' },
] as const satisfies ReadonlyArray<{ value: PipelineNoticeType; code: string; label: string; hint: string }>

export const AUTHORED_NOTICE_TYPES = ['pipeline', 'preliminary_market_engagement', 'planned_procurement'] as const satisfies readonly PipelineNoticeType[]

export function noticeTypeOf(type: PipelineNoticeType) {
  return NOTICE_TYPES.find((t) => t.value === type)!
}

/** "UK2 Preliminary market engagement notice" */
export function noticeTypeLabel(type: PipelineNoticeType) {
  const t = noticeTypeOf(type)
  return `${t.code} ${t.label}`
}

export type { PipelineNoticeType }

export const ROUTES = ['caehrs_call_off', 'test_and_learn_dps', 'open_procedure', 'competitive_flexible', 'framework_call_off', 'direct_award', 'grant'] as const satisfies readonly ProcurementRoute[]

export const ROUTE_LABELS: Record<ProcurementRoute, string> = {
  caehrs_call_off: 'CAEHRS call-off',
  test_and_learn_dps: 'Test and Learn DPS',
  open_procedure: 'Open procedure',
  competitive_flexible: 'Competitive flexible procedure',
  framework_call_off: 'Framework call-off',
  direct_award: 'Direct award',
  grant: 'Grant',
}

/** The same regions as organisation profiles, so partners can be matched by area. */
export { REGIONS, regionLabel } from '~/modules/organisations/options'
export type { PipelineStatus }
const REGION_KEYS = REGION_VALUES as readonly string[]

/** Bands by the top of the estimated range, in pounds. */
export const VALUE_BANDS = [
  { value: 'under-2m', label: 'Under £2 million', min: 0, max: 2_000_000 },
  { value: '2m-10m', label: '£2 million to £10 million', min: 2_000_000, max: 10_000_000 },
  { value: '10m-50m', label: '£10 million to £50 million', min: 10_000_000, max: 50_000_000 },
  { value: '50m-250m', label: '£50 million to £250 million', min: 50_000_000, max: 250_000_000 },
  { value: 'over-250m', label: 'Over £250 million', min: 250_000_000, max: null },
] as const

export type ValueBand = (typeof VALUE_BANDS)[number]['value']

/** The band a notice's top estimate falls in, as the list's value filter reads it. */
export function valueBandOf(valueMaxPence: number): ValueBand {
  const pounds = valueMaxPence / 100
  return (VALUE_BANDS.find((b) => pounds >= b.min && (b.max === null || pounds < b.max)) ?? VALUE_BANDS[0]).value
}

export const INTEREST_ROLES = ['prime', 'subcontractor', 'either'] as const satisfies readonly InterestRole[]
export const INTEREST_ROLE_LABELS: Record<InterestRole, string> = {
  prime: 'Prime contractor',
  subcontractor: 'Subcontractor in a supply chain',
  either: 'Either',
}

export const KEY_DATES = [
  { field: 'marketEngagement', label: 'Market engagement' },
  { field: 'tenderNotice', label: 'Planned tender notice' },
  { field: 'award', label: 'Planned award' },
  { field: 'serviceStart', label: 'Service start' },
] as const
export type KeyDateField = (typeof KEY_DATES)[number]['field']

/** How far a key date has got: planned, complete, or not going ahead because the notice was cancelled or withdrawn. */
export type MilestoneState = 'planned' | 'complete' | 'not_going_ahead'
export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = { planned: 'Planned', complete: 'Complete', not_going_ahead: 'Not going ahead' }

const STAGE: Record<PipelineStatus, number> = { planned: 0, market_engagement: 1, tender_published: 2, evaluation: 3, awarded: 4, cancelled: -1, withdrawn: -1 }
/** The stage by which each key date has happened: engagement and the tender notice once the tender is out, the award once awarded. */
const COMPLETE_AT: Record<KeyDateField, number> = { marketEngagement: 2, tenderNotice: 2, award: 4, serviceStart: 4 }

/**
 * A key date's real state from where the notice has got to, rather than the
 * date alone: an awarded notice's engagement, tender and award are complete;
 * its service start is complete once the contract has started.
 */
export function milestoneState(field: KeyDateField, notice: { status: PipelineStatus; serviceStartDate?: string | null }, today: string, contractStart?: string | null): MilestoneState {
  const stage = STAGE[notice.status]
  if (stage < 0) return 'not_going_ahead'
  if (stage < COMPLETE_AT[field]) return 'planned'
  if (field === 'serviceStart') {
    const start = contractStart ?? notice.serviceStartDate
    return start && start <= today ? 'complete' : 'planned'
  }
  return 'complete'
}

export type LotInput = { title: string; valueMinPence: number; valueMaxPence: number; contractPackageAreas: string[] }
export type KpiInput = { name: string; target: string; latestValue: string; latestPeriod: string }

/** A notice's key dates as its columns hold them: the date and how exact it is. */
export type KeyDateColumns = { [F in KeyDateField as `${F}Date`]: string | null } & { [F in KeyDateField as `${F}Precision`]: DatePrecision | null }

/** The facts a notice carries the same way whether typed in, stored or shown; money in pence. */
export type NoticeFacts = {
  reference: string
  title: string
  summary: string
  programme: string
  buyer: string
  cpvCodes: string[]
  valueMinPence: number
  valueMaxPence: number
  contractMonths: number | null
  extensionMonths: number | null
  extensionNote: string
  regions: string[]
  suitableForSme: boolean
  suitableForVcse: boolean
  relatedLinks: RelatedLink[]
  noticeType: PipelineNoticeType
  engagementDetails: string
  /** ISO date; UK2 notices only. */
  engagementDeadline: string | null
  contactName: string
  contactEmail: string
  contactPhone: string
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "March 2027" for a month estimate, "3 March 2027" for a day. */
export function formatKeyDate(date: string | null | undefined, precision: DatePrecision | null | undefined): string {
  if (!date) return 'Not yet known'
  const [y, m, d] = date.split('-').map(Number)
  const month = `${MONTHS[m! - 1]} ${y}`
  return precision === 'day' ? `${d} ${month}` : month
}

export function keyDate(date: string | null, precision: DatePrecision | null): KeyDate | null {
  return date ? { date, precision: precision ?? 'month' } : null
}

const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })

export function formatPounds(pence: number): string {
  return pounds.format(Math.round(pence / 100))
}

/** The currencies an award can be made in (ISO 4217). */
export const CURRENCIES = [
  { value: 'GBP', label: 'Pounds sterling (GBP)' },
  { value: 'EUR', label: 'Euros (EUR)' },
  { value: 'USD', label: 'US dollars (USD)' },
] as const
export type Currency = (typeof CURRENCIES)[number]['value']

/** An award's value, in minor units of its currency: "£2,450,000" or "£2,450,000.50". */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: minor % 100 ? 2 : 0, maximumFractionDigits: 2 }).format(minor / 100)
}

export function formatValueRange(minPence: number, maxPence: number): string {
  return minPence === maxPence ? formatPounds(minPence) : `${formatPounds(minPence)} to ${formatPounds(maxPence)}`
}

/** The financial-year quarter a date falls in, as "2027 to 2028 Q1" (April to June). */
export function financialQuarter(date: string): { key: string; label: string } {
  const [y, m] = date.split('-').map(Number) as [number, number]
  const startYear = m >= 4 ? y : y - 1
  const quarter = Math.floor(((m + 8) % 12) / 3) + 1
  return { key: `${startYear}-Q${quarter}`, label: `${startYear} to ${startYear + 1}, quarter ${quarter}` }
}

/** Reads list filters from a query string; unknown values are dropped. */
export function filtersFromSearchParams(params: URLSearchParams): PipelineFilterSet {
  const pick = <T extends string>(name: string, allowed: readonly T[]) => params.getAll(name).filter((v): v is T => (allowed as readonly string[]).includes(v))
  const q = (params.get('q') ?? '').trim().slice(0, 200)
  const filters: PipelineFilterSet = {}
  if (q) filters.q = q
  const status = pick('status', STATUSES)
  if (status.length) filters.status = status
  const route = pick('route', ROUTES)
  if (route.length) filters.route = route
  const region = pick('region', REGION_KEYS)
  if (region.length) filters.region = region
  const band = pick(
    'band',
    VALUE_BANDS.map((b) => b.value),
  )
  if (band.length) filters.band = band
  const start = [...new Set(params.getAll('start').filter((v) => /^20\d\d$/.test(v)))].slice(0, 10)
  if (start.length) filters.start = start
  const suitable = params.getAll('suitable')
  if (suitable.includes('sme')) filters.sme = true
  if (suitable.includes('vcse')) filters.vcse = true
  return filters
}

export function filtersToSearchParams(filters: PipelineFilterSet): URLSearchParams {
  const params = new URLSearchParams()
  if (filters.q) params.set('q', filters.q)
  for (const key of ['status', 'route', 'region', 'band', 'start'] as const) for (const v of filters[key] ?? []) params.append(key, v)
  if (filters.sme) params.append('suitable', 'sme')
  if (filters.vcse) params.append('suitable', 'vcse')
  return params
}

export function describeFilters(filters: PipelineFilterSet): string {
  const parts: string[] = []
  if (filters.q) parts.push(`“${filters.q}”`)
  if (filters.status?.length) parts.push(filters.status.map((s) => STATUS_LABELS[s as PipelineStatus]).join(' or '))
  if (filters.route?.length) parts.push(filters.route.map((r) => ROUTE_LABELS[r as ProcurementRoute]).join(' or '))
  if (filters.region?.length) parts.push(filters.region.map(labelRegion).join(' or '))
  if (filters.band?.length) parts.push(filters.band.map((b) => VALUE_BANDS.find((v) => v.value === b)?.label ?? b).join(' or '))
  if (filters.start?.length) parts.push(`service starting ${filters.start.map((y) => financialYearLabel(Number(y))).join(' or ')}`)
  if (filters.sme) parts.push('suitable for SMEs')
  if (filters.vcse) parts.push('suitable for VCSEs')
  return parts.length ? parts.join(', ') : 'All pipeline notices'
}

export const MAX_LOTS = 12

/** How many lot fieldsets the notice form shows; "Add another lot" asks for one more. */
export function lotCountOf(values: Record<string, string | string[] | undefined>, extra = 0) {
  const declared = Number(values.lotCount ?? 0)
  return Math.min(MAX_LOTS, Math.max(1, (Number.isFinite(declared) ? declared : 1) + extra))
}

export function financialYearLabel(startYear: number) {
  return `April ${startYear} to March ${startYear + 1}`
}

/** The financial years the start filter offers: last year, this year and the next three. */
export function startYearOptions(now = new Date()) {
  const current = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1
  return [current - 1, current, current + 1, current + 2, current + 3].map((y) => ({ value: String(y), label: financialYearLabel(y) }))
}

/** Changes suppliers plan around; a revision with one of these alerts subscribers. */
export const ALERTING_FIELDS = ['noticeType', 'award', 'engagementDeadline', 'status', 'value', 'dates.marketEngagement', 'dates.tenderNotice', 'dates.award', 'dates.serviceStart']

export const ALERT_FREQUENCIES = optionsFor<AlertFrequency>()([
  { value: 'instant', label: 'As soon as a matching notice is published or changes' },
  { value: 'weekly', label: 'Once a week, a summary of the changes' },
])
