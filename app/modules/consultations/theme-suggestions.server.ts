import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type Tx } from '~/lib/db.server'
import { defineJob } from '~/lib/jobs.server'
import { isUuid } from '~/lib/ids'
import { logger } from '~/lib/logger.server'
import { RuleError } from '~/lib/result'
import type { Actor } from '~/lib/actor'
import { consultationResponses, questionnaireAnswers, questionnaireQuestions, themeSuggestionAnswers, themeSuggestionRuns, themeSuggestions, type Consultation, type ThemeSuggestion } from '~db/schema'
import { addTheme, isFreeText, tagAnswers, themeNamed } from '../questionnaires/themes.server'
import { themeNameError } from './coding-frame.server'
import { getConsultation } from './consultations.server'
import { consultationTallies } from './tallies.server'
import { suggestThemes, type SuggestionAnswer } from './theme-suggestion'

/**
 * Suggested themes: the worker proposes themes for one free-text question
 * from its answers (theme-suggestion.ts); staff accept, rename, merge or
 * reject each. Nothing is tagged until a person accepts a suggestion: then it
 * becomes a theme in the coding frame and exactly the answers it covered are
 * tagged with it.
 */

/** The question, if it is a free-text question of this consultation. */
async function freeTextQuestion(consultation: Consultation, questionId: string) {
  if (!isUuid(questionId)) return null
  const [question] = await db
    .select()
    .from(questionnaireQuestions)
    .where(and(eq(questionnaireQuestions.id, questionId), eq(questionnaireQuestions.questionnaireId, consultation.questionnaireId)))
  return question && isFreeText(question.type) ? question : null
}

/** The submitted answers to one question, each marked confidential when it or its whole response is. */
export async function answersForSuggestions(consultationId: string, questionId: string): Promise<SuggestionAnswer[]> {
  const rows = await db.execute<SuggestionAnswer>(sql`
    select a.submission_id as id, a.text, (a.confidential or r.confidential) as confidential
      from questionnaire_answers a
      join consultation_responses r on r.submission_id = a.submission_id
     where r.consultation_id = ${consultationId} and r.status = 'submitted' and a.question_id = ${questionId} and coalesce(a.text, '') <> ''`)
  return [...rows]
}

/**
 * Makes the suggestions for one question again from its answers as they are
 * now. Suggestions someone has decided on stay as they were, and a phrase
 * already accepted, rejected or merged is not suggested again; undecided ones
 * are replaced.
 */
export async function makeSuggestions(consultation: Consultation, questionId: string) {
  const question = await freeTextQuestion(consultation, questionId)
  if (!question) return { suggestions: 0, answers: 0 }
  const answers = await answersForSuggestions(consultation.id, question.id)
  const found = suggestThemes(answers, { questionText: question.text })
  await db.transaction(async (tx) => {
    // One run at a time for a question, so two runs cannot both insert.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`theme-suggestions:${question.id}`}))`)
    await tx.delete(themeSuggestions).where(and(eq(themeSuggestions.questionId, question.id), eq(themeSuggestions.status, 'suggested')))
    const decided = await tx.select({ phrases: themeSuggestions.phrases, position: themeSuggestions.position }).from(themeSuggestions).where(eq(themeSuggestions.questionId, question.id))
    const known = new Set(decided.map((d) => d.phrases[0]?.toLowerCase()))
    let position = decided.reduce((n, d) => Math.max(n, d.position), 0)
    for (const theme of found.filter((t) => !known.has(t.phrases[0].toLowerCase()))) {
      const [row] = await tx
        .insert(themeSuggestions)
        .values({ questionId: question.id, position: ++position, label: theme.label, phrases: theme.phrases, size: theme.members.length, exampleSubmissionIds: theme.examples })
        .returning({ id: themeSuggestions.id })
      await tx.execute(sql`
        insert into theme_suggestion_answers (suggestion_id, submission_id)
        select ${row.id}::uuid, unnest(${`{${theme.members.join(',')}}`}::uuid[])`)
    }
    const finished = { finishedAt: new Date(), answersRead: answers.length, method: 'phrases' }
    await tx
      .insert(themeSuggestionRuns)
      .values({ questionId: question.id, requestedAt: finished.finishedAt, ...finished })
      .onConflictDoUpdate({ target: themeSuggestionRuns.questionId, set: finished })
  })
  return { suggestions: found.length, answers: answers.length }
}

