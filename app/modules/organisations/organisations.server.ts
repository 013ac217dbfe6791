import { createHash, randomBytes } from 'node:crypto'
import type { Actor } from '~/lib/actor'
import { and, asc, count, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { config } from '~/lib/config.server'
import { db, type DbOrTx, type Tx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { allowMailTo, echoToUnconfirmed } from '~/lib/unconfirmed-mail.server'
import { organisationInvitations, organisationMembers, organisations, users, type Organisation } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import type { ProfileInput } from './profile-form'
import { INVITATION_DAYS, INVITATION_PROBLEMS, type InvitationProblem } from './invitations'
import { fail, type Failure, type Result } from '~/lib/result'
import { slugify } from '~/lib/slug'
import { invitationPath } from '~/lib/paths'

export { INVITATION_DAYS }

const auditActor = (actor: Actor) => ({ id: actor.id, email: actor.email })

function profileSnapshot(org: Organisation) {
  const { id, slug, name, sector, sizeBand, regions, capabilities, merlinStatus, website, description } = org
  return { id, slug, name, sector, sizeBand, regions, capabilities, merlinStatus, website, description }
}

/** Paths under /organisations that a profile's slug must not take. */
const RESERVED_SLUGS = new Set(['new', 'yours', 'invitations'])

async function uniqueSlug(tx: DbOrTx, name: string): Promise<string> {
  const slug = slugify(name, 'organisation')
  const base = RESERVED_SLUGS.has(slug) ? `${slug}-organisation` : slug
  const taken = await tx
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(sql`${organisations.slug} = ${base} or ${organisations.slug} like ${`${base}-%`}`)
  const used = new Set(taken.map((r) => r.slug))
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}

/** The person who creates an organisation becomes its first admin. */
export async function createOrganisation(actor: Actor, input: ProfileInput, { tx: outer }: { tx?: Tx } = {}) {
  const run = async (tx: Tx) => {
    const [organisation] = await tx
      .insert(organisations)
      .values({ ...input, slug: await uniqueSlug(tx, input.name) })
      .returning()
    await tx.insert(organisationMembers).values({ organisationId: organisation.id, userId: actor.id, role: 'admin' })
    await queueIndexing(tx, 'organisations', organisation.id)
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'organisation.create',
      subjectType: 'organisation',
      subjectId: organisation.id,
      after: profileSnapshot(organisation),
    })
    return organisation
  }
  return outer ? run(outer) : db.transaction(run)
}

/** The slug stays as it was, so links people have shared keep working after a rename. */
export async function updateOrganisation(actor: Actor, organisationId: string, input: ProfileInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, organisationId)).for('update')
    if (!before) return null
    const [after] = await tx.update(organisations).set(input).where(eq(organisations.id, organisationId)).returning()
    await queueIndexing(tx, 'organisations', organisationId)
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'organisation.update',
      subjectType: 'organisation',
      subjectId: organisationId,
      before: profileSnapshot(before),
      after: profileSnapshot(after),
    })
    return after
  })
}

export async function getOrganisationBySlug(slug: string) {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.slug, slug))
  return organisation ?? null
}

export async function getOrganisation(id: string) {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, id))
  return organisation ?? null
}

export async function listMembers(organisationId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: organisationMembers.role, joinedAt: organisationMembers.createdAt })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .where(eq(organisationMembers.organisationId, organisationId))
    .orderBy(asc(organisationMembers.role), asc(users.name))
}

export async function membershipRole(organisationId: string, userId: string) {
  const [row] = await db
    .select({ role: organisationMembers.role })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
  return row?.role ?? null
}

/** The organisations a person belongs to, with their role in each. */
export async function organisationsForUser(userId: string) {
  return db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      sector: organisations.sector,
      role: organisationMembers.role,
    })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, userId))
    .orderBy(asc(organisations.name))
}

export function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

export function invitationUrl(token: string) {
  return new URL(invitationPath(token), config().APP_URL).toString()
}

export type InviteResult = { ok: true; invitationId: string; token: string } | Failure<'limited'>

/**
 * Invites someone by email. Only a hash of the token is stored; the token
 * itself exists only in the emailed link. A newer invitation to the same
 * address replaces any earlier one that is still open.
 */
