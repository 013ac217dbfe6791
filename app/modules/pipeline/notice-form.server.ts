import { z } from 'zod'
import { choice, choices, optionalText, optionalUrl, requiredText } from '~/lib/fields'
import { formValues, issuesToErrors, type FormValues } from '~/lib/forms'
import { readRichTextField, RichTextError, type RichText } from '~/lib/rich-text.server'
import { REGION_VALUES } from '~/modules/organisations/options'
import type { KeyDate } from '~db/schema'
import { AUTHORED_NOTICE_TYPES, KEY_DATES, lotCountOf, ROUTES, type KeyDateField, type KpiInput, type LotInput } from './model'

export { lotCountOf }
import type { NoticeInput } from './notices.server'

const baseSchema = z.object({
  reference: requiredText('Enter a reference', { max: 40 }),
  title: requiredText('Enter a title', { max: 200 }),
  summary: requiredText('Enter a summary', { max: 600 }),
  programme: optionalText('Programme', 200),
  buyer: requiredText('Enter the buyer', { max: 200 }),
  route: choice(ROUTES, 'Select the procurement route'),
  regions: choices(REGION_VALUES, 'Select at least one region'),
  suitable: choices(['sme', 'vcse'] as const),
  extensionNote: optionalText('Extension options', 300),
  noticeType: choice(AUTHORED_NOTICE_TYPES, 'Select the notice type'),
  engagementDetails: optionalText('How to take part', 3000),
  contactName: requiredText('Enter the name of the contact point', { max: 200 }),
  contactEmail: z
    .string()
    .trim()
    .min(1, { error: 'Enter the contact point’s email address' })
    .max(254, { error: 'Contact email address must be 254 characters or fewer' })
    .toLowerCase()
    .pipe(z.email({ error: 'Enter the contact email address in the correct format, like commercial@dwp.gov.uk' })),
  contactPhone: optionalText('Contact telephone number', 30).refine((v) => v === '' || /^\+?[0-9 ()-]{7,25}$/.test(v), {
    error: 'Enter a telephone number, like 0800 169 0190 or +44 800 169 0190',
  }),
})

/** Whole pounds as people type them ("£1,250,000"), returned in pence. */
export function poundsToPence(raw: string | undefined, label: string, { required = true } = {}): { pence?: number; error?: string } {
  const text = (raw ?? '').replace(/[£,\s]/g, '')
  if (!text) return required ? { error: `Enter the ${label.toLowerCase()}` } : {}
  if (/^\d+\.\d{1,2}$/.test(text)) return { error: `${label} must be in whole pounds, like 2500000` }
  if (!/^\d+$/.test(text)) return { error: `${label} must be a number of pounds, like 2500000` }
  const pounds = Number(text)
  if (pounds > 100_000_000_000) return { error: `${label} must be £100,000,000,000 or less` }
  return { pence: pounds * 100 }
}

function wholeMonths(raw: string | undefined, label: string): { value: number | null; error?: string } {
  const text = (raw ?? '').trim()
  if (!text) return { value: null }
  if (!/^\d+$/.test(text) || Number(text) > 600) return { value: null, error: `${label} must be a whole number of months, like 36` }
  return { value: Number(text) }
}

/**
 * A key date estimated to a month (day left blank) or to a day. Month-only
 * dates are stored as the first of the month with precision "month".
 */
