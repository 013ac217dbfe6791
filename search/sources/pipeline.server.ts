import { and, asc, gt, inArray, isNotNull, isNull } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { supplierNamesByAward } from '~/modules/pipeline/awards.server'
import { valueBandOf } from '~/modules/pipeline/model'
import { pipelineAwards, pipelineEvents, pipelineNotices, pipelineQuestions } from '~db/schema'
import { epoch, type SearchSource } from '../search-source'

/** "2027" for a date from April 2027 to March 2028, as the list's service start filter reads it. */
function financialYearOf(date: string) {
  const [year, month] = date.split('-').map(Number) as [number, number]
  return String(month >= 4 ? year : year - 1)
}

/** Notices are public once published; drafts have no publishedAt and stay out. */
export const pipelineSource: SearchSource = {
  async load(db: DbOrTx, ids: string[]) {
    const rows = await db
      .select()
      .from(pipelineNotices)
      .where(and(inArray(pipelineNotices.id, ids), isNotNull(pipelineNotices.publishedAt)))
    // Event titles and published clarifications are searchable with their notice; who asked never is.
    const found = rows.map((r) => r.id)
    const events = found.length
      ? await db
          .select({ noticeId: pipelineEvents.noticeId, title: pipelineEvents.title })
          .from(pipelineEvents)
          .where(and(inArray(pipelineEvents.noticeId, found), isNull(pipelineEvents.cancelledAt)))
      : []
    const questions = found.length
      ? await db
          .select({ noticeId: pipelineQuestions.noticeId, question: pipelineQuestions.publishedQuestion, answer: pipelineQuestions.answer })
          .from(pipelineQuestions)
          .where(and(inArray(pipelineQuestions.noticeId, found), isNotNull(pipelineQuestions.publishedAt)))
      : []
    // An awarded notice is found by the names of the suppliers it was awarded to.
    const awards = found.length ? await db.select({ id: pipelineAwards.id, noticeId: pipelineAwards.noticeId }).from(pipelineAwards).where(inArray(pipelineAwards.noticeId, found)) : []
    const suppliers = await supplierNamesByAward(
      awards.map((a) => a.id),
      db,
    )
    const awardedTo = (id: string) => awards.filter((a) => a.noticeId === id).map((a) => `Awarded to ${(suppliers.get(a.id) ?? []).join(', ')}`)
    const engagement = (id: string) => [
      ...events.filter((e) => e.noticeId === id).map((e) => `Market engagement event: ${e.title}`),
      ...questions.filter((q) => q.noticeId === id).map((q) => `${q.question} ${q.answer}`),
    ]
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      summary: row.summary,
      reference: row.reference,
      body: [row.descriptionText, row.programme, row.buyer, row.cpvCodes.join(' '), ...awardedTo(row.id), ...engagement(row.id)].filter(Boolean).join('\n\n'),
      url: `/pipeline/${row.slug}`,
      status: row.status,
      regions: row.regions,
      route: row.route,
      valueBand: valueBandOf(row.valueMaxPence),
      sme: row.suitableForSme ? 'yes' : 'no',
      vcse: row.suitableForVcse ? 'yes' : 'no',
      valueMax: row.valueMaxPence,
      serviceStart: epoch(row.serviceStartDate),
      startYear: row.serviceStartDate ? financialYearOf(row.serviceStartDate) : null,
      updated: epoch(row.lastUpdatedAt),
      date: epoch(row.publishedAt),
    }))
  },
  async listIds(db: DbOrTx, after: string | null, limit: number) {
    const rows = await db
      .select({ id: pipelineNotices.id })
      .from(pipelineNotices)
      .where(and(isNotNull(pipelineNotices.publishedAt), after ? gt(pipelineNotices.id, after) : undefined))
      .orderBy(asc(pipelineNotices.id))
      .limit(limit)
    return rows.map((r) => r.id)
  },
}
