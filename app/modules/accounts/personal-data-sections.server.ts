import { desc, eq, or } from 'drizzle-orm'
import { accountTokens, auditEvents, mailDeliveries, organisationInvitations, organisationMembers, organisations, sessions, signInAttempts } from '~db/schema'
import type { PersonalDataSection } from './personal-data-section'

/** What the accounts and organisations tables hold about a person. */
export const ACCOUNT_PERSONAL_DATA: PersonalDataSection[] = [
  {
    key: 'account',
    tables: ['users'],
    export: async (_tx, user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      emailVerifiedAt: user.emailVerifiedAt,
      createdAt: user.createdAt,
      updatedAt: user.updatedAt,
    }),
    onDelete: 'Your name, email address, password and role are erased.',
  },

  {
    key: 'sessions',
    tables: ['sessions'],
    // Session ids are credentials, so only their expiry is given.
    export: (tx, user) => tx.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, user.id)),
    onDelete: 'You are signed out everywhere.',
  },

  {
    key: 'accountLinks',
    tables: ['account_tokens'],
    export: (tx, user) =>
      tx
        .select({ purpose: accountTokens.purpose, email: accountTokens.email, createdAt: accountTokens.createdAt, expiresAt: accountTokens.expiresAt, usedAt: accountTokens.usedAt })
        .from(accountTokens)
        .where(eq(accountTokens.userId, user.id))
        .orderBy(desc(accountTokens.createdAt)),
  },

  {
    key: 'signInAttempts',
    tables: ['sign_in_attempts'],
    export: (tx, user) =>
      tx
        .select({ at: signInAttempts.createdAt, ipAddress: signInAttempts.ipAddress, succeeded: signInAttempts.succeeded })
        .from(signInAttempts)
        .where(eq(signInAttempts.email, user.email))
        .orderBy(desc(signInAttempts.createdAt)),
    onDelete: 'The record of your sign-in attempts is erased.',
  },

  {
    key: 'emails',
    tables: ['mail_deliveries'],
    export: (tx, user) =>
      tx
        .select({ subject: mailDeliveries.subject, status: mailDeliveries.status, createdAt: mailDeliveries.createdAt, sentAt: mailDeliveries.sentAt })
        .from(mailDeliveries)
        .where(eq(mailDeliveries.toAddress, user.email))
        .orderBy(desc(mailDeliveries.createdAt)),
    onDelete: 'Copies of the emails the hub sent you are erased.',
  },

  {
    key: 'organisationMemberships',
    tables: ['organisation_members'],
    export: (tx, user) =>
      tx
        .select({ organisation: organisations.name, slug: organisations.slug, role: organisationMembers.role, since: organisationMembers.createdAt })
        .from(organisationMembers)
        .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
        .where(eq(organisationMembers.userId, user.id)),
    onDelete: 'You leave every organisation you belong to.',
  },

  {
    key: 'organisationInvitations',
    tables: ['organisation_invitations'],
    export: (tx, user) =>
      tx
        .select({
          organisation: organisations.name,
          email: organisationInvitations.email,
          invitedByYou: eq(organisationInvitations.invitedById, user.id),
          createdAt: organisationInvitations.createdAt,
          acceptedAt: organisationInvitations.acceptedAt,
        })
        .from(organisationInvitations)
        .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
        .where(or(eq(organisationInvitations.invitedById, user.id), eq(organisationInvitations.email, user.email))),
  },

  {
    key: 'auditRecords',
    tables: ['audit_events'],
    export: (tx, user) =>
      tx
        .select({ action: auditEvents.action, subjectType: auditEvents.subjectType, subjectId: auditEvents.subjectId, at: auditEvents.createdAt })
        .from(auditEvents)
        .where(or(eq(auditEvents.actorId, user.id), eq(auditEvents.subjectId, user.id)))
        .orderBy(desc(auditEvents.createdAt)),
    onDelete: 'Records of changes you made as staff or an admin are kept, without your name or email address.',
  },
]
