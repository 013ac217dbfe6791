import { and, asc, eq, ilike, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, sql as pg, type DbOrTx } from '~/lib/db.server'
import { consultationCampaignMembers, consultationCampaigns, consultationOutcomeAnswers, consultationResponses, consultations, questionnaireAnswers, type Consultation } from '~db/schema'
import { answerText, choiceRows } from '../questionnaires/answers.server'
import { isFreeText, listThemes, themeCountsByQuestion, themesBySubmission } from '../questionnaires/themes.server'
import { gridRows, isChoiceType } from '../questionnaires/questions'
import { getStructure, type NumberedQuestion, type Structure } from '../questionnaires/structure.server'
import { queueIndexing } from '~search/outbox.server'
import { getConsultation } from './consultations.server'
import type { Actor } from '~/lib/actor'
import { consultationTallies, ONE_PER_CAMPAIGN, type CampaignCounting } from './tallies.server'
import { dateGroups, ratingFigures } from './figures'
import { countingLabel, countingNote } from './counting'
import { notifyRespondents } from './publication.server'
import { isUuid } from '~/lib/ids'
import { responseExportStream } from './export-stream.server'
import { auditExport } from '~/lib/export-audit.server'
import { RuleError } from '~/lib/result'

/** The submissions that count: submitted responses to this consultation. */
export function submittedScope(consultationId: string) {
  return db
    .select({ id: consultationResponses.submissionId })
    .from(consultationResponses)
    .where(and(eq(consultationResponses.consultationId, consultationId), eq(consultationResponses.status, 'submitted')))
}

/** Every day from the first submission to the last, those with none at nought, so a chart of them shows the quiet days. */
export function everyDay(rows: Array<{ day: string; count: number }>) {
  if (!rows.length) return []
  const counts = new Map(rows.map((r) => [r.day, r.count]))
  const last = rows[rows.length - 1].day
  const days: Array<{ day: string; count: number }> = []
  for (let at = new Date(`${rows[0].day}T00:00:00Z`); days.length <= 366; at = new Date(at.getTime() + 86_400_000)) {
    const day = at.toISOString().slice(0, 10)
    days.push({ day, count: counts.get(day) ?? 0 })
    if (day >= last) break
  }
  return days
}

/** The submissions that count when each confirmed campaign counts once. */
function countedOnceScope(consultationId: string) {
  return sql`(select r.submission_id from consultation_responses r where r.consultation_id = ${consultationId} and r.status = 'submitted' and ${sql.raw(ONE_PER_CAMPAIGN)})`
}

/** The confirmed campaigns, and how many submitted responses they hold between them. */
export async function confirmedCampaigns(consultationId: string) {
  const [row] = await db
    .select({
      campaigns: sql<number>`count(distinct ${consultationCampaigns.id})`.mapWith(Number),
      responses: sql<number>`count(${consultationResponses.id})`.mapWith(Number),
    })
    .from(consultationCampaigns)
    .innerJoin(consultationCampaignMembers, eq(consultationCampaignMembers.campaignId, consultationCampaigns.id))
    .innerJoin(consultationResponses, and(eq(consultationResponses.id, consultationCampaignMembers.responseId), eq(consultationResponses.status, 'submitted')))
    .where(and(eq(consultationCampaigns.consultationId, consultationId), eq(consultationCampaigns.status, 'confirmed')))
  return row ?? { campaigns: 0, responses: 0 }
}

/** One chart of the dashboard: a choice question's, or one statement's of a grid. */
type ChoiceChart = {
  question: NumberedQuestion
  statement: { value: string; number: number; text: string } | null
  answered: number
  counts: Array<{ value: string; label: string; count: number }>
  rating: ReturnType<typeof ratingFigures>
}

/**
 * For number questions the mean, median, lowest and highest, and for date
 * questions the earliest and latest and how many fall in each month, year
 * or decade, of the submitted answers; each with how many answered, which
 * is what they are of.
 */
