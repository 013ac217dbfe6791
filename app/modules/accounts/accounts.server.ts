import crypto from 'node:crypto'
import { and, eq, ne, sql as dsql } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { hashSessionId } from '~/lib/session-ids.server'
import { db } from '~/lib/db.server'
import { fail, ok, type Result } from '~/lib/result'
import { allowMailToNow, type MailRequester } from '~/lib/unconfirmed-mail.server'
import { auditEvents, mailDeliveries, sessions, signInAttempts, users, type User } from '~db/schema'
import { sendAddressInUseNotice, sendAlreadyRegisteredNotice, sendEmailChangedNotice, sendPasswordChangedNotice, sendPasswordResetEmail, sendVerificationEmail } from './emails.server'
import { FORMER_MEMBER } from './former-member'
import { hashPassword } from './passwords.server'
import { checkCurrentPassword, recordAttempt } from './sign-in.server'
import { eraseHooks } from './personal-data.server'
import { checkToken, consumeToken, issueToken, retireTokens } from './tokens.server'
import { findUserByEmail, normaliseEmail } from './users.server'

export const WRONG_PASSWORD = 'Enter a correct password'

/** One "someone tried" email an hour at most, so the notices cannot be used to flood an inbox. */
function hourKey(id: string, now = new Date()) {
  return `${id}:${Math.floor(now.getTime() / (60 * 60 * 1000))}`
}

function actorOf(user: Pick<User, 'id' | 'email'>) {
  return { id: user.id, email: user.email }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } }
  return e?.code === '23505' || e?.cause?.code === '23505'
}

async function findUser(id: string) {
  const [user] = await db.select().from(users).where(eq(users.id, id))
  return user ?? null
}

/**
 * Creates an unverified account and queues the link that verifies it. An
 * address that already has an account gets the same answer, and its owner an
 * email saying someone tried, so the page never tells anyone whether an
 * address is registered.
 */
export async function registerAccount(input: { name: string; email: string; password: string }, requester: MailRequester = {}): Promise<Result<string>> {
  const email = normaliseEmail(input.email)
  // Hashed either way, so an existing address answers as slowly as a new one.
  const passwordHash = await hashPassword(input.password)
  const allowed = await allowMailToNow(email, 'registration', requester)
  if (!allowed.ok) return fail({ email: allowed.message })
  const alreadyRegistered = async () => {
    const owner = await findUserByEmail(email)
    if (owner) await db.transaction((tx) => sendAlreadyRegisteredNotice(tx, { to: owner.email, name: owner.name, key: hourKey(owner.id) }))
    return ok(email)
  }
  if (await findUserByEmail(email)) return alreadyRegistered()
  try {
    await db.transaction(async (tx) => {
      const [created] = await tx.insert(users).values({ email, name: input.name.trim(), passwordHash, role: 'member' }).returning()
      const { token, id } = await issueToken(tx, { userId: created.id, purpose: 'verify_email', email })
      await sendVerificationEmail(tx, { to: email, name: created.name, token, tokenId: id })
    })
    return ok(email)
  } catch (error) {
    // Two registrations for one address at the same moment: the unique index decides.
    if (isUniqueViolation(error)) return alreadyRegistered()
    throw error
  }
}

/**
 * Sends a fresh verification link to an unverified account. Says nothing
 * about whether the address has an account: the request counts against the
 * mail limits either way.
 */
export async function resendVerification(emailAddress: string, requester: MailRequester = {}): Promise<Result> {
  const allowed = await allowMailToNow(normaliseEmail(emailAddress), 'verification', requester)
  if (!allowed.ok) return fail({ email: allowed.message })
  const user = await findUserByEmail(emailAddress)
  if (!user || user.emailVerifiedAt) return ok()
  await db.transaction(async (tx) => {
    const { token, id } = await issueToken(tx, { userId: user.id, purpose: 'verify_email', email: user.email })
    await sendVerificationEmail(tx, { to: user.email, name: user.name, token, tokenId: id })
  })
  return ok()
}

