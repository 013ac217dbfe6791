import { formValues, parseForm, type FormValues } from '~/lib/forms'
import { parseDateInput } from '~/lib/time'
import { checkUpload } from '~/modules/files/files.server'
import type { Consultation } from '~db/schema'
import { validateAnswers } from '../questionnaires/answers.server'
import type { Structure } from '../questionnaires/structure.server'
import { detailsSchema, type DetailsValues } from './details-form'
import { checkReceivedDay, OFFLINE_CHANNELS, type OfflineEntry } from './received.server'
import type { RespondentDetails } from './responses.server'

/** Details as an online respondent gives them, with the email address optional: a letter may carry none. */
export function offlineDetails(form: DetailsValues): RespondentDetails {
  const isOrg = form.respondentType === 'organisation'
  return {
    respondentType: form.respondentType as RespondentDetails['respondentType'],
    name: form.name,
    email: form.email ?? '',
    organisationId: null,
    organisationName: isOrg ? (form.organisationName ?? null) : null,
    represents: isOrg ? (form.represents ?? null) : null,
    howViewsAssembled: isOrg ? form.howViewsAssembled || null : null,
    publishingConsent: form.publishingConsent as RespondentDetails['publishingConsent'],
    confidential: form.confidential === 'yes',
    confidentialReason: form.confidential === 'yes' ? (form.confidentialReason ?? null) : null,
  }
}

/**
 * Reads the offline response form: every error at once, keyed by field, so
 * the error summary lists them all and the page keeps what was typed. The
 * file cannot be echoed back, so after any error it must be chosen again.
 */
export async function readOfflineForm(
  formData: FormData,
  consultation: Consultation,
  structure: Structure,
  now = new Date(),
): Promise<{ ok: true; entry: OfflineEntry } | { ok: false; errors: Record<string, string>; values: FormValues }> {
  const values = formValues(formData)
  const errors: Record<string, string> = {}
  const channel = String(formData.get('channel') ?? '')
  if (!OFFLINE_CHANNELS.some((c) => c.value === channel)) errors.channel = 'Select how the response was received'
  const received = parseDateInput(values, 'receivedAt', 'The date received')
  if (!received.ok) errors.receivedAt = received.message
  else {
    const dayError = checkReceivedDay(consultation, received.date, now)
    if (dayError) errors.receivedAt = dayError
  }
  if (!String(formData.get('email') ?? '').trim()) formData.delete('email')
  const details = parseForm(formData, detailsSchema)
  if (!details.ok) Object.assign(errors, details.errors)
  const answers = validateAnswers(structure.questions, values, { enforceRequired: true })
  if (!answers.ok) Object.assign(errors, answers.errors)
  const upload = await checkUpload(formData.get('original'), 'original')
  if (!upload.ok) Object.assign(errors, upload.errors)
  else if (Object.keys(errors).length) errors.original = 'Select the scanned original again'
  if (Object.keys(errors).length || !details.ok || !answers.ok || !upload.ok || !received.ok) return { ok: false, errors, values }
  return {
    ok: true,
    entry: { channel: channel as OfflineEntry['channel'], receivedAt: received.date, details: offlineDetails(details.data), answers: answers.answers, original: upload.value },
  }
}
