import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { documentDownload } from '~/modules/pipeline/documents.server'

/** A notice's document for staff, including a draft's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const response = await documentDownload(params.documentId ?? '', { id: params.id ?? '' }).catch(() => null)
  invariantResponse(response, 'Not found')
  return response
}
