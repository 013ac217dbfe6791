import { and, asc, count, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { queueEmail } from '~/lib/email.server'
import { RuleError } from '~/lib/result'
import { formatDateTime } from '~/lib/time'
import { pipelineNotices, pipelineQuestions, users, type PipelineStatus } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { noticeFollowers, noticeUrl } from './recipients.server'
import { addRevision } from './revisions.server'
import { MAX_ANSWER, MAX_QUESTION } from './questions'

/**
 * Clarification questions. A provider asks privately; staff publish the
 * question in their own wording, without the asker, with the answer. The
 * public reads only publishedQuestion and answer: nothing that names or
 * quotes the asker leaves this module for a public page or open data.
 */

/** Questions are taken until evaluation starts: once bids are in, the time for clarification has passed. */
const TAKING_QUESTIONS: PipelineStatus[] = ['planned', 'market_engagement', 'tender_published']

export function takesQuestions(status: PipelineStatus) {
  return TAKING_QUESTIONS.includes(status)
}

export async function askQuestion(user: Actor, noticeId: string, question: string) {
  const text = question.trim()
  if (!text) throw new RuleError({ question: 'Enter your question' })
  if (text.length > MAX_QUESTION) throw new RuleError({ question: `Your question must be ${MAX_QUESTION} characters or fewer` })
  return db.transaction(async (tx) => {
    const [notice] = await tx
      .select()
      .from(pipelineNotices)
      .where(and(eq(pipelineNotices.id, noticeId), isNotNull(pipelineNotices.publishedAt)))
    if (!notice) throw new RuleError({ form: 'This notice is not published' })
    if (!takesQuestions(notice.status)) {
      throw new RuleError({
        question:
          notice.status === 'evaluation'
            ? 'The deadline for clarification questions on this notice has passed: bids are being evaluated'
            : 'This notice is closed, so it no longer takes clarification questions',
      })
    }
    const [row] = await tx.insert(pipelineQuestions).values({ noticeId, askedById: user.id, question: text }).returning()
    await queueEmail(
      {
        to: user.email,
        subject: `Your question about ${notice.title}`,
        text: [
          `The Employment Category has received your clarification question about ${notice.title} (${notice.reference}):`,
          '',
          text,
          '',
          'If it is answered, the question is published on the notice without your name or your organisation’s, usually reworded, with its answer, and you will be emailed.',
          noticeUrl(notice),
        ].join('\n'),
        idempotencyKey: `pipeline-question-received:${row!.id}`,
      },
      { tx },
    )
    return row!
  })
}

/** A person's own questions on a notice, to show them what they asked and what became of it. */
export async function questionsOf(userId: string, noticeId: string) {
  return db
    .select({ id: pipelineQuestions.id, question: pipelineQuestions.question, askedAt: pipelineQuestions.createdAt, publishedAt: pipelineQuestions.publishedAt })
    .from(pipelineQuestions)
    .where(and(eq(pipelineQuestions.noticeId, noticeId), eq(pipelineQuestions.askedById, userId)))
    .orderBy(asc(pipelineQuestions.createdAt))
}

/** What the public sees: staff's wording of the question and the answer, and when it was published. Nothing else. */
export async function publishedQuestions(noticeId: string) {
  return db
    .select({ id: pipelineQuestions.id, question: pipelineQuestions.publishedQuestion, answer: pipelineQuestions.answer, publishedAt: pipelineQuestions.publishedAt })
    .from(pipelineQuestions)
    .where(and(eq(pipelineQuestions.noticeId, noticeId), isNotNull(pipelineQuestions.publishedAt)))
    .orderBy(asc(pipelineQuestions.publishedAt))
}

export async function awaitingCount() {
  const [row] = await db.select({ total: count() }).from(pipelineQuestions).where(isNull(pipelineQuestions.publishedAt))
  return row?.total ?? 0
}

/** For staff: questions awaiting an answer, oldest first, with the notice and who asked. */
export async function questionsAwaiting(limit = 100) {
  return db
    .select({
      id: pipelineQuestions.id,
      question: pipelineQuestions.question,
      askedAt: pipelineQuestions.createdAt,
      notice: { id: pipelineNotices.id, title: pipelineNotices.title, reference: pipelineNotices.reference },
    })
    .from(pipelineQuestions)
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineQuestions.noticeId))
    .where(isNull(pipelineQuestions.publishedAt))
    .orderBy(asc(pipelineQuestions.createdAt))
    .limit(limit)
}

