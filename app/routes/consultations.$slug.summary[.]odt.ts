import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { formatDate } from '~/lib/time'
import { summaryOdt } from '~/modules/consultations/summary-odt.server'
import { publishedSummary } from '~/modules/consultations/summary.server'
import { publishedConsultation } from '~/modules/consultations/web.server'

/** The published summary as an OpenDocument text file, built from the same document as the page. */
export async function loader({ params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  const summary = await publishedSummary(consultation.id)
  invariantResponse(summary, 'Summary not published')
  const bytes = summaryOdt({ title: `${consultation.title}: summary of responses`, subtitle: `Published ${formatDate(summary.publishedAt)}.`, document: summary.document.json as never })
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.oasis.opendocument.text',
      'Content-Disposition': `attachment; filename="${consultation.slug}-summary-of-responses.odt"`,
      'Cache-Control': 'public, max-age=300',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