export const themeSuggestionJob = defineJob<{ consultationId: string; questionId: string }>({
  name: 'consultations.theme-suggestions',
  handler: async ({ consultationId, questionId }) => {
    const consultation = await getConsultation(db, consultationId)
    if (!consultation) return
    const made = await makeSuggestions(consultation, questionId)
    logger.info({ consultationId, questionId, ...made }, 'suggested themes for a question')
  },
})

/** Staff ask for suggestions; the worker makes them, as a question with many answers takes a while. */
export async function requestSuggestions(actor: Actor, consultation: Consultation, questionId: string) {
  const question = await freeTextQuestion(consultation, questionId)
  if (!question) throw new RuleError('Themes are suggested for free-text questions only')
  await db.transaction(async (tx) => {
    const now = new Date()
    await tx
      .insert(themeSuggestionRuns)
      .values({ questionId: question.id, requestedAt: now, requestedById: actor.id })
      .onConflictDoUpdate({ target: themeSuggestionRuns.questionId, set: { requestedAt: now, requestedById: actor.id, finishedAt: null } })
    await recordAudit(tx, { actor, action: 'consultation.theme_suggestions.requested', subjectType: 'consultation', subjectId: consultation.id, after: { questionId: question.id } })
  })
  await themeSuggestionJob.send({ consultationId: consultation.id, questionId: question.id }, { singletonKey: question.id })
}

export type SuggestionExample = { submissionId: string; responseId: string; reference: string; text: string; confidential: boolean }

/**
 * The latest run and every suggestion for a question, undecided first, each
 * with its example answers (staff only: the caller has checked). A merged
 * suggestion names the one it went into; an accepted one, its theme.
 */
export async function listSuggestions(consultation: Consultation, questionId: string) {
  const question = await freeTextQuestion(consultation, questionId)
  if (!question) return null
  const [run] = await db.select().from(themeSuggestionRuns).where(eq(themeSuggestionRuns.questionId, question.id))
  const rows = await db
    .select()
    .from(themeSuggestions)
    .where(eq(themeSuggestions.questionId, question.id))
    .orderBy(sql`${themeSuggestions.status} <> 'suggested'`, asc(themeSuggestions.position))
  const exampleIds = [...new Set(rows.flatMap((r) => r.exampleSubmissionIds))]
  const examples = exampleIds.length
    ? await db
        .select({
          submissionId: questionnaireAnswers.submissionId,
          responseId: consultationResponses.id,
          reference: consultationResponses.reference,
          text: questionnaireAnswers.text,
          confidential: sql<boolean>`${questionnaireAnswers.confidential} or ${consultationResponses.confidential}`,
        })
        .from(questionnaireAnswers)
        .innerJoin(consultationResponses, eq(consultationResponses.submissionId, questionnaireAnswers.submissionId))
        .where(and(eq(questionnaireAnswers.questionId, question.id), inArray(questionnaireAnswers.submissionId, exampleIds), eq(consultationResponses.status, 'submitted')))
    : []
  const bySubmission = new Map(examples.map((e) => [e.submissionId, { ...e, text: e.text ?? '' }]))
  const labels = new Map(rows.map((r) => [r.id, r.label]))
  const answered = (await consultationTallies(consultation)).answered[question.id] ?? 0
  return {
    question,
    run: run ?? null,
    answered,
    suggestions: rows.map((r) => ({
      ...r,
      mergedInto: r.mergedIntoId ? (labels.get(r.mergedIntoId) ?? null) : null,
      examples: r.exampleSubmissionIds.map((id) => bySubmission.get(id)).filter((e): e is SuggestionExample => Boolean(e)),
    })),
  }
}

/** What the person's page showed of a suggestion: a decision made from an older page is refused. */
export type SeenSuggestion = { status: string; label?: string }

const DONE: Record<string, string> = { accepted: 'accepted', rejected: 'rejected', merged: 'merged into another suggestion' }

