import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { originalDownload } from '~/modules/consultations/received.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'

/** The scanned letter or saved email of a response entered by staff: staff only, never cached in public. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const download = await originalDownload(consultation, params.responseId ?? '')
  invariantResponse(download, 'Original not found')
  return download
}
