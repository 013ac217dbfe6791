import { db } from '~/lib/db.server'
import { newReference } from '~/modules/consultations/responses.server'
import { createSubmission, saveAnswers, type AnswerInput } from '~/modules/questionnaires/answers.server'
import { consultationResponses, type Consultation } from '~db/schema'

/**
 * A submitted response written straight to the tables, for tests that need
 * many of them: `answers` maps a question id to its free text, or to the
 * chosen option values.
 */
export async function submittedResponse(c: Consultation, answers: Record<string, string | string[]>, over: Partial<typeof consultationResponses.$inferInsert> = {}) {
  const submission = await createSubmission(db, c.questionnaireId, { id: null, name: 'Respondent' })
  const map = new Map<string, AnswerInput>(
    Object.entries(answers).map(([id, v]) => [id, { text: typeof v === 'string' ? v : null, choices: typeof v === 'string' ? [] : v, otherText: null, confidential: false, confidentialReason: null }]),
  )
  await saveAnswers(db, submission.id, map, { id: null, name: 'Respondent' })
  const [response] = await db
    .insert(consultationResponses)
    .values({
      consultationId: c.id,
      submissionId: submission.id,
      reference: newReference(),
      status: 'submitted',
      respondentType: 'individual',
      name: 'Respondent',
      email: 'respondent@example.com',
      publishingConsent: 'anonymous',
      submittedAt: new Date(),
      ...over,
    })
    .returning()
  return response
}
