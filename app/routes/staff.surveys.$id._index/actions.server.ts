import { redirect } from '@remix-run/node'
import type { SessionUser } from '~/lib/auth.server'
import { invalid, parseForm, valuesOf, type FormValues } from '~/lib/forms'
import { redirectWithNotice } from '~/lib/notice.server'
import { plural } from '~/lib/plural'
import { parseDateInput } from '~/lib/time'
import { questionSchemaFor } from '~/modules/questionnaires/question-form'
import { ALL_QUESTION_TYPES } from '~/modules/questionnaires/questions'
import { addSurveyQuestion, addSurveySection, moveSurveyQuestion, removeSurveyQuestion } from '~/modules/surveys/authoring.server'
import { inviteOrganisations, sendReminders } from '~/modules/surveys/invitations.server'
import { updateSurveyDates } from '~/modules/surveys/surveys.server'
import type { Survey } from '~/modules/surveys/surveys.server'
import { staffSurveyPath } from '~/lib/paths'

/** What every intent of the staff survey page gets: the signed-in staff member, the survey and the form. */
export type IntentArgs = { user: SessionUser; survey: Survey; formData: FormData; values: FormValues }

const questionSchema = questionSchemaFor(ALL_QUESTION_TYPES)
const NO_PAGE = 'Select the page for the question'
const page = (survey: Survey) => staffSurveyPath(survey.id)

async function invite({ user, survey, values }: IntentArgs) {
  const ids = valuesOf(values, 'organisations') ?? []
  if (!ids.length) return invalid({ errors: { organisations: 'Select at least one organisation to invite' }, values })
  const result = await inviteOrganisations(user, survey, ids)
  return redirectWithNotice(page(survey), `${plural(result.invited, 'organisation')} invited; ${plural(result.emailed, 'invitation email')} queued`)
}

async function changeDates({ user, survey, values }: IntentArgs) {
  const opens = parseDateInput(values, 'opensAt', 'Opening date', { withTime: true })
  const closes = parseDateInput(values, 'closesAt', 'Closing date', { withTime: true })
  const errors: Record<string, string> = {}
  if (!opens.ok) errors.opensAt = opens.message
  if (!closes.ok) errors.closesAt = closes.message
  if (!opens.ok || !closes.ok) return invalid({ errors, values })
  await updateSurveyDates(user, survey.id, { opensAt: opens.date, closesAt: closes.date })
  return redirectWithNotice(page(survey), 'Opening and closing dates saved')
}

async function remind({ user, survey }: IntentArgs) {
  const result = await sendReminders(user, survey)
  return redirectWithNotice(page(survey), `Reminders queued for ${plural(result.organisations, 'organisation')} that ${result.organisations === 1 ? 'has' : 'have'} not responded`)
}

async function addPage({ survey, formData, values }: IntentArgs) {
  const title = String(formData.get('sectionTitle') ?? '').trim()
  if (!title) return invalid({ errors: { sectionTitle: 'Enter the page title' }, values })
  await addSurveySection(survey, title)
  return redirect(page(survey))
}

async function addQuestion({ user, survey, formData, values }: IntentArgs) {
  const parsed = parseForm(formData, questionSchema)
  const sectionId = String(formData.get('sectionId') ?? '')
  if (!parsed.ok || !sectionId) return invalid({ errors: { ...(sectionId ? {} : { sectionId: NO_PAGE }), ...(parsed.ok ? {} : parsed.errors) }, values })
  await addSurveyQuestion(user, survey, { ...parsed.data, sectionId })
  return redirect(page(survey))
}

async function removeQuestion({ user, survey, formData }: IntentArgs) {
  await removeSurveyQuestion(user, survey, String(formData.get('questionId') ?? ''))
  return redirect(page(survey))
}

const moveQuestion =
  (direction: 'up' | 'down') =>
  async ({ user, survey, formData }: IntentArgs) => {
    const { from, to } = await moveSurveyQuestion(user, survey, String(formData.get('questionId') ?? ''), direction)
    const notice = from === to ? `${from} is already ${direction === 'up' ? 'first' : 'last'} on its page` : `${from} moved ${direction}: it is now ${to}`
    return redirectWithNotice(page(survey), notice)
  }

/** Each form on the page names one of these in its `intent` field. */
export const INTENTS = {
  invite,
  dates: changeDates,
  remind,
  'add-section': addPage,
  'add-question': addQuestion,
  'remove-question': removeQuestion,
  'move-up': moveQuestion('up'),
  'move-down': moveQuestion('down'),
}

export const isIntent = (intent: string): intent is keyof typeof INTENTS => Object.hasOwn(INTENTS, intent)
