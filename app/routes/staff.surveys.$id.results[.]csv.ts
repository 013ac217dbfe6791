import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { auditExport } from '~/lib/export-audit.server'
import { invariantResponse } from '~/lib/http.server'
import { exportCsv } from '~/modules/surveys/results.server'
import { getSurvey } from '~/modules/surveys/surveys.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  await auditExport(user, 'survey.export.csv', { type: 'survey', id: survey.id })
  return new Response(await exportCsv(survey), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${survey.slug}-responses.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
