import { asc, eq, inArray } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
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
  const names = award.suppliers.map((s) => s.name)
  const who = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '')
  return `${who}, ${formatMoney(award.valueMinor, award.currency)}, awarded ${formatKeyDate(award.awardDate, 'day')}, contract ${formatKeyDate(award.contractStart, 'day')} to ${formatKeyDate(award.contractEnd, 'day')}`
}

/** Organisations a supplier can be chosen from, by name. */
export async function supplierChoices() {
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).orderBy(asc(organisations.name))
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
