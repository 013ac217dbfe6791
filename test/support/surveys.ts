import { eq } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import type { SurveyInput } from '~/modules/surveys/surveys.server'
import { surveys, type Survey } from '~db/schema'

const DAY = 86_400_000

/** A survey as staff describe it: attributed answers from invited organisations, a minimum group of 3, no dates yet. */
export function surveyInput(overrides: Partial<SurveyInput> = {}): SurveyInput {
  return {
    title: `Supplier Survey ${Math.random().toString(36).slice(2, 6)}`,
    year: 2026,
    summary: 'How are we doing?',
    audience: 'invited_organisations',
    respondAs: 'organisation',
    anonymous: false,
    minGroupSize: 3,
    opensAt: null,
    closesAt: null,
    ...overrides,
  }
}

/** The survey as it is once its dates come round: open since yesterday, closing in a week. */
export async function openSurvey(survey: Survey) {
  const [row] = await db
    .update(surveys)
    .set({ opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 7 * DAY) })
    .where(eq(surveys.id, survey.id))
    .returning()
  return row!
}

/** The survey as it is once its closing time has passed. */
export async function closeSurvey(survey: Survey) {
  const [row] = await db
    .update(surveys)
    .set({ closesAt: new Date(Date.now() - 1000) })
    .where(eq(surveys.id, survey.id))
    .returning()
  return row!
}
