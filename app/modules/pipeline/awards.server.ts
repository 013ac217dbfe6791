import { and, asc, count, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { RuleError } from '~/lib/result'
import type { Actor } from '~/lib/actor'
import { organisations, pipelineAwards, pipelineAwardSuppliers, pipelineNotices, type PipelineNotice } from '~db/schema'
import { CURRENCIES, formatMoney, formatKeyDate, isOpen, noticeTypeLabel, STATUS_LABELS, type Currency } from './model'
import type { NoticeAward } from './notices.server'
import { addRevision } from './revisions.server'

/**
 * Contract awards. Recording the award is what makes a notice awarded: it
 * names the suppliers, the value and the dates, turns the notice into a
 * contract award notice, and is a revision like any published change. An
 * awarded notice's award can be corrected, which is a revision too.
 */

export type SupplierInput = { organisationId: string | null; name: string; companyNumber: string; streetAddress: string; locality: string; postalCode: string }
export type AwardInput = { suppliers: SupplierInput[]; valueMinor: number; currency: Currency; awardDate: string; contractStart: string; contractEnd: string }

/** A Companies House number: eight digits, or two letters and six digits (SC123456). */
export const COMPANY_NUMBER = /^([0-9]{8}|[A-Z]{2}[0-9]{6})$/

/** The rules an award must meet however it arrives; field names are the form's. */
export function checkAward(input: AwardInput, today: string): AwardInput {
  const errors: Record<string, string> = {}
  if (!input.suppliers.length) errors.supplier1Organisation = 'Select a supplier from the directory or enter the supplier’s name'
  input.suppliers.forEach((s, i) => {
    if (s.companyNumber && !COMPANY_NUMBER.test(s.companyNumber)) errors[`supplier${i + 1}CompanyNumber`] = `Supplier ${i + 1} Companies House number must be 8 characters, like 01234567 or SC123456`
  })
  if (!Number.isSafeInteger(input.valueMinor) || input.valueMinor <= 0) errors.value = 'Contract value must be more than 0'
  if (!CURRENCIES.some((c) => c.value === input.currency)) errors.currency = 'Select the currency'
  if (input.awardDate > today) errors.awardDate = 'Award date must be today or in the past'
  if (input.contractEnd <= input.contractStart) errors.contractEnd = 'Contract end date must be after the contract start date'
  if (Object.keys(errors).length) throw new RuleError(errors)
  return input
}

/** "Meridian Work Solutions and Clearpath Ltd, £2,450,000, awarded 3 November 2026, contract 1 January 2027 to 31 December 2029" */
export function describeAward(award: Pick<NoticeAward, 'valueMinor' | 'currency' | 'awardDate' | 'contractStart' | 'contractEnd'> & { suppliers: Array<{ name: string }> }) {
  return `${supplierList(award.suppliers)}, ${formatMoney(award.valueMinor, award.currency)}, awarded ${formatKeyDate(award.awardDate, 'day')}, contract ${formatKeyDate(award.contractStart, 'day')} to ${formatKeyDate(award.contractEnd, 'day')}`
}

/** "Awarded to Meridian Work Solutions, £2,450,000, on 3 November 2026": an award in a line, for lists. */
export function awardInBrief(award: Pick<NoticeAward, 'valueMinor' | 'currency' | 'awardDate'> & { suppliers: Array<{ name: string }> }) {
  return `Awarded to ${supplierList(award.suppliers)}, ${formatMoney(award.valueMinor, award.currency)}, on ${formatKeyDate(award.awardDate, 'day')}`
}

function supplierList(suppliers: Array<{ name: string }>) {
  const names = suppliers.map((s) => s.name)
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')
}

/** Organisations a supplier can be chosen from, by name. */
export async function supplierChoices() {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name))
}

/** The suppliers of each award, in the order the award names them, by award id. */
export async function supplierNamesByAward(awardIds: string[], tx: DbOrTx = db) {
  const rows = awardIds.length
    ? await tx
        .select({ awardId: pipelineAwardSuppliers.awardId, name: pipelineAwardSuppliers.name })
        .from(pipelineAwardSuppliers)
        .where(inArray(pipelineAwardSuppliers.awardId, awardIds))
        .orderBy(asc(pipelineAwardSuppliers.position))
    : []
  const names = new Map<string, string[]>()
  for (const row of rows) names.set(row.awardId, [...(names.get(row.awardId) ?? []), row.name])
  return names
}

