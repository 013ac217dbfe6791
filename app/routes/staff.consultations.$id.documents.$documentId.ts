import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { consultationDocumentDownload } from '~/modules/consultations/documents.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'

/** A consultation's document for staff, including a draft's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const response = await consultationDocumentDownload(params.documentId ?? '', { id: consultation.id }).catch(() => null)
  invariantResponse(response, 'Not found')
  return response
}
