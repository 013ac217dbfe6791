import type { LoaderFunctionArgs } from '@remix-run/node'
import { db } from '~/lib/db.server'
import { auditExport } from '~/lib/export-audit.server'
import { exportResponses } from '~/modules/consultations/analysis.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { getStructure } from '~/modules/questionnaires/structure.server'

/** Streamed from a database cursor: memory stays flat however many responses there are. Downloads of personal data are audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const structure = (await getStructure(db, consultation.questionnaireId))!
  await auditExport(user, 'consultation.export.json', { type: 'consultation', id: consultation.id })
  return new Response(exportResponses(consultation, structure, 'json'), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${consultation.slug}-responses.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
