/**
 * Importing a module that calls defineJob registers its jobs; the worker
 * starts them all. Each capability adds its module here.
 */
import '~/lib/email.server'

export { startJobs, stopJobs } from '~/lib/jobs.server'
