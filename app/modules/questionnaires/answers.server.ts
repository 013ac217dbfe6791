import { createHash } from 'node:crypto'
import { and, eq, inArray, sql, type SQLWrapper } from 'drizzle-orm'
import { builtQuery } from '~/lib/built-queries.server'
import { db, type DbOrTx } from '~/lib/db.server'
import type { FormValues } from '~/lib/forms'
import { parseDateInput } from '~/lib/time'
import { questionnaireAnswers, questionnaireSubmissions } from '~db/schema'
import {
  AGREE_SCALE,
  answerText,
  baseFieldName,
  gridAnswers,
  gridChoice,
  confidentialFieldName,
  confidentialReasonFieldName,
  fieldName,
  isChoiceType,
  LONG_TEXT_MAX_CHARACTERS,
  numberValue,
  optionsFor,
  OTHER_VALUE,
  otherFieldName,
  QUESTION_FIELD,
  RATING_MAX,
  RATING_MIN,
  SHORT_TEXT_MAX,
  statementFieldName,
  wordCount,
  type EngineQuestion,
} from './questions'

export { answerText }

export type AnswerInput = {
  text: string | null
  choices: string[]
  otherText: string | null
  confidential: boolean
  confidentialReason: string | null
  /** The stored document of a file upload answer; `text` then describes it. */
  fileId?: string | null
}

/** What a file upload question holds for a page being saved: the document (new or kept) and its description, or nothing. */
export type AttachedFile = { fileId: string | null; description: string } | null

export type Answer = AnswerInput & { questionId: string; changedByName: string | null; updatedAt: Date; version: number }

export type Labelled = EngineQuestion & { label: string }

export const TAMPERED_MESSAGE = 'The form included a question that is not on this page. Nothing was saved: check your answers and try again'

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : v === '' ? [] : [v])
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim()

export function isEmptyAnswer(answer: AnswerInput) {
  return !answer.text && !answer.choices.length && !answer.confidential
}

/**
 * Reads and checks the answers a page posted. Every field naming a question
 * must belong to one of `questions` (the page's), so a tampered id is refused
 * rather than written somewhere else. Errors are keyed by field name, which
 * is the id the error summary links to.
 */
