import { relations } from 'drizzle-orm'
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'

export const sectorEnum = pgEnum('sector', ['private', 'public', 'vcse'])
export const sizeBandEnum = pgEnum('size_band', ['micro', 'small', 'medium', 'large'])
export const merlinStatusEnum = pgEnum('merlin_status', ['not_applicable', 'working_towards', 'accredited'])
export const membershipRoleEnum = pgEnum('membership_role', ['admin', 'member'])

export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    slug: text().notNull(),
    name: text().notNull(),
    sector: sectorEnum().notNull(),
    sizeBand: sizeBandEnum().notNull(),
    regions: text().array().notNull().default([]),
    capabilities: text().array().notNull().default([]),
    merlinStatus: merlinStatusEnum().notNull().default('not_applicable'),
    website: text(),
    description: text().notNull().default(''),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('organisations_slug_idx').on(t.slug),
    index('organisations_sector_idx').on(t.sector),
    index('organisations_size_band_idx').on(t.sizeBand),
    // The directory filters with array containment (@>), which GIN indexes serve.
    index('organisations_regions_idx').using('gin', t.regions),
    index('organisations_capabilities_idx').using('gin', t.capabilities),
    index('organisations_created_at_idx').on(t.createdAt),
  ],
)

export const organisationMembers = pgTable(
  'organisation_members',
  {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: membershipRoleEnum().notNull().default('member'),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index('organisation_members_user_id_idx').on(t.userId)],
)

export const organisationInvitations = pgTable(
  'organisation_invitations',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    email: text().notNull(),
    tokenHash: text().notNull(),
    invitedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [
    uniqueIndex('organisation_invitations_token_hash_idx').on(t.tokenHash),
    index('organisation_invitations_organisation_id_idx').on(t.organisationId),
    index('organisation_invitations_invited_by_id_idx').on(t.invitedById),
    index('organisation_invitations_accepted_by_id_idx').on(t.acceptedById),
  ],
)

export const organisationsRelations = relations(organisations, ({ many }) => ({
  members: many(organisationMembers),
  invitations: many(organisationInvitations),
}))

export const organisationMembersRelations = relations(organisationMembers, ({ one }) => ({
  organisation: one(organisations, { fields: [organisationMembers.organisationId], references: [organisations.id] }),
  user: one(users, { fields: [organisationMembers.userId], references: [users.id] }),
}))

export const organisationInvitationsRelations = relations(organisationInvitations, ({ one }) => ({
  organisation: one(organisations, { fields: [organisationInvitations.organisationId], references: [organisations.id] }),
}))

export type Organisation = typeof organisations.$inferSelect
export type NewOrganisation = typeof organisations.$inferInsert
export type OrganisationMember = typeof organisationMembers.$inferSelect
export type OrganisationInvitation = typeof organisationInvitations.$inferSelect
export type MembershipRole = (typeof membershipRoleEnum.enumValues)[number]
export type MerlinStatus = (typeof merlinStatusEnum.enumValues)[number]
export type Sector = (typeof sectorEnum.enumValues)[number]
export type SizeBand = (typeof sizeBandEnum.enumValues)[number]
