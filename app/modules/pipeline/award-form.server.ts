import { formValues, type FormValues } from '~/lib/forms'
import { londonParts, parseDateInput } from '~/lib/time'
import { withoutControlCharacters } from '~/modules/files/file-types'
import { CURRENCIES, type Currency } from './model'
import { MAX_SUPPLIERS } from './awards'
import type { AwardInput, SupplierInput } from './awards.server'
import type { NoticeAward } from './notices.server'

export type AwardFormResult = { ok: true; data: AwardInput } | { ok: false; errors: Record<string, string>; values: FormValues }

const text = (values: FormValues, name: string, max: number) => {
  const v = values[name]
  return withoutControlCharacters(String((Array.isArray(v) ? v[0] : v) ?? ''))
    .trim()
    .slice(0, max)
}

/** An amount as people type it ("£2,450,000" or "2450000.50"), in minor units (pence). */
export function readAmount(raw: string): { minor?: number; error?: string } {
  const cleaned = raw.replace(/[£€$,\s]/g, '')
  if (!cleaned) return { error: 'Enter the contract value' }
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return { error: 'Contract value must be a number, like 2450000 or 2450000.50' }
  const [whole, fraction = ''] = cleaned.split('.') as [string, string?]
  if (whole.length > 12) return { error: 'Contract value must be 999,999,999,999 or less' }
  return { minor: Number(whole) * 100 + Number(fraction.padEnd(2, '0')) }
}

/** A Companies House number as people type it: spaces dropped, letters in capitals, short numbers padded ("1234567" is "01234567"). */
export function normaliseCompanyNumber(raw: string) {
  const compact = raw.replace(/\s+/g, '').toUpperCase()
  return /^\d{1,7}$/.test(compact) ? compact.padStart(8, '0') : compact
}

function isoDay(values: FormValues, name: string, label: string, errors: Record<string, string>) {
  const result = parseDateInput(values, name, label)
  if (!result.ok) {
    errors[name] = result.message
    return ''
  }
  const { year, month, day } = londonParts(result.date)
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function parseAwardForm(formData: FormData): AwardFormResult {
  const values = formValues(formData)
  const errors: Record<string, string> = {}
  const suppliers: SupplierInput[] = []
  for (let i = 1; i <= MAX_SUPPLIERS; i++) {
    const organisationId = text(values, `supplier${i}Organisation`, 40)
    const supplier = {
      organisationId: organisationId || null,
      name: text(values, `supplier${i}Name`, 200),
      companyNumber: normaliseCompanyNumber(text(values, `supplier${i}CompanyNumber`, 20)),
      streetAddress: text(values, `supplier${i}Street`, 200),
      locality: text(values, `supplier${i}Town`, 100),
      postalCode: text(values, `supplier${i}Postcode`, 10).toUpperCase(),
    }
    const details = Boolean(supplier.companyNumber || supplier.streetAddress || supplier.locality || supplier.postalCode)
    if (!supplier.organisationId && !supplier.name && !details) continue
    if (supplier.organisationId && supplier.name) {
      errors[`supplier${i}Name`] = `Supplier ${i}: select an organisation from the directory or enter a name, not both`
      continue
    }
    if (!supplier.organisationId && !supplier.name) {
      errors[`supplier${i}Name`] = `Enter the name of supplier ${i}`
      continue
    }
    if (supplier.organisationId && !/^[0-9a-f-]{36}$/.test(supplier.organisationId)) {
      errors[`supplier${i}Organisation`] = `Select supplier ${i} from the list`
      continue
    }
    suppliers.push(supplier)
  }
  if (!suppliers.length && !Object.keys(errors).some((k) => k.startsWith('supplier'))) errors.supplier1Organisation = 'Select a supplier from the directory or enter the supplier’s name'
  const amount = readAmount(text(values, 'value', 40))
  if (amount.error) errors.value = amount.error
  const currency = text(values, 'currency', 3)
  if (!CURRENCIES.some((c) => c.value === currency)) errors.currency = 'Select the currency'
  const awardDate = isoDay(values, 'awardDate', 'Award date', errors)
  const contractStart = isoDay(values, 'contractStart', 'Contract start date', errors)
  const contractEnd = isoDay(values, 'contractEnd', 'Contract end date', errors)
  if (Object.keys(errors).length) return { ok: false, errors, values }
  return { ok: true, data: { suppliers, valueMinor: amount.minor!, currency: currency as Currency, awardDate, contractStart, contractEnd } }
}

/** The form's values for an award already recorded, so correcting it starts from what it says. */
export function awardFormValues(award: NoticeAward | null): FormValues {
  if (!award) return { currency: 'GBP' }
  const values: FormValues = { value: (award.valueMinor / 100).toFixed(award.valueMinor % 100 ? 2 : 0), currency: award.currency }
  const date = (name: string, iso: string) => {
    const [y, m, d] = iso.split('-')
    Object.assign(values, { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y })
  }
  date('awardDate', award.awardDate)
  date('contractStart', award.contractStart)
  date('contractEnd', award.contractEnd)
  award.suppliers.forEach((s, i) => {
    const n = i + 1
    Object.assign(values, {
      [`supplier${n}Organisation`]: s.organisationId ?? '',
      [`supplier${n}Name`]: s.organisationId ? '' : s.name,
      [`supplier${n}CompanyNumber`]: s.companyNumber,
      [`supplier${n}Street`]: s.streetAddress,
      [`supplier${n}Town`]: s.locality,
      [`supplier${n}Postcode`]: s.postalCode,
    })
  })
  return values
}
