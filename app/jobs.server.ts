/**
 * Importing a module that calls defineJob registers its jobs; the worker
 * starts them all. Each capability adds its module here.
 */
import '~/lib/email.server'
import { searchIndexingJob } from '~search/worker.server'
import { startJobs as startQueues } from '~/lib/jobs.server'
import '~/modules/consultations/lapsed-amendments.server'
import '~/modules/newsletters/jobs.server'
import '~/modules/pipeline/alerts.server'
import '~/modules/surveys/sealed-answers.server'

export { stopJobs } from '~/lib/jobs.server'

export async function startJobs() {
  await startQueues()
  // Search indexing runs on a one-minute schedule; start it now rather than at the next minute.
  await searchIndexingJob.send({})
}
