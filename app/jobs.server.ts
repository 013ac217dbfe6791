import { startJobs as startQueues, stopJobs as stopQueues, type Job } from '~/lib/jobs.server'
import { startMailPump, stopMailPump } from '~/lib/email.server'
import { forgetOldMailRequestsJob } from '~/lib/unconfirmed-mail.server'
import { discardLapsedAmendmentsJob } from '~/modules/consultations/lapsed-amendments.server'
import { campaignCheckJob } from '~/modules/consultations/campaigns.server'
import { themeSuggestionJob } from '~/modules/consultations/theme-suggestions.server'
import { releaseDueResponsesJob } from '~/modules/consultations/jobs.server'
import { deadlineRemindersJob } from '~/modules/consultations/reminders.server'
import { dispatchNewsletterJob, newslettersSweepJob, startNewsletterJob } from '~/modules/newsletters/jobs.server'
import { topicAlertJob } from '~/modules/newsletters/topic-alerts.server'
import { weeklyDigestJob } from '~/modules/pipeline/alerts.server'
import { flushSealedAnswersJob } from '~/modules/surveys/sealed-answers.server'
import { searchIndexingJob } from '~search/worker.server'

/** Every job the worker runs. A job a module defines runs only once it is listed here. */
export const JOBS: Job[] = [
  forgetOldMailRequestsJob,
  searchIndexingJob,
  topicAlertJob,
  weeklyDigestJob,
  startNewsletterJob,
  dispatchNewsletterJob,
  newslettersSweepJob,
  releaseDueResponsesJob,
  discardLapsedAmendmentsJob,
  flushSealedAnswersJob,
  campaignCheckJob,
  themeSuggestionJob,
  deadlineRemindersJob,
]

/** The jobs, and the mail pump that sends what they and every request queue. */
export async function startJobs() {
  await startQueues(JOBS)
  startMailPump()
  // Search indexing runs on a one-minute schedule; start it now rather than at the next minute.
  await searchIndexingJob.send({})
}

export async function stopJobs() {
  await stopMailPump()
  await stopQueues()
}
