import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { consultationDocumentDownload } from '~/modules/consultations/documents.server'

// Deliberately public: a published consultation's documents are for everyone, as the consultation is.
export async function loader({ params }: LoaderFunctionArgs) {
  const response = await consultationDocumentDownload(params.documentId ?? '', { slug: params.slug ?? '' }).catch(() => null)
  invariantResponse(response, 'Not found')
  return response
}
