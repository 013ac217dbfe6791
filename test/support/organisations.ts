import { db } from '~/lib/db.server'
import { slugify } from '~/lib/slug'
import { createOrganisation } from '~/modules/organisations/organisations.server'
import type { ProfileInput } from '~/modules/organisations/profile-form'
import { organisationMembers, organisations, type MembershipRole } from '~db/schema'
import { makeUser, type TestUser } from './users'

/** An organisation's profile as its creator would fill it in, with any fields changed. */
export const profile = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  name: 'Test Organisation',
  sector: 'private',
  sizeBand: 'large',
  regions: ['london'],
  capabilities: ['commercial-acumen'],
  merlinStatus: 'accredited',
  website: null,
  description: 'A test organisation.',
  ...overrides,
})

let counter = 0

/**
 * An organisation made as a person makes one on the hub: through the
 * organisations module, which makes its creator its admin, indexes it and
 * audits it. The admin is a new member named after it, or `admin`.
 */
export async function organisationWithAdmin(overrides: Partial<ProfileInput> = {}, { admin }: { admin?: TestUser } = {}) {
  const name = overrides.name ?? `Provider ${++counter}`
  const creator = admin ?? (await makeUser({ name: `Admin of ${name}` }))
  const organisation = await createOrganisation(creator.actor, profile({ ...overrides, name }))
  return { organisation, admin: creator }
}

/**
 * An organisation with nobody in it yet, for tests that choose who belongs
 * (with memberOf) and count what its members are sent. No page makes one:
 * the organisations module always makes the creator its admin, so this one
 * is written to the table, small and voluntary-sector unless told otherwise.
 */
export async function makeOrganisation(overrides: Partial<typeof organisations.$inferInsert> = {}) {
  counter += 1
  const name = overrides.name ?? `Provider ${counter}`
  const [organisation] = await db
    .insert(organisations)
    .values({ slug: `${slugify(name, 'organisation')}-${counter}-${Date.now()}`, name, sector: 'vcse', sizeBand: 'small', ...overrides })
    .returning()
  return organisation!
}

/**
 * A new person in an organisation, as accepting an invitation leaves them,
 * without the invitation and its email (which tests counting mail would see).
 */
export async function memberOf(organisation: { id: string }, { role = 'member', name }: { role?: MembershipRole; name?: string } = {}) {
  const person = await makeUser({ name })
  await db.insert(organisationMembers).values({ organisationId: organisation.id, userId: person.user.id, role })
  return person
}
