import { eq, like } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { formatDateTime } from '~/lib/time'
import { deliveryHtml } from '~/lib/email-layout.server'
import { sendDeadlineReminders } from '~/modules/consultations/reminders.server'
import { accessResponse, emailResumeLink, resumeByToken, saveSection, startResponse, submitResponse } from '~/modules/consultations/responses.server'
import { fieldName } from '~/modules/questionnaires/questions'
import { getStructure } from '~/modules/questionnaires/structure.server'
import * as editRoute from '~/routes/staff.consultations.$id.edit'
import { consultationResponses, consultations, mailDeliveries } from '~db/schema'
import { individual, makeOpenConsultation } from '../support/consultations'
import { call } from '../support/routes'
import { makeUser, request } from '../support/users'

const DAY = 86_400_000

const reminders = () => db.select().from(mailDeliveries).where(like(mailDeliveries.idempotencyKey, 'consultation-reminder-%'))

/** A signed-out draft whose owner asked for its link by email: the address is one they chose to be written to. */
async function savedDraft(c: Awaited<ReturnType<typeof makeOpenConsultation>>, email: string) {
  const { response, token } = await startResponse(c, null, individual({ email }))
  const emailed = await emailResumeLink(c, (await accessResponse(db, response.id, { user: null, token }))!)
  return { response, emailed }
}

