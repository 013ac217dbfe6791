import { Checkboxes } from '~/components/choices'
import { DateInput, type DateParts } from '~/components/date-input'
import { RichTextEditor } from '~/components/rich-text-editor'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { valueOf, valuesOf, type FormValues } from '~/lib/forms'

/** The number of days before closing a new consultation reminds respondents of their unsubmitted drafts. */
export const DEFAULT_REMINDER_DAYS = 3
/** Further ahead, a reminder reads as nagging rather than a deadline. */
export const MAX_REMINDER_DAYS = 28

export const PAGE_FIELDS = [
  { key: 'aimedAt', label: 'Who this consultation is aimed at' },
  { key: 'purpose', label: 'Purpose of the consultation' },
  { key: 'scope', label: 'Scope of the consultation' },
  { key: 'howToRespond', label: 'How to respond' },
  { key: 'confidentiality', label: 'Freedom of information and privacy notice' },
] as const

export type StaffDetailsDefaults = {
  title: string
  summary: string
  nations: string[]
  contactEmail: string
  contactAddress: string
  opensAt?: DateParts
  closesAt?: DateParts
  reminderDays?: number
  pages: Record<string, { json: unknown; text: string } | null>
}

export const NATION_OPTIONS = [
  { value: 'england', label: 'England' },
  { value: 'wales', label: 'Wales' },
  { value: 'scotland', label: 'Scotland' },
  { value: 'northern-ireland', label: 'Northern Ireland' },
]

export function StaffDetailsFields({
  defaults,
  values,
  errors = {},
  published,
}: {
  defaults: StaffDetailsDefaults
  values?: FormValues
  errors?: Record<string, string | undefined>
  published: boolean
}) {
  const v = (name: 'title' | 'summary' | 'contactEmail' | 'contactAddress') => (values ? (valueOf(values, name) ?? '') : defaults[name])
  const date = (name: 'opensAt' | 'closesAt') =>
    values ? { day: valueOf(values, `${name}-day`), month: valueOf(values, `${name}-month`), year: valueOf(values, `${name}-year`), time: valueOf(values, `${name}-time`) } : defaults[name]
  return (
    <>
      <TextInput name="title" label="Title" labelSize="s" defaultValue={v('title')} error={errors.title} />
      <Textarea name="summary" label="Summary" labelSize="s" hint="One or two sentences shown in the finder and at the top of the page." defaultValue={v('summary')} error={errors.summary} rows={3} />
      {PAGE_FIELDS.map((p) => (
        <RichTextEditor
          key={p.key}
          name={`page-${p.key}`}
          label={p.label}
          error={errors[`page-${p.key}`]}
          document={(defaults.pages[p.key]?.json as never) ?? null}
          text={values ? (valueOf(values, `page-${p.key}`) ?? '') : (defaults.pages[p.key]?.text ?? '')}
          rows={6}
        />
      ))}
      <Checkboxes
        name="nations"
        legend="Nations in scope"
        legendSize="s"
        small
        options={NATION_OPTIONS}
        values={values ? (valuesOf(values, 'nations') ?? []) : defaults.nations}
        error={errors.nations}
      />
      <TextInput name="contactEmail" label="Contact email address" labelSize="s" type="email" defaultValue={v('contactEmail')} error={errors.contactEmail} spellCheck={false} />
      <Textarea name="contactAddress" label="Postal address for responses (optional)" labelSize="s" defaultValue={v('contactAddress')} error={errors.contactAddress} rows={5} />
      <TextInput
        name="reminderDays"
        label="Reminder before closing"
        labelSize="s"
        hint="People who have saved a response but not submitted it are emailed once, this many days before the consultation closes. Enter 0 to send no reminder."
        defaultValue={values ? (valueOf(values, 'reminderDays') ?? '') : String(defaults.reminderDays ?? DEFAULT_REMINDER_DAYS)}
        error={errors.reminderDays}
        width={2}
        inputMode="numeric"
        spellCheck={false}
        suffix="days"
      />
      {published ? (
        <p className="govuk-body">The dates of a published consultation are fixed. You can extend the closing date, giving a reason.</p>
      ) : (
        <>
          <DateInput name="opensAt" legend="Opens" legendSize="s" hint="UK time. For example, 31 7 2013 09:00" value={date('opensAt')} error={errors.opensAt} withTime />
          <DateInput name="closesAt" legend="Closes" legendSize="s" hint="UK time. For example, 27 9 2013 23:59" value={date('closesAt')} error={errors.closesAt} withTime />
        </>
      )}
    </>
  )
}
