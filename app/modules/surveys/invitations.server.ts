import { and, asc, eq, inArray, not, sql } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { RuleError } from '~/lib/result'
import { formatDateTime } from '~/lib/time'
import { organisationMembers, organisations, surveyInvitations, surveyParticipations, users, type Survey } from '~db/schema'
import { lockQuestionnaire } from '../questionnaires/structure.server'
import { isOpen, londonDay, phaseOf, surveyUrl } from './surveys.server'
import type { Actor } from '~/lib/actor'

/** Inviting organisations to a survey, reminding those that have not responded, and the list staff see. */

async function organisationAdmins(tx: DbOrTx, organisationIds: string[]) {
  if (!organisationIds.length) return []
  return tx
    .select({ organisationId: organisationMembers.organisationId, userId: users.id, email: users.email, name: users.name, organisation: organisations.name })
    .from(organisationMembers)
    .innerJoin(users, eq(users.id, organisationMembers.userId))
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(and(inArray(organisationMembers.organisationId, organisationIds), eq(organisationMembers.role, 'admin')))
}

/**
 * Invites organisations and emails their administrators. Inviting an
 * organisation twice changes nothing and sends nothing more.
 */
export async function inviteOrganisations(actor: Actor, survey: Survey, organisationIds: string[]) {
  if (survey.audience !== 'invited_organisations') throw new RuleError('This survey is open to every member, so organisations are not invited', { code: 'invalid' })
  if (phaseOf(survey) === 'closed') throw new RuleError('The survey has closed, so no more organisations can be invited', { code: 'closed' })
  if (!organisationIds.length) throw new RuleError('Select at least one organisation to invite', { code: 'invalid' })
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(surveyInvitations)
      .values(organisationIds.map((organisationId) => ({ surveyId: survey.id, organisationId, invitedById: actor.id })))
      .onConflictDoNothing()
      .returning({ organisationId: surveyInvitations.organisationId })
    const admins = await organisationAdmins(
      tx,
      added.map((a) => a.organisationId),
    )
    for (const admin of admins) {
      await queueEmail(
        {
          to: admin.email,
          subject: `You are invited to respond to the ${survey.title}`,
          text: [
            `Dear ${admin.name},`,
            '',
            `${admin.organisation} is invited to respond to the ${survey.title}. It is your chance to feed back to the Employment Category on how we are doing.`,
            survey.respondAs === 'organisation'
              ? 'One response is counted for each organisation; an administrator of the organisation submits it.'
              : 'Each member of your organisation can respond once.',
            survey.anonymous ? 'The survey is anonymous: answers are stored with no link to you or your organisation.' : '',
            survey.opensAt ? `The survey opens at ${formatDateTime(survey.opensAt)}${survey.closesAt ? ` and closes at ${formatDateTime(survey.closesAt)}` : ''}.` : '',
            '',
            `Respond at ${surveyUrl(survey)}`,
          ]
            .filter((line, i, all) => line !== '' || all[i - 1] !== '')
            .join('\n'),
          idempotencyKey: `survey-invitation:${survey.id}:${admin.organisationId}:${admin.userId}`,
        },
        { tx },
      )
    }
    // Once anyone is invited the wording must stay as they were told.
    await lockQuestionnaire(tx, survey.questionnaireId)
    await recordAudit(tx, { actor, action: 'survey.invited', subjectType: 'survey', subjectId: survey.id, after: { organisationIds: added.map((a) => a.organisationId) } })
    return { invited: added.length, emailed: admins.length }
  })
}

/** Reminds the administrators of invited organisations that have not responded; at most one reminder a day. */
export async function sendReminders(actor: Actor, survey: Survey, now = new Date()) {
  if (!isOpen(survey, now)) throw new RuleError('Reminders can only be sent while the survey is open', { code: 'closed' })
  return db.transaction(async (tx) => {
    const pending = await tx
      .select({ organisationId: surveyInvitations.organisationId })
      .from(surveyInvitations)
      .where(
        and(
          eq(surveyInvitations.surveyId, survey.id),
          sql`not exists (select 1 from ${surveyParticipations} p where p.survey_id = ${survey.id} and p.organisation_id = ${surveyInvitations.organisationId} and p.status = 'submitted')`,
        ),
      )
    const ids = pending.map((p) => p.organisationId)
    const admins = await organisationAdmins(tx, ids)
    for (const admin of admins) {
      await queueEmail(
        {
          to: admin.email,
          subject: `Reminder: the ${survey.title} closes at ${formatDateTime(survey.closesAt!)}`,
          text: `Dear ${admin.name},\n\nWe have not yet had a response from ${admin.organisation} to the ${survey.title}. It closes at ${formatDateTime(survey.closesAt!)}.\n\nRespond at ${surveyUrl(survey)}`,
          idempotencyKey: `survey-reminder:${survey.id}:${admin.organisationId}:${admin.userId}:${londonDay(now)}`,
        },
        { tx },
      )
    }
    if (ids.length) {
      await tx
        .update(surveyInvitations)
        .set({ lastRemindedAt: now, reminders: sql`${surveyInvitations.reminders} + 1` })
        .where(and(eq(surveyInvitations.surveyId, survey.id), inArray(surveyInvitations.organisationId, ids)))
    }
    // For an anonymous survey the list of who was reminded is the list of who had not responded, so only the number is kept.
    await recordAudit(tx, { actor, action: 'survey.reminded', subjectType: 'survey', subjectId: survey.id, after: survey.anonymous ? { organisations: ids.length } : { organisationIds: ids } })
    return { organisations: ids.length, emailed: admins.length }
  })
}

/**
 * The invited organisations. For an anonymous survey, whether each has
 * responded is not given, nor how many reminders each had (reminders go only
 * to those that have not responded, so their count would tell): staff see how
 * many responded, and the last reminder, for the survey as a whole.
 */
export async function listInvitations(survey: Pick<Survey, 'id' | 'anonymous'>) {
  const rows = await db
    .select({
      organisationId: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      invitedAt: surveyInvitations.createdAt,
      reminders: surveyInvitations.reminders,
      lastRemindedAt: surveyInvitations.lastRemindedAt,
      responded: sql<boolean>`exists (select 1 from ${surveyParticipations} p where p.survey_id = ${survey.id} and p.organisation_id = ${organisations.id} and p.status = 'submitted')`,
    })
    .from(surveyInvitations)
    .innerJoin(organisations, eq(organisations.id, surveyInvitations.organisationId))
    .where(eq(surveyInvitations.surveyId, survey.id))
    .orderBy(asc(organisations.name))
  const responded = rows.filter((r) => r.responded).length
  const reminded = rows.map((r) => r.lastRemindedAt).filter((d): d is Date => d !== null)
  const lastReminder = reminded.length ? new Date(Math.max(...reminded.map((d) => d.getTime()))) : null
  const invitations = rows.map(({ lastRemindedAt: _, ...r }) => (survey.anonymous ? { ...r, responded: null, reminders: null } : r))
  return { invitations, responded, lastReminder }
}

/** Organisations not yet invited, for the invitation form. */
export async function uninvitedOrganisations(survey: Pick<Survey, 'id'>) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(not(sql`exists (select 1 from ${surveyInvitations} i where i.survey_id = ${survey.id} and i.organisation_id = ${organisations.id})`))
    .orderBy(asc(organisations.name))
}
