import { and, eq } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { isUuid } from '~/lib/ids'
import { consultationResponses, users, type Consultation } from '~db/schema'
import { readAnswers } from '../questionnaires/answers.server'
import { getStructure } from '../questionnaires/structure.server'
import { amendmentHistory } from './responses.server'

/**
 * One submitted response as staff read it: the version that was submitted
 * last, and what each amendment changed. Changes nobody has submitted are
 * not part of it.
 */
export async function staffResponse(consultation: Consultation, responseId: string | undefined) {
  if (!responseId || !isUuid(responseId)) return null
  const [response] = await db
    .select()
    .from(consultationResponses)
    .where(and(eq(consultationResponses.id, responseId), eq(consultationResponses.consultationId, consultation.id), eq(consultationResponses.status, 'submitted')))
  if (!response) return null
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const [answers, history, enteredBy] = await Promise.all([
    readAnswers(db, response.submissionId),
    amendmentHistory(response, structure),
    response.enteredById ? db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, response.enteredById)) : [],
  ])
  return { response, structure, answers, history, enteredBy: enteredBy[0] ? enteredBy[0].name || enteredBy[0].email : null }
}
