import { defineJob } from '~/lib/jobs.server'
import { logger } from '~/lib/logger.server'
import { releaseDue } from './publication.server'

/** Every minute: publishes the responses whose release staff set for a time that has now come. */
export const releaseDueResponsesJob = defineJob<object>({
  name: 'consultations.release-due',
  schedule: '* * * * *',
  handler: async () => {
    const released = await releaseDue()
    if (released) logger.info({ released }, 'scheduled release of consultation responses')
  },
})