export type VerifyOutcome = { status: 'verified'; userId: string; email: string; changed: boolean } | { status: 'expired' | 'used' | 'invalid' } | { status: 'taken'; email: string }

/**
 * Follows a verification link. A link for the account's own address
 * verifies it; a link for another address (an email change) moves the
 * account to that address, which is verified by the same act.
 */
export async function verifyEmail(token: string | null | undefined, now = new Date()): Promise<VerifyOutcome> {
  return db.transaction(async (tx) => {
    const check = await consumeToken(tx, token, 'verify_email', now)
    if (check.status !== 'valid') return { status: check.status }
    const [user] = await tx.select().from(users).where(eq(users.id, check.token.userId)).for('update')
    const email = check.token.email
    if (user.email === email) {
      if (!user.emailVerifiedAt) await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, user.id))
      return { status: 'verified', userId: user.id, email, changed: false }
    }
    const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email))
    if (owner) return { status: 'taken', email }
    await tx.update(users).set({ email, emailVerifiedAt: now }).where(eq(users.id, user.id))
    await sendEmailChangedNotice(tx, { to: user.email, name: user.name, newEmail: email, key: check.token.id })
    await recordAudit(tx, { actor: actorOf(user), action: 'account.email_change', subjectType: 'user', subjectId: user.id, before: { email: user.email }, after: { email } })
    return { status: 'verified', userId: user.id, email, changed: true }
  })
}

/**
 * Queues a reset link when the address has an account; silent either way. An
 * account's address may never have been confirmed, so the request counts
 * against the mail limits, whether or not the account exists.
 */
export async function requestPasswordReset(emailAddress: string, requester: MailRequester = {}): Promise<Result> {
  const allowed = await allowMailToNow(normaliseEmail(emailAddress), 'password_reset', requester)
  if (!allowed.ok) return fail({ email: allowed.message })
  const user = await findUserByEmail(emailAddress)
  if (!user) return ok()
  await db.transaction(async (tx) => {
    await retireTokens(tx, user.id, 'reset_password')
    const { token, id } = await issueToken(tx, { userId: user.id, purpose: 'reset_password', email: user.email })
    await sendPasswordResetEmail(tx, { to: user.email, name: user.name, token, tokenId: id })
  })
  return ok()
}

export function checkResetToken(token: string | null | undefined, now = new Date()) {
  return checkToken(db, token, 'reset_password', now).then((c) => c.status)
}

/**
 * Sets a new password from a reset link and ends every session of the
 * account, so whoever else was signed in is signed out. Following the link
 * also proves the address, so an unverified account becomes verified, and
 * counts as a success for sign-in throttling, so it lifts any lock.
 */
export async function resetPassword(token: string | null | undefined, password: string, now = new Date()): Promise<{ status: 'reset' | 'expired' | 'used' | 'invalid' }> {
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    const check = await consumeToken(tx, token, 'reset_password', now)
    if (check.status !== 'valid') return { status: check.status }
    const [user] = await tx.select().from(users).where(eq(users.id, check.token.userId))
    if (user.email !== check.token.email) return { status: 'invalid' as const }
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? now })
      .where(eq(users.id, user.id))
    await tx.delete(sessions).where(eq(sessions.userId, user.id))
    await recordAttempt(tx, { email: user.email, ip: null, kind: 'reset', succeeded: true, now })
    await sendPasswordChangedNotice(tx, { to: user.email, name: user.name, key: check.token.id })
    await recordAudit(tx, { actor: actorOf(user), action: 'account.password_reset', subjectType: 'user', subjectId: user.id })
    return { status: 'reset' as const }
  })
}

export async function changeName(userId: string, name: string) {
  await db.update(users).set({ name: name.trim() }).where(eq(users.id, userId))
}

type Guess = { ip?: string | null; now?: Date }

async function passwordChecked(userId: string, password: string, field: string, wrong: string, guess: Guess): Promise<Result<User>> {
  return checkCurrentPassword(userId, password, { field, wrong, ...guess })
}

/**
 * Starts an email change: nothing changes until the link sent to the new
 * address is followed. An address that belongs to another account gets a
 * notice instead of the link, and the page says the same either way.
 */