export async function inviteMember(actor: Actor, organisationId: string, email: string, { now = new Date(), ip = null as string | null | undefined } = {}): Promise<InviteResult> {
  return db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, organisationId))
    if (!organisation) return fail({ email: 'Organisation not found' })
    const [existing] = await tx
      .select({ userId: users.id })
      .from(organisationMembers)
      .innerJoin(users, eq(users.id, organisationMembers.userId))
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(users.email, email)))
    if (existing) return fail({ email: `${email} is already a member of ${organisation.name}` })
    const allowed = await allowMailTo(tx, email, 'organisation_invitation', { ip, senderId: actor.id }, now)
    if (!allowed.ok) return fail({ email: allowed.message }, 'limited')

    await tx
      .update(organisationInvitations)
      .set({ expiresAt: now })
      .where(
        and(
          eq(organisationInvitations.organisationId, organisationId),
          eq(organisationInvitations.email, email),
          isNull(organisationInvitations.acceptedAt),
          gt(organisationInvitations.expiresAt, now),
        ),
      )
    const token = randomBytes(32).toString('base64url')
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000)
    const [invitation] = await tx
      .insert(organisationInvitations)
      .values({ organisationId, email, tokenHash: hashToken(token), invitedById: actor.id, expiresAt })
      .returning()
    const link = invitationUrl(token)
    await queueEmail(
      {
        to: email,
        subject: `You have been invited to join ${echoToUnconfirmed(organisation.name)} on the Commissioning Hub`,
        text: [
          `${echoToUnconfirmed(actor.name ?? actor.email)} has invited you to join ${echoToUnconfirmed(organisation.name)} on the Commissioning Hub.`,
          '',
          'Members of an organisation appear on its profile in the directory of providers, and can respond to consultations and surveys on its behalf.',
          '',
          `To accept, open this link, then sign in or create an account with this email address (${email}):`,
          '',
          link,
          '',
          `The link works once and expires in ${INVITATION_DAYS} days. If you were not expecting this invitation, you can ignore this email.`,
        ].join('\n'),
        idempotencyKey: `organisation-invitation:${invitation.id}`,
      },
      { tx },
    )
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'organisation.invite',
      subjectType: 'organisation',
      subjectId: organisationId,
      after: { invitationId: invitation.id, email, expiresAt: expiresAt.toISOString() },
    })
    return { ok: true, invitationId: invitation.id, token }
  })
}

export type InvitationState = 'open' | 'expired' | 'used'

/** An invitation found by the token in its link, with what can still be done with it. */
export async function findInvitation(token: string, { now = new Date() } = {}) {
  const [row] = await db
    .select({ invitation: organisationInvitations, organisation: { id: organisations.id, name: organisations.name, slug: organisations.slug } })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(eq(organisationInvitations.tokenHash, hashToken(token)))
  if (!row) return null
  const state: InvitationState = row.invitation.acceptedAt ? 'used' : row.invitation.expiresAt <= now ? 'expired' : 'open'
  return { ...row, state }
}

export type AcceptResult = { ok: true; organisation: { id: string; name: string; slug: string } } | Failure<InvitationProblem>

const refused = (problem: InvitationProblem) => fail({ invitation: INVITATION_PROBLEMS[problem] }, problem)

/**
 * Joins the signed-in person to the organisation. The invitation is locked,
 * so two tabs accepting at once cannot both use it, and it only works for
 * the account with the address it was sent to.
 */
export async function acceptInvitation(user: Actor, token: string, { now = new Date() } = {}): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(organisationInvitations)
      .where(eq(organisationInvitations.tokenHash, hashToken(token)))
      .for('update')
    if (!invitation) return refused('not_found')
    if (invitation.acceptedAt) return refused('used')
    if (invitation.expiresAt <= now) return refused('expired')
    if (invitation.email.toLowerCase() !== user.email.toLowerCase()) return refused('wrong_account')
    await tx.update(organisationInvitations).set({ acceptedAt: now, acceptedById: user.id }).where(eq(organisationInvitations.id, invitation.id))
    await tx.insert(organisationMembers).values({ organisationId: invitation.organisationId, userId: user.id, role: 'member' }).onConflictDoNothing()
    const [organisation] = await tx.select({ id: organisations.id, name: organisations.name, slug: organisations.slug }).from(organisations).where(eq(organisations.id, invitation.organisationId))
    // Member names show on the public profile, so the search document changes.
    await queueIndexing(tx, 'organisations', invitation.organisationId)
    await recordAudit(tx, {
      actor: auditActor(user),
      action: 'organisation.join',
      subjectType: 'organisation',
      subjectId: invitation.organisationId,
      after: { invitationId: invitation.id, userId: user.id },
    })
    return { ok: true, organisation }
  })
}

