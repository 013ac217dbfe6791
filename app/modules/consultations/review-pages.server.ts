import { ruleFailed, type FormValues } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { redirectWithNotice } from '~/lib/notice.server'
import { reviewItem } from './publication.server'
import { requireStaffConsultation } from './staff.server'
import { staffConsultationPath } from '~/lib/paths'

/** Every page about one response in the publication queue starts here: staff only, and the response must be in the queue. */
export async function requireReviewItem(request: Request, params: { id?: string; responseId?: string }) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const item = await reviewItem(consultation, params.responseId ?? '')
  invariantResponse(item, 'That response is not in the publication queue')
  return { user, consultation, item }
}

/**
 * Every decision on a response in the queue ends the same way: a refused one
 * is shown on its page (409, with what was typed), a made one goes back to
 * the response with a notice.
 */
export async function decideOnResponse(
  decide: () => Promise<unknown>,
  { consultationId, responseId, notice, field, values }: { consultationId: string; responseId: string; notice: string; field: string; values: FormValues },
) {
  try {
    await decide()
  } catch (error) {
    return ruleFailed(error, { field, values, status: 409 })
  }
  return redirectWithNotice(staffConsultationPath(consultationId, `publication/${responseId}`), notice)
}
