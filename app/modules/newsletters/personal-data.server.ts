import { eq, or } from 'drizzle-orm'
import type { PersonalDataSection } from '~/modules/accounts/personal-data-section'
import { newsletters, subscribers } from '~db/schema'
import { eraseSubscriber, exportSubscriberData } from './subscriptions.server'

/** Email subscriptions and what was sent to them. */
export const NEWSLETTER_PERSONAL_DATA: PersonalDataSection[] = [
  {
    key: 'emailSubscriptions',
    tables: ['subscribers'],
    export: async (tx, user) => {
      const rows = await tx
        .select()
        .from(subscribers)
        .where(or(eq(subscribers.userId, user.id), eq(subscribers.email, user.email)))
      return Promise.all(rows.map((row) => exportSubscriberData(tx, row)))
    },
    // The subscription is erased with the account rather than left behind under the address.
    erase: async (tx, user) => {
      const rows = await tx
        .select()
        .from(subscribers)
        .where(or(eq(subscribers.userId, user.id), eq(subscribers.email, user.email)))
      for (const row of rows) await eraseSubscriber(tx, row)
    },
    onDelete: 'Your email subscriptions are deleted, with the record of the newsletters sent to you.',
  },

  {
    key: 'newslettersWritten',
    tables: ['newsletters'],
    export: (tx, user) => tx.select({ title: newsletters.title, status: newsletters.status, sentAt: newsletters.sentAt }).from(newsletters).where(eq(newsletters.createdById, user.id)),
    onDelete: 'Newsletters you wrote stay published, without your name.',
  },
]
