import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { resumePath } from '~/modules/surveys/responses.server'
import { isOpen, surveyStructure } from '~/modules/surveys/surveys.server'
import { requireParticipation } from '~/modules/surveys/web.server'
import { surveyPath } from '~/lib/paths'

/** The link in the "continue your response" email: opens the page the draft was saved on. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, participation, base } = await requireParticipation(request, params.slug, params.id)
  if (participation.status === 'submitted') throw redirect(`${base}/receipt`)
  if (!isOpen(survey)) throw redirect(surveyPath(survey.slug))
  const structure = await surveyStructure(survey)
  throw redirect(resumePath(survey, participation, structure.sections.length))
}
