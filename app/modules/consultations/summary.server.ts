import type { JSONContent } from '@tiptap/core'
import { and, eq } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { plural } from '~/lib/plural'
import { db, sql as pg } from '~/lib/db.server'
import { RuleError } from '~/lib/result'
import { richTextFromDocument, type RichText, type RichTextDocument } from '~/lib/rich-text.server'
import { formatDate, formatDateTime } from '~/lib/time'
import { queueIndexing } from '~search/outbox.server'
import { consultationSummaries, users, type Consultation } from '~db/schema'
import type { Actor } from '~/lib/actor'
import { outcomeFor } from './analysis.server'
import { CHANNEL_LABELS } from './channels'
import type { CampaignCounting } from './tallies.server'
import { isFreeText } from '../questionnaires/themes.server'

/**
 * The summary of responses: staff generate a draft from the analysis, edit
 * it, and publish it as a page and an ODT document. The generated draft
 * quotes only answers whose author agreed to publication and which neither
 * they nor staff have kept back (confidential, redacted or withheld); what
 * staff type in themselves is theirs to answer for.
 */

const QUOTES_PER_QUESTION = 3
const QUOTE_CHARACTERS = 400

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: value, ...(marks ? { marks } : {}) })
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content })
const heading = (level: 2 | 3, value: string): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(value)] })
const bullets = (items: string[]): JSONContent => ({ type: 'bulletList', content: items.map((i) => ({ type: 'listItem', content: [paragraph(text(i))] })) })
const share = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : '0%')

function shortened(value: string) {
  const flat = value.replace(/\s+/g, ' ').trim()
  if (flat.length <= QUOTE_CHARACTERS) return flat
  return `${flat.slice(0, flat.lastIndexOf(' ', QUOTE_CHARACTERS))} …`
}

/**
 * Answers a summary may quote: the respondent consented to publication, kept
 * neither the response nor the answer confidential, and staff have neither
 * redacted anything in the response nor withheld it from publication.
 */
export async function quotableAnswers(consultationId: string, questionId: string, limit = QUOTES_PER_QUESTION) {
  return pg<{ text: string; respondentType: 'individual' | 'organisation' }[]>`
    select a.text, r.respondent_type as "respondentType"
      from questionnaire_answers a
      join consultation_responses r on r.submission_id = a.submission_id
     where r.consultation_id = ${consultationId} and r.status = 'submitted' and a.question_id = ${questionId}
       and r.publishing_consent <> 'none' and not r.confidential and not a.confidential
       and length(trim(coalesce(a.text, ''))) >= 20
       and not exists (select 1 from consultation_redactions x where x.response_id = r.id)
       and not exists (select 1 from consultation_response_reviews v where v.response_id = r.id and v.decision = 'withhold')
     order by length(a.text) desc, r.submitted_at, r.id
     limit ${limit}`
}

/**
 * The draft as the analysis gives it now, counting each confirmed campaign
 * by its number of responses or once, and saying which.
 */
export async function generatedDocument(consultation: Consultation, counting: CampaignCounting = consultation.outcomeCampaignCounting): Promise<RichTextDocument> {
  const outcome = await outcomeFor(consultation, counting)
  const total = outcome.total
  const content: JSONContent[] = [
    heading(2, 'About this consultation'),
    paragraph(text(`The consultation ran from ${formatDate(consultation.opensAt)} to ${formatDate(consultation.closesAt)}. We received ${plural(outcome.submitted, 'response', 'responses')}.`)),
    paragraph(text(outcome.note)),
    heading(2, 'Who responded'),
    bullets([
      ...outcome.byType.map((t) => `${t.type === 'organisation' ? 'On behalf of an organisation' : 'As individuals'}: ${t.count.toLocaleString('en-GB')} (${share(t.count, total)})`),
      ...outcome.byChannel.map((c) => `${CHANNEL_LABELS[c.channel]}: ${c.count.toLocaleString('en-GB')} (${share(c.count, total)})`),
    ]),
  ]
  if (!total) content.splice(4, 1, paragraph(text('No responses were received.')))
  for (const q of outcome.perQuestion) {
    content.push(heading(3, `${q.question.label}: ${q.question.text}`))
    content.push(paragraph(text(`${plural(q.answered, 'respondent', 'respondents')} of ${total.toLocaleString('en-GB')} answered this question.`)))
    if (q.choices && q.answered) {
      const base = q.question.type === 'multiple_choice' ? ' (respondents could choose more than one)' : ''
      content.push(paragraph(text(`Shares are of the ${plural(q.answered, 'respondent', 'respondents')} who answered${base}.`)))
      content.push(bullets(q.choices.map((c) => `${c.label}: ${c.count.toLocaleString('en-GB')} (${share(c.count, q.answered)})`)))
    }
    for (const s of q.statements ?? []) {
      if (!s.answered) continue
      content.push(paragraph(text(`“${s.statement}”: shares are of the ${plural(s.answered, 'respondent', 'respondents')} who answered this statement.`)))
      content.push(bullets(s.rows.map((c) => `${c.label}: ${c.count.toLocaleString('en-GB')} (${share(c.count, s.answered)})`)))
    }
    if (q.themes.length) {
      content.push(paragraph(text('Themes raised', [{ type: 'bold' }])))
      content.push(bullets(q.themes.map((t) => `${t.name}: ${plural(t.count, 'response', 'responses')}`)))
    }
    if (isFreeText(q.question.type)) {
      for (const quote of await quotableAnswers(consultation.id, q.question.id)) {
        content.push({ type: 'blockquote', content: [paragraph(text(shortened(quote.text))), paragraph(text(quote.respondentType === 'organisation' ? 'An organisation' : 'An individual'))] })
      }
    }
  }
  return { type: 'doc', content }
}

