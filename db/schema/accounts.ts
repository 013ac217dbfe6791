import { relations } from 'drizzle-orm'
import { bigint, boolean, index, inet, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns'

export const roleEnum = pgEnum('role', ['member', 'staff', 'admin'])
export const tokenPurposeEnum = pgEnum('token_purpose', ['verify_email', 'reset_password'])
/**
 * A session of an account with an authenticator app is 'awaiting' between
 * the password and the code, and counts as signed out until then; staff and
 * admin rights need a 'verified' session.
 */
export const secondFactorEnum = pgEnum('session_second_factor', ['none', 'awaiting', 'verified'])

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: roleEnum().notNull().default('member'),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    /** Base32 TOTP secret (RFC 6238); while totpEnabledAt is null it is an enrolment not yet confirmed. */
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The last 30-second step whose code was accepted: that code and earlier ones are refused. */
    totpLastStep: bigint({ mode: 'number' }),
    ...timestamps,
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email), index('users_role_idx').on(t.role)],
)

/** The id is the SHA-256 of the session id in the cookie, so a copy of this table signs nobody in. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    secondFactor: secondFactorEnum().notNull().default('none'),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId)],
)

/** Single-use codes for when the authenticator app is lost; only hashes are kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('recovery_codes_hash_idx').on(t.codeHash), index('recovery_codes_user_id_idx').on(t.userId)],
)

/** Single-use tokens: only a hash is stored, so a database leak cannot be replayed. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: tokenPurposeEnum().notNull(),
    tokenHash: text().notNull(),
    email: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('account_tokens_hash_idx').on(t.tokenHash), index('account_tokens_user_id_idx').on(t.userId)],
)

/** What was tried: a password, an authenticator or recovery code, or a reset link followed (always a success). */
export const attemptKindEnum = pgEnum('sign_in_attempt_kind', ['password', 'code', 'reset'])

export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: id(),
    email: text().notNull(),
    ipAddress: inet(),
    kind: attemptKindEnum().notNull().default('password'),
    succeeded: boolean().notNull(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('sign_in_attempts_email_idx').on(t.email, t.createdAt), index('sign_in_attempts_ip_idx').on(t.ipAddress, t.createdAt)],
)

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
}))

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}))

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
export type Role = (typeof roleEnum.enumValues)[number]
export type Session = typeof sessions.$inferSelect