/** The latest published awards, newest award date first, each with its notice and suppliers. */
export async function recentAwards(limit = 3) {
  const rows = await db
    .select({
      awardId: pipelineAwards.id,
      valueMinor: pipelineAwards.valueMinor,
      currency: pipelineAwards.currency,
      awardDate: pipelineAwards.awardDate,
      contractStart: pipelineAwards.contractStart,
      contractEnd: pipelineAwards.contractEnd,
      notice: { id: pipelineNotices.id, slug: pipelineNotices.slug, title: pipelineNotices.title, reference: pipelineNotices.reference },
    })
    .from(pipelineAwards)
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineAwards.noticeId))
    .where(and(isNotNull(pipelineNotices.publishedAt), eq(pipelineNotices.status, 'awarded')))
    .orderBy(desc(pipelineAwards.awardDate), desc(pipelineAwards.createdAt))
    .limit(limit)
  const names = await supplierNamesByAward(rows.map((r) => r.awardId))
  return rows.map((r) => ({ ...r, suppliers: (names.get(r.awardId) ?? []).map((name) => ({ name })) }))
}

export async function awardedCount() {
  const [row] = await db
    .select({ total: count() })
    .from(pipelineAwards)
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineAwards.noticeId))
    .where(and(isNotNull(pipelineNotices.publishedAt), eq(pipelineNotices.status, 'awarded')))
  return row?.total ?? 0
}

export async function recordAward(actor: Actor, noticeId: string, raw: AwardInput, { today = new Date().toISOString().slice(0, 10) }: { today?: string } = {}) {
  const input = checkAward(raw, today)
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
    if (!notice) throw new RuleError({ form: 'This notice no longer exists' })
    if (!notice.publishedAt) throw new RuleError({ form: 'Publish the notice before recording its award' })
    if (!isOpen(notice.status) && notice.status !== 'awarded') {
      throw new RuleError({ form: `This notice is ${STATUS_LABELS[notice.status].toLowerCase()}, so it cannot be awarded` })
    }
    const chosen = input.suppliers.flatMap((s) => (s.organisationId ? [s.organisationId] : []))
    const found = chosen.length ? await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, chosen)) : []
    const names = new Map(found.map((o) => [o.id, o.name]))
    const suppliers = input.suppliers.map((s, i) => {
      if (s.organisationId && !names.has(s.organisationId))
        throw new RuleError({ [`supplier${i + 1}Organisation`]: `Supplier ${i + 1} is no longer in the directory. Select another or enter its name` })
      return { ...s, name: s.organisationId ? names.get(s.organisationId)! : s.name }
    })
    const [before] = await tx.query.pipelineAwards.findMany({ where: eq(pipelineAwards.noticeId, noticeId), with: { suppliers: { orderBy: asc(pipelineAwardSuppliers.position) } } })
    const values = { valueMinor: input.valueMinor, currency: input.currency, awardDate: input.awardDate, contractStart: input.contractStart, contractEnd: input.contractEnd }
    const [award] = before
      ? await tx.update(pipelineAwards).set(values).where(eq(pipelineAwards.id, before.id)).returning()
      : await tx
          .insert(pipelineAwards)
          .values({ noticeId, ...values })
          .returning()
    await tx.delete(pipelineAwardSuppliers).where(eq(pipelineAwardSuppliers.awardId, award!.id))
    await tx.insert(pipelineAwardSuppliers).values(suppliers.map((s, i) => ({ awardId: award!.id, position: i + 1, ...s })))
    const [saved] = await tx.update(pipelineNotices).set({ status: 'awarded', noticeType: 'contract_award' }).where(eq(pipelineNotices.id, noticeId)).returning()
    const from = before ? describeAward(before) : 'Not yet awarded'
    const to = describeAward({ ...values, suppliers })
    await recordAudit(tx, {
      actor,
      action: 'pipeline.award',
      subjectType: 'pipeline_notice',
      subjectId: noticeId,
      before: { award: from, status: notice.status },
      after: { award: to, status: 'awarded' },
    })
    if (from === to) return { notice: saved as PipelineNotice, revision: null }
    const changes = [{ field: 'award', label: 'Contract award', from, to }]
    if (!before) {
      changes.unshift({ field: 'status', label: 'Status', from: STATUS_LABELS[notice.status], to: STATUS_LABELS.awarded })
      if (notice.noticeType !== 'contract_award') changes.unshift({ field: 'noticeType', label: 'Notice type', from: noticeTypeLabel(notice.noticeType), to: noticeTypeLabel('contract_award') })
    }
    return addRevision(tx, saved!, actor, before ? 'updated' : 'awarded', changes)
  })
}