export async function requestEmailChange(userId: string, input: { email: string; password: string }, guess: Guess = {}): Promise<Result> {
  const checked = await passwordChecked(userId, input.password, 'password', WRONG_PASSWORD, guess)
  if (!checked.ok) return checked
  const user = checked.value
  const email = normaliseEmail(input.email)
  if (email === user.email) return { ok: false, errors: { email: 'Enter a different email address from the one you use now' } }
  const allowed = await allowMailToNow(email, 'email_change', { ip: guess.ip, senderId: user.id })
  if (!allowed.ok) return fail({ email: allowed.message })
  const owner = await findUserByEmail(email)
  await db.transaction(async (tx) => {
    const { token, id } = await issueToken(tx, { userId: user.id, purpose: 'verify_email', email })
    if (owner) await sendAddressInUseNotice(tx, { to: owner.email, name: owner.name, key: hourKey(owner.id) })
    else await sendVerificationEmail(tx, { to: email, name: user.name, token, tokenId: id, change: true })
    await recordAudit(tx, { actor: actorOf(user), action: 'account.email_change_request', subjectType: 'user', subjectId: user.id, before: { email: user.email }, after: { email } })
  })
  return { ok: true }
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(userId: string, input: { currentPassword: string; newPassword: string }, keepSessionId: string, guess: Guess = {}): Promise<Result> {
  const checked = await passwordChecked(userId, input.currentPassword, 'currentPassword', 'Your current password is not correct', guess)
  if (!checked.ok) return checked
  const user = checked.value
  if (input.currentPassword === input.newPassword) return { ok: false, errors: { newPassword: 'Enter a new password that is different from your current one' } }
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId))
    await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, hashSessionId(keepSessionId))))
    await sendPasswordChangedNotice(tx, { to: user.email, name: user.name, key: crypto.randomUUID() })
    await recordAudit(tx, { actor: actorOf(user), action: 'account.password_change', subjectType: 'user', subjectId: user.id })
  })
  return { ok: true }
}

export async function endOtherSessions(userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId))
}

/**
 * Deletes an account. Each domain's erase hook first decides what happens to
 * what the person wrote: contributions made for an organisation stay with it
 * under "Former member"; personal contributions go. Then the person's own
 * records go: sessions, tokens and memberships by cascade; sign-in attempts
 * and mail to them by address. Audit records keep the action; the person's
 * email is replaced by "Former member".
 */
export async function deleteAccount(userId: string, password: string, guess: Guess = {}): Promise<Result> {
  const checked = await passwordChecked(userId, password, 'password', WRONG_PASSWORD, guess)
  if (!checked.ok) return checked
  const user = checked.value
  await db.transaction(async (tx) => {
    for (const erase of await eraseHooks()) await erase(tx, user)
    await tx.update(auditEvents).set({ actorEmail: FORMER_MEMBER }).where(eq(auditEvents.actorId, user.id))
    await tx.delete(signInAttempts).where(eq(signInAttempts.email, user.email))
    await tx.delete(mailDeliveries).where(eq(mailDeliveries.toAddress, user.email))
    await tx.delete(users).where(eq(users.id, user.id))
    await recordAudit(tx, { actor: null, action: 'account.delete', subjectType: 'user', subjectId: user.id, before: { role: user.role }, after: null })
  })
  return { ok: true }
}

export async function accountSummary(userId: string) {
  const user = await findUser(userId)
  if (!user) return null
  const [{ pendingEmail } = { pendingEmail: null }] = await db.execute<{ pendingEmail: string | null }>(dsql`
    select email as "pendingEmail" from account_tokens
    where user_id = ${userId} and purpose = 'verify_email' and used_at is null and expires_at > now() and email <> ${user.email}
    order by created_at desc limit 1`)
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    emailVerifiedAt: user.emailVerifiedAt,
    createdAt: user.createdAt,
    pendingEmail,
    authenticatorSetUp: Boolean(user.totpEnabledAt),
  }
}
