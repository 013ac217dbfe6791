import { and, asc, count, desc, eq, isNotNull } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx, type Tx } from '~/lib/db.server'
import type { RichText } from '~/lib/rich-text.server'
import {
  pipelineKpis,
  pipelineLots,
  pipelineNotices,
  pipelineRevisions,
  type DatePrecision,
  type KeyDate,
  type PipelineKpi,
  type PipelineLot,
  type PipelineNotice,
  type PipelineStatus,
  type ProcurementRoute,
  type RevisionChange,
} from '~db/schema'
import { queueIndexing } from '../../../search/outbox.server'
import { checkCpv } from './cpv'
import { notifyAlerts } from './alerts.server'
import { ALERTING_FIELDS, canTransition, formatKeyDate, formatValueRange, KEY_DATES, ROUTE_LABELS, STATUS_LABELS, type KeyDateField, type KpiInput, type LotInput, type NoticeFacts } from './model'
import { regionLabel } from '~/modules/organisations/options'
import { queueTopicAlert } from '~/modules/newsletters/topic-alerts.server'
import { plural } from '~/lib/plural'
import { RuleError } from '~/lib/result'

export type { Actor }

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
  if (Object.keys(errors).length) throw new RuleError(errors)
  return { ...input, cpvCodes: codes }
}

function noticeColumns(input: NoticeInput) {
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
  }
}

export function slugFor(reference: string, title: string) {
  return `${reference}-${title}`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
}

async function referenceTaken(tx: DbOrTx, reference: string, exceptId?: string) {
  const [row] = await tx.select({ id: pipelineNotices.id }).from(pipelineNotices).where(eq(pipelineNotices.reference, reference))
  return Boolean(row && row.id !== exceptId)
}

async function replaceChildren(tx: Tx, noticeId: string, input: NoticeInput) {
  await tx.delete(pipelineLots).where(eq(pipelineLots.noticeId, noticeId))
  await tx.delete(pipelineKpis).where(eq(pipelineKpis.noticeId, noticeId))
  if (input.lots.length) {
    await tx.insert(pipelineLots).values(input.lots.map((lot, index) => ({ noticeId, position: index + 1, ...lot })))
  }
  const kpis = input.kpis.slice(0, 3)
  if (kpis.length) await tx.insert(pipelineKpis).values(kpis.map((kpi, index) => ({ noticeId, position: index + 1, ...kpi })))
}

/** A draft notice: visible to staff only until published. */
export async function createNotice(actor: Actor, raw: NoticeInput) {
  const input = checkNotice(raw)
  return db.transaction(async (tx) => {
    if (await referenceTaken(tx, input.reference)) throw new RuleError({ reference: 'A notice with this reference already exists' })
    const [notice] = await tx
      .insert(pipelineNotices)
      .values({ ...noticeColumns(input), slug: slugFor(input.reference, input.title), createdById: actor.id })
      .returning()
    await replaceChildren(tx, notice!.id, input)
    await recordAudit(tx, { actor, action: 'pipeline.create', subjectType: 'pipeline_notice', subjectId: notice!.id, after: { reference: input.reference, title: input.title } })
    return notice!
  })
}

export type NoticeDetail = PipelineNotice & { lots: PipelineLot[]; kpis: PipelineKpi[] }

export async function getNotice(id: string, tx: DbOrTx = db): Promise<NoticeDetail | null> {
  const notice = await tx.query.pipelineNotices.findFirst({
    where: eq(pipelineNotices.id, id),
    with: { lots: { orderBy: asc(pipelineLots.position) }, kpis: { orderBy: asc(pipelineKpis.position) } },
  })
  return notice ?? null
}

/** A published notice by its public address; drafts are not found. */
export async function getPublishedNotice(slug: string): Promise<NoticeDetail | null> {
  const notice = await db.query.pipelineNotices.findFirst({
    where: and(eq(pipelineNotices.slug, slug), isNotNull(pipelineNotices.publishedAt)),
    with: { lots: { orderBy: asc(pipelineLots.position) }, kpis: { orderBy: asc(pipelineKpis.position) } },
  })
  return notice ?? null
}

export async function listRevisions(noticeId: string, tx: DbOrTx = db) {
  return tx.select().from(pipelineRevisions).where(eq(pipelineRevisions.noticeId, noticeId)).orderBy(desc(pipelineRevisions.number))
}

