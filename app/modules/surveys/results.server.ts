import { and, asc, count, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { csvLine } from '~/lib/csv'
import { db } from '~/lib/db.server'
import { organisations, questionnaireAnswers, surveyInvitations, surveyParticipations, surveyResponses, surveys, users, type Survey } from '~db/schema'
import { answerText, choiceCounts, rankCounts, readAnswers } from '../questionnaires/answers.server'
import type { EngineQuestion } from '../questionnaires/questions'
import { getStructure, type NumberedQuestion } from '../questionnaires/structure.server'
import { DIMENSIONS, type BreakdownDimension } from './dimensions'
import { assertResultsShowable, resultsAvailability } from './availability.server'
import type { Actor } from '~/lib/actor'
import { RuleError } from '~/lib/result'

export type Bar = { value: string; label: string; count: number; percent: number }
/** An option of a ranking question: its average place, and how many of those who answered put it first, with their share. */
export type Rank = { value: string; label: string; meanRank: number | null; firstPlaces: number; firstShare: number }
export type Nps = { promoters: number; passives: number; detractors: number; score: number }

export type QuestionResult = {
  id: string
  label: string
  text: string
  type: EngineQuestion['type']
  answered: number
  bars: Bar[] | null
  mean: number | null
  nps: Nps | null
  ranks: Rank[] | null
  texts: string[] | null
}

export { DIMENSIONS, type BreakdownDimension }

const column = (by: BreakdownDimension) => (by === 'sector' ? surveyResponses.sector : surveyResponses.sizeBand)

/** The submitted responses counted: a survey's, optionally one group's. */
function scope(surveyId: string, filter?: { by: BreakdownDimension; value: string }) {
  const conditions: SQL[] = [eq(surveyResponses.surveyId, surveyId)]
  if (filter) conditions.push(sql`${column(filter.by)}::text = ${filter.value}`)
  return db
    .select({ id: surveyResponses.submissionId })
    .from(surveyResponses)
    .where(and(...conditions))
}

const round1 = (n: number) => Math.round(n * 10) / 10
const pct = (n: number, of: number) => (of ? round1((n / of) * 100) : 0)

async function questionResult(q: NumberedQuestion, submissions: ReturnType<typeof scope>, { search, textLimit = 200 }: { search?: string; textLimit?: number } = {}): Promise<QuestionResult> {
  const [{ answered }] = await db
    .select({ answered: count() })
    .from(questionnaireAnswers)
    .where(and(eq(questionnaireAnswers.questionId, q.id), inArray(questionnaireAnswers.submissionId, submissions)))
  const result: QuestionResult = { id: q.id, label: q.label, text: q.text, type: q.type, answered, bars: null, mean: null, nps: null, ranks: null, texts: null }
  if (q.type === 'long_text' || q.type === 'short_text') {
    const rows = await db
      .select({ text: questionnaireAnswers.text })
      .from(questionnaireAnswers)
      .where(
        and(
          eq(questionnaireAnswers.questionId, q.id),
          inArray(questionnaireAnswers.submissionId, submissions),
          search ? ilike(questionnaireAnswers.text, `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
        ),
      )
      // Ordered by the random submission id: never by when or by whom.
      .orderBy(asc(questionnaireAnswers.submissionId))
      .limit(textLimit)
    result.texts = rows.map((r) => r.text ?? '').filter(Boolean)
    return result
  }
  if (q.type === 'ranking') {
    result.ranks = (await rankCounts(db, q, submissions))
      .map((r) => ({
        value: r.value,
        label: r.label,
        meanRank: r.meanPlace === null ? null : Math.round(r.meanPlace * 100) / 100,
        firstPlaces: r.firstPlaces,
        // Of everyone who answered the question, as choice shares are.
        firstShare: pct(r.firstPlaces, answered),
      }))
      .sort((a, b) => (a.meanRank ?? 99) - (b.meanRank ?? 99))
    return result
  }
  const counts = await choiceCounts(db, q, submissions)
  const total = q.type === 'multiple_choice' ? answered : counts.reduce((a, c) => a + c.count, 0)
  result.bars = counts.map((c) => ({ ...c, percent: pct(c.count, total) }))
  if (q.type === 'rating') {
    const n = counts.reduce((a, c) => a + c.count, 0)
    result.mean = n ? Math.round((counts.reduce((a, c) => a + Number(c.value) * c.count, 0) / n) * 10) / 10 : null
    const sum = (test: (v: number) => boolean) => counts.filter((c) => test(Number(c.value))).reduce((a, c) => a + c.count, 0)
    const promoters = pct(
      sum((v) => v >= 9),
      n,
    )
    const detractors = pct(
      sum((v) => v <= 6),
      n,
    )
    result.nps = {
      promoters,
      passives: pct(
        sum((v) => v === 7 || v === 8),
        n,
      ),
      detractors,
      score: Math.round(promoters - detractors),
    }
  }
  return result
}

export type Comparison = {
  questionId: string
  label: string
  text: string
  previousLabel: string
  previousYear: number
  rows: Array<{ label: string; previous: number | null; current: number | null; change: number | null; unit: 'points' | 'percentage points' | 'places' }>
}

function compare(previous: QuestionResult, current: QuestionResult, previousYear: number): Comparison {
  const rows: Comparison['rows'] = []
  const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : round1(b - a))
  if (current.mean !== null || previous.mean !== null)
    rows.push({ label: 'Mean rating (0 to 10)', previous: previous.mean, current: current.mean, change: diff(previous.mean, current.mean), unit: 'points' })
  if (current.nps && previous.nps)
    rows.push({ label: 'Net score (promoters minus detractors)', previous: previous.nps.score, current: current.nps.score, change: diff(previous.nps.score, current.nps.score), unit: 'points' })
  if (current.bars && previous.bars && current.type !== 'rating') {
    for (const bar of current.bars) {
      const before = previous.bars.find((b) => b.value === bar.value)
      rows.push({ label: `${bar.label} (% of answers)`, previous: before?.percent ?? null, current: bar.percent, change: diff(before?.percent ?? null, bar.percent), unit: 'percentage points' })
    }
  }
  if (current.ranks && previous.ranks) {
    for (const rank of current.ranks) {
      const before = previous.ranks.find((r) => r.value === rank.value)
      rows.push({ label: `${rank.label} (average place)`, previous: before?.meanRank ?? null, current: rank.meanRank, change: diff(before?.meanRank ?? null, rank.meanRank), unit: 'places' })
    }
  }
  return { questionId: current.id, label: current.label, text: current.text, previousLabel: previous.label, previousYear, rows }
}

export type GroupResult = { value: string; label: string; responses: number; suppressed: boolean; questions: QuestionResult[] }

/**
 * Results for each group of a dimension. A group with fewer responses than
 * the survey's minimum is suppressed, and then the next smallest until the
 * suppressed groups hold at least the minimum between them, or they could be
 * worked out from the total.
 */
export async function breakdown(survey: Survey, by: BreakdownDimension, questions: NumberedQuestion[]): Promise<GroupResult[]> {
  const col = column(by)
  const rows = await db
    .select({ value: sql<string | null>`${col}::text`, n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, survey.id))
    .groupBy(col)
  const counts = new Map(rows.map((r) => [r.value ?? 'unknown', r.n]))
  const groups = DIMENSIONS[by].options
    .map((o) => ({ value: o.value, label: o.label, responses: counts.get(o.value) ?? 0 }))
    .concat(counts.has('unknown') ? [{ value: 'unknown', label: 'Not known', responses: counts.get('unknown')! }] : [])
    .filter((g) => g.responses > 0)
  const suppressed = new Set(groups.filter((g) => g.responses < survey.minGroupSize).map((g) => g.value))
  // The hidden groups together are the total less the groups shown, so they
  // must make a group of at least the minimum too: hide the next smallest
  // until they do.
  const hiddenTotal = () => groups.filter((g) => suppressed.has(g.value)).reduce((a, g) => a + g.responses, 0)
  while (suppressed.size && hiddenTotal() < survey.minGroupSize) {
    const next = groups.filter((g) => !suppressed.has(g.value)).sort((a, b) => a.responses - b.responses)[0]
    if (!next) break
    suppressed.add(next.value)
  }
  const result: GroupResult[] = []
  for (const g of groups) {
    if (suppressed.has(g.value) || g.value === 'unknown') {
      result.push({ ...g, suppressed: suppressed.has(g.value), questions: [] })
      continue
    }
    const submissions = scope(survey.id, { by, value: g.value })
    const qs: QuestionResult[] = []
    for (const q of questions.filter((q) => q.type !== 'long_text' && q.type !== 'short_text')) qs.push(await questionResult(q, submissions))
    result.push({ ...g, suppressed: false, questions: qs })
  }
  return result
}

/**
 * Refuses a view of one group that has fewer responses than the survey's
 * minimum, or whose complement does: all responses less this group would
 * otherwise show the rest.
 */
export async function assertGroupShowable(survey: Survey, by: BreakdownDimension, value: string) {
  const [{ n, total }] = await db
    .select({ n: sql<number>`count(*) filter (where ${column(by)}::text = ${value})`.mapWith(Number), total: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, survey.id))
  if (n < survey.minGroupSize) {
    throw new RuleError(`Results for ${DIMENSIONS[by].labelOf(value)} cannot be shown because fewer than ${survey.minGroupSize} responses came from that group, which could identify who gave them`, {
      code: 'suppressed',
    })
  }
  if (total - n > 0 && total - n < survey.minGroupSize) {
    throw new RuleError(
      `Results for ${DIMENSIONS[by].labelOf(value)} cannot be shown on their own because fewer than ${survey.minGroupSize} responses came from every other group together, which could be worked out from the total`,
      { code: 'suppressed' },
    )
  }
  return n
}

export type Dashboard = Awaited<ReturnType<typeof surveyDashboard>>

const NOTHING_SHOWN = {
  responses: 0,
  respondedOrganisations: 0,
  responseRate: null,
  questions: [] as QuestionResult[],
  filter: null,
  groupError: null,
  groups: null,
  previous: null,
  comparisons: [] as Comparison[],
}

export async function surveyDashboard(survey: Survey, { search, by, group }: { search?: string; by?: BreakdownDimension; group?: string } = {}) {
  const structure = (await getStructure(db, survey.questionnaireId))!
  const availability = await resultsAvailability(survey)
  const [{ invited }] = await db.select({ invited: count() }).from(surveyInvitations).where(eq(surveyInvitations.surveyId, survey.id))
  if (!availability.shown) {
    return { hidden: availability.reason, responded: availability.responded, invited, structure, ...NOTHING_SHOWN }
  }
  let filter: { by: BreakdownDimension; value: string } | undefined
  let groupError: string | null = null
  if (by && group) {
    try {
      await assertGroupShowable(survey, by, group)
      filter = { by, value: group }
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      groupError = error.message
    }
  }
  const submissions = scope(survey.id, filter)
  const [{ responses }] = await db.select({ responses: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))
  const [{ respondedOrganisations }] = await db
    .select({ respondedOrganisations: sql<number>`count(distinct ${surveyParticipations.organisationId})`.mapWith(Number) })
    .from(surveyParticipations)
    .where(
      and(
        eq(surveyParticipations.surveyId, survey.id),
        eq(surveyParticipations.status, 'submitted'),
        sql`${surveyParticipations.organisationId} in (select organisation_id from survey_invitations where survey_id = ${survey.id})`,
      ),
    )
  const questions: QuestionResult[] = []
  for (const q of structure.questions) questions.push(await questionResult(q, submissions, { search }))

  const comparisons: Comparison[] = []
  const [previous] = survey.previousSurveyId ? await db.select().from(surveys).where(eq(surveys.id, survey.previousSurveyId)) : []
  if (previous) {
    const previousStructure = (await getStructure(db, previous.questionnaireId))!
    const previousScope = scope(previous.id)
    for (const q of structure.questions) {
      const pq = previousStructure.questions.find((p) => p.id === q.predecessorQuestionId)
      if (!pq || q.type === 'long_text' || q.type === 'short_text') continue
      const current = questions.find((r) => r.id === q.id)!
      comparisons.push(compare(await questionResult(pq, previousScope), current, previous.year))
    }
  }
  return {
    hidden: null,
    responded: availability.responded,
    structure,
    responses,
    invited,
    respondedOrganisations,
    responseRate: invited ? pct(respondedOrganisations, invited) : null,
    questions,
    filter: filter ? { ...filter, label: DIMENSIONS[filter.by].labelOf(filter.value) } : null,
    groupError,
    groups: by ? await breakdown(survey, by, structure.questions) : null,
    previous: previous ? { id: previous.id, title: previous.title, year: previous.year } : null,
    comparisons,
  }
}

/** Charts of the given questions over all responses; free-text questions are never charted. */
export async function chartResults(survey: Survey, questionIds: string[]) {
  const structure = (await getStructure(db, survey.questionnaireId))!
  const submissions = scope(survey.id)
  const charts: QuestionResult[] = []
  for (const id of questionIds) {
    const q = structure.questions.find((q) => q.id === id)
    if (q && q.type !== 'long_text' && q.type !== 'short_text') charts.push(await questionResult(q, submissions))
  }
  const [{ responses }] = await db.select({ responses: count() }).from(surveyResponses).where(eq(surveyResponses.surveyId, survey.id))
  return { charts, responses }
}

/** Public results: only the charts staff chose, over all responses. */
export const publicResults = (survey: Survey) => chartResults(survey, survey.resultsChartQuestionIds)

type Attribute = 'sector' | 'size'

/**
 * Which of sector and size an anonymous survey's per-response export may
 * carry: the most that leave every combination shown with at least the
 * minimum group size of rows (both, then sector, then size, then neither).
 * Attributed surveys name the respondent, so they carry both.
 */
export async function exportAttributes(survey: Survey): Promise<Attribute[]> {
  if (!survey.anonymous) return ['sector', 'size']
  const cells = await db
    .select({ sector: surveyResponses.sector, sizeBand: surveyResponses.sizeBand, n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, survey.id))
    .groupBy(surveyResponses.sector, surveyResponses.sizeBand)
  const smallest = (key: (c: (typeof cells)[number]) => string) => {
    const groups = new Map<string, number>()
    for (const c of cells) groups.set(key(c), (groups.get(key(c)) ?? 0) + c.n)
    return Math.min(...groups.values())
  }
  const choices: Array<[Attribute[], (c: (typeof cells)[number]) => string]> = [
    [['sector', 'size'], (c) => `${c.sector}|${c.sizeBand}`],
    [['sector'], (c) => String(c.sector)],
    [['size'], (c) => String(c.sizeBand)],
  ]
  for (const [attributes, key] of choices) if (cells.length && smallest(key) >= survey.minGroupSize) return attributes
  return []
}

/**
 * One row per response for export. Anonymous surveys export the answers,
 * no date, and only the attributes exportAttributes allows, and only once
 * their results may be shown; attributed ones also name the respondent and
 * give the day.
 */
export async function exportRows(survey: Survey) {
  await assertResultsShowable(survey)
  const structure = (await getStructure(db, survey.questionnaireId))!
  const attributes = await exportAttributes(survey)
  const rows = await db
    .select({
      submissionId: surveyResponses.submissionId,
      submittedOn: surveyResponses.submittedOn,
      sector: surveyResponses.sector,
      sizeBand: surveyResponses.sizeBand,
      organisation: organisations.name,
      person: users.name,
    })
    .from(surveyResponses)
    .leftJoin(surveyParticipations, eq(surveyParticipations.submissionId, surveyResponses.submissionId))
    .leftJoin(organisations, eq(organisations.id, surveyParticipations.organisationId))
    .leftJoin(users, eq(users.id, surveyParticipations.userId))
    .where(eq(surveyResponses.surveyId, survey.id))
    .orderBy(asc(surveyResponses.submissionId))
  if (!rows.length) throw new RuleError('There are no responses to download yet', { code: 'empty' })
  const out = []
  let n = 0
  for (const r of rows) {
    const answers = await readAnswers(db, r.submissionId)
    n += 1
    out.push({
      response: n,
      ...(survey.anonymous ? {} : { submittedOn: r.submittedOn }),
      ...(attributes.includes('sector') ? { sector: r.sector } : {}),
      ...(attributes.includes('size') ? { sizeBand: r.sizeBand } : {}),
      ...(survey.anonymous ? {} : { organisation: survey.respondAs === 'organisation' ? r.organisation : null, respondent: r.person }),
      answers: Object.fromEntries(structure.questions.map((q) => [q.label, answerText(q, answers[q.id]) || null])),
    })
  }
  const withheld = survey.anonymous ? ['submittedOn', ...(['sector', 'size'] as const).filter((a) => !attributes.includes(a)).map((a) => (a === 'size' ? 'sizeBand' : a))] : []
  return {
    questions: structure.questions.map((q) => ({ label: q.label, text: q.text, type: q.type, predecessorQuestionId: q.predecessorQuestionId ?? null })),
    attributes,
    withheld,
    rows: out,
  }
}

function toCsv(survey: Survey, { questions, attributes, rows }: Awaited<ReturnType<typeof exportRows>>) {
  type Row = (typeof rows)[number] & { submittedOn?: string | null; sector?: string | null; sizeBand?: string | null; organisation?: string | null; respondent?: string | null }
  const columns: Array<[string, (r: Row) => unknown]> = [['Response', (r) => r.response]]
  if (!survey.anonymous) columns.push(['Submitted on', (r) => r.submittedOn])
  if (attributes.includes('sector')) columns.push(['Sector', (r) => r.sector])
  if (attributes.includes('size')) columns.push(['Size', (r) => r.sizeBand])
  if (!survey.anonymous) columns.push(['Organisation', (r) => r.organisation], ['Respondent', (r) => r.respondent])
  for (const q of questions) columns.push([`${q.label}: ${q.text}`, (r) => r.answers[q.label]])
  return csvLine(columns.map(([head]) => head)) + (rows as Row[]).map((r) => csvLine(columns.map(([, cell]) => cell(r)))).join('')
}

export async function exportCsv(survey: Survey) {
  return toCsv(survey, await exportRows(survey))
}

/**
 * A staff member's download of every response, as CSV or JSON; each one is
 * audited with what it held. Refused (RuleError) while an anonymous
 * survey's results may not be shown.
 */
export async function exportSurveyResponses(actor: Actor, survey: Survey, format: 'csv' | 'json') {
  const data = await exportRows(survey)
  await recordAudit(db, {
    actor,
    action: 'survey.exported',
    subjectType: 'survey',
    subjectId: survey.id,
    after: { format, rows: data.rows.length, anonymous: survey.anonymous, attributes: data.attributes, withheld: data.withheld },
  })
  if (format === 'csv') return toCsv(survey, data)
  const body = {
    survey: { title: survey.title, year: survey.year, anonymous: survey.anonymous, minGroupSize: survey.minGroupSize },
    ...(survey.anonymous ? { withheld: data.withheld } : {}),
    questions: data.questions,
    responses: data.rows,
  }
  return JSON.stringify(body, null, 2)
}