/** Locks a suggestion of this consultation and checks it is as the person saw it and still undecided. */
async function lockSuggestion(tx: Tx, consultation: Consultation, suggestionId: string, seen: SeenSuggestion) {
  if (!isUuid(suggestionId)) throw new RuleError('This suggestion is no longer listed: the themes were suggested again')
  const [row] = await tx
    .select({ suggestion: themeSuggestions })
    .from(themeSuggestions)
    .innerJoin(questionnaireQuestions, eq(questionnaireQuestions.id, themeSuggestions.questionId))
    .where(and(eq(themeSuggestions.id, suggestionId), eq(questionnaireQuestions.questionnaireId, consultation.questionnaireId)))
    .for('update', { of: themeSuggestions })
  if (!row) throw new RuleError('This suggestion is no longer listed: the themes were suggested again')
  const s = row.suggestion
  if (s.status !== 'suggested' || s.status !== seen.status) {
    const into = s.mergedIntoId ? (await tx.select({ label: themeSuggestions.label }).from(themeSuggestions).where(eq(themeSuggestions.id, s.mergedIntoId)))[0] : undefined
    const what = s.status === 'merged' && into ? `merged “${s.label}” into “${into.label}”` : `${DONE[s.status] ?? 'changed'} “${s.label}”`
    throw new RuleError(`Someone else has already ${what}. Nothing was changed.`)
  }
  if (seen.label !== undefined && s.label !== seen.label) throw new RuleError(`Someone else has renamed this suggestion “${s.label}”. Check the new name and decide again.`)
  return s
}

type Locked = Map<string, ThemeSuggestion>
type Decision<T> = { result: T; before?: Record<string, unknown>; after: Record<string, unknown> }

/**
 * One decision on suggestions, in one transaction: each suggestion named in
 * `seen` is locked, in id order so two people deciding on the same pair the
 * other way round wait rather than deadlock, and checked to be undecided and
 * as that person's page showed it; then the decision is made and audited.
 */
async function decide<T>(actor: Actor, consultation: Consultation, action: string, seen: Record<string, SeenSuggestion>, make: (tx: Tx, locked: Locked) => Promise<Decision<T>>) {
  return db.transaction(async (tx) => {
    const locked: Locked = new Map()
    for (const id of Object.keys(seen).sort()) locked.set(id, await lockSuggestion(tx, consultation, id, seen[id]))
    const { result, before, after } = await make(tx, locked)
    await recordAudit(tx, { actor, action: `consultation.theme_suggestion.${action}`, subjectType: 'consultation', subjectId: consultation.id, before, after })
    return result
  })
}

/** Closes a suggestion as decided by this person now. */
async function markDecided(tx: Tx, actor: Actor, id: string, decision: Pick<ThemeSuggestion, 'status'> & Partial<Pick<ThemeSuggestion, 'themeId' | 'mergedIntoId'>>) {
  await tx
    .update(themeSuggestions)
    .set({ ...decision, decidedById: actor.id, decidedAt: new Date() })
    .where(eq(themeSuggestions.id, id))
}

/**
 * Accepts a suggestion: it becomes a theme in the coding frame (or, if the
 * frame already has a theme of that name, that theme) and the answers it
 * covered that are still submitted are tagged with it, all at once.
 */
export async function acceptSuggestion(actor: Actor, consultation: Consultation, suggestionId: string, seen: SeenSuggestion) {
  return decide(actor, consultation, 'accept', { [suggestionId]: seen }, async (tx, locked) => {
    const s = locked.get(suggestionId)!
    let theme = await themeNamed(tx, consultation.questionnaireId, s.label)
    const existing = Boolean(theme)
    theme ??= await addTheme(tx, consultation.questionnaireId, s.label, `Suggested from the answers: ${s.phrases.join(', ')}`.slice(0, 500))
    theme ??= await themeNamed(tx, consultation.questionnaireId, s.label)
    if (!theme) throw new RuleError(`The theme “${s.label}” could not be added`)
    const covered = tx
      .select({ id: themeSuggestionAnswers.submissionId })
      .from(themeSuggestionAnswers)
      .innerJoin(consultationResponses, eq(consultationResponses.submissionId, themeSuggestionAnswers.submissionId))
      .where(and(eq(themeSuggestionAnswers.suggestionId, s.id), eq(consultationResponses.consultationId, consultation.id), eq(consultationResponses.status, 'submitted')))
    const tagged = await tagAnswers(tx, s.questionId, theme.id, covered)
    await markDecided(tx, actor, s.id, { status: 'accepted', themeId: theme.id })
    return {
      result: { theme: theme.name, tagged, existing },
      after: { suggestionId: s.id, questionId: s.questionId, themeId: theme.id, theme: theme.name, existingTheme: existing, tagged },
    }
  })
}

