import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { RuleError } from '~/lib/result'
import { exportSurveyResponses } from '~/modules/surveys/results.server'
import { getSurvey } from '~/modules/surveys/surveys.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  let body: string
  try {
    body = await exportSurveyResponses(user, survey, 'csv')
  } catch (error) {
    if (error instanceof RuleError) throw new Response(error.message, { status: 409, statusText: 'Not available yet' })
    throw error
  }
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${survey.slug}-responses.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
