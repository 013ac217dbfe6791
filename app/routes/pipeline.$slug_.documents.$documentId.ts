import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { documentDownload } from '~/modules/pipeline/documents.server'

// Deliberately public: a published notice's documents are for everyone, as the notice is.
export async function loader({ params }: LoaderFunctionArgs) {
  const response = await documentDownload(params.documentId ?? '', { slug: params.slug ?? '' }).catch(() => null)
  invariantResponse(response, 'Not found')
  return response
}