export async function rejectSuggestion(actor: Actor, consultation: Consultation, suggestionId: string, seen: SeenSuggestion) {
  return decide(actor, consultation, 'reject', { [suggestionId]: seen }, async (tx, locked) => {
    const s = locked.get(suggestionId)!
    await markDecided(tx, actor, s.id, { status: 'rejected' })
    return { result: s, after: { suggestionId: s.id, label: s.label } }
  })
}

export async function renameSuggestion(actor: Actor, consultation: Consultation, suggestionId: string, label: string, seen: SeenSuggestion) {
  const name = label.trim()
  const error = themeNameError(name)
  if (error) throw new RuleError({ label: error })
  return decide(actor, consultation, 'rename', { [suggestionId]: seen }, async (tx, locked) => {
    const s = locked.get(suggestionId)!
    await tx.update(themeSuggestions).set({ label: name }).where(eq(themeSuggestions.id, s.id))
    return { result: name, before: { label: s.label }, after: { suggestionId: s.id, label: name } }
  })
}

/**
 * Merges another suggestion for the same question into this one: this one
 * keeps its name and covers the answers of both. The other is marked merged
 * and names this one, so anyone deciding on it from an older page is told.
 */
export async function mergeSuggestions(actor: Actor, consultation: Consultation, suggestionId: string, otherId: string, seen: SeenSuggestion) {
  if (!isUuid(otherId) || otherId === suggestionId) throw new RuleError({ mergeWith: 'Choose another suggestion to merge with this one' })
  return decide(actor, consultation, 'merge', { [suggestionId]: seen, [otherId]: { status: 'suggested' } }, async (tx, locked) => {
    const into = locked.get(suggestionId)!
    const other = locked.get(otherId)!
    if (into.questionId !== other.questionId) throw new RuleError({ mergeWith: 'Only suggestions for the same question can be merged' })
    await tx.execute(sql`
      insert into theme_suggestion_answers (suggestion_id, submission_id)
      select ${into.id}::uuid, submission_id from theme_suggestion_answers where suggestion_id = ${other.id}
      on conflict do nothing`)
    const [{ size }] = await tx
      .select({ size: sql<number>`count(*)`.mapWith(Number) })
      .from(themeSuggestionAnswers)
      .where(eq(themeSuggestionAnswers.suggestionId, into.id))
    const phrases = [...new Set([...into.phrases, ...other.phrases])].slice(0, 12)
    const examples = [...new Set([...into.exampleSubmissionIds, ...other.exampleSubmissionIds])].slice(0, 4)
    await tx.update(themeSuggestions).set({ size, phrases, exampleSubmissionIds: examples }).where(eq(themeSuggestions.id, into.id))
    await markDecided(tx, actor, other.id, { status: 'merged', mergedIntoId: into.id })
    return { result: { label: into.label, merged: other.label, size }, after: { suggestionId: into.id, label: into.label, merged: other.id, mergedLabel: other.label, size } }
  })
}

/**
 * The free-text questions whose suggested themes wait for a decision, across
 * every consultation, the longest-waiting first: how many questions, and the
 * first `limit` of them with their consultation and how many suggestions wait.
 */
export async function questionsWithSuggestions(limit = 5) {
  const rows = await db.execute<{ consultation_id: string; consultation_title: string; question_id: string; question_text: string; waiting: number; questions: number }>(sql`
    select c.id as consultation_id, c.title as consultation_title, q.id as question_id, q.text as question_text, count(*)::int as waiting,
           (count(*) over ())::int as questions
      from theme_suggestions s
      join questionnaire_questions q on q.id = s.question_id
      join consultations c on c.questionnaire_id = q.questionnaire_id
     where s.status = 'suggested'
     group by c.id, q.id
     order by min(s.created_at), q.id
     limit ${limit}`)
  const list = [...rows]
  return {
    questions: list[0]?.questions ?? 0,
    first: list.map((r) => ({ consultationId: r.consultation_id, consultationTitle: r.consultation_title, questionId: r.question_id, questionText: r.question_text, waiting: r.waiting })),
  }
}
