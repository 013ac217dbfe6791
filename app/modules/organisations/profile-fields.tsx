import { Checkboxes, Radios, type ChoiceOption } from '~/components/choices'
import { TextInput } from '~/components/text-input'
import { Textarea } from '~/components/textarea'
import { valueOf, valuesOf, type FieldErrors, type FormValues } from '~/lib/forms'
import { CAPABILITIES } from './capabilities'
import { MERLIN_STATUSES, REGIONS, SECTORS, SIZE_BANDS } from './options'

export type ProfileDefaults = {
  name: string
  sector: string
  sizeBand: string
  regions: string[]
  capabilities: string[]
  merlinStatus: string
  website: string | null
  description: string
}

type ChoiceField = { legend: string; hint?: string; options: ChoiceOption[] } & (
  { name: 'sector' | 'sizeBand' | 'merlinStatus'; multiple: false } | { name: 'regions' | 'capabilities'; multiple: true }
)

/** The profile's choice questions, in the order the form asks them. */
const CHOICE_FIELDS: ChoiceField[] = [
  { name: 'sector', multiple: false, legend: 'Sector', options: SECTORS.map((s) => ({ value: s.value, label: s.label })) },
  {
    name: 'sizeBand',
    multiple: false,
    legend: 'Size',
    hint: 'Count everyone the organisation employs, full and part time.',
    options: SIZE_BANDS.map((s) => ({ value: s.value, label: s.label })),
  },
  { name: 'regions', multiple: true, legend: 'Regions served', hint: 'Select all that apply.', options: REGIONS.map((r) => ({ value: r.value, label: r.label })) },
  {
    name: 'capabilities',
    multiple: true,
    legend: 'Capabilities',
    hint: 'The provider capabilities DWP expects across a supply chain, from Annex B of its commissioning strategy. Those marked ‘2013 emphasis’ are the ones the 2013 strategy said would count for more. Select all the organisation can evidence.',
    options: CAPABILITIES.map((c) => ({ value: c.key, label: c.label, hint: c.emphasis ? '2013 emphasis' : undefined })),
  },
  {
    name: 'merlinStatus',
    multiple: false,
    legend: 'Merlin Standard status',
    hint: 'The Merlin Standard assesses how prime contractors treat the organisations in their supply chains.',
    options: MERLIN_STATUSES.map((m) => ({ value: m.value, label: m.label })),
  },
]

/**
 * The profile's fields, shared by the create and edit pages. A failed
 * submission's values win over the saved profile, so nothing typed is lost.
 */
export function ProfileFields({ errors, values, defaults }: { errors?: FieldErrors; values?: FormValues; defaults?: ProfileDefaults }) {
  const text = (name: keyof ProfileDefaults) => (values ? valueOf(values, name) : ((defaults?.[name] as string | null | undefined) ?? undefined))
  const list = (name: 'regions' | 'capabilities') => (values ? (valuesOf(values, name) ?? []) : (defaults?.[name] ?? []))
  return (
    <>
      <TextInput name="name" label="Organisation name" labelSize="m" error={errors?.name} defaultValue={text('name')} autoComplete="organization" spellCheck={false} />
      {CHOICE_FIELDS.map((field) => {
        const { name, legend, hint, options } = field
        return field.multiple ? (
          <Checkboxes key={name} name={name} legend={legend} legendSize="m" hint={hint} error={errors?.[name]} values={list(field.name)} small options={options} />
        ) : (
          <Radios key={name} name={name} legend={legend} legendSize="m" hint={hint} error={errors?.[name]} value={text(name)} options={options} />
        )
      })}
      <TextInput
        name="website"
        label="Website (optional)"
        labelSize="m"
        hint="For example, https://www.example.org"
        error={errors?.website}
        defaultValue={text('website')}
        type="url"
        autoComplete="url"
        spellCheck={false}
      />
      <Textarea
        name="description"
        label="Description"
        labelSize="m"
        hint="What the organisation does, who it supports and where. This appears on its public profile."
        error={errors?.description}
        defaultValue={text('description')}
        maxLength={2000}
        rows={8}
      />
    </>
  )
}