export function noticeInputOf(notice: NoticeDetail): NoticeInput {
  const key = (date: string | null, precision: DatePrecision | null) => (date ? { date, precision: precision ?? 'month' } : null)
  return {
    reference: notice.reference,
    title: notice.title,
    summary: notice.summary,
    description: notice.descriptionJson
      ? ({ json: notice.descriptionJson, html: notice.descriptionHtml, text: notice.descriptionText } as RichText)
      : null,
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
    lots: notice.lots.map((l) => ({ title: l.title, valueMinPence: l.valueMinPence, valueMaxPence: l.valueMaxPence, contractPackageAreas: l.contractPackageAreas })),
    kpis: notice.kpis.map((k) => ({ name: k.name, target: k.target, latestValue: k.latestValue, latestPeriod: k.latestPeriod })),
  }
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No')
const months = (n: number | null) => (n === null ? 'Not set' : `${plural(n, 'month')}`)
const list = (items: string[]) => (items.length ? items.join(', ') : 'None')
const lotText = (lots: LotInput[]) =>
  lots.length
    ? lots.map((l, i) => `Lot ${i + 1}: ${l.title} (${formatValueRange(l.valueMinPence, l.valueMaxPence)}${l.contractPackageAreas.length ? `; ${l.contractPackageAreas.join(', ')}` : ''})`).join('; ')
    : 'None'
const kpiText = (kpis: KpiInput[]) => (kpis.length ? kpis.map((k) => `${k.name}: target ${k.target}${k.latestValue ? `, latest ${k.latestValue}` : ''}`).join('; ') : 'None')

/** What changed between two versions of a notice, in words a reader can follow. */
export function describeChanges(before: NoticeInput, after: NoticeInput): RevisionChange[] {
  const changes: RevisionChange[] = []
  const add = (field: string, label: string, from: string, to: string) => {
    if (from !== to) changes.push({ field, label, from, to })
  }
  add('title', 'Title', before.title, after.title)
  add('reference', 'Reference', before.reference, after.reference)
  add('value', 'Estimated value', formatValueRange(before.valueMinPence, before.valueMaxPence), formatValueRange(after.valueMinPence, after.valueMaxPence))
  add('route', 'Procurement route', ROUTE_LABELS[before.route], ROUTE_LABELS[after.route])
  for (const { field, label } of KEY_DATES) {
    const b = before.dates[field]
    const a = after.dates[field]
    add(`dates.${field}`, `${label} date`, formatKeyDate(b?.date, b?.precision), formatKeyDate(a?.date, a?.precision))
  }
  add('summary', 'Summary', before.summary, after.summary)
  add('description', 'Description', before.description?.text ?? '', after.description?.text ?? '')
  add('programme', 'Programme', before.programme, after.programme)
  add('buyer', 'Buyer', before.buyer, after.buyer)
  add('cpvCodes', 'CPV codes', list(before.cpvCodes), list(after.cpvCodes))
  add('contractMonths', 'Contract length', months(before.contractMonths), months(after.contractMonths))
  add('extension', 'Extension options', `${months(before.extensionMonths)}${before.extensionNote ? ` (${before.extensionNote})` : ''}`, `${months(after.extensionMonths)}${after.extensionNote ? ` (${after.extensionNote})` : ''}`)
  add('regions', 'Regions', list(before.regions.map(regionLabel)), list(after.regions.map(regionLabel)))
  add('suitableForSme', 'Suitable for SMEs', yesNo(before.suitableForSme), yesNo(after.suitableForSme))
  add('suitableForVcse', 'Suitable for VCSEs', yesNo(before.suitableForVcse), yesNo(after.suitableForVcse))
  add('lots', 'Lots', lotText(before.lots), lotText(after.lots))
  add('kpis', 'Key performance indicators', kpiText(before.kpis), kpiText(after.kpis))
  add('relatedLinks', 'Related links', list(before.relatedLinks.map((l) => l.title)), list(after.relatedLinks.map((l) => l.title)))
  // The description changes in long form; the log says it changed rather than repeating it.
  return changes.map((c) => (c.field === 'description' ? { ...c, from: 'Earlier description', to: 'Revised description' } : c))
}


async function addRevision(tx: Tx, notice: PipelineNotice, actor: Actor, kind: 'published' | 'updated' | 'status', changes: RevisionChange[]) {
  const number = notice.revision + 1
  const now = new Date()
  const [updated] = await tx
    .update(pipelineNotices)
    .set({ revision: number, lastUpdatedAt: now, ...(kind === 'published' ? { publishedAt: now } : {}) })
    .where(eq(pipelineNotices.id, notice.id))
    .returning()
  const detail = (await getNotice(notice.id, tx))!
  const [revision] = await tx
    .insert(pipelineRevisions)
    .values({ noticeId: notice.id, number, kind, changes, snapshot: JSON.parse(JSON.stringify(detail)) as Record<string, unknown>, actorId: actor.id })
    .returning()
  await queueIndexing(tx, 'pipeline', notice.id)
  if (kind === 'published' || changes.some((c) => ALERTING_FIELDS.includes(c.field))) {
    await notifyAlerts(tx, updated!, revision!)
  }
  await queueTopicAlert(tx, { kind: 'pipeline_revision', id: revision!.id }, { now })
  return { notice: updated!, revision: revision! }
}

/**
 * Saves a staff member's edit. A draft is simply changed; a published
 * notice gets a revision with its change log, so nothing is silently rewritten.
 */
export async function updateNotice(actor: Actor, noticeId: string, raw: NoticeInput) {
  const input = checkNotice(raw)
  return db.transaction(async (tx) => {
    const existing = await getNotice(noticeId, tx)
    if (!existing) throw new RuleError({ form: 'This notice no longer exists' })
    if (await referenceTaken(tx, input.reference, noticeId)) throw new RuleError({ reference: 'A notice with this reference already exists' })
    const before = noticeInputOf(existing)
    const changes = describeChanges(before, input)
    if (!changes.length) return { notice: existing as PipelineNotice, revision: null }
    const [saved] = await tx.update(pipelineNotices).set(noticeColumns(input)).where(eq(pipelineNotices.id, noticeId)).returning()
    await replaceChildren(tx, noticeId, input)
    await recordAudit(tx, {
      actor,
      action: 'pipeline.update',
      subjectType: 'pipeline_notice',
      subjectId: noticeId,
      before: Object.fromEntries(changes.map((c) => [c.field, c.from])),
      after: Object.fromEntries(changes.map((c) => [c.field, c.to])),
    })
    if (!saved!.publishedAt) return { notice: saved!, revision: null }
    return addRevision(tx, saved!, actor, 'updated', changes)
  })
}

export async function publishNotice(actor: Actor, noticeId: string) {
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
    if (!notice) throw new RuleError({ form: 'This notice no longer exists' })
    if (notice.publishedAt) throw new RuleError({ form: 'This notice is already published' })
    await recordAudit(tx, { actor, action: 'pipeline.publish', subjectType: 'pipeline_notice', subjectId: noticeId, after: { status: notice.status } })
    return addRevision(tx, notice, actor, 'published', [])
  })
}

