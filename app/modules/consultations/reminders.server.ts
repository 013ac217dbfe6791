import { sql } from 'drizzle-orm'
import { config } from '~/lib/config.server'
import { db } from '~/lib/db.server'
import { queueEmails, type OutgoingEmail } from '~/lib/email.server'
import { defineJob } from '~/lib/jobs.server'
import { logger } from '~/lib/logger.server'
import { consultationPath, consultationResponsePath } from '~/lib/paths'
import { formatDateTime } from '~/lib/time'
import { hashToken, newToken } from './responses.server'

type Claimed = {
  id: string
  reference: string
  userId: string | null
  respondentType: 'individual' | 'organisation'
  organisationName: string | null
  to: string
  slug: string
  title: string
  closesAt: Date
}

/**
 * Claims the drafts due a closing reminder and queues one email each, in one
 * transaction: the claim (reminder_sent_at) and the email commit together,
 * and rows another worker holds are skipped, so a draft is reminded once
 * however many workers run. A draft is due once its consultation is within
 * its reminder days of closing (none when the days are 0), it is still a
 * draft, and it was started at least a day ago (someone who started an hour
 * ago needs no reminder yet). The address must be one its owner has shown is
 * theirs (decision 123): a signed-in account's confirmed address, or the
 * address a signed-out respondent asked to be sent their draft's link at.
 */
export async function sendDeadlineReminders(now = new Date(), limit = 500): Promise<number> {
  // The driver takes timestamps in raw SQL as text.
  const at = now.toISOString()
  return db.transaction(async (tx) => {
    const claimed = [
      ...(await tx.execute<Claimed & { closesAt: string | Date }>(sql`
      with due as (
        select r.id from consultation_responses r
        join consultations c on c.id = r.consultation_id
        left join users u on u.id = r.user_id
        where r.status = 'draft' and r.reminder_sent_at is null
          and c.status = 'published' and c.reminder_days > 0
          and c.closes_at > ${at}::timestamptz and c.closes_at - make_interval(days => c.reminder_days) <= ${at}::timestamptz
          and r.created_at <= ${at}::timestamptz - interval '1 day'
          and (u.email_verified_at is not null or (r.user_id is null and r.resume_emailed_at is not null))
        order by r.id
        limit ${limit}
        for update of r skip locked
      )
      update consultation_responses r set reminder_sent_at = ${at}::timestamptz
      from due, consultations c
      where r.id = due.id and c.id = r.consultation_id
      returning r.id, r.reference, r.user_id as "userId", r.respondent_type as "respondentType", r.organisation_name as "organisationName",
        coalesce((select email from users where users.id = r.user_id), r.email) as "to",
        c.slug, c.title, c.closes_at as "closesAt"`)),
    ]
    if (!claimed.length) return 0
    const messages: OutgoingEmail[] = []
    for (const row of claimed) {
      let link = new URL(consultationResponsePath(row.slug, row.id), config().APP_URL).toString()
      if (!row.userId) {
        // Signed out, the link is the key. It takes the acknowledgement's place, so the saved-draft link the person has keeps working.
        const token = newToken()
        await tx.execute(sql`update consultation_responses set receipt_token_hash = ${hashToken(token)} where id = ${row.id}`)
        link = new URL(consultationPath(row.slug, `resume/${token}`), config().APP_URL).toString()
      }
      messages.push(reminderEmail({ ...row, closesAt: new Date(row.closesAt) }, link))
    }
    await queueEmails(messages, { tx })
    return claimed.length
  })
}

export function reminderEmail(row: Omit<Claimed, 'closesAt' | 'slug'> & { closesAt: Date }, link: string): OutgoingEmail {
  const closes = formatDateTime(row.closesAt)
  const whose = row.respondentType === 'organisation' ? `the response of ${row.organisationName ?? 'your organisation'}` : 'a response'
  return {
    to: row.to,
    subject: `Submit your response to ${row.title} by ${closes}`,
    text: [
      `You started ${whose} to “${row.title}” but have not submitted it yet. Your reference is ${row.reference}.`,
      '',
      `The consultation closes at ${closes}. A response that is not submitted by then is not counted.`,
      '',
      row.userId ? 'Sign in, then continue your response:' : 'Continue your response:',
      '',
      link,
      '',
      ...(row.userId ? [] : ['Keep this link private: anyone with it can see and change your draft.', '']),
      'We send this reminder once for each draft.',
    ].join('\n'),
    idempotencyKey: `consultation-reminder-${row.id}`,
  }
}

/** Every 15 minutes: drafts whose consultation closes soon are reminded, once each. */
export const deadlineRemindersJob = defineJob<object>({
  name: 'consultations.deadline-reminders',
  schedule: '*/15 * * * *',
  handler: async () => {
    const reminded = await sendDeadlineReminders()
    if (reminded) logger.info({ reminded }, 'consultation deadline reminders queued')
  },
})