async function measuredFigures(counted: SQLWrapper, questions: NumberedQuestion[]) {
  const ids = (type: string) => questions.filter((q) => q.type === type).map((q) => q.id)
  const scope = and(inArray(questionnaireAnswers.submissionId, counted), sql`${questionnaireAnswers.text} is not null`)
  const value = sql`${questionnaireAnswers.text}::numeric`
  const [numbers, dates, months] = await Promise.all([
    ids('number').length
      ? db
          .select({
            questionId: questionnaireAnswers.questionId,
            answered: sql<number>`count(*)`.mapWith(Number),
            mean: sql<number>`avg(${value})`.mapWith(Number),
            median: sql<number>`percentile_cont(0.5) within group (order by ${value})`.mapWith(Number),
            low: sql<string>`min(${value})::text`,
            high: sql<string>`max(${value})::text`,
          })
          .from(questionnaireAnswers)
          .where(and(scope, inArray(questionnaireAnswers.questionId, ids('number'))))
          .groupBy(questionnaireAnswers.questionId)
      : [],
    ids('date').length
      ? db
          .select({
            questionId: questionnaireAnswers.questionId,
            answered: sql<number>`count(*)`.mapWith(Number),
            low: sql<string>`min(${questionnaireAnswers.text})`,
            high: sql<string>`max(${questionnaireAnswers.text})`,
          })
          .from(questionnaireAnswers)
          .where(and(scope, inArray(questionnaireAnswers.questionId, ids('date'))))
          .groupBy(questionnaireAnswers.questionId)
      : [],
    ids('date').length
      ? db
          .select({
            questionId: questionnaireAnswers.questionId,
            month: sql<string>`left(${questionnaireAnswers.text}, 7)`,
            count: sql<number>`count(*)`.mapWith(Number),
          })
          .from(questionnaireAnswers)
          .where(and(scope, inArray(questionnaireAnswers.questionId, ids('date'))))
          .groupBy(questionnaireAnswers.questionId, sql`2`)
      : [],
  ])
  const found = new Map<string, { answered: number; mean?: number; median?: number; low: string; high: string }>([...numbers, ...dates].map((r) => [r.questionId, r]))
  return questions.map((question) => ({
    question,
    figures: found.get(question.id) ?? null,
    groups: question.type === 'date' ? dateGroups(months.filter((m) => m.questionId === question.id)) : null,
  }))
}

/** How many of a consultation's responses are in each state, read live: drafts change by the second. */
async function statusCounts(consultationId: string) {
  const rows = await db
    .select({ status: consultationResponses.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, consultationId))
    .groupBy(consultationResponses.status)
  return Object.fromEntries(rows.map((r) => [r.status, r.count])) as Record<string, number>
}

/**
 * The tallies counted one way or the other, with what they count said as
 * every chart and report states it (countingNote): how many responses, how
 * many arrived outside the hub, the withdrawn left out, and how confirmed
 * campaigns count.
 */
async function countedTallies(consultation: Consultation, counting: CampaignCounting) {
  const [statuses, tallies, campaigns] = await Promise.all([statusCounts(consultation.id), consultationTallies(consultation, counting), confirmedCampaigns(consultation.id)])
  const submitted = statuses.submitted ?? 0
  const note = countingNote({ counted: tallies.submitted, submitted, withdrawn: statuses.withdrawn ?? 0, byChannel: tallies.byChannel ?? [], campaigns, counting })
  return { statuses, tallies, campaigns, submitted, note }
}

