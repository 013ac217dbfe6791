import { eq } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import type { RichText } from '~/lib/rich-text.server'
import { surveys, type Survey } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { getStructure } from '../questionnaires/structure.server'
import { respondedCount, resultsAvailability, resultsBlocker } from './availability.server'
import { chartResults } from './results.server'
import type { Actor } from '~/lib/actor'
import { RuleError } from '~/lib/result'

type SummaryInput = { summary: RichText | null; chartQuestionIds: string[] }

/** Why this survey's results summary cannot be published now, or null. */
export async function publicationBlocker(survey: Survey, now = new Date()) {
  return resultsBlocker(survey, await respondedCount(survey.id), now)
}

/** The questions a summary may chart, in questionnaire order: free text is never published. */
async function chartable(survey: Survey, chosen: string[]) {
  const structure = (await getStructure(db, survey.questionnaireId))!
  return structure.questions.filter((q) => chosen.includes(q.id) && q.type !== 'long_text' && q.type !== 'short_text').map((q) => q.id)
}

async function checked(survey: Survey, input: SummaryInput, now: Date) {
  const blocker = await publicationBlocker(survey, now)
  if (blocker) throw new RuleError(blocker, { code: 'suppressed' })
  if (!input.summary?.text.trim()) throw new RuleError('Enter a summary of the results', { code: 'invalid' })
  // Written before anything is shown, so the charts count every response.
  await resultsAvailability(survey, now)
  return { summary: input.summary, chartQuestionIds: await chartable(survey, input.chartQuestionIds) }
}

/** The public results page as it would look, without publishing anything. */
export async function previewResultsSummary(survey: Survey, input: SummaryInput, now = new Date()) {
  const { summary, chartQuestionIds } = await checked(survey, input, now)
  return { summary, chartQuestionIds, ...(await chartResults(survey, chartQuestionIds)) }
}

/**
 * Publishes (or changes) the public results page. Refused while the survey
 * is open or when fewer than its minimum group size responded.
 */
export async function publishResultsSummary(actor: Actor, survey: Survey, input: SummaryInput, now = new Date()) {
  const { summary, chartQuestionIds } = await checked(survey, input, now)
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(surveys)
      .set({
        resultsSummaryJson: summary.json,
        resultsSummaryHtml: summary.html,
        resultsSummaryText: summary.text,
        resultsChartQuestionIds: chartQuestionIds,
        resultsPublishedAt: survey.resultsPublishedAt ?? now,
      })
      .where(eq(surveys.id, survey.id))
      .returning()
    await queueIndexing(tx, 'surveys', survey.id)
    await recordAudit(tx, {
      actor,
      action: survey.resultsPublishedAt ? 'survey.results_updated' : 'survey.results_published',
      subjectType: 'survey',
      subjectId: survey.id,
      before: { summary: survey.resultsSummaryText, charts: survey.resultsChartQuestionIds },
      after: { summary: summary.text, charts: chartQuestionIds },
    })
    return after
  })
}

/** Takes the public results page down; the summary is kept for publishing again. */
export async function unpublishResultsSummary(actor: Actor, survey: Survey) {
  if (!survey.resultsPublishedAt) throw new RuleError('The results summary is not published', { code: 'invalid' })
  return db.transaction(async (tx) => {
    const [after] = await tx.update(surveys).set({ resultsPublishedAt: null }).where(eq(surveys.id, survey.id)).returning()
    await queueIndexing(tx, 'surveys', survey.id)
    await recordAudit(tx, { actor, action: 'survey.results_unpublished', subjectType: 'survey', subjectId: survey.id, before: { publishedAt: survey.resultsPublishedAt } })
    return after
  })
}
