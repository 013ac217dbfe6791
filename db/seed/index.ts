import { eq } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { logger } from '~/lib/logger.server'
import { users } from '~db/schema'
import { DEMO_ACCOUNTS, seedAccounts } from './accounts'
import { seedConsultations } from './consultations'
import { seedCaseStudies } from './case-studies'
import { seedNewsletters } from './newsletters'
import { seedOrganisations } from './organisations'
import { seedPipeline } from './pipeline'
import { seedSurveys } from './surveys'

/**
 * Demo content from the seed documents. Runs once: a database that already
 * has the demo admin is left as it is.
 */
export async function seedDemo() {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS.admin.email))
  if (existing) return false
  const accounts = await seedAccounts()
  await seedOrganisations(accounts)
  await seedConsultations(accounts)
  await seedPipeline(accounts)
  await seedCaseStudies(accounts)
  await seedNewsletters(accounts)
  await seedSurveys(accounts)
  logger.info('demo content seeded')
  return true
}