export function validateAnswers(
  questions: Labelled[],
  values: FormValues,
  { enforceRequired, files }: { enforceRequired: boolean; files?: Map<string, AttachedFile> },
): { ok: true; answers: Map<string, AnswerInput> } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const byId = new Map(questions.map((q) => [q.id, q]))
  for (const key of Object.keys(values)) {
    const match = QUESTION_FIELD.exec(key)
    if (key.startsWith('q-') && (!match || !byId.has(match[1]))) {
      return { ok: false, errors: { form: TAMPERED_MESSAGE } }
    }
  }
  const answers = new Map<string, AnswerInput>()
  for (const q of questions) {
    const name = fieldName(q.id)
    const confidential = one(values[confidentialFieldName(q.id)]) === 'yes'
    const confidentialReason = one(values[confidentialReasonFieldName(q.id)]) || null
    const answer: AnswerInput = { text: null, choices: [], otherText: null, confidential, confidentialReason: confidential ? confidentialReason : null }
    if (q.type === 'number') {
      const typed = one(values[name])
      const n = typed ? numberValue(typed) : null
      if (typed && n === null) {
        errors[name] = `Your answer to ${q.label} must be a number, like 25 or 2.5`
        continue
      }
      if (!typed && enforceRequired && q.required) {
        errors[name] = `Enter a number for ${q.label}`
        continue
      }
      answer.text = n
    } else if (q.type === 'date') {
      // A GOV.UK date input: day, month and year, worded as the design system words its errors.
      const parts = ['day', 'month', 'year'].map((p) => one(values[`${name}-${p}`]))
      if (parts.some(Boolean)) {
        const parsed = parseDateInput(values, name, `The date for ${q.label}`)
        if (!parsed.ok) {
          errors[name] = parsed.message
          continue
        }
        const [day, month, year] = parts.map(Number)
        answer.text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
      } else if (enforceRequired && q.required) {
        errors[name] = `Enter a date for ${q.label}`
        continue
      }
    } else if (q.type === 'file_upload') {
      // The document comes from the caller, which checked and stored the upload; the form's own fields cannot name one.
      const file = files?.get(q.id)
      if (file) {
        answer.text = file.description
        answer.fileId = file.fileId
      } else if (files && enforceRequired && q.required) {
        errors[name] = `Select a document to attach for ${q.label}`
        continue
      }
    } else if (q.type === 'grid') {
      // One radio group per statement; a required grid needs every statement answered.
      const scale = new Set(AGREE_SCALE.map((o) => o.value))
      const problems: Record<string, string> = {}
      for (const [i, statement] of q.options.entries()) {
        const field = statementFieldName(q.id, statement.value)
        const posted = list(values[field])
          .map((v) => v.trim())
          .filter(Boolean)
        const which = `“${statement.label}” (${q.label}, statement ${i + 1})`
        if (posted.some((v) => !scale.has(v)) || posted.length > 1) problems[field] = `Select one answer from the scale for ${which}`
        else if (posted.length) answer.choices.push(gridChoice(statement.value, posted[0]))
        else if (enforceRequired && q.required) problems[field] = `Select how much you agree with ${which}`
      }
      if (Object.keys(problems).length) {
        Object.assign(errors, problems)
        continue
      }
    } else if (q.type === 'ranking') {
      // One select per position, posted in order: the first value is ranked 1st.
      const posted = list(values[name]).map((v) => v.trim())
      const chosen = posted.filter(Boolean)
      const allowed = new Set(optionsFor(q).map((o) => o.value))
      if (chosen.some((v) => !allowed.has(v))) {
        errors[name] = `Choose the options for ${q.label} from the lists`
        continue
      }
      if (chosen.length && new Set(chosen).size !== chosen.length) {
        errors[name] = `Choose each option only once when ranking ${q.label}`
        continue
      }
      if (chosen.length && chosen.length !== allowed.size) {
        errors[name] = `Put all ${allowed.size} options for ${q.label} in order`
        continue
      }
      if (enforceRequired && q.required && !chosen.length) {
        errors[name] = `Put the options for ${q.label} in order`
        continue
      }
      answer.choices = chosen
    } else if (isChoiceType(q.type)) {
      const chosen = list(values[name])
        .map((v) => v.trim())
        .filter(Boolean)
      const allowed = new Set(optionsFor(q).map((o) => o.value))
      if (chosen.some((v) => !allowed.has(v))) {
        errors[name] = q.type === 'rating' ? `Your rating for ${q.label} must be a whole number from ${RATING_MIN} to ${RATING_MAX}` : `Select an answer to ${q.label} from the list`
        continue
      }
      if (q.type !== 'multiple_choice' && chosen.length > 1) {
        errors[name] = `Select one answer to ${q.label}`
        continue
      }
      answer.choices = [...new Set(chosen)]
      if (answer.choices.includes(OTHER_VALUE)) {
        const other = one(values[otherFieldName(q.id)])
        if (!other) {
          errors[otherFieldName(q.id)] = `Enter your other answer to ${q.label}`
          continue
        }
        if (other.length > SHORT_TEXT_MAX) {
          errors[otherFieldName(q.id)] = `Your other answer to ${q.label} must be ${SHORT_TEXT_MAX} characters or fewer`
          continue
        }
        answer.otherText = other
      }
      if (enforceRequired && q.required && !answer.choices.length) {
        errors[name] = `Select an answer to ${q.label}`
        continue
      }
    } else {
      const text = one(values[name]).replace(/\r\n/g, '\n')
      if (q.type === 'short_text' && text.length > SHORT_TEXT_MAX) {
        errors[name] = `Your answer to ${q.label} must be ${SHORT_TEXT_MAX} characters or fewer`
        continue
      }
      if (q.type === 'long_text' && q.maxWords && wordCount(text) > q.maxWords) {
        errors[name] = `Your answer to ${q.label} must be ${q.maxWords} words or fewer`
        continue
      }
      if (text.length > LONG_TEXT_MAX_CHARACTERS) {
        errors[name] = `Your answer to ${q.label} must be ${LONG_TEXT_MAX_CHARACTERS.toLocaleString('en-GB')} characters or fewer`
        continue
      }
      if (enforceRequired && q.required && !text) {
        errors[name] = `Enter your answer to ${q.label}`
        continue
      }
      answer.text = text || null
    }
    if (confidential && !answer.confidentialReason) {
      errors[confidentialReasonFieldName(q.id)] = `Explain why your answer to ${q.label} should be kept confidential`
      continue
    }
    if (answer.confidentialReason && answer.confidentialReason.length > 2000) {
      errors[confidentialReasonFieldName(q.id)] = `Your reason for keeping ${q.label} confidential must be 2000 characters or fewer`
      continue
    }
    answers.set(q.id, answer)
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers }
}

export async function createSubmission(tx: DbOrTx, questionnaireId: string, actor: { id: string | null; name: string }) {
  const [row] = await tx.insert(questionnaireSubmissions).values({ questionnaireId, lastChangedById: actor.id, lastChangedByName: actor.name }).returning()
  return row
}