/** For staff: every question on one notice, newest first. */
export async function questionsForStaff(noticeId: string) {
  return db.select().from(pipelineQuestions).where(eq(pipelineQuestions.noticeId, noticeId)).orderBy(desc(pipelineQuestions.createdAt))
}

export async function questionForStaff(questionId: string) {
  const [row] = await db
    .select({
      question: pipelineQuestions,
      notice: { id: pipelineNotices.id, title: pipelineNotices.title, reference: pipelineNotices.reference, slug: pipelineNotices.slug },
      asker: { name: users.name, email: users.email },
    })
    .from(pipelineQuestions)
    .innerJoin(pipelineNotices, eq(pipelineNotices.id, pipelineQuestions.noticeId))
    .leftJoin(users, eq(users.id, pipelineQuestions.askedById))
    .where(eq(pipelineQuestions.id, questionId))
  return row ?? null
}

/**
 * Staff publish a question, in wording they may edit, with its answer. It
 * goes in the notice's change log, and the notice's subscribers (instant
 * alerts that match it), organisations registered on it and the asker are
 * emailed. A second colleague publishing the same question is refused.
 */
export async function publishAnswer(actor: Actor, questionId: string, { question, answer }: { question: string; answer: string }) {
  const errors: Record<string, string> = {}
  if (!question.trim()) errors.publishedQuestion = 'Enter the question as it will be published'
  else if (question.length > MAX_QUESTION) errors.publishedQuestion = `The question must be ${MAX_QUESTION} characters or fewer`
  if (!answer.trim()) errors.answer = 'Enter the answer'
  else if (answer.length > MAX_ANSWER) errors.answer = `The answer must be ${MAX_ANSWER} characters or fewer`
  if (Object.keys(errors).length) throw new RuleError(errors)
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(pipelineQuestions).where(eq(pipelineQuestions.id, questionId)).for('update')
    if (!row) throw new RuleError({ form: 'This question no longer exists' })
    if (row.publishedAt) throw new RuleError({ form: `This question was published at ${formatDateTime(row.publishedAt)} by a colleague; it has not been changed` }, { code: 'stale' })
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, row.noticeId)).for('update')
    if (!notice?.publishedAt) throw new RuleError({ form: 'Publish the notice before publishing answers to its questions' })
    const [{ before }] = (await tx
      .select({ before: count() })
      .from(pipelineQuestions)
      .where(and(eq(pipelineQuestions.noticeId, notice.id), isNotNull(pipelineQuestions.publishedAt)))) as [{ before: number }]
    const now = new Date()
    await tx.update(pipelineQuestions).set({ publishedQuestion: question.trim(), answer: answer.trim(), publishedAt: now, answeredById: actor.id }).where(eq(pipelineQuestions.id, questionId))
    await recordAudit(tx, { actor, action: 'pipeline.question.publish', subjectType: 'pipeline_question', subjectId: questionId, after: { question: question.trim(), answer: answer.trim() } })
    const answered = (n: number) => (n === 0 ? 'None' : n === 1 ? '1 answered' : `${n} answered`)
    await addRevision(tx, notice, actor, 'updated', [{ field: 'clarifications', label: 'Clarification questions', from: answered(before), to: answered(before + 1) }])
    await queueIndexing(tx, 'pipeline', notice.id)

    const url = `${noticeUrl(notice)}#clarifications`
    const body = (opening: string) => [opening, '', `Question: ${question.trim()}`, '', `Answer: ${answer.trim()}`, '', `Read all the questions and answers: ${url}`].join('\n')
    const [asker] = row.askedById ? await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, row.askedById)) : []
    if (asker) {
      await queueEmail(
        {
          to: asker.email,
          subject: `Your question about ${notice.title} has been answered`,
          text: body(`The Employment Category has published your clarification question about ${notice.title} (${notice.reference}), without your name, with its answer.`),
          idempotencyKey: `pipeline-question-answered:${questionId}:${asker.id}`,
        },
        { tx },
      )
    }
    const followers = await noticeFollowers(tx, notice, { except: asker ? [asker.id] : [] })
    for (const s of followers) {
      await queueEmail(
        {
          to: s.email,
          subject: `Clarification published: ${notice.title}`,
          text: body(`A clarification question about ${notice.title} (${notice.reference}) has been answered.`),
          idempotencyKey: `pipeline-question-answered:${questionId}:${s.userId}`,
        },
        { tx },
      )
    }
    return { notified: followers.length + (asker ? 1 : 0) }
  })
}
