import { and, asc, count, desc, eq, isNotNull } from 'drizzle-orm'
import { slugify } from '~/lib/slug'
import { db, type DbOrTx } from '~/lib/db.server'
import type { RichText } from '~/lib/rich-text.server'
import { RuleError } from '~/lib/result'
import {
  pipelineAwardSuppliers,
  pipelineDocuments,
  pipelineKpis,
  pipelineLots,
  pipelineNotices,
  type DatePrecision,
  type FileKind,
  type KeyDate,
  type PipelineAward,
  type PipelineAwardSupplier,
  type PipelineKpi,
  type PipelineLot,
  type PipelineNotice,
  type PipelineStatus,
  type ProcurementRoute,
} from '~db/schema'
import { checkCpv } from './cpv'
import { KEY_DATES, type KeyDateField, type KpiInput, type LotInput, type NoticeFacts } from './model'

/**
 * Pipeline notices: their rules and how they are read. Staff writes are in
 * authoring.server.ts; the revision log each published change leaves is in
 * revisions.server.ts; alerts, interest and open data have their own files.
 */

export type NoticeInput = NoticeFacts & {
  description: RichText | null
  route: ProcurementRoute
  dates: Record<KeyDateField, KeyDate | null>
  lots: LotInput[]
  kpis: KpiInput[]
}

const isPence = (n: number) => Number.isSafeInteger(n) && n >= 0

/** The rules a notice must meet however it arrives (form, seed or import). */
export function checkNotice(input: NoticeInput): NoticeInput {
  const errors: Record<string, string> = {}
  if (!input.cpvCodes.length) errors.cpvCodes = 'Enter at least one CPV code, like 80000000-4'
  const codes: string[] = []
  for (const raw of input.cpvCodes) {
    const result = checkCpv(raw)
    if (!result.ok) {
      errors.cpvCodes ??= result.message
    } else if (!codes.includes(result.code)) codes.push(result.code)
  }
  if (!isPence(input.valueMinPence)) errors.valueMin = 'Minimum value must be a whole number of pounds, 0 or more'
  if (!isPence(input.valueMaxPence)) errors.valueMax = 'Maximum value must be a whole number of pounds, 0 or more'
  if (!errors.valueMin && !errors.valueMax && input.valueMinPence > input.valueMaxPence) {
    errors.valueMax = 'Maximum value must be the same as or more than the minimum value'
  }
  input.lots.forEach((lot, index) => {
    if (lot.valueMinPence > lot.valueMaxPence) errors[`lot${index + 1}ValueMax`] = `Lot ${index + 1} maximum value must be the same as or more than its minimum value`
  })
  // Dates must run in order: a tender cannot be planned before the engagement that shapes it.
  let previous: { label: string; date: string } | null = null
  for (const { field, label } of KEY_DATES) {
    const value = input.dates[field]
    if (!value) continue
    if (previous && value.date < previous.date) {
      errors[field] = `${label} date must be after the ${previous.label.toLowerCase()} date`
    }
    previous = { label, date: value.date }
  }
  if (input.noticeType === 'preliminary_market_engagement') {
    if (!input.engagementDetails.trim()) errors.engagementDetails = 'Enter how suppliers can take part in the market engagement'
    if (!input.engagementDeadline) errors.engagementDeadline = 'Enter the date by which suppliers must register to take part'
  }
  if (input.noticeType === 'planned_procurement' && !input.dates.tenderNotice) {
    errors.tenderNotice = 'A planned procurement notice must give the planned tender notice date'
  }
  if (Object.keys(errors).length) throw new RuleError(errors)
  return { ...input, cpvCodes: codes }
}

export function noticeColumns(input: NoticeInput) {
  const d = input.dates
  return {
    reference: input.reference,
    title: input.title,
    summary: input.summary,
    descriptionJson: (input.description?.json as Record<string, unknown> | undefined) ?? null,
    descriptionHtml: input.description?.html ?? '',
    descriptionText: input.description?.text ?? '',
    programme: input.programme,
    buyer: input.buyer,
    cpvCodes: input.cpvCodes,
    valueMinPence: input.valueMinPence,
    valueMaxPence: input.valueMaxPence,
    contractMonths: input.contractMonths,
    extensionMonths: input.extensionMonths,
    extensionNote: input.extensionNote,
    route: input.route,
    regions: input.regions,
    suitableForSme: input.suitableForSme,
    suitableForVcse: input.suitableForVcse,
    marketEngagementDate: d.marketEngagement?.date ?? null,
    marketEngagementPrecision: d.marketEngagement?.precision ?? null,
    tenderNoticeDate: d.tenderNotice?.date ?? null,
    tenderNoticePrecision: d.tenderNotice?.precision ?? null,
    awardDate: d.award?.date ?? null,
    awardPrecision: d.award?.precision ?? null,
    serviceStartDate: d.serviceStart?.date ?? null,
    serviceStartPrecision: d.serviceStart?.precision ?? null,
    relatedLinks: input.relatedLinks,
    noticeType: input.noticeType,
    engagementDetails: input.noticeType === 'preliminary_market_engagement' ? input.engagementDetails : '',
    engagementDeadline: input.noticeType === 'preliminary_market_engagement' ? input.engagementDeadline : null,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    contactPhone: input.contactPhone,
  }
}

