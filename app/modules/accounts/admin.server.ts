import { and, count, desc, eq, gte, ilike, lt, sql as dsql, type SQL } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { smtpConfigured } from '~/lib/email.server'
import { deliveryHtml } from '~/lib/email-layout.server'
import { auditEvents, mailDeliveries, recoveryCodes, sessions, users, type MailDelivery, type Role } from '~db/schema'
import { z } from 'zod'
import { optionValues } from '~/lib/options'
import { fail, type Failure } from '~/lib/result'
import { newPassword } from './password-policy'
import { ROLE_OPTIONS } from './roles'
import { createUser, normaliseEmail } from './users.server'
import { isUuid } from '~/lib/ids'
import { likePattern } from '~/lib/like'

export const ROLES = optionValues(ROLE_OPTIONS)
export const PAGE_SIZE = 50

export async function listUsers({ email, page = 1 }: { email?: string; page?: number }) {
  const where = email ? ilike(users.email, likePattern(email.trim().toLowerCase())) : undefined
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt })
      .from(users)
      .where(where)
      .orderBy(users.email)
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ total: count() }).from(users).where(where),
  ])
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) }
}

export async function getUserForAdmin(id: string) {
  if (!isUuid(id)) return null
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, id))
  return user ?? null
}

export type RoleChange = { ok: true; changed: boolean } | Failure

/**
 * Changes a person's role with an audit record in the same transaction. The
 * last admin cannot be demoted, so the hub always has someone who can manage it.
 */
export async function changeRole(actor: { id: string; email: string }, userId: string, role: Role): Promise<RoleChange> {
  return db.transaction(async (tx) => {
    // Serialises role changes, so two admins demoting each other cannot leave none.
    await tx.execute(dsql`select pg_advisory_xact_lock(hashtext('users.role'))`)
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!user) return fail({ role: 'This person no longer has an account' })
    if (user.role === role) return { ok: true, changed: false }
    if (user.role === 'admin') {
      const [{ admins }] = await tx.select({ admins: count() }).from(users).where(eq(users.role, 'admin'))
      if (admins <= 1) return fail({ role: 'Make someone else an admin before changing the role of the only admin' })
    }
    await tx.update(users).set({ role }).where(eq(users.id, userId))
    await recordAudit(tx, { actor, action: 'user.role_change', subjectType: 'user', subjectId: userId, before: { role: user.role }, after: { role } })
    return { ok: true, changed: true }
  })
}

/**
 * For someone who has lost their authenticator app and their recovery codes:
 * the app and codes are removed and every session ends, so their next sign-in
 * (password still needed) sets up a new app.
 */
export async function resetAuthenticator(actor: { id: string; email: string }, userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!user?.totpSecret) return false
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId))
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    await tx.delete(sessions).where(eq(sessions.userId, userId))
    await recordAudit(tx, { actor, action: 'user.authenticator_reset', subjectType: 'user', subjectId: userId, before: { authenticatorSetUp: Boolean(user.totpEnabledAt) }, after: null })
    return true
  })
}

export type AuditFilter = { action?: string; actor?: string; subjectType?: string; from?: Date; to?: Date; page?: number }

export async function listAuditEvents({ action, actor, subjectType, from, to, page = 1 }: AuditFilter) {
  const conditions: SQL[] = []
  if (action) conditions.push(ilike(auditEvents.action, likePattern(action.trim())))
  if (actor) conditions.push(ilike(auditEvents.actorEmail, likePattern(actor.trim())))
  if (subjectType) conditions.push(eq(auditEvents.subjectType, subjectType))
  if (from) conditions.push(gte(auditEvents.createdAt, from))
  if (to) conditions.push(lt(auditEvents.createdAt, to))
  const where = conditions.length ? and(...conditions) : undefined
  const [rows, [{ total }], types] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
      .limit(PAGE_SIZE)
      .offset((page - 1) * PAGE_SIZE),
    db.select({ total: count() }).from(auditEvents).where(where),
    db.selectDistinct({ subjectType: auditEvents.subjectType }).from(auditEvents).orderBy(auditEvents.subjectType),
  ])
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), subjectTypes: types.map((t) => t.subjectType) }
}