export async function changeStatus(actor: Actor, noticeId: string, to: PipelineStatus) {
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
    if (!notice) throw new RuleError({ form: 'This notice no longer exists' })
    if (!canTransition(notice.status, to)) {
      throw new RuleError({
        status: `A notice that is ${STATUS_LABELS[notice.status].toLowerCase()} cannot move to ${STATUS_LABELS[to].toLowerCase()}`,
      })
    }
    const [saved] = await tx.update(pipelineNotices).set({ status: to }).where(eq(pipelineNotices.id, noticeId)).returning()
    await recordAudit(tx, { actor, action: 'pipeline.status', subjectType: 'pipeline_notice', subjectId: noticeId, before: { status: notice.status }, after: { status: to } })
    if (!saved!.publishedAt) return { notice: saved!, revision: null }
    return addRevision(tx, saved!, actor, 'status', [{ field: 'status', label: 'Status', from: STATUS_LABELS[notice.status], to: STATUS_LABELS[to] }])
  })
}

/** Every published notice with lots and KPIs, for open data. */
export async function allPublishedNotices(): Promise<NoticeDetail[]> {
  return db.query.pipelineNotices.findMany({
    where: isNotNull(pipelineNotices.publishedAt),
    with: { lots: { orderBy: asc(pipelineLots.position) }, kpis: { orderBy: asc(pipelineKpis.position) } },
    orderBy: [asc(pipelineNotices.reference)],
  })
}

export async function listAllNotices() {
  return db.select().from(pipelineNotices).orderBy(desc(pipelineNotices.updatedAt))
}

/** Latest revisions across the pipeline, newest first, for the Atom feed. */
export async function recentRevisions(limit = 50) {
  return db
    .select({ revision: pipelineRevisions, notice: pipelineNotices })
    .from(pipelineRevisions)
    .innerJoin(pipelineNotices, eq(pipelineRevisions.noticeId, pipelineNotices.id))
    .orderBy(desc(pipelineRevisions.createdAt), desc(pipelineRevisions.number))
    .limit(limit)
}

export async function pipelineCounts() {
  const rows = await db
    .select({ status: pipelineNotices.status, total: count() })
    .from(pipelineNotices)
    .where(isNotNull(pipelineNotices.publishedAt))
    .groupBy(pipelineNotices.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.total])) as Partial<Record<PipelineStatus, number>>
}
