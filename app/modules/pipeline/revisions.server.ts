import { desc, eq } from 'drizzle-orm'
import { db, type DbOrTx, type Tx } from '~/lib/db.server'
import { plural } from '~/lib/plural'
import { pipelineNotices, pipelineRevisions, type PipelineNotice, type RevisionChange } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { queueTopicAlert } from '~/modules/newsletters/topic-alerts.server'
import { regionLabel } from '~/modules/organisations/options'
import { notifyAlerts } from './alerts.server'
import { ALERTING_FIELDS, formatKeyDate, formatValueRange, KEY_DATES, noticeTypeLabel, ROUTE_LABELS, type KpiInput, type LotInput } from './model'
import { getNotice, type NoticeInput } from './notices.server'
import type { Actor } from '~/lib/actor'

/** The public change log of a published notice: each revision says what changed, and alerts and the feed follow it. */

export async function listRevisions(noticeId: string, tx: DbOrTx = db) {
  return tx.select().from(pipelineRevisions).where(eq(pipelineRevisions.noticeId, noticeId)).orderBy(desc(pipelineRevisions.number))
}

const yesNo = (b: boolean) => (b ? 'Yes' : 'No')
const months = (n: number | null) => (n === null ? 'Not set' : `${plural(n, 'month')}`)
const list = (items: string[]) => (items.length ? items.join(', ') : 'None')
const lotText = (lots: LotInput[]) =>
  lots.length
    ? lots.map((l, i) => `Lot ${i + 1}: ${l.title} (${formatValueRange(l.valueMinPence, l.valueMaxPence)}${l.contractPackageAreas.length ? `; ${l.contractPackageAreas.join(', ')}` : ''})`).join('; ')
    : 'None'
const kpiText = (kpis: KpiInput[]) => (kpis.length ? kpis.map((k) => `${k.name}: target ${k.target}${k.latestValue ? `, latest ${k.latestValue}` : ''}`).join('; ') : 'None')

const contactText = (n: NoticeInput) => [n.contactName, n.contactEmail, n.contactPhone].filter(Boolean).join(', ') || 'None'

/** What changed between two versions of a notice, in words a reader can follow. */
export function describeChanges(before: NoticeInput, after: NoticeInput): RevisionChange[] {
  const changes: RevisionChange[] = []
  const add = (field: string, label: string, from: string, to: string) => {
    if (from !== to) changes.push({ field, label, from, to })
  }
  add('noticeType', 'Notice type', noticeTypeLabel(before.noticeType), noticeTypeLabel(after.noticeType))
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
  add(
    'extension',
    'Extension options',
    `${months(before.extensionMonths)}${before.extensionNote ? ` (${before.extensionNote})` : ''}`,
    `${months(after.extensionMonths)}${after.extensionNote ? ` (${after.extensionNote})` : ''}`,
  )
  add('regions', 'Regions', list(before.regions.map(regionLabel)), list(after.regions.map(regionLabel)))
  add('suitableForSme', 'Suitable for SMEs', yesNo(before.suitableForSme), yesNo(after.suitableForSme))
  add('suitableForVcse', 'Suitable for VCSEs', yesNo(before.suitableForVcse), yesNo(after.suitableForVcse))
  add('lots', 'Lots', lotText(before.lots), lotText(after.lots))
  add('kpis', 'Key performance indicators', kpiText(before.kpis), kpiText(after.kpis))
  add('engagementDetails', 'How to take part in market engagement', before.engagementDetails || 'None', after.engagementDetails || 'None')
  add('engagementDeadline', 'Market engagement registration deadline', formatKeyDate(before.engagementDeadline, 'day'), formatKeyDate(after.engagementDeadline, 'day'))
  add('contact', 'Contact point', contactText(before), contactText(after))
  add('relatedLinks', 'Related links', list(before.relatedLinks.map((l) => l.title)), list(after.relatedLinks.map((l) => l.title)))
  // The description changes in long form; the log says it changed rather than repeating it.
  return changes.map((c) => (c.field === 'description' ? { ...c, from: 'Earlier description', to: 'Revised description' } : c))
}

export async function addRevision(tx: Tx, notice: PipelineNotice, actor: Actor, kind: 'published' | 'updated' | 'status' | 'awarded', changes: RevisionChange[]) {
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

/** Latest revisions across the pipeline, newest first, for the Atom feed. */
export async function recentRevisions(limit = 50) {
  return db
    .select({ revision: pipelineRevisions, notice: pipelineNotices })
    .from(pipelineRevisions)
    .innerJoin(pipelineNotices, eq(pipelineRevisions.noticeId, pipelineNotices.id))
    .orderBy(desc(pipelineRevisions.createdAt), desc(pipelineRevisions.number))
    .limit(limit)
}
