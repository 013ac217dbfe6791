import type { LoaderFunctionArgs } from '@remix-run/node'
import { db } from '~/lib/db.server'
import { invariantResponse } from '~/lib/http.server'
import { exportResponses } from '~/modules/consultations/analysis.server'
import { phaseOf } from '~/modules/consultations/consultations.server'
import { publishedConsultation } from '~/modules/consultations/web.server'
import { getStructure } from '~/modules/questionnaires/structure.server'

// Deliberately public open data: consented, non-confidential responses only, anonymised where asked.
export async function loader({ params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  invariantResponse(['closed', 'outcome'].includes(phaseOf(consultation)), 'Responses are published after the consultation closes')
  const structure = (await getStructure(db, consultation.questionnaireId))!
  return new Response(exportResponses(consultation, structure, 'json', { publishedOnly: true }), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `inline; filename="${consultation.slug}-published-responses.json"`,
      'Cache-Control': 'public, max-age=300',
    },
  })
}
