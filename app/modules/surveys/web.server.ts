import { requireUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { getSurveyBySlug } from './surveys.server'
import { participationForUser } from './responses.server'
import { surveyResponsePath } from '~/lib/paths'

/** The guard for a response's pages: the signed-in person must be the respondent or an administrator of the responding organisation. */
export async function requireParticipation(request: Request, slug: string | undefined, id: string | undefined) {
  const user = await requireUser(request)
  const survey = await getSurveyBySlug(slug ?? '')
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const participation = await participationForUser(survey, id ?? '', user)
  invariantResponse(participation, 'Response not found', { status: 404 })
  return { user, survey, participation, base: surveyResponsePath(survey.slug, participation.id) }
}
