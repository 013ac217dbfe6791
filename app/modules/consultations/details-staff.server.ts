import { z } from 'zod'
import { optionalText, requiredText, wholeNumber } from '~/lib/fields'
import { formValues, issuesToErrors, type FormValues } from '~/lib/forms'
import { readRichTextField, RichTextError } from '~/lib/rich-text.server'
import { parseDateInput } from '~/lib/time'
import type { ConsultationPages } from '~db/schema'
import type { ConsultationDetails } from './consultations.server'
import { MAX_REMINDER_DAYS, NATION_OPTIONS, PAGE_FIELDS } from './details-staff-form'

const schema = z.object({
  title: requiredText('Enter a title', { max: 200 }),
  summary: requiredText('Enter a summary', { max: 1000 }),
  contactEmail: z
    .string()
    .trim()
    .max(254)
    .refine((v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), { error: 'Enter an email address in the correct format, like name@example.com' }),
  contactAddress: optionalText('Postal address', 1000),
})

const reminderDaysField = wholeNumber('The number of days before closing', { min: 0, max: MAX_REMINDER_DAYS })

/** Reads the staff details form, including rich-text pages and London date-times. */
export function readStaffDetails(
  formData: FormData,
  current: { opensAt: Date; closesAt: Date } | null,
): { ok: true; data: ConsultationDetails } | { ok: false; errors: Record<string, string>; values: FormValues } {
  const values = formValues(formData)
  const errors: Record<string, string> = {}
  const parsed = schema.safeParse(values)
  if (!parsed.success) Object.assign(errors, issuesToErrors(parsed.error.issues))
  const pages: ConsultationPages = {}
  for (const p of PAGE_FIELDS) {
    try {
      const rich = readRichTextField(formData, `page-${p.key}`)
      pages[p.key] = rich ? { json: rich.json as never, html: rich.html, text: rich.text } : null
    } catch (error) {
      if (error instanceof RichTextError) errors[`page-${p.key}`] = error.message
      else throw error
    }
  }
  const allowed = new Set(NATION_OPTIONS.map((n) => n.value))
  const nations = formData.getAll('nations').filter((n): n is string => typeof n === 'string' && allowed.has(n))
  let opensAt = current?.opensAt
  let closesAt = current?.closesAt
  if (formData.has('opensAt-day')) {
    const o = parseDateInput(values, 'opensAt', 'The opening date', { withTime: true })
    if (o.ok) opensAt = o.date
    else errors.opensAt = o.message
    const c = parseDateInput(values, 'closesAt', 'The closing date', { withTime: true })
    if (c.ok) closesAt = c.date
    else errors.closesAt = c.message
    if (o.ok && c.ok && c.date <= o.date) errors.closesAt = 'The closing date must be after the opening date'
  }
  // A form without the field (an older page still open) leaves the setting as it was.
  let reminderDays: number | undefined
  if (formData.has('reminderDays')) {
    const r = reminderDaysField.safeParse(values.reminderDays)
    if (r.success) reminderDays = r.data
    else errors.reminderDays = r.error.issues[0]!.message
  }
  if (!opensAt && !errors.opensAt) errors.opensAt = 'Enter the opening date'
  if (!closesAt && !errors.closesAt) errors.closesAt = 'Enter the closing date'
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors, values }
  return {
    ok: true,
    data: { ...parsed.data, contactAddress: parsed.data.contactAddress ?? '', pages, nations, opensAt: opensAt!, closesAt: closesAt!, reminderDays },
  }
}