export async function dashboard(consultation: Consultation, counting: CampaignCounting = 'each') {
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const scope = counting === 'once' ? countedOnceScope(consultation.id) : submittedScope(consultation.id)
  const freeText = structure.questions.filter((q) => isFreeText(q.type))
  const [{ statuses, tallies, campaigns, note }, themed] = await Promise.all([
    countedTallies(consultation, counting),
    Promise.all(freeText.map(async (q) => ({ question: q, themes: await listThemes(db, consultation.questionnaireId, scope, q.id) }))),
  ])
  const measured = await measuredFigures(
    scope,
    structure.questions.filter((q) => q.type === 'number' || q.type === 'date'),
  )
  return {
    structure,
    statusCounts: statuses,
    counting,
    counted: tallies.submitted,
    campaigns,
    note,
    overTime: everyDay(tallies.overTime),
    byType: tallies.byType,
    byChannel: tallies.byChannel ?? [],
    bySector: tallies.bySector,
    bySize: tallies.bySize,
    countedAt: tallies.computedAt,
    measured,
    answersPerQuestion: structure.questions.map((q) => ({ question: q, count: tallies.answered[q.id] ?? 0 })),
    themeCharts: themed.filter((t) => t.themes.length).map((t) => ({ question: t.question, answered: tallies.answered[t.question.id] ?? 0, themes: t.themes })),
    // A grid gives a chart per statement, each counting the respondents who answered that statement.
    charts: structure.questions
      .filter((q) => isChoiceType(q.type))
      .flatMap((q): ChoiceChart[] =>
        q.type === 'grid'
          ? gridRows(q, tallies.choices[q.id] ?? {}).map((s, i) => ({
              question: q,
              statement: { value: s.value, number: i + 1, text: s.statement },
              answered: s.answered,
              counts: s.rows,
              rating: null,
            }))
          : [
              {
                question: q,
                statement: null,
                answered: tallies.answered[q.id] ?? 0,
                counts: choiceRows(q, tallies.choices[q.id] ?? {}),
                rating: q.type === 'rating' ? ratingFigures(tallies.choices[q.id] ?? {}) : null,
              },
            ],
      ),
  }
}

export const ANSWERS_PAGE_SIZE = 20

/** `theme` is a theme's id, or 'none' for answers with no theme yet. */
export type AnswerFilters = { q?: string; type?: 'individual' | 'organisation'; confidential?: 'yes' | 'no'; theme?: string; page?: number }