/** Writes a page's answers; an emptied answer is removed. Records who changed the submission last. */
export async function saveAnswers(tx: DbOrTx, submissionId: string, answers: Map<string, AnswerInput>, actor: { id: string | null; name: string }) {
  for (const [questionId, answer] of answers) {
    if (isEmptyAnswer(answer)) {
      await tx.delete(questionnaireAnswers).where(and(eq(questionnaireAnswers.submissionId, submissionId), eq(questionnaireAnswers.questionId, questionId)))
      continue
    }
    const values = { ...answer, changedById: actor.id, changedByName: actor.name, updatedAt: new Date() }
    await tx
      .insert(questionnaireAnswers)
      .values({ submissionId, questionId, ...values })
      .onConflictDoUpdate({ target: [questionnaireAnswers.submissionId, questionnaireAnswers.questionId], set: { ...values, version: sql`${questionnaireAnswers.version} + 1` } })
  }
  await tx.update(questionnaireSubmissions).set({ lastChangedById: actor.id, lastChangedByName: actor.name, updatedAt: new Date() }).where(eq(questionnaireSubmissions.id, submissionId))
}

const EMPTY: AnswerInput = { text: null, choices: [], otherText: null, confidential: false, confidentialReason: null }

/** A short fingerprint of an answer's content; every empty answer has the same one. */
export function answerDigest(answer: AnswerInput | undefined): string {
  const a = answer ?? EMPTY
  // A document's id counts only where there is one, so answers without one keep the digests they always had.
  const content = isEmptyAnswer(a) ? null : [a.text ?? '', a.choices, a.otherText ?? '', a.confidential, a.confidentialReason ?? '', ...(a.fileId ? [a.fileId] : [])]
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22)
}

export type AnswerBase = { version: number; digest: string }

/** What a page puts in each question's hidden base field: the version and digest of the answer it shows. */
export function baseOf(answer: (AnswerInput & { version: number }) | undefined): string {
  return `${answer?.version ?? 0}.${answerDigest(answer)}`
}

/** The bases a page posted back, for the questions that carried one. */
export function postedBases(questionIds: string[], values: FormValues): Map<string, AnswerBase> {
  const bases = new Map<string, AnswerBase>()
  for (const id of questionIds) {
    const match = /^(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(one(values[baseFieldName(id)]))
    if (match) bases.set(id, { version: Number(match[1]), digest: match[2] })
  }
  return bases
}

export type AnswerConflict = { questionId: string; theirs: Answer | null; changedByName: string | null; changedAt: Date }

/**
 * Saves only the answers a person changed, for answers several people edit.
 * An answer posted as it was shown is left alone, so a colleague's newer
 * text survives an older copy of the page. A changed answer is written only
 * if nobody changed it since the page was shown; otherwise it is returned as
 * a conflict and nothing of it is written. Saves to one submission queue up
 * behind a lock on it, so two at once are decided one after the other.
 */
export async function saveChangedAnswers(
  tx: DbOrTx,
  submissionId: string,
  answers: Map<string, AnswerInput>,
  bases: Map<string, AnswerBase>,
  actor: { id: string | null; name: string },
  now = new Date(),
): Promise<{ changed: string[]; conflicts: AnswerConflict[] }> {
  await tx.select({ id: questionnaireSubmissions.id }).from(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, submissionId)).for('update')
  const ids = [...answers.keys()]
  const current = ids.length ? await readAnswers(tx, submissionId, ids) : {}
  const changed: string[] = []
  const conflicts: AnswerConflict[] = []
  for (const [questionId, answer] of answers) {
    const theirs = current[questionId]
    const digest = answerDigest(answer)
    const currentDigest = answerDigest(theirs)
    if (digest === currentDigest) continue
    const base = bases.get(questionId)
    if (base) {
      if (base.digest === digest) continue
      if (base.version !== (theirs?.version ?? 0) || base.digest !== currentDigest) {
        conflicts.push({ questionId, theirs: theirs ?? null, changedByName: theirs?.changedByName ?? null, changedAt: theirs?.updatedAt ?? now })
        continue
      }
    }
    changed.push(questionId)
    if (isEmptyAnswer(answer)) {
      await tx.delete(questionnaireAnswers).where(and(eq(questionnaireAnswers.submissionId, submissionId), eq(questionnaireAnswers.questionId, questionId)))
      continue
    }
    const values = { ...answer, changedById: actor.id, changedByName: actor.name, updatedAt: now }
    await tx
      .insert(questionnaireAnswers)
      // A re-created answer continues from the version it was shown at, so an older copy never matches it.
      .values({ submissionId, questionId, ...values, version: (base?.version ?? 0) + 1 })
      .onConflictDoUpdate({ target: [questionnaireAnswers.submissionId, questionnaireAnswers.questionId], set: { ...values, version: sql`${questionnaireAnswers.version} + 1` } })
  }
  if (changed.length) {
    await tx.update(questionnaireSubmissions).set({ lastChangedById: actor.id, lastChangedByName: actor.name, updatedAt: now }).where(eq(questionnaireSubmissions.id, submissionId))
  }
  return { changed, conflicts }
}

