import { seedDemo } from './index'

const { sql } = await import('~/lib/db.server')
const { stopJobs } = await import('~/lib/jobs.server')
await seedDemo()
// The demo's bookings and questions queue emails, which starts the job queue; it must stop for the process to end.
await stopJobs()
await sql.end()