/** The submitted answers to one question that a filter of the answers page matches. */
export function answerConditions(consultation: Consultation, question: Pick<NumberedQuestion, 'id'>, filters: AnswerFilters) {
  const conditions: SQL[] = []
  if (filters.q?.trim()) {
    const like = `%${filters.q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
    conditions.push(sql`(${ilike(questionnaireAnswers.text, like)} or ${ilike(questionnaireAnswers.otherText, like)})`)
  }
  if (filters.type) conditions.push(eq(consultationResponses.respondentType, filters.type))
  if (filters.confidential === 'yes') conditions.push(sql`(${questionnaireAnswers.confidential} or ${consultationResponses.confidential})`)
  if (filters.confidential === 'no') conditions.push(sql`not (${questionnaireAnswers.confidential} or ${consultationResponses.confidential})`)
  if (filters.theme === 'none') {
    conditions.push(sql`not exists (select 1 from answer_themes t where t.submission_id = ${questionnaireAnswers.submissionId} and t.question_id = ${question.id})`)
  } else if (filters.theme && isUuid(filters.theme)) {
    conditions.push(sql`exists (select 1 from answer_themes t where t.submission_id = ${questionnaireAnswers.submissionId} and t.question_id = ${question.id} and t.theme_id = ${filters.theme})`)
  }
  const where = and(eq(consultationResponses.consultationId, consultation.id), eq(consultationResponses.status, 'submitted'), eq(questionnaireAnswers.questionId, question.id), ...conditions)
  return Object.assign(where!, { filtered: conditions.length > 0 })
}

/** Every submitted answer to one question, with who gave it, for reading and tagging. */
export async function questionAnswers(consultation: Consultation, question: NumberedQuestion, filters: AnswerFilters) {
  const where = answerConditions(consultation, question, filters)
  // Unfiltered, the total is the kept count of the question's answers.
  const total = where.filtered
    ? (
        await db
          .select({ total: sql<number>`count(*)`.mapWith(Number) })
          .from(questionnaireAnswers)
          .innerJoin(consultationResponses, eq(consultationResponses.submissionId, questionnaireAnswers.submissionId))
          .where(where)
      )[0].total
    : ((await consultationTallies(consultation)).answered[question.id] ?? 0)
  const page = Math.max(1, filters.page ?? 1)
  const rows = await db
    .select({
      submissionId: questionnaireAnswers.submissionId,
      responseId: consultationResponses.id,
      text: questionnaireAnswers.text,
      choices: questionnaireAnswers.choices,
      otherText: questionnaireAnswers.otherText,
      answerConfidential: questionnaireAnswers.confidential,
      answerConfidentialReason: questionnaireAnswers.confidentialReason,
      reference: consultationResponses.reference,
      respondentType: consultationResponses.respondentType,
      name: consultationResponses.name,
      organisationName: consultationResponses.organisationName,
      responseConfidential: consultationResponses.confidential,
      responseConfidentialReason: consultationResponses.confidentialReason,
      submittedAt: consultationResponses.submittedAt,
      amendedAt: consultationResponses.amendedAt,
    })
    .from(questionnaireAnswers)
    .innerJoin(consultationResponses, eq(consultationResponses.submissionId, questionnaireAnswers.submissionId))
    .where(where)
    .orderBy(asc(consultationResponses.submittedAt), asc(consultationResponses.id))
    .limit(ANSWERS_PAGE_SIZE)
    .offset((page - 1) * ANSWERS_PAGE_SIZE)
  const tagged = await themesBySubmission(
    db,
    question.id,
    rows.map((r) => r.submissionId),
  )
  const themes = await listThemes(db, consultation.questionnaireId, submittedScope(consultation.id), question.id)
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / ANSWERS_PAGE_SIZE)),
    themes,
    rows: rows.map((r) => ({ ...r, answer: answerText(question, r), themeIds: tagged[r.submissionId] ?? [] })),
  }
}

export const EXPORT_FORMATS = ['csv', 'json'] as const

type ExportRow = {
  id: string
  reference: string
  submitted_at: Date
  amended_at: Date | null
  channel: string
  received_at: string | null
  respondent_type: string
  name: string
  email: string
  organisation_name: string | null
  represents: string | null
  how_views_assembled: string | null
  publishing_consent: string
  confidential: boolean
  confidential_reason: string | null
  answers: Record<string, { text: string | null; choices: string[]; otherText: string | null; confidential: boolean; confidentialReason: string | null; themes: string[] | null }> | null
}

/** How a free-text answer's themes are written in one CSV cell; a theme name cannot hold the separator. */
export const themesColumn = (label: string) => `${label}_themes`

/** Every download of the responses is audited before its first byte is sent. */
export async function downloadResponses(actor: Actor, consultation: Consultation, format: 'csv' | 'json') {
  const structure = (await getStructure(db, consultation.questionnaireId))!
  await auditExport(actor, `consultation.export.${format}`, { type: 'consultation', id: consultation.id })
  return exportResponses(consultation, structure, format)
}

/**
 * Streams every submitted response for staff: one row per response, one
 * column per question, with confidentiality flags and, for free-text
 * questions, the themes each answer is tagged with. The JSON download opens
 * with the coding frame and each theme's counts. (The public's open data is
 * the released copy: exportPublishedResponses.)
 */
export function exportResponses(consultation: Consultation, structure: Structure, format: 'csv' | 'json'): ReadableStream<Uint8Array> {
  const questions = structure.questions
  const batches = pg<ExportRow[]>`
    select r.id, r.reference, r.submitted_at, r.amended_at, r.channel, to_char(r.received_at at time zone 'Europe/London', 'YYYY-MM-DD') as received_at, r.respondent_type, r.name, r.email, r.organisation_name, r.represents,
           r.how_views_assembled, r.publishing_consent, r.confidential, r.confidential_reason,
           (select jsonb_object_agg(a.question_id, jsonb_build_object('text', a.text, 'choices', a.choices, 'otherText', a.other_text,
                     'confidential', a.confidential, 'confidentialReason', a.confidential_reason,
                     'themes', (select array_agg(t.name order by lower(t.name)) from answer_themes at join questionnaire_themes t on t.id = at.theme_id
                                 where at.submission_id = a.submission_id and at.question_id = a.question_id)))
              from questionnaire_answers a where a.submission_id = r.submission_id) as answers
      from consultation_responses r
     where r.consultation_id = ${consultation.id} and r.status = 'submitted'
     order by r.submitted_at, r.id`.cursor(500)
  const cursor = batches[Symbol.asyncIterator]()
  const staffRow = (r: ExportRow) => ({
    reference: r.reference,
    submittedAt: new Date(r.submitted_at).toISOString(),
    amendedAt: r.amended_at ? new Date(r.amended_at).toISOString() : null,
    channel: r.channel,
    receivedAt: r.received_at,
    respondentType: r.respondent_type,
    name: r.name,
    email: r.email,
    organisation: r.organisation_name,
    represents: r.represents,
    howViewsAssembled: r.how_views_assembled,
    publishingConsent: r.publishing_consent,
    confidential: r.confidential,
    confidentialReason: r.confidential_reason,
    answers: Object.fromEntries(
      questions.map((q) => {
        const a = r.answers?.[q.id]
        const answer = { answer: a ? answerText(q, a) : null, confidential: a?.confidential ?? false, confidentialReason: a?.confidentialReason ?? null }
        return [q.label, isFreeText(q.type) ? { ...answer, themes: a?.themes ?? [] } : answer]
      }),
    ),
  })
  return responseExportStream({
    consultation,
    questions,
    format,
    rows: cursor,
    record: staffRow,
    csvHeader: [
      'reference',
      'submitted_at',
      'amended_at',
      'channel',
      'received_at',
      'respondent_type',
      'name',
      'email',
      'organisation',
      'represents',
      'how_views_assembled',
      'publishing_consent',
      'response_confidential',
      'response_confidential_reason',
      ...questions.flatMap((q) => [q.label, `${q.label}_confidential`, `${q.label}_confidential_reason`, ...(isFreeText(q.type) ? [themesColumn(q.label)] : [])]),
    ],
    csvCells: (s) => [
      s.reference,
      s.submittedAt,
      s.amendedAt,
      s.channel,
      s.receivedAt,
      s.respondentType,
      s.name,
      s.email,
      s.organisation,
      s.represents,
      s.howViewsAssembled,
      s.publishingConsent,
      s.confidential,
      s.confidentialReason,
      ...questions.flatMap((q) => {
        const a = s.answers[q.label]
        return [a.answer, a.confidential, a.confidentialReason, ...('themes' in a ? [a.themes] : [])]
      }),
    ],
    jsonHeader: async () => ({ themes: await themeCounts(consultation, questions) }),
  })
}

/** The coding frame with how many submitted answers carry each theme, in all and question by question. */
export async function themeCounts(consultation: Consultation, questions: NumberedQuestion[]) {
  const scope = submittedScope(consultation.id)
  const [themes, perQuestion] = await Promise.all([listThemes(db, consultation.questionnaireId, scope), themeCountsByQuestion(db, consultation.questionnaireId, scope)])
  const labels = new Map(questions.map((q) => [q.id, q.label]))
  return themes.map((t) => ({
    name: t.name,
    description: t.description,
    answers: t.count,
    byQuestion: Object.fromEntries(perQuestion.filter((r) => r.themeId === t.id && labels.has(r.questionId)).map((r) => [labels.get(r.questionId)!, r.count])),
  }))
}

/**
 * The figures of the outcome report and the summary of responses, question
 * by question, counting confirmed campaigns as staff chose for the report.
 * `total` is how many responses the figures count; `submitted`, every one.
 */
export async function outcomeFor(consultation: Consultation, counting: CampaignCounting = consultation.outcomeCampaignCounting) {
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const [rows, counted] = await Promise.all([
    db.select().from(consultationOutcomeAnswers).where(eq(consultationOutcomeAnswers.consultationId, consultation.id)),
    countedTallies(consultation, counting),
  ])
  const { tallies } = counted
  const byQuestion = new Map(rows.map((r) => [r.questionId, r]))
  const scope = counting === 'once' ? countedOnceScope(consultation.id) : submittedScope(consultation.id)
  const perQuestion = []
  for (const q of structure.questions) {
    perQuestion.push({
      question: q,
      answered: tallies.answered[q.id] ?? 0,
      youSaid: byQuestion.get(q.id)?.youSaid ?? '',
      weDid: byQuestion.get(q.id)?.weDid ?? '',
      themes: (await listThemes(db, consultation.questionnaireId, scope, q.id)).filter((t) => t.count > 0),
      choices: isChoiceType(q.type) && q.type !== 'grid' ? choiceRows(q, tallies.choices[q.id] ?? {}) : null,
      statements: q.type === 'grid' ? gridRows(q, tallies.choices[q.id] ?? {}) : null,
    })
  }
  return {
    structure,
    total: tallies.submitted,
    submitted: counted.submitted,
    counting,
    campaigns: counted.campaigns,
    note: counted.note,
    byType: tallies.byType,
    byChannel: tallies.byChannel ?? [],
    perQuestion,
  }
}

/**
 * Saves the outcome report's words and how its figures count confirmed
 * campaigns. The counting is shared by everyone editing the report, so a
 * change made from a page that showed another way is refused rather than
 * silently undoing someone else's choice.
 */
export async function saveOutcome(
  actor: Actor,
  consultation: Consultation,
  input: { intro: string; perQuestion: Record<string, { youSaid: string; weDid: string }>; counting?: { chosen: CampaignCounting; seen: CampaignCounting } },
) {
  const structure = (await getStructure(db, consultation.questionnaireId))!
  const known = new Set(structure.questions.map((q) => q.id))
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ counting: consultations.outcomeCampaignCounting }).from(consultations).where(eq(consultations.id, consultation.id)).for('update')
    const counting = input.counting?.chosen ?? current.counting
    if (input.counting && counting !== current.counting && input.counting.seen !== current.counting) {
      throw new RuleError({
        campaignCounting: `Someone else changed how the report counts confirmed campaigns to “${countingLabel(current.counting)}” after you opened this page. Check the figures, then choose again`,
      })
    }
    await tx.update(consultations).set({ outcomeIntro: input.intro, outcomeCampaignCounting: counting }).where(eq(consultations.id, consultation.id))
    for (const [questionId, value] of Object.entries(input.perQuestion)) {
      if (!known.has(questionId)) continue
      await tx
        .insert(consultationOutcomeAnswers)
        .values({ consultationId: consultation.id, questionId, ...value })
        .onConflictDoUpdate({ target: [consultationOutcomeAnswers.consultationId, consultationOutcomeAnswers.questionId], set: value })
    }
    await recordAudit(tx, {
      actor,
      action: 'consultation.outcome.save',
      subjectType: 'consultation',
      subjectId: consultation.id,
      before: { campaignCounting: current.counting },
      after: { intro: input.intro, campaignCounting: counting },
    })
  })
}

export async function publishOutcome(tx: DbOrTx, actor: Actor, consultation: Consultation, now = new Date()) {
  if (consultation.status !== 'published' || now < consultation.closesAt) throw new RuleError('The outcome can be published once the consultation has closed')
  if (!consultation.outcomeIntro.trim()) throw new RuleError('Write a summary of the outcome before publishing it')
  await tx.update(consultations).set({ outcomePublishedAt: now }).where(eq(consultations.id, consultation.id))
  await recordAudit(tx, { actor, action: 'consultation.outcome.publish', subjectType: 'consultation', subjectId: consultation.id, after: { outcomePublishedAt: now } })
  await queueIndexing(tx, 'consultations', consultation.id)
  await notifyRespondents(tx, consultation, 'outcome', now)
}

/** Publishes the outcome report as it stands now, and tells the respondents. */
export async function publishConsultationOutcome(actor: Actor, consultationId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const consultation = await getConsultation(tx, consultationId)
    if (!consultation) throw new RuleError('Consultation not found')
    await publishOutcome(tx, actor, consultation, now)
  })
}
