import type { LoaderFunctionArgs } from '@remix-run/node'
import { downloadResponses } from '~/modules/consultations/analysis.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'

/** Streamed from a database cursor: memory stays flat however many responses there are. Downloads of personal data are audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  return new Response(await downloadResponses(user, consultation, 'csv'), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${consultation.slug}-responses.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
