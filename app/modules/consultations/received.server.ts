import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type Tx } from '~/lib/db.server'
import { isUuid } from '~/lib/ids'
import { insertJsonRows } from '~/lib/json-rows.server'
import { RuleError } from '~/lib/result'
import { formatDate, fromLondon, londonParts } from '~/lib/time'
import { fileResponse, storeFile, type CheckedUpload } from '~/modules/files/files.server'
import { consultationResponses, type Consultation, type ResponseChannel } from '~db/schema'
import type { Actor } from '~/lib/actor'
import { isEmptyAnswer, missingRequired, type AnswerInput } from '../questionnaires/answers.server'
import { getStructure, lockQuestionnaire } from '../questionnaires/structure.server'
import { newReference, type RespondentDetails } from './responses.server'

/**
 * Responses that reached the department outside the hub: entered by staff
 * from an email or a letter, or imported from a file. Each is stored as a
 * submitted response like any other, so it counts, is analysed, exported and
 * reviewed for publication the same way; its channel, the day it arrived and
 * who entered it are kept with it.
 */

export type ReceivedResponse = {
  details: RespondentDetails
  answers: Map<string, AnswerInput>
  channel: ResponseChannel
  receivedAt: Date | null
  submittedAt: Date
  originalFileId?: string | null
  importKey?: string | null
}

/** What the entry and import pages say about when responses may have arrived. */
export function receivingWindow(c: Consultation) {
  return { id: c.id, title: c.title, published: c.status === 'published', opensAt: c.opensAt.toISOString(), closesAt: c.closesAt.toISOString() }
}

const startOfLondonDay = (at: Date) => {
  const p = londonParts(at)
  return fromLondon(p.year, p.month, p.day)
}

/**
 * The day a response arrived must be a day the consultation was open: not
 * before the day it opened, not after the day it closed (a later one is late,
 * as it would be online), and not in the future. Errors are keyed `receivedAt`.
 */
export function checkReceivedDay(consultation: Pick<Consultation, 'opensAt' | 'closesAt'>, day: Date, now = new Date()): string | null {
  if (day > now) return 'The date received must be today or in the past'
  if (day < startOfLondonDay(consultation.opensAt)) return `The date received must be on or after the day the consultation opened, ${formatDate(consultation.opensAt)}`
  if (day > consultation.closesAt) return `The date received must be on or before the day the consultation closed, ${formatDate(consultation.closesAt)}. Later responses are late and are not counted`
  return null
}

/** Stores received responses as submitted ones, in the caller's transaction, a thousand at a time. */
export async function insertReceived(tx: Tx, actor: Actor, consultation: Consultation, rows: ReceivedResponse[]) {
  await lockQuestionnaire(tx, consultation.questionnaireId)
  const actorName = actor.name ?? actor.email
  const inserted: Array<{ id: string; reference: string; submissionId: string }> = []
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000).map((row) => ({ row, submissionId: randomUUID(), id: randomUUID(), reference: newReference() }))
    await insertJsonRows(
      tx,
      'questionnaire_submissions',
      chunk.map((c) => ({ id: c.submissionId, questionnaire_id: consultation.questionnaireId, last_changed_by_id: actor.id, last_changed_by_name: actorName })),
    )
    await insertJsonRows(
      tx,
      'consultation_responses',
      chunk.map(({ row, submissionId, id, reference }) => ({
        id,
        consultation_id: consultation.id,
        submission_id: submissionId,
        reference,
        status: 'submitted',
        respondent_type: row.details.respondentType,
        name: row.details.name,
        email: row.details.email,
        organisation_id: row.details.organisationId,
        organisation_name: row.details.organisationName,
        represents: row.details.represents,
        how_views_assembled: row.details.howViewsAssembled,
        publishing_consent: row.details.publishingConsent,
        confidential: row.details.confidential,
        confidential_reason: row.details.confidentialReason,
        notify_on_publication: false,
        channel: row.channel,
        received_at: row.receivedAt,
        submitted_at: row.submittedAt,
        submitted_by_id: actor.id,
        entered_by_id: actor.id,
        original_file_id: row.originalFileId ?? null,
        import_key: row.importKey ?? null,
      })),
    )
    await insertJsonRows(
      tx,
      'questionnaire_answers',
      chunk.flatMap(({ row, submissionId }) =>
        [...row.answers]
          .filter(([, a]) => !isEmptyAnswer(a))
          .map(([questionId, a]) => ({
            submission_id: submissionId,
            question_id: questionId,
            text: a.text,
            choices: a.choices,
            other_text: a.otherText,
            confidential: a.confidential,
            confidential_reason: a.confidentialReason,
            changed_by_id: actor.id,
            changed_by_name: actorName,
          })),
      ),
    )
    inserted.push(...chunk.map((c) => ({ id: c.id, reference: c.reference, submissionId: c.submissionId })))
  }
  return inserted
}

export type OfflineEntry = {
  channel: 'email' | 'post'
  receivedAt: Date
  details: RespondentDetails
  answers: Map<string, AnswerInput>
  original: CheckedUpload
}

/**
 * Staff enter a response received by email or post on behalf of its author,
 * with the scan of the original. No acknowledgement is emailed: the author
 * wrote outside the hub and is answered the way they wrote.
 */
export async function enterOfflineResponse(actor: Actor, consultation: Consultation, entry: OfflineEntry, now = new Date()) {
  if (consultation.status !== 'published') throw new RuleError('Responses can be entered once the consultation is published')
  const dayError = checkReceivedDay(consultation, entry.receivedAt, now)
  if (dayError) throw new RuleError({ receivedAt: dayError })
  const structure = (await getStructure(db, consultation.questionnaireId))!
  // A document asked for online arrives with the letter or email itself: the scan of the original holds it.
  const missing = missingRequired(
    structure.questions.filter((q) => q.type !== 'file_upload'),
    Object.fromEntries(entry.answers),
  )
  if (missing.length) throw new RuleError(Object.fromEntries(missing.map((q) => [`q-${q.id}`, `Enter the answer to ${q.label}: it is required`])))
  return db.transaction(async (tx) => {
    const file = await storeFile(tx, entry.original, actor.id)
    const [response] = await insertReceived(tx, actor, consultation, [
      {
        details: entry.details,
        answers: entry.answers,
        channel: entry.channel,
        receivedAt: entry.receivedAt,
        // Counted on the day it arrived, and never before the consultation opened.
        submittedAt: entry.receivedAt < consultation.opensAt ? consultation.opensAt : entry.receivedAt,
        originalFileId: file.id,
      },
    ])
    await recordAudit(tx, {
      actor,
      action: 'consultation.response.enter',
      subjectType: 'consultation',
      subjectId: consultation.id,
      after: { reference: response.reference, channel: entry.channel, receivedAt: entry.receivedAt.toISOString(), original: file.name },
    })
    return response
  })
}

/** The scanned original of an entered response: staff only, so the caller has checked the person is staff. */
export async function originalDownload(consultation: Consultation, responseId: string) {
  if (!isUuid(responseId)) return null
  const [row] = await db
    .select({ fileId: consultationResponses.originalFileId })
    .from(consultationResponses)
    .where(and(eq(consultationResponses.id, responseId), eq(consultationResponses.consultationId, consultation.id)))
  return row?.fileId ? fileResponse(row.fileId, { cache: 'private' }) : null
}