export async function summaryOf(consultationId: string) {
  const [row] = await db
    .select({ summary: consultationSummaries, updatedByName: users.name })
    .from(consultationSummaries)
    .leftJoin(users, eq(users.id, consultationSummaries.updatedById))
    .where(eq(consultationSummaries.consultationId, consultationId))
  return row ? { ...row.summary, updatedByName: row.updatedByName } : null
}

/**
 * Saves the draft if nobody has saved since the page it came from was
 * opened (`version` is the one that page showed; null when there was no
 * draft yet). A stale save is refused, naming who saved and when; the typed
 * text is kept on the page by the caller.
 */
async function writeDraft(actor: Actor, consultation: Consultation, draft: RichText, version: number | null, action: string) {
  return db.transaction(async (tx) => {
    const [saved] =
      version === null
        ? await tx.insert(consultationSummaries).values({ consultationId: consultation.id, draft, updatedById: actor.id }).onConflictDoNothing().returning()
        : await tx
            .update(consultationSummaries)
            .set({ draft, version: version + 1, updatedById: actor.id, updatedAt: new Date() })
            .where(and(eq(consultationSummaries.consultationId, consultation.id), eq(consultationSummaries.version, version)))
            .returning()
    if (!saved) {
      const current = await summaryOf(consultation.id)
      throw new RuleError(
        {
          summary: `${current?.updatedByName ?? 'Someone else'} saved the summary at ${current ? formatDateTime(current.updatedAt) : 'the same time'}, after you opened this page. Your text is still in the box: copy what you need, then reload the page to see theirs`,
        },
        { code: 'stale' },
      )
    }
    await recordAudit(tx, { actor, action, subjectType: 'consultation', subjectId: consultation.id, after: { version: saved.version } })
    return saved
  })
}

export async function generateSummaryDraft(actor: Actor, consultation: Consultation, version: number | null, counting?: CampaignCounting) {
  return writeDraft(actor, consultation, richTextFromDocument(await generatedDocument(consultation, counting)), version, 'consultation.summary.generate')
}

export async function saveSummaryDraft(actor: Actor, consultation: Consultation, draft: RichText | null, version: number | null) {
  if (!draft) throw new RuleError({ summary: 'Enter the summary of responses' })
  return writeDraft(actor, consultation, draft, version, 'consultation.summary.save')
}

/** Publishes the draft as it stands: once the consultation has closed, and only the version the person saw. */
export async function publishSummary(actor: Actor, consultation: Consultation, version: number, now = new Date()) {
  if (consultation.status !== 'published' || now < consultation.closesAt) throw new RuleError('The summary of responses can be published once the consultation has closed')
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(consultationSummaries).where(eq(consultationSummaries.consultationId, consultation.id)).for('update')
    if (!current) throw new RuleError('Generate or write the summary before publishing it')
    if (current.version !== version)
      throw new RuleError({ summary: 'The summary was changed by someone else after you opened this page. Reload the page and check it before publishing' }, { code: 'stale' })
    await tx.update(consultationSummaries).set({ published: current.draft, publishedAt: now }).where(eq(consultationSummaries.consultationId, consultation.id))
    await recordAudit(tx, { actor, action: 'consultation.summary.publish', subjectType: 'consultation', subjectId: consultation.id, after: { version, publishedAt: now } })
    await queueIndexing(tx, 'consultations', consultation.id)
  })
}

/** The published summary of a consultation, for its public page and download. */
export async function publishedSummary(consultationId: string) {
  const [row] = await db
    .select({ published: consultationSummaries.published, publishedAt: consultationSummaries.publishedAt })
    .from(consultationSummaries)
    .where(eq(consultationSummaries.consultationId, consultationId))
  return row?.published && row.publishedAt ? { document: row.published, publishedAt: row.publishedAt } : null
}
