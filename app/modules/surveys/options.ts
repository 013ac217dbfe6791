import { optionsFor } from '~/lib/options'
import type { SurveyAudience, SurveyRespondAs } from '~db/schema'

/** Who may answer a survey, as staff choose it. */
export const AUDIENCES = optionsFor<SurveyAudience>()([
  { value: 'invited_organisations', label: 'Organisations you invite' },
  { value: 'members', label: 'Any signed-in member' },
])

/** How many responses an invited organisation gives. */
export const RESPOND_AS = optionsFor<SurveyRespondAs>()([
  { value: 'organisation', label: 'One response per organisation, submitted by an administrator' },
  { value: 'person', label: 'One response per person in the organisation' },
])
