import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { RuleError } from '~/lib/result'
import { exportSurveyResponses } from './results.server'
import { getSurvey } from './surveys.server'

const TYPES = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' } as const

/**
 * Route glue for the staff downloads of a survey's responses, one loader for
 * each format: a 409 while the results may not be shown yet.
 */
export function responsesDownloadLoader(format: keyof typeof TYPES) {
  return async ({ request, params }: LoaderFunctionArgs) => {
    const user = await requireStaff(request)
    const survey = await getSurvey(params.id!)
    invariantResponse(survey, 'Survey not found', { status: 404 })
    let body: string
    try {
      body = await exportSurveyResponses(user, survey, format)
    } catch (error) {
      if (error instanceof RuleError) throw new Response(error.message, { status: 409, statusText: 'Not available yet' })
      throw error
    }
    return new Response(body, {
      headers: {
        'Content-Type': TYPES[format],
        'Content-Disposition': `attachment; filename="${survey.slug}-responses.${format}"`,
        'Cache-Control': 'no-store',
      },
    })
  }
}