/**
 * The mailbox shows what each email said only while the hub keeps its mail
 * (no SMTP server): then it is the demo's inbox. Once mail goes out for real,
 * bodies and headers hold people's live reset, resume, invitation and
 * subscription links, so only who, when, subject and status are shown.
 */
export function mailboxShowsContent() {
  return !smtpConfigured()
}

/** Each page of the mailbox an admin opens is in the audit log. */
export async function listMail(actor: Actor, { page = 1 }: { page?: number }) {
  const showsContent = mailboxShowsContent()
  return db.transaction(async (tx) => {
    const [rows, [{ total }]] = await Promise.all([
      tx
        .select({ id: mailDeliveries.id, toAddress: mailDeliveries.toAddress, subject: mailDeliveries.subject, status: mailDeliveries.status, createdAt: mailDeliveries.createdAt })
        .from(mailDeliveries)
        .orderBy(desc(mailDeliveries.createdAt), desc(mailDeliveries.id))
        .limit(PAGE_SIZE)
        .offset((page - 1) * PAGE_SIZE),
      tx.select({ total: count() }).from(mailDeliveries),
    ])
    await recordAudit(tx, { actor, action: 'mailbox.list', subjectType: 'mailbox', after: { page, contentShown: showsContent } })
    return { rows, total, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)), showsContent }
  })
}

export type MailView = Pick<MailDelivery, 'id' | 'toAddress' | 'subject' | 'status' | 'createdAt' | 'sentAt' | 'lastError'> & {
  content: (Pick<MailDelivery, 'textBody' | 'headers'> & { html: string }) | null
}

/** One message, audited; its content only while the hub keeps its mail. */
export async function getMail(actor: Actor, id: string): Promise<MailView | null> {
  if (!isUuid(id)) return null
  const showsContent = mailboxShowsContent()
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(mailDeliveries).where(eq(mailDeliveries.id, id))
    if (!row) return null
    await recordAudit(tx, { actor, action: 'mailbox.read', subjectType: 'mail_delivery', subjectId: row.id, after: { contentShown: showsContent } })
    const { textBody, htmlBody, headers, toAddress, subject, status, createdAt, sentAt, lastError } = row
    return { id: row.id, toAddress, subject, status, createdAt, sentAt, lastError, content: showsContent ? { textBody, html: deliveryHtml({ subject, textBody, htmlBody }), headers } : null }
  })
}

export type AdminSetup = { ok: true; created: boolean; promoted: boolean } | Failure

/**
 * The first admin, from the command line. An existing account is promoted
 * and keeps its password; a new one needs a password that passes the usual
 * rules. Either way the address counts as confirmed: the operator vouches for it.
 */
export async function createOrPromoteAdmin(input: { email: string; name?: string; password?: string }): Promise<AdminSetup> {
  const email = normaliseEmail(input.email)
  if (!z.email().safeParse(email).success) return fail({ email: 'Enter an email address in the correct format, like name@example.com' })
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.email, email)).for('update')
    if (existing) {
      if (existing.role === 'admin' && existing.emailVerifiedAt) return { ok: true, created: false, promoted: false }
      await tx
        .update(users)
        .set({ role: 'admin', emailVerifiedAt: existing.emailVerifiedAt ?? new Date() })
        .where(eq(users.id, existing.id))
      await recordAudit(tx, { actor: null, action: 'user.role_change', subjectType: 'user', subjectId: existing.id, before: { role: existing.role }, after: { role: 'admin', via: 'create-admin' } })
      return { ok: true, created: false, promoted: existing.role !== 'admin' }
    }
    if (!input.name?.trim()) return fail({ name: 'Give a name with --name for a new account' })
    const password = newPassword('Give a password with --password or ADMIN_PASSWORD for a new account').safeParse(input.password ?? '')
    if (!password.success) return fail({ password: password.error.issues[0].message })
    const user = await createUser({ email, name: input.name, password: password.data, role: 'admin', verified: true }, tx)
    await recordAudit(tx, { actor: null, action: 'user.create_admin', subjectType: 'user', subjectId: user.id, before: null, after: { role: 'admin', via: 'create-admin' } })
    return { ok: true, created: true, promoted: false }
  })
}
