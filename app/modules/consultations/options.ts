import { optionsFor } from '~/lib/options'
import type { PublishingConsent, RespondentType } from '~db/schema'

/** How a respondent answers, as the details form asks it. */
export const RESPONDENT_TYPES = optionsFor<RespondentType>()([
  { value: 'individual', label: 'As an individual' },
  { value: 'organisation', label: 'On behalf of an organisation' },
])

/** The same choice as a filter over many responses. */
export const RESPONDENT_TYPE_FILTERS = optionsFor<RespondentType>()([
  { value: 'individual', label: 'Individuals' },
  { value: 'organisation', label: 'Organisations' },
])

export const CONSENT_OPTIONS = optionsFor<PublishingConsent>()([
  { value: 'named', label: 'Publish my response with my name, or my organisation’s name' },
  { value: 'anonymous', label: 'Publish my response without any names' },
  { value: 'none', label: 'Do not publish my response' },
])
