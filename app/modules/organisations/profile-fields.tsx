import { Checkboxes, Radios } from '~/components/choices'
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
      <Radios
        name="sector"
        legend="Sector"
        legendSize="m"
        error={errors?.sector}
        value={text('sector')}
        options={SECTORS.map((s) => ({ value: s.value, label: s.label }))}
      />
      <Radios
        name="sizeBand"
        legend="Size"
        legendSize="m"
        hint="Count everyone the organisation employs, full and part time."
        error={errors?.sizeBand}
        value={text('sizeBand')}
        options={SIZE_BANDS.map((s) => ({ value: s.value, label: s.label }))}
      />
      <Checkboxes
        name="regions"
        legend="Regions served"
        legendSize="m"
        hint="Select all that apply."
        error={errors?.regions}
        values={list('regions')}
        small
        options={REGIONS.map((r) => ({ value: r.value, label: r.label }))}
      />
      <Checkboxes
        name="capabilities"
        legend="Capabilities"
        legendSize="m"
        hint="The provider capabilities DWP expects across a supply chain, from Annex B of its commissioning strategy. Those marked ‘2013 emphasis’ are the ones the 2013 strategy said would count for more. Select all the organisation can evidence."
        error={errors?.capabilities}
        values={list('capabilities')}
        small
        options={CAPABILITIES.map((c) => ({ value: c.key, label: c.label, hint: c.emphasis ? '2013 emphasis' : undefined }))}
      />
      <Radios
        name="merlinStatus"
        legend="Merlin Standard status"
        legendSize="m"
        hint="The Merlin Standard assesses how prime contractors treat the organisations in their supply chains."
        error={errors?.merlinStatus}
        value={text('merlinStatus')}
        options={MERLIN_STATUSES.map((m) => ({ value: m.value, label: m.label }))}
      />
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
