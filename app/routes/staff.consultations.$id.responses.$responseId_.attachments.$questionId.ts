import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { answerFileDownload } from '~/modules/consultations/answer-files.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'

/** A document a respondent attached to an answer: staff only, as an attachment, never cached in public. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const download = await answerFileDownload(consultation, params.responseId ?? '', params.questionId ?? '')
  invariantResponse(download, 'Document not found')
  return download
}
