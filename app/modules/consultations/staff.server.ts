import { requireStaff } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import { invariantResponse } from '~/lib/http.server'
import { getConsultation } from './consultations.server'

/** Every staff consultation page starts here: staff only, and the consultation must exist. */
export async function requireStaffConsultation(request: Request, id: string | undefined) {
  const user = await requireStaff(request)
  const consultation = id ? await getConsultation(db, id) : null
  invariantResponse(consultation, 'Consultation not found')
  return { user, consultation }
}