export function slugFor(reference: string, title: string) {
  return slugify(`${reference}-${title}`, 'notice')
}

export type NoticeDocument = { id: string; title: string; createdAt: Date; file: { name: string; kind: FileKind; size: number } }
export type NoticeAward = PipelineAward & { suppliers: Array<PipelineAwardSupplier & { organisation?: { slug: string } | null }> }
export type NoticeDetail = PipelineNotice & { lots: PipelineLot[]; kpis: PipelineKpi[]; documents: NoticeDocument[]; award: NoticeAward | null }

/** What every read of a notice brings with it; documents without their bytes. */
const DETAIL = {
  lots: { orderBy: asc(pipelineLots.position) },
  kpis: { orderBy: asc(pipelineKpis.position) },
  documents: {
    columns: { id: true, title: true, createdAt: true },
    orderBy: [asc(pipelineDocuments.createdAt), asc(pipelineDocuments.id)],
    with: { file: { columns: { name: true, kind: true, size: true } } },
  },
  award: { with: { suppliers: { orderBy: asc(pipelineAwardSuppliers.position), with: { organisation: { columns: { slug: true } } } } } },
} satisfies NonNullable<Parameters<typeof db.query.pipelineNotices.findFirst>[0]>['with']

export async function getNotice(id: string, tx: DbOrTx = db): Promise<NoticeDetail | null> {
  const notice = await tx.query.pipelineNotices.findFirst({
    where: eq(pipelineNotices.id, id),
    with: DETAIL,
  })
  return notice ?? null
}

/** A published notice by its public address; drafts are not found. */
export async function getPublishedNotice(slug: string): Promise<NoticeDetail | null> {
  const notice = await db.query.pipelineNotices.findFirst({
    where: and(eq(pipelineNotices.slug, slug), isNotNull(pipelineNotices.publishedAt)),
    with: DETAIL,
  })
  return notice ?? null
}

export function noticeInputOf(notice: NoticeDetail): NoticeInput {
  const key = (date: string | null, precision: DatePrecision | null) => (date ? { date, precision: precision ?? 'month' } : null)
  return {
    reference: notice.reference,
    title: notice.title,
    summary: notice.summary,
    description: notice.descriptionJson ? ({ json: notice.descriptionJson, html: notice.descriptionHtml, text: notice.descriptionText } as RichText) : null,
    programme: notice.programme,
    buyer: notice.buyer,
    cpvCodes: notice.cpvCodes,
    valueMinPence: notice.valueMinPence,
    valueMaxPence: notice.valueMaxPence,
    contractMonths: notice.contractMonths,
    extensionMonths: notice.extensionMonths,
    extensionNote: notice.extensionNote,
    route: notice.route,
    regions: notice.regions,
    suitableForSme: notice.suitableForSme,
    suitableForVcse: notice.suitableForVcse,
    dates: {
      marketEngagement: key(notice.marketEngagementDate, notice.marketEngagementPrecision),
      tenderNotice: key(notice.tenderNoticeDate, notice.tenderNoticePrecision),
      award: key(notice.awardDate, notice.awardPrecision),
      serviceStart: key(notice.serviceStartDate, notice.serviceStartPrecision),
    },
    relatedLinks: notice.relatedLinks,
    noticeType: notice.noticeType,
    engagementDetails: notice.engagementDetails,
    engagementDeadline: notice.engagementDeadline,
    contactName: notice.contactName,
    contactEmail: notice.contactEmail,
    contactPhone: notice.contactPhone,
    lots: notice.lots.map((l) => ({ title: l.title, valueMinPence: l.valueMinPence, valueMaxPence: l.valueMaxPence, contractPackageAreas: l.contractPackageAreas })),
    kpis: notice.kpis.map((k) => ({ name: k.name, target: k.target, latestValue: k.latestValue, latestPeriod: k.latestPeriod })),
  }
}

/** Every published notice with lots and KPIs, for open data. */
export async function allPublishedNotices(): Promise<NoticeDetail[]> {
  return db.query.pipelineNotices.findMany({
    where: isNotNull(pipelineNotices.publishedAt),
    with: DETAIL,
    orderBy: [asc(pipelineNotices.reference)],
  })
}

export async function listAllNotices() {
  return db.select().from(pipelineNotices).orderBy(desc(pipelineNotices.updatedAt))
}

export async function pipelineCounts() {
  const rows = await db.select({ status: pipelineNotices.status, total: count() }).from(pipelineNotices).where(isNotNull(pipelineNotices.publishedAt)).groupBy(pipelineNotices.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.total])) as Partial<Record<PipelineStatus, number>>
}
