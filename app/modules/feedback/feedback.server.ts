import { count, desc, gt } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { serviceFeedback, type Satisfaction } from '~db/schema'

/** Feedback is anonymous: no account or email is stored with it. */
export async function saveFeedback(input: { satisfaction: Satisfaction; comments: string; fromPath: string | null }) {
  const [row] = await db.insert(serviceFeedback).values(input).returning({ id: serviceFeedback.id })
  return row
}

export async function recentFeedback({ since, limit = 5 }: { since: Date; limit?: number }) {
  const [{ total }] = await db.select({ total: count() }).from(serviceFeedback).where(gt(serviceFeedback.createdAt, since))
  const latest = await db.select().from(serviceFeedback).where(gt(serviceFeedback.createdAt, since)).orderBy(desc(serviceFeedback.createdAt)).limit(limit)
  return { total, latest }
}
