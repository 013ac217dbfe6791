import { defineJob } from '~/lib/jobs.server'
import { logger } from '~/lib/logger.server'
import { dueNewsletters, stalledNewsletters, startSend } from './newsletters.server'
import { dispatchNewsletter } from './sending.server'

/** Started at the scheduled time; a cancelled or rescheduled issue is not due and is left alone. */
export const startNewsletterJob = defineJob<{ newsletterId: string }>({
  name: 'newsletter.start',
  handler: async ({ newsletterId }) => {
    if (await startSend(newsletterId)) await dispatchNewsletterJob.send({ newsletterId })
  },
})

/**
 * Sends for a minute, then queues itself again while rows remain: waiting
 * retries start when they fall due, and no single job outlives its expiry.
 */
export const dispatchNewsletterJob = defineJob<{ newsletterId: string }>({
  name: 'newsletter.dispatch',
  handler: async ({ newsletterId }) => {
    const result = await dispatchNewsletter(newsletterId, { budgetMs: 60_000 })
    if (!result.done) {
      const startAfter = result.nextAttemptAt && result.nextAttemptAt > new Date() ? result.nextAttemptAt : new Date()
      await dispatchNewsletterJob.send({ newsletterId }, { startAfter })
    }
  },
})

/**
 * Every minute: starts issues whose time has come (should a start job have
 * been lost) and resumes sends whose worker died, once their leases run out.
 */
export const newslettersSweepJob = defineJob<object>({
  name: 'newsletters.sweep',
  schedule: '* * * * *',
  handler: async () => {
    for (const { id } of await dueNewsletters()) {
      if (await startSend(id)) await dispatchNewsletterJob.send({ newsletterId: id })
    }
    for (const { id } of await stalledNewsletters()) {
      logger.warn({ newsletterId: id }, 'resuming a newsletter send that stalled')
      await dispatchNewsletterJob.send({ newsletterId: id })
    }
  },
})
