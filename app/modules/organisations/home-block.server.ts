import { count, desc } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import type { BlockLoader } from '~/modules/home/blocks'
import { organisations } from '~db/schema'
import { SECTOR_SHORT } from './options'
import { organisationPath } from '~/lib/paths'

export const organisationsHomeBlock: BlockLoader = async ({ signedIn }) => {
  const [{ total }] = await db.select({ total: count() }).from(organisations)
  const newest = await db
    .select({ slug: organisations.slug, name: organisations.name, sector: organisations.sector })
    .from(organisations)
    .orderBy(desc(organisations.createdAt), desc(organisations.name))
    .limit(3)
  return {
    id: 'organisations',
    title: 'Organisations',
    summary: 'Find out who is in the market and the services each provider can offer, so primes, specialists and voluntary sector bodies can find partners and build supply chains.',
    link: { href: '/organisations', text: 'Find organisations' },
    figures: [{ value: total, label: total === 1 ? 'organisation in the directory' : 'organisations in the directory', href: '/organisations' }],
    itemsHeading: 'Newest organisations',
    items: newest.map((o) => ({ href: organisationPath(o.slug), title: o.name, meta: SECTOR_SHORT[o.sector] })),
    emptyText: 'No organisations have joined yet.',
    extraLinks: signedIn
      ? [
          { href: '/organisations/yours', text: 'Your organisations' },
          { href: '/organisations/new', text: 'Add your organisation' },
        ]
      : [{ href: '/organisations/new', text: 'Add your organisation' }],
  }
}
