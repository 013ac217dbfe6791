import { defineJob } from '~/lib/jobs.server'
import { discardLapsedAmendments } from './responses.server'

/** Every minute: changes to submitted responses that were not submitted by closing are thrown away. */
export const discardLapsedAmendmentsJob = defineJob<object>({
  name: 'consultations.discard-lapsed-amendments',
  schedule: '* * * * *',
  handler: async () => {
    await discardLapsedAmendments()
  },
})