export function readKeyDate(values: FormValues, name: string, label: string): { value: KeyDate | null; error?: string } {
  const get = (part: string) => String(values[`${name}-${part}`] ?? '').trim()
  const [day, month, year] = [get('day'), get('month'), get('year')]
  if (!day && !month && !year) return { value: null }
  if (!month || !year) return { value: null, error: `${label} date must include a month and year` }
  if (![month, year, day || '1'].every((v) => /^\d+$/.test(v)) || year.length !== 4 || Number(month) < 1 || Number(month) > 12) {
    return { value: null, error: `${label} date must be a real date` }
  }
  const [y, m] = [Number(year), Number(month)]
  const d = day ? Number(day) : 1
  const probe = new Date(Date.UTC(y, m - 1, d))
  if (probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) return { value: null, error: `${label} date must be a real date` }
  const iso = `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
  return { value: { date: iso, precision: day ? 'day' : 'month' } }
}

/**
 * "Add another lot" posts the whole form, so it works without JavaScript;
 * nothing is saved and the form comes back with one more blank lot.
 */
export function withAnotherLot(formData: FormData) {
  const values = formValues(formData)
  return { ok: false as const, errors: {} as Record<string, string>, values: { ...values, lotCount: String(lotCountOf(values, 1)) } }
}

export type NoticeFormResult = { ok: true; data: NoticeInput } | { ok: false; errors: Record<string, string>; values: FormValues }

export function parseNoticeForm(formData: FormData): NoticeFormResult {
  const values = formValues(formData)
  const errors: Record<string, string> = {}
  const base = baseSchema.safeParse(values)
  if (!base.success) Object.assign(errors, issuesToErrors(base.error.issues))

  let description: RichText | null = null
  try {
    description = readRichTextField(withoutEmptyEditor(formData, 'description'), 'description')
  } catch (error) {
    if (error instanceof RichTextError) errors.description = error.message
    else throw error
  }

  const cpvCodes = String(values.cpvCodes ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean)
  if (!cpvCodes.length) errors.cpvCodes = 'Enter at least one CPV code, like 80000000-4'

  const min = poundsToPence(valueString(values.valueMin), 'Minimum value')
  const max = poundsToPence(valueString(values.valueMax), 'Maximum value')
  if (min.error) errors.valueMin = min.error
  if (max.error) errors.valueMax = max.error

  const contract = wholeMonths(valueString(values.contractMonths), 'Contract length')
  const extension = wholeMonths(valueString(values.extensionMonths), 'Extension')
  if (contract.error) errors.contractMonths = contract.error
  if (extension.error) errors.extensionMonths = extension.error

  const dates = {} as Record<KeyDateField, KeyDate | null>
  for (const { field, label } of KEY_DATES) {
    const result = readKeyDate(values, field, label)
    if (result.error) errors[field] = result.error
    dates[field] = result.value
  }

  const deadline = readKeyDate(values, 'engagementDeadline', 'Registration deadline')
  if (deadline.error) errors.engagementDeadline = deadline.error
  else if (deadline.value?.precision === 'month') errors.engagementDeadline = 'Registration deadline date must include a day'

  const relatedLinks: Array<{ title: string; url: string }> = []
  for (const i of [1, 2, 3]) {
    const title = valueString(values[`link${i}Title`]).trim()
    const urlResult = optionalUrl(`Link ${i} address`).safeParse(valueString(values[`link${i}Url`]))
    if (!urlResult.success) errors[`link${i}Url`] = urlResult.error.issues[0]!.message
    else if (urlResult.data && !title) errors[`link${i}Title`] = `Enter a title for link ${i}`
    else if (title && !urlResult.data) errors[`link${i}Url`] = `Enter the address of link ${i}`
    else if (title && urlResult.data) relatedLinks.push({ title: title.slice(0, 200), url: urlResult.data })
  }

  const lots: LotInput[] = []
  for (let i = 1; i <= lotCountOf(values); i++) {
    const title = valueString(values[`lot${i}Title`]).trim()
    const rawMin = valueString(values[`lot${i}ValueMin`])
    const rawMax = valueString(values[`lot${i}ValueMax`])
    const areas = valueString(values[`lot${i}Areas`])
      .split(/[\n;]+/)
      .map((a) => a.trim())
      .filter(Boolean)
    if (!title && !rawMin.trim() && !rawMax.trim() && !areas.length) continue
    if (!title) errors[`lot${i}Title`] = `Enter a title for lot ${i}`
    const lotMin = poundsToPence(rawMin, `Lot ${i} minimum value`)
    const lotMax = poundsToPence(rawMax, `Lot ${i} maximum value`)
    if (lotMin.error) errors[`lot${i}ValueMin`] = lotMin.error
    if (lotMax.error) errors[`lot${i}ValueMax`] = lotMax.error
    if (title && lotMin.pence !== undefined && lotMax.pence !== undefined) {
      lots.push({ title: title.slice(0, 200), valueMinPence: lotMin.pence, valueMaxPence: lotMax.pence, contractPackageAreas: areas })
    }
  }

  const kpis: KpiInput[] = []
  for (const i of [1, 2, 3]) {
    const name = valueString(values[`kpi${i}Name`]).trim()
    const target = valueString(values[`kpi${i}Target`]).trim()
    const latestValue = valueString(values[`kpi${i}Latest`]).trim()
    const latestPeriod = valueString(values[`kpi${i}Period`]).trim()
    if (!name && !target && !latestValue && !latestPeriod) continue
    if (!name) errors[`kpi${i}Name`] = `Enter the name of KPI ${i}`
    if (!target) errors[`kpi${i}Target`] = `Enter the target for KPI ${i}`
    if (name && target) kpis.push({ name: name.slice(0, 200), target: target.slice(0, 100), latestValue: latestValue.slice(0, 100), latestPeriod: latestPeriod.slice(0, 100) })
  }

  if (Object.keys(errors).length || !base.success) return { ok: false, errors, values }
  const b = base.data
  return {
    ok: true,
    data: {
      reference: b.reference,
      title: b.title,
      summary: b.summary,
      description,
      programme: b.programme,
      buyer: b.buyer,
      cpvCodes,
      valueMinPence: min.pence!,
      valueMaxPence: max.pence!,
      contractMonths: contract.value,
      extensionMonths: extension.value,
      extensionNote: b.extensionNote,
      route: b.route,
      regions: b.regions,
      suitableForSme: b.suitable.includes('sme'),
      suitableForVcse: b.suitable.includes('vcse'),
      dates,
      relatedLinks,
      noticeType: b.noticeType,
      engagementDetails: b.engagementDetails,
      engagementDeadline: deadline.value?.date ?? null,
      contactName: b.contactName,
      contactEmail: b.contactEmail,
      contactPhone: b.contactPhone,
      lots,
      kpis,
    },
  }
}

function valueString(v: string | string[] | undefined): string {
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '')
}

/**
 * An untouched editor posts a document with no blocks, which the schema
 * rightly refuses; an empty description is simply no description.
 */
function withoutEmptyEditor(formData: FormData, name: string): FormData {
  const json = formData.get(`${name}-json`)
  if (typeof json !== 'string') return formData
  try {
    const doc = JSON.parse(json) as { content?: unknown[] }
    if (doc && Array.isArray(doc.content ?? []) && !(doc.content ?? []).length) {
      const copy = new FormData()
      for (const [key, value] of formData.entries()) if (key !== `${name}-json`) copy.append(key, value)
      return copy
    }
  } catch {
    // Left for readRichTextField to report.
  }
  return formData
}