export async function openInvitations(organisationId: string, { now = new Date() } = {}) {
  return db
    .select({ id: organisationInvitations.id, email: organisationInvitations.email, expiresAt: organisationInvitations.expiresAt })
    .from(organisationInvitations)
    .where(and(eq(organisationInvitations.organisationId, organisationId), isNull(organisationInvitations.acceptedAt), gt(organisationInvitations.expiresAt, now)))
    .orderBy(desc(organisationInvitations.createdAt))
}

/** A refused membership change says why under `form`; the page shows it beside its own list. */
export type MembershipChange = Result

async function countAdmins(tx: DbOrTx, organisationId: string, exceptUserId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(organisationMembers)
    .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.role, 'admin'), ne(organisationMembers.userId, exceptUserId)))
  return row.n
}

/**
 * Ends a membership. An organisation always keeps at least one admin, so
 * nobody can orphan it. Only the membership row goes: responses, drafts and
 * case studies made for the organisation carry its id, not the member's, so
 * they stay with it for the members who remain.
 */
async function endMembership(
  actor: Actor,
  organisationId: string,
  userId: string,
  { action, onlyAdmin }: { action: 'organisation.remove_member' | 'organisation.leave'; onlyAdmin: (organisationName: string) => string },
): Promise<MembershipChange> {
  return db.transaction(async (tx) => {
    // Lock the organisation so two admins cannot remove each other, or both leave, at once.
    const [organisation] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)).for('update')
    if (!organisation) return fail({ form: 'Organisation not found' })
    const [member] = await tx
      .select({ role: organisationMembers.role, name: users.name, email: users.email })
      .from(organisationMembers)
      .innerJoin(users, eq(users.id, organisationMembers.userId))
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
    if (!member) return fail({ form: action === 'organisation.leave' ? `You are not a member of ${organisation.name}` : 'That person is not a member of this organisation' })
    if (member.role === 'admin' && (await countAdmins(tx, organisationId, userId)) === 0) {
      return fail({ form: onlyAdmin(organisation.name) })
    }
    await tx.delete(organisationMembers).where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
    await queueIndexing(tx, 'organisations', organisationId)
    await recordAudit(tx, {
      actor: auditActor(actor),
      action,
      subjectType: 'organisation',
      subjectId: organisationId,
      before: { userId, email: member.email, role: member.role },
    })
    return { ok: true }
  })
}

export async function removeMember(actor: Actor, organisationId: string, userId: string): Promise<MembershipChange> {
  return endMembership(actor, organisationId, userId, {
    action: 'organisation.remove_member',
    onlyAdmin: () => 'You cannot remove the organisation’s only admin. Make someone else an admin first',
  })
}

/** A member leaves of their own accord; an admin may, while another admin remains. */
export async function leaveOrganisation(actor: Actor, organisationId: string): Promise<MembershipChange> {
  return endMembership(actor, organisationId, actor.id, {
    action: 'organisation.leave',
    onlyAdmin: (name) => `You are the only admin of ${name}, so you cannot leave it yet. Make another member an admin first, or ask the Commissioning Hub team for help if there is nobody else`,
  })
}

export async function promoteMember(actor: Actor, organisationId: string, userId: string): Promise<MembershipChange> {
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ role: organisationMembers.role, email: users.email })
      .from(organisationMembers)
      .innerJoin(users, eq(users.id, organisationMembers.userId))
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
      .for('update', { of: organisationMembers })
    if (!member) return fail({ form: 'That person is not a member of this organisation' })
    if (member.role === 'admin') return { ok: true }
    await tx
      .update(organisationMembers)
      .set({ role: 'admin' })
      .where(and(eq(organisationMembers.organisationId, organisationId), eq(organisationMembers.userId, userId)))
    await recordAudit(tx, {
      actor: auditActor(actor),
      action: 'organisation.promote_member',
      subjectType: 'organisation',
      subjectId: organisationId,
      before: { userId, email: member.email, role: 'member' },
      after: { userId, email: member.email, role: 'admin' },
    })
    return { ok: true }
  })
}
