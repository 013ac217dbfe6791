import { randomInt, randomUUID } from 'node:crypto'
import { and, count, eq, inArray, isNotNull, lte, or, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '~/lib/db.server'
import { defineJob } from '~/lib/jobs.server'
import { questionnaireAnswers, questionnaireSubmissions, surveyParticipations, surveyResponses, surveys, surveySealedAnswers, type Sector, type SizeBand, type Survey } from '~db/schema'
import type { Answer } from '../questionnaires/answers.server'
import { fromLondon, londonParts } from '~/lib/time'

/**
 * Anonymous answers are not written as a response in the transaction that
 * records who responded: that transaction only seals them in
 * `survey_sealed_answers`. A job later writes several sealed answers at once,
 * in a random order, with fresh random ids and one fixed timestamp, in one
 * transaction, and in that same transaction rewrites every submitted
 * participation of the survey. Afterwards no transaction id, id order, row
 * order within a batch or timestamp tells which participation gave which
 * answers. See docs/security.md, "Anonymous survey answers".
 */

/** A batch waits until at least this many answers, or the survey's minimum group size if larger, are sealed. */
export const MIN_BATCH = 5

export const batchSizeFor = (survey: Pick<Survey, 'minGroupSize'>) => Math.max(MIN_BATCH, survey.minGroupSize)

type SealedAnswer = Pick<Answer, 'questionId' | 'text' | 'choices' | 'otherText' | 'confidential' | 'confidentialReason'>

export async function sealAnswers(tx: DbOrTx, surveyId: string, who: { sector: Sector | null; sizeBand: SizeBand | null }, answers: Answer[]) {
  const payload: SealedAnswer[] = answers.map((a) => ({
    questionId: a.questionId,
    text: a.text,
    choices: a.choices,
    otherText: a.otherText,
    confidential: a.confidential,
    confidentialReason: a.confidentialReason,
  }))
  await tx.insert(surveySealedAnswers).values({ surveyId, sector: who.sector, sizeBand: who.sizeBand, answers: payload })
}

/** Fisher–Yates with a cryptographic source, so the order written says nothing about the order sealed. */
function shuffle<T>(items: T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** The one instant every anonymous answer of a survey carries: the start of the London day it opened. */
export function anonymousStamp(survey: Pick<Survey, 'opensAt' | 'createdAt'>) {
  const p = londonParts(survey.opensAt ?? survey.createdAt)
  return fromLondon(p.year, p.month, p.day)
}

export async function sealedCount(surveyId: string) {
  const [{ n }] = await db.select({ n: count() }).from(surveySealedAnswers).where(eq(surveySealedAnswers.surveyId, surveyId))
  return n
}

type Unwritten = { sector: Sector | null; sizeBand: SizeBand | null; answers: SealedAnswer[] }

/**
 * Takes back every answer already written for the survey, deleting it, so
 * that it can be written again with the rest as one batch.
 */
async function takeBackWritten(tx: DbOrTx, surveyId: string): Promise<Unwritten[]> {
  const written = await tx
    .select({ id: surveyResponses.submissionId, sector: surveyResponses.sector, sizeBand: surveyResponses.sizeBand })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
  if (!written.length) return []
  const ids = tx.select({ id: surveyResponses.submissionId }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId))
  const answers = await tx.select().from(questionnaireAnswers).where(inArray(questionnaireAnswers.submissionId, ids))
  const bySubmission = new Map<string, SealedAnswer[]>()
  for (const a of answers) {
    const list = bySubmission.get(a.submissionId) ?? []
    list.push({ questionId: a.questionId, text: a.text, choices: a.choices, otherText: a.otherText, confidential: a.confidential, confidentialReason: a.confidentialReason })
    bySubmission.set(a.submissionId, list)
  }
  await tx.delete(questionnaireSubmissions).where(inArray(questionnaireSubmissions.id, ids))
  return written.map((w) => ({ sector: w.sector, sizeBand: w.sizeBand, answers: bySubmission.get(w.id) ?? [] }))
}

/**
 * Writes a survey's sealed answers as responses when a batch is due: at
 * least `batchSizeFor(survey)` are waiting, or the survey has closed, or
 * `everything` is asked for. The first time this runs after an anonymous
 * survey closes it also takes back the batches written while it was open and
 * writes every answer again as one batch, so that after closing nothing (not
 * even which batch an answer was in, or its place on disk) follows the order
 * in which people responded. Returns how many responses were written.
 */
export async function flushSealedAnswers(surveyId: string, { everything = false, now = new Date() }: { everything?: boolean; now?: Date } = {}) {
  return db.transaction(async (tx) => {
    // One flush per survey at a time; submissions keep sealing meanwhile.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`survey-flush:${surveyId}`}))`)
    const [survey] = await tx.select().from(surveys).where(eq(surveys.id, surveyId))
    if (!survey) return 0
    const waiting = await tx.select().from(surveySealedAnswers).where(eq(surveySealedAnswers.surveyId, surveyId))
    const closed = Boolean(survey.closesAt && survey.closesAt <= now)
    const settle = survey.anonymous && closed && !survey.anonymousAnswersSettled
    if (!settle && (!waiting.length || (!everything && !closed && waiting.length < batchSizeFor(survey)))) return 0
    const unwritten: Unwritten[] = waiting.map((w) => ({ sector: w.sector, sizeBand: w.sizeBand, answers: w.answers as SealedAnswer[] }))
    if (settle) unwritten.push(...(await takeBackWritten(tx, surveyId)))
    const stamp = anonymousStamp(survey)
    const batch = shuffle(unwritten).map((u) => ({ ...u, submissionId: randomUUID() }))
    if (batch.length) {
      await tx.insert(questionnaireSubmissions).values(batch.map((b) => ({ id: b.submissionId, questionnaireId: survey.questionnaireId, createdAt: stamp, updatedAt: stamp })))
      const answers = shuffle(batch.flatMap((b) => b.answers.map((a) => ({ ...a, submissionId: b.submissionId, changedById: null, changedByName: null, createdAt: stamp, updatedAt: stamp }))))
      for (let i = 0; i < answers.length; i += 1000) await tx.insert(questionnaireAnswers).values(answers.slice(i, i + 1000))
      await tx.insert(surveyResponses).values(shuffle(batch).map((b) => ({ submissionId: b.submissionId, surveyId, sector: b.sector, sizeBand: b.sizeBand, submittedOn: null })))
    }
    if (waiting.length)
      await tx.delete(surveySealedAnswers).where(
        inArray(
          surveySealedAnswers.id,
          waiting.map((w) => w.id),
        ),
      )
    // Rewriting every submitted participation here gives them all this
    // transaction's id, so none keeps the id of the transaction that sealed
    // its answers, and none can be placed in a batch by its transaction id.
    await tx
      .update(surveyParticipations)
      .set({ updatedAt: stamp })
      .where(and(eq(surveyParticipations.surveyId, surveyId), eq(surveyParticipations.status, 'submitted')))
    if (settle) await tx.update(surveys).set({ anonymousAnswersSettled: true }).where(eq(surveys.id, surveyId))
    return batch.length
  })
}

/** Surveys to flush: anonymous ones that have closed and are not yet settled, and any with a batch due. */
async function surveysToFlush(now: Date) {
  return db
    .select({ id: surveys.id })
    .from(surveys)
    .where(
      or(
        and(eq(surveys.anonymous, true), eq(surveys.anonymousAnswersSettled, false), isNotNull(surveys.closesAt), lte(surveys.closesAt, now)),
        sql`(select count(*) from ${surveySealedAnswers} w where w.survey_id = ${surveys.id}) >= greatest(${MIN_BATCH}, ${surveys.minGroupSize})`,
      ),
    )
}

/** Flushes every survey with a batch due or a close to settle; returns how many responses were written. */
export async function flushDueSurveys(now = new Date()) {
  let written = 0
  for (const { id } of await surveysToFlush(now)) written += await flushSealedAnswers(id, { now })
  return written
}

/**
 * Every five minutes. A batch is written at the first run after enough
 * answers are waiting, so when an answer is written depends on when others
 * arrive and when the clock next ticks, not on when it was given.
 */
export const flushSealedAnswersJob = defineJob<object>({
  name: 'surveys.flush-sealed-answers',
  schedule: '*/5 * * * *',
  handler: async () => {
    await flushDueSurveys()
  },
})