describe('closing reminders for unsubmitted drafts', () => {
  test('each draft is reminded once, within the days set before closing, with the closing time and a link that resumes it', async () => {
    const c = await makeOpenConsultation(null, { title: 'Reminded consultation' })
    expect(c.reminderDays).toBe(3)
    const signedIn = await makeUser({ name: 'Rae Respondent' })
    const mine = await startResponse(c, signedIn.user, individual({ email: signedIn.user.email }))
    const saved = await savedDraft(c, 'saved-draft@example.com')
    // Typed by someone signed out who never asked to be emailed: nobody has shown the address is theirs.
    await startResponse(c, null, individual({ email: 'typed-only@example.com' }))
    // Submitted before the reminder: nothing to remind.
    const done = await makeUser()
    const submitted = await startResponse(c, done.user, individual({ email: done.user.email }))
    const access = (await accessResponse(db, submitted.response.id, { user: done.user, token: null }))!
    const [, , scale] = (await getStructure(db, c.questionnaireId))!.questions
    await saveSection(c, access, 2, { [fieldName(scale.id)]: 'agree' }, done.user, { enforceRequired: true })
    await submitResponse(c, access, done.user)

    expect(await sendDeadlineReminders(new Date(c.closesAt.getTime() - 4 * DAY))).toBe(0)
    expect(await sendDeadlineReminders(new Date(c.closesAt.getTime() - 2 * DAY))).toBe(2)
    const sent = await reminders()
    expect(sent.map((m) => m.toAddress).sort()).toEqual([signedIn.user.email.toLowerCase(), 'saved-draft@example.com'].sort())
    for (const mail of sent) {
      expect(mail.subject).toBe(`Submit your response to Reminded consultation by ${formatDateTime(c.closesAt)}`)
      expect(mail.textBody).toContain(`The consultation closes at ${formatDateTime(c.closesAt)}.`)
    }
    const toSignedIn = sent.find((m) => m.toAddress === signedIn.user.email.toLowerCase())!
    expect(toSignedIn.textBody).toContain(`http://localhost:3000/consultations/${c.slug}/response/${mine.response.id}\n`)
    expect(toSignedIn.textBody).toContain(mine.response.reference)
    const toSaved = sent.find((m) => m.toAddress === 'saved-draft@example.com')!
    const token = toSaved.textBody.match(/\/resume\/([\w-]+)/)![1]
    expect((await resumeByToken(c, token))?.id).toBe(saved.response.id)
    // The link the person saved still opens their draft.
    expect((await resumeByToken(c, saved.emailed))?.id).toBe(saved.response.id)
    expect(deliveryHtml(toSaved)).toContain(`href="http://localhost:3000/consultations/${c.slug}/resume/${token}"`)
    // The link is a paragraph of its own, after the words that say what it does.
    expect(deliveryHtml(toSaved)).toMatch(/Continue your response:<\/p>\s*<p[^>]*><a href="[^"]+\/resume\/[^"]+"[^>]*>[^<]+<\/a><\/p>/)

    // Later runs, and a run after closing, send nothing more.
    expect(await sendDeadlineReminders(new Date(c.closesAt.getTime() - DAY))).toBe(0)
    expect(await sendDeadlineReminders(new Date(c.closesAt.getTime() + 1000))).toBe(0)
    expect(await reminders()).toHaveLength(2)
  })

  test('no reminder after closing, for a draft started within the day, or when staff set 0 days', async () => {
    const c = await makeOpenConsultation()
    await savedDraft(c, 'late@example.com')
    expect(await sendDeadlineReminders(new Date(c.closesAt.getTime() + 60_000))).toBe(0)
    // Three days before closing is now for a draft started a moment ago.
    await db
      .update(consultations)
      .set({ closesAt: new Date(Date.now() + 2 * DAY) })
      .where(eq(consultations.id, c.id))
    expect(await sendDeadlineReminders(new Date())).toBe(0)
    await db.update(consultations).set({ reminderDays: 0 }).where(eq(consultations.id, c.id))
    expect(await sendDeadlineReminders(new Date(Date.now() + 1.5 * DAY))).toBe(0)
    await db.update(consultations).set({ reminderDays: 1 }).where(eq(consultations.id, c.id))
    expect(await sendDeadlineReminders(new Date(Date.now() + 1.5 * DAY))).toBe(1)
  })

  test('two workers running at once remind each draft once', async () => {
    const c = await makeOpenConsultation()
    const drafts = []
    for (let i = 0; i < 12; i++) drafts.push(await savedDraft(c, `worker-${i}@example.com`))
    const now = new Date(c.closesAt.getTime() - DAY)
    const [a, b] = await Promise.all([sendDeadlineReminders(now, 5), sendDeadlineReminders(now, 5)])
    const [c2, d] = await Promise.all([sendDeadlineReminders(now, 5), sendDeadlineReminders(now, 5)])
    const [e, f] = await Promise.all([sendDeadlineReminders(now), sendDeadlineReminders(now)])
    expect(a + b + c2 + d + e + f).toBe(12)
    const sent = await reminders()
    expect(sent).toHaveLength(12)
    expect(new Set(sent.map((m) => m.toAddress)).size).toBe(12)
    const rows = await db.select({ at: consultationResponses.reminderSentAt }).from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))
    expect(rows.every((r) => r.at?.getTime() === now.getTime())).toBe(true)
  })

  test('staff set the days on the details form; a number out of range is refused with what was typed kept', async () => {
    const staff = await makeUser({ role: 'staff' })
    const c = await makeOpenConsultation()
    const path = `/staff/consultations/${c.id}/edit`
    const loaded = await call(editRoute.loader, request(path, { cookie: staff.cookie }), { id: c.id })
    expect(loaded.data.defaults.reminderDays).toBe(3)
    const form = { title: c.title, summary: c.summary, contactEmail: c.contactEmail, contactAddress: '' }
    const refused = await call(editRoute.action, request(path, { cookie: staff.cookie, form: { ...form, reminderDays: '40' } }), { id: c.id })
    expect(refused.status).toBe(400)
    expect(refused.data.errors.reminderDays).toBe('The number of days before closing must be 28 or fewer')
    expect(refused.data.values.reminderDays).toBe('40')
    const word = await call(editRoute.action, request(path, { cookie: staff.cookie, form: { ...form, reminderDays: 'three' } }), { id: c.id })
    expect(word.data.errors.reminderDays).toBe('The number of days before closing must be a whole number')
    const saved = await call(editRoute.action, request(path, { cookie: staff.cookie, form: { ...form, reminderDays: '0' } }), { id: c.id })
    expect(saved.status).toBe(302)
    const [after] = await db.select().from(consultations).where(eq(consultations.id, c.id))
    expect(after.reminderDays).toBe(0)
  })
})
