import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { auditExport } from '~/lib/export-audit.server'
import { invariantResponse } from '~/lib/http.server'
import { exportRows } from '~/modules/surveys/results.server'
import { getSurvey } from '~/modules/surveys/surveys.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  await auditExport(user, 'survey.export.json', { type: 'survey', id: survey.id })
  const { questions, rows } = await exportRows(survey)
  const body = { survey: { title: survey.title, year: survey.year, anonymous: survey.anonymous }, questions, responses: rows }
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${survey.slug}-responses.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