/** A new submission with the same answers, authors, versions and times: a working copy of a submitted version. */
export async function copySubmission(tx: DbOrTx, sourceSubmissionId: string) {
  const [source] = await tx.select().from(questionnaireSubmissions).where(eq(questionnaireSubmissions.id, sourceSubmissionId))
  if (!source) throw new Error('Submission not found')
  const { id: _id, ...rest } = source
  const [copy] = await tx.insert(questionnaireSubmissions).values(rest).returning()
  await tx.execute(sql`
    insert into questionnaire_answers (submission_id, question_id, text, choices, other_text, confidential, confidential_reason, file_id, changed_by_id, changed_by_name, version, created_at, updated_at)
    select ${copy.id}::uuid, question_id, text, choices, other_text, confidential, confidential_reason, file_id, changed_by_id, changed_by_name, version, created_at, updated_at
      from questionnaire_answers where submission_id = ${sourceSubmissionId}`)
  return copy
}

// Every answer of a submission, read by each submission and each page of a response: built once (app/lib/built-queries.server.ts).
const answersOf = builtQuery('questionnaire_answers_of_submission', () =>
  db
    .select()
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.submissionId, sql.placeholder('submissionId'))),
)

export async function readAnswers(tx: DbOrTx, submissionId: string, questionIds?: string[]): Promise<Record<string, Answer>> {
  const rows = questionIds
    ? await tx
        .select()
        .from(questionnaireAnswers)
        .where(and(eq(questionnaireAnswers.submissionId, submissionId), inArray(questionnaireAnswers.questionId, questionIds)))
    : await answersOf(tx).execute({ submissionId })
  return Object.fromEntries(
    rows.map((r) => [
      r.questionId,
      {
        questionId: r.questionId,
        text: r.text,
        choices: r.choices,
        otherText: r.otherText,
        confidential: r.confidential,
        confidentialReason: r.confidentialReason,
        fileId: r.fileId,
        changedByName: r.changedByName,
        updatedAt: r.updatedAt,
        version: r.version,
      },
    ]),
  )
}

export function missingRequired<Q extends Labelled>(questions: Q[], answers: Record<string, AnswerInput>): Q[] {
  return questions.filter((q) => {
    if (!q.required) return false
    const a = answers[q.id]
    if (q.type === 'grid') return !a || q.options.some((s) => !gridAnswers(a.choices).has(s.value))
    return !a || (!a.text && !a.choices.length)
  })
}

/** Aggregates over the submissions the caller counts (a subquery of submission ids). */
export async function choiceCounts(tx: DbOrTx, question: EngineQuestion, scope: SQLWrapper) {
  const rows = await tx
    .select({ value: sql<string>`unnest(${questionnaireAnswers.choices})`, count: sql<number>`count(*)`.mapWith(Number) })
    .from(questionnaireAnswers)
    .where(and(eq(questionnaireAnswers.questionId, question.id), inArray(questionnaireAnswers.submissionId, scope)))
    .groupBy(sql`1`)
  return choiceRows(question, Object.fromEntries(rows.map((r) => [r.value, r.count])))
}

/** Counts per choice, in the question's own order, with the choices nobody made. */
export function choiceRows(question: EngineQuestion, counts: Record<string, number>) {
  return optionsFor(question).map((o) => ({ value: o.value, label: o.label, count: counts[o.value] ?? 0 }))
}

/**
 * For a ranking question, per option in the question's order: how many put
 * it first and its average place (1 is the top), over the submissions the
 * caller counts. Counted in the database, so a large consultation's answers
 * never come into memory.
 */
export async function rankCounts(tx: DbOrTx, question: EngineQuestion, scope: SQLWrapper) {
  const rows = await tx.execute<{ value: string; first: number; mean: string | null }>(sql`
    select c.value, count(*) filter (where c.place = 1)::int as first, avg(c.place)::text as mean
      from ${questionnaireAnswers} cross join lateral unnest(${questionnaireAnswers.choices}) with ordinality as c(value, place)
     where ${and(eq(questionnaireAnswers.questionId, question.id), inArray(questionnaireAnswers.submissionId, scope))}
     group by c.value`)
  const byValue = new Map([...rows].map((r) => [r.value, r]))
  return optionsFor(question).map((o) => {
    const r = byValue.get(o.value)
    return { value: o.value, label: o.label, firstPlaces: r?.first ?? 0, meanPlace: r?.mean ? Number(r.mean) : null }
  })
}
