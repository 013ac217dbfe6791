import { z } from 'zod'
import { Checkboxes, Radios } from '~/components/choices'
import { Textarea } from '~/components/textarea'
import { choice, choices, optionalText } from '~/lib/fields'
import { valueOf, valuesOf, type FieldErrors, type FormValues } from '~/lib/forms'
import { CAPABILITIES, CAPABILITY_KEYS } from '~/modules/organisations/capabilities'
import { INTEREST_ROLE_LABELS, INTEREST_ROLES } from './model'
import type { InterestInput } from './interest.server'

/** The interest form, for registering and for changing it. Safe for the browser. */

export const interestSchema = z.object({
  role: choice(INTEREST_ROLES, 'Select the role your organisation wants'),
  seekingPartners: choice(['yes', 'no'] as const, 'Select yes if your organisation is seeking partners'),
  capabilitiesOffered: choices(CAPABILITY_KEYS, 'Select at least one capability your organisation offers'),
  capabilitiesSought: choices(CAPABILITY_KEYS),
  note: optionalText('Note', 1000),
})

export function interestInputOf(data: z.output<typeof interestSchema>): Omit<InterestInput, 'organisationId'> {
  return {
    role: data.role,
    seekingPartners: data.seekingPartners === 'yes',
    capabilitiesOffered: data.capabilitiesOffered,
    capabilitiesSought: data.capabilitiesSought,
    note: data.note,
  }
}

type Saved = Omit<InterestInput, 'organisationId'>

export function InterestFields({ values, errors, saved }: { values?: FormValues; errors?: FieldErrors; saved?: Saved }) {
  const capabilityOptions = CAPABILITIES.map((c) => ({ value: c.key, label: c.label }))
  return (
    <>
      <Radios
        name="role"
        legend="What role does your organisation want?"
        legendSize="m"
        value={valueOf(values, 'role') ?? saved?.role}
        error={errors?.role}
        options={INTEREST_ROLES.map((r) => ({ value: r, label: INTEREST_ROLE_LABELS[r] }))}
      />
      <Checkboxes
        name="capabilitiesOffered"
        legend="What capabilities does your organisation offer?"
        legendSize="m"
        hint="Select all that apply"
        small
        values={valuesOf(values, 'capabilitiesOffered') ?? saved?.capabilitiesOffered}
        error={errors?.capabilitiesOffered}
        options={capabilityOptions}
      />
      <Radios
        name="seekingPartners"
        legend="Is your organisation seeking partners for this notice?"
        legendSize="m"
        value={valueOf(values, 'seekingPartners') ?? (saved ? (saved.seekingPartners ? 'yes' : 'no') : undefined)}
        error={errors?.seekingPartners}
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
      />
      <Checkboxes
        name="capabilitiesSought"
        legend="If you are seeking partners, what capabilities are you looking for?"
        legendSize="m"
        hint="Other organisations registered on this notice see this with your profile. Select all that apply."
        small
        values={valuesOf(values, 'capabilitiesSought') ?? saved?.capabilitiesSought}
        error={errors?.capabilitiesSought}
        options={capabilityOptions}
      />
      <Textarea name="note" label="Note for the Category (optional)" maxLength={1000} defaultValue={valueOf(values, 'note') ?? saved?.note} error={errors?.note} />
    </>
  )
}
