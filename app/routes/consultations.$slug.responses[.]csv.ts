import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { exportPublishedResponses, hasPublishedResponses } from '~/modules/consultations/publication.server'
import { publishedConsultation } from '~/modules/consultations/web.server'
import { consultationStructure } from '~/modules/consultations/consultations.server'

// Deliberately public open data: the copies staff released, redactions applied, anonymised where asked.
export async function loader({ params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  invariantResponse(await hasPublishedResponses(consultation.id), 'Responses are published after the consultation closes and we have reviewed them')
  const structure = await consultationStructure(consultation)
  return new Response(exportPublishedResponses(consultation, structure, 'csv'), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `inline; filename="${consultation.slug}-published-responses.csv"`,
      'Cache-Control': 'public, max-age=300',
    },
  })
}
