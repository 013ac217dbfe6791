import { and, count, eq } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { formatDateTime } from '~/lib/time'
import { surveyParticipations, type Survey } from '~db/schema'
import { flushSealedAnswers, sealedCount } from './sealed-answers.server'
import { phaseOf } from './surveys.server'
import { RuleError } from '~/lib/result'

/** How many organisations (or people) have submitted a response, counted from who took part, so answers still sealed count too. */
export async function respondedCount(surveyId: string) {
  const [{ n }] = await db
    .select({ n: count() })
    .from(surveyParticipations)
    .where(and(eq(surveyParticipations.surveyId, surveyId), eq(surveyParticipations.status, 'submitted')))
  return n
}

export function respondents(survey: Pick<Survey, 'respondAs'>, n: number) {
  if (survey.respondAs === 'organisation') return `${n} ${n === 1 ? 'organisation' : 'organisations'}`
  return `${n} ${n === 1 ? 'person' : 'people'}`
}

/**
 * Why results may not be shown yet, or null: the survey must have closed
 * and at least its minimum group size must have responded. Anonymous
 * surveys' results and exports are held to this; every survey's published
 * summary is.
 */
export function resultsBlocker(survey: Survey, responded: number, now = new Date()): string | null {
  const phase = phaseOf(survey, now)
  if (phase !== 'closed') {
    return survey.closesAt
      ? `Results are shown once the survey has closed. The ${survey.title} closes at ${formatDateTime(survey.closesAt)}`
      : `Results are shown once the survey has closed. The ${survey.title} has no closing date yet`
  }
  if (responded < survey.minGroupSize) {
    const who = responded === 0 ? (survey.respondAs === 'organisation' ? 'no organisations' : 'nobody') : `only ${respondents(survey, responded)}`
    return `Results are not shown because ${who} responded and the minimum group size is ${survey.minGroupSize}: results from fewer could identify who gave them`
  }
  return null
}

export type Availability = { shown: boolean; reason: string | null; responded: number }

/**
 * Whether staff may see and export this survey's results. Attributed surveys
 * are followed as they come in; anonymous ones only once resultsBlocker
 * allows, and then every answer still sealed is written first, so results
 * count everyone who responded.
 */
export async function resultsAvailability(survey: Survey, now = new Date()): Promise<Availability> {
  const responded = await respondedCount(survey.id)
  if (!survey.anonymous) return { shown: true, reason: null, responded }
  const reason = resultsBlocker(survey, responded, now)
  if (!reason && (!survey.anonymousAnswersSettled || (await sealedCount(survey.id)) > 0)) await flushSealedAnswers(survey.id, { everything: true, now })
  return { shown: !reason, reason, responded }
}

export async function assertResultsShowable(survey: Survey, now = new Date()) {
  const availability = await resultsAvailability(survey, now)
  if (!availability.shown) throw new RuleError(availability.reason!, { code: 'suppressed' })
  return availability
}
