import { and, count, desc, eq, gt, isNull, notExists, sql } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import type { BlockLoader } from '~/modules/home/blocks'
import { organisationInvitations, organisationMembers, organisations } from '~db/schema'
import { organisationPath } from '~/lib/paths'

/** What needs staff attention in the directory: profiles nobody can manage any more, and recent arrivals to welcome. */
export const organisationsStaffBlock: BlockLoader = async () => {
  const weekAgo = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000)
  const withoutAdmin = await db
    .select({ slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(
      notExists(
        db
          .select({ one: sql`1` })
          .from(organisationMembers)
          .where(and(eq(organisationMembers.organisationId, organisations.id), eq(organisationMembers.role, 'admin'))),
      ),
    )
    .orderBy(organisations.name)
    .limit(10)
  const [{ recent }] = await db.select({ recent: count() }).from(organisations).where(gt(organisations.createdAt, weekAgo))
  const [{ waiting }] = await db
    .select({ waiting: count() })
    .from(organisationInvitations)
    .where(and(isNull(organisationInvitations.acceptedAt), gt(organisationInvitations.expiresAt, new Date())))
  const newest = await db.select({ slug: organisations.slug, name: organisations.name }).from(organisations).where(gt(organisations.createdAt, weekAgo)).orderBy(desc(organisations.createdAt)).limit(5)
  return {
    id: 'organisations',
    title: 'Organisations',
    summary: 'Profiles with no admin cannot be kept up to date by their organisation; new organisations may want a welcome.',
    link: { href: '/organisations', text: 'Go to the directory' },
    figures: [
      { value: withoutAdmin.length, label: withoutAdmin.length === 1 ? 'organisation without an admin' : 'organisations without an admin' },
      { value: recent, label: 'added in the last 7 days' },
      { value: waiting, label: waiting === 1 ? 'invitation waiting to be accepted' : 'invitations waiting to be accepted' },
    ],
    itemsHeading: withoutAdmin.length ? 'Without an admin' : 'Added in the last 7 days',
    items: (withoutAdmin.length ? withoutAdmin : newest).map((o) => ({ href: organisationPath(o.slug), title: o.name })),
    emptyText: 'Nothing needs attention.',
  }
}
