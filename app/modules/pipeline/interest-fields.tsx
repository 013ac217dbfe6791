import { z } from 'zod'
import { Checkboxes, Radios, YES_NO } from '~/components/choices'
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

/** A list of the directory's capabilities to tick, as the interest form asks it twice. */
function CapabilityChoices({ name, legend, hint, values, error }: { name: 'capabilitiesOffered' | 'capabilitiesSought'; legend: string; hint: string; values?: readonly string[]; error?: string }) {
  return <Checkboxes name={name} legend={legend} legendSize="m" hint={hint} small values={values} error={error} options={CAPABILITIES.map((c) => ({ value: c.key, label: c.label }))} />
}

export function InterestFields({ values, errors, saved }: { values?: FormValues; errors?: FieldErrors; saved?: Saved }) {
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
      <CapabilityChoices
        name="capabilitiesOffered"
        legend="What capabilities does your organisation offer?"
        hint="Select all that apply"
        values={valuesOf(values, 'capabilitiesOffered') ?? saved?.capabilitiesOffered}
        error={errors?.capabilitiesOffered}
      />
      <Radios
        name="seekingPartners"
        legend="Is your organisation seeking partners for this notice?"
        legendSize="m"
        value={valueOf(values, 'seekingPartners') ?? (saved ? (saved.seekingPartners ? 'yes' : 'no') : undefined)}
        error={errors?.seekingPartners}
        options={YES_NO}
      />
      <CapabilityChoices
        name="capabilitiesSought"
        legend="If you are seeking partners, what capabilities are you looking for?"
        hint="Other organisations registered on this notice see this with your profile. Select all that apply."
        values={valuesOf(values, 'capabilitiesSought') ?? saved?.capabilitiesSought}
        error={errors?.capabilitiesSought}
      />
      <Textarea name="note" label="Note for the Category (optional)" maxLength={1000} defaultValue={valueOf(values, 'note') ?? saved?.note} error={errors?.note} />
    </>
  )
}
