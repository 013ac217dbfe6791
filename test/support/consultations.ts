import { db } from '~/lib/db.server'
import { createConsultation, publishConsultation, type Actor } from '~/modules/consultations/consultations.server'
import type { RespondentDetails } from '~/modules/consultations/responses.server'
import { addQuestion, addSection } from '~/modules/questionnaires/structure.server'
import { consultations } from '~db/schema'
import { eq } from 'drizzle-orm'

const DAY = 86_400_000

/** A draft consultation, open from yesterday for ten days, with two sections: a long text (50 words), a choice with Other, a required scale. */
export async function makeDraftConsultation(actor: Actor | null = null, { title = 'Test consultation' } = {}) {
  const now = Date.now()
  return db.transaction(async (tx) => {
    const c = await createConsultation(tx, actor, {
      title,
      summary: 'A summary',
      pages: {},
      nations: ['england'],
      contactEmail: 'team@example.com',
      contactAddress: '',
      opensAt: new Date(now - DAY),
      closesAt: new Date(now + 10 * DAY),
    })
    const one = await addSection(tx, c.questionnaireId, { title: 'First section' })
    const two = await addSection(tx, c.questionnaireId, { title: 'Second section' })
    await addQuestion(tx, c.questionnaireId, one.id, { type: 'long_text', text: 'What do you think?', maxWords: 50 })
    await addQuestion(tx, c.questionnaireId, one.id, { type: 'single_choice', text: 'Which?', optionLabels: ['Red', 'Blue'], allowOther: true })
    await addQuestion(tx, c.questionnaireId, two.id, { type: 'agree_scale', text: 'Do you agree?', required: true })
    return c
  })
}

/** The same consultation, published and open. */
export async function makeOpenConsultation(actor: Actor | null = null, options: { title?: string } = {}) {
  const draft = await makeDraftConsultation(actor, options)
  await db.transaction((tx) => publishConsultation(tx, actor, draft.id))
  const [row] = await db.select().from(consultations).where(eq(consultations.id, draft.id))
  return row
}

export async function closeConsultation(id: string) {
  const [row] = await db
    .update(consultations)
    .set({ opensAt: new Date(Date.now() - 20 * DAY), closesAt: new Date(Date.now() - 1000) })
    .where(eq(consultations.id, id))
    .returning()
  return row
}

/** Details of a person responding for themselves, named when published. */
export const individual = (over: Partial<RespondentDetails> = {}): RespondentDetails => ({
  respondentType: 'individual',
  name: 'Pat Person',
  email: 'pat@example.com',
  organisationId: null,
  organisationName: null,
  represents: null,
  howViewsAssembled: null,
  publishingConsent: 'named',
  confidential: false,
  confidentialReason: null,
  ...over,
})
