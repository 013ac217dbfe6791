import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Actor } from '~/lib/actor'
import { slugify } from '~/lib/slug'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx } from '~/lib/db.server'
import { consultationExtensions, consultationResponses, consultations, type Consultation, type ConsultationPages, CONSULTATION_PAGES } from '~db/schema'
import type { NumberRange } from '~search/engine'
import { queueIndexing } from '~search/outbox.server'
import { searchIndex } from '~search/search.server'
import { queueTopicAlert } from '../newsletters/topic-alerts.server'
import { createQuestionnaire, getStructure, lockQuestionnaire } from '../questionnaires/structure.server'
import type { FinderPhase } from './phases'
import { isUuid } from '~/lib/ids'
import { RuleError } from '~/lib/result'

export { FINDER_PHASES, type FinderPhase } from './phases'

export type Phase = 'draft' | 'upcoming' | 'open' | 'closed' | 'outcome'

export const PHASE_LABELS: Record<Phase, string> = {
  draft: 'Draft',
  upcoming: 'Upcoming',
  open: 'Open',
  closed: 'Closed',
  outcome: 'Outcome published',
}

export const NATIONS = [
  { value: 'england', label: 'England' },
  { value: 'wales', label: 'Wales' },
  { value: 'scotland', label: 'Scotland' },
  { value: 'northern-ireland', label: 'Northern Ireland' },
] as const

export function phaseOf(c: Pick<Consultation, 'status' | 'opensAt' | 'closesAt' | 'outcomePublishedAt'>, now = new Date()): Phase {
  if (c.status === 'draft') return 'draft'
  if (c.outcomePublishedAt) return 'outcome'
  if (now < c.opensAt) return 'upcoming'
  if (now < c.closesAt) return 'open'
  return 'closed'
}

export function isOpen(c: Pick<Consultation, 'status' | 'opensAt' | 'closesAt' | 'outcomePublishedAt'>, now = new Date()) {
  return c.status === 'published' && now >= c.opensAt && now < c.closesAt
}

async function uniqueSlug(tx: DbOrTx, title: string) {
  const base = slugify(title, 'consultation')
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`
    const [taken] = await tx.select({ id: consultations.id }).from(consultations).where(eq(consultations.slug, slug))
    if (!taken) return slug
  }
}

export function pagesText(pages: ConsultationPages) {
  return CONSULTATION_PAGES.map((key) => pages[key]?.text ?? '')
    .filter(Boolean)
    .join('\n\n')
}

export type ConsultationDetails = {
  title: string
  summary: string
  pages: ConsultationPages
  nations: string[]
  contactEmail: string
  contactAddress: string
  opensAt: Date
  closesAt: Date
  /** Days before closing that unsubmitted drafts are reminded; the column's default when absent. */
  reminderDays?: number
}

export async function createConsultation(tx: DbOrTx, actor: Actor | null, input: ConsultationDetails & { slug?: string }) {
  if (input.closesAt <= input.opensAt) throw new RuleError('The closing date must be after the opening date')
  const questionnaire = await createQuestionnaire(tx, input.title)
  const [row] = await tx
    .insert(consultations)
    .values({
      ...input,
      slug: input.slug ?? (await uniqueSlug(tx, input.title)),
      questionnaireId: questionnaire.id,
      pagesText: pagesText(input.pages),
    })
    .returning()
  await recordAudit(tx, { actor, action: 'consultation.create', subjectType: 'consultation', subjectId: row.id, after: { title: row.title } })
  await queueIndexing(tx, 'consultations', row.id)
  return row
}

/**
 * Changes the details. Once published, the dates are fixed: the closing
 * date moves only by an extension with a reason (extendClosingDate).
 */
export async function updateConsultation(tx: DbOrTx, actor: Actor, id: string, input: ConsultationDetails) {
  const [before] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
  if (!before) throw new RuleError('Consultation not found')
  // Dates are fixed once a consultation is open, or anyone has responded to it.
  const published = before.status === 'published' && !(await isUpcomingWithoutResponses(before, { tx }))
  if (!published && input.closesAt <= input.opensAt) throw new RuleError('The closing date must be after the opening date')
  if (!published && before.status === 'published' && input.opensAt <= new Date()) throw new RuleError('The opening date must be in the future; to open it now, set a time a few minutes ahead')
  const [after] = await tx
    .update(consultations)
    .set({
      title: input.title,
      summary: input.summary,
      pages: input.pages,
      pagesText: pagesText(input.pages),
      nations: input.nations,
      contactEmail: input.contactEmail,
      contactAddress: input.contactAddress,
      reminderDays: input.reminderDays,
      ...(published ? {} : { opensAt: input.opensAt, closesAt: input.closesAt }),
    })
    .where(eq(consultations.id, id))
    .returning()
  await recordAudit(tx, {
    actor,
    action: 'consultation.update',
    subjectType: 'consultation',
    subjectId: id,
    before: { title: before.title, summary: before.summary, opensAt: before.opensAt, closesAt: before.closesAt, reminderDays: before.reminderDays },
    after: { title: after.title, summary: after.summary, opensAt: after.opensAt, closesAt: after.closesAt, reminderDays: after.reminderDays },
  })
  await queueIndexing(tx, 'consultations', id)
  return after
}

/** A published consultation that has not opened and has no responses can still change its questions and dates. */
export async function isUpcomingWithoutResponses(c: Consultation, { tx = db, now = new Date() }: { tx?: DbOrTx; now?: Date } = {}) {
  if (c.status !== 'published' || phaseOf(c, now) !== 'upcoming') return false
  const [row] = await tx.select({ id: consultationResponses.id }).from(consultationResponses).where(eq(consultationResponses.consultationId, c.id)).limit(1)
  return !row
}

export async function publishConsultation(tx: DbOrTx, actor: Actor | null, id: string, now = new Date()) {
  const [before] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
  if (!before) throw new RuleError('Consultation not found')
  if (before.status === 'published') return before
  const structure = await getStructure(tx, before.questionnaireId)
  if (!structure?.questions.length) throw new RuleError('Add at least one question before publishing')
  if (before.closesAt <= now) throw new RuleError('The closing date must be in the future')
  // An upcoming consultation's questions stay open to change until it opens and the first response starts.
  if (before.opensAt <= now) await lockQuestionnaire(tx, before.questionnaireId)
  const [after] = await tx.update(consultations).set({ status: 'published', publishedAt: now }).where(eq(consultations.id, id)).returning()
  await recordAudit(tx, { actor, action: 'consultation.publish', subjectType: 'consultation', subjectId: id, before: { status: 'draft' }, after: { status: 'published' } })
  await queueIndexing(tx, 'consultations', id)
  await queueTopicAlert(tx, { kind: 'consultation', id }, { now })
  return after
}

export async function extendClosingDate(tx: DbOrTx, actor: Actor | null, id: string, newClosesAt: Date, reason: string) {
  const [before] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
  if (!before) throw new RuleError('Consultation not found')
  if (before.status !== 'published') throw new RuleError('Only a published consultation can be extended; change the dates of a draft directly')
  if (before.outcomePublishedAt) throw new RuleError('The outcome has been published, so the consultation cannot be reopened')
  if (newClosesAt <= before.closesAt) throw new RuleError('The new closing date must be after the current closing date')
  if (!reason.trim()) throw new RuleError('Enter the reason for extending the consultation')
  await tx.insert(consultationExtensions).values({ consultationId: id, previousClosesAt: before.closesAt, newClosesAt, reason, createdById: actor?.id ?? null })
  const [after] = await tx.update(consultations).set({ closesAt: newClosesAt }).where(eq(consultations.id, id)).returning()
  await recordAudit(tx, {
    actor,
    action: 'consultation.extend',
    subjectType: 'consultation',
    subjectId: id,
    before: { closesAt: before.closesAt },
    after: { closesAt: newClosesAt, reason },
  })
  await queueIndexing(tx, 'consultations', id)
  return after
}

/** A new draft, with its empty questionnaire. */
export async function draftConsultation(actor: Actor, input: ConsultationDetails) {
  return db.transaction((tx) => createConsultation(tx, actor, input))
}

export async function saveConsultationDetails(actor: Actor, id: string, input: ConsultationDetails) {
  return db.transaction((tx) => updateConsultation(tx, actor, id, input))
}

export async function extendConsultation(actor: Actor, id: string, newClosesAt: Date, reason: string) {
  return db.transaction((tx) => extendClosingDate(tx, actor, id, newClosesAt, reason))
}

export async function getConsultation(tx: DbOrTx, id: string) {
  if (!isUuid(id)) return null
  const [row] = await tx.select().from(consultations).where(eq(consultations.id, id))
  return row ?? null
}

/** The consultation's sections and numbered questions. */
export async function consultationStructure(c: Pick<Consultation, 'questionnaireId'>) {
  return (await getStructure(db, c.questionnaireId))!
}

export async function getConsultationBySlug(tx: DbOrTx, slug: string) {
  const [row] = await tx.select().from(consultations).where(eq(consultations.slug, slug))
  return row ?? null
}

export async function listExtensions(consultationId: string) {
  return db.select().from(consultationExtensions).where(eq(consultationExtensions.consultationId, consultationId)).orderBy(asc(consultationExtensions.createdAt))
}

export async function listAllForStaff(tx: DbOrTx = db) {
  return tx.select().from(consultations).orderBy(desc(consultations.createdAt))
}

export const FINDER_PAGE_SIZE = 10

type FinderSegment = { filters: Record<string, string[]>; ranges: Record<string, NumberRange> }

/**
 * The finder lists open consultations first, then upcoming, then the rest.
 * Which is which depends on the time of the search, so each group is one
 * search of the index by its dates, and the chosen phases narrow each group.
 */
function finderSegments(phases: FinderPhase[], now: Date): FinderSegment[] {
  const at = now.getTime()
  const all = !phases.length
  const has = (phase: FinderPhase) => all || phases.includes(phase)
  const outcomeOnly = { outcome: ['published'] }
  const segments: FinderSegment[] = []
  const open = { opensAt: { lte: at }, closesAt: { gt: at } }
  if (has('open')) segments.push({ filters: {}, ranges: open })
  else if (has('outcome')) segments.push({ filters: outcomeOnly, ranges: open })
  const upcoming = { opensAt: { gt: at } }
  if (has('upcoming')) segments.push({ filters: {}, ranges: upcoming })
  else if (has('outcome')) segments.push({ filters: outcomeOnly, ranges: upcoming })
  const ended = { opensAt: { lte: at }, closesAt: { lte: at } }
  if (has('closed') && has('outcome')) segments.push({ filters: {}, ranges: ended })
  else if (has('closed')) segments.push({ filters: { outcome: ['pending'] }, ranges: ended })
  else if (has('outcome')) segments.push({ filters: outcomeOnly, ranges: ended })
  return segments
}

/** One page of ids across the groups in order, as if they were one list. */
async function findIds(text: string, segments: FinderSegment[], page: number) {
  const perPage = FINDER_PAGE_SIZE
  let skip = (page - 1) * perPage
  let need = perPage
  let total = 0
  const ids: string[] = []
  for (const segment of segments) {
    const search = (p: number) => searchIndex('consultations', { text, filters: segment.filters, ranges: segment.ranges, sort: [{ field: 'closesAt', direction: 'desc' }], page: p, perPage })
    const startPage = Math.floor(skip / perPage) + 1
    const first = await search(startPage)
    total += first.total
    if (need > 0 && skip < first.total) {
      const within = skip % perPage
      const hits = first.hits.slice(within)
      if (hits.length < need && startPage < first.pageCount) hits.push(...(await search(startPage + 1)).hits)
      const taken = hits.slice(0, need).map((hit) => hit.id)
      ids.push(...taken)
      need -= taken.length
      skip = 0
    } else {
      skip = Math.max(0, skip - first.total)
    }
  }
  return { ids, total }
}

/**
 * The public finder: published consultations only, filtered by phase and
 * text. The search engine answers the text box (typo-tolerant, like
 * /search) and the phases, by dates at the moment of searching; the rows
 * are then read from PostgreSQL.
 */
export async function findConsultations({ q, phases, page = 1 }: { q?: string; phases?: FinderPhase[]; page?: number }, now = new Date()) {
  const { ids, total } = await findIds(q?.trim() ?? '', finderSegments(phases ?? [], now), page)
  const found = ids.length
    ? await db
        .select()
        .from(consultations)
        .where(and(inArray(consultations.id, ids), eq(consultations.status, 'published')))
    : []
  const byId = new Map(found.map((row) => [row.id, row]))
  const rows = ids.flatMap((id) => byId.get(id) ?? [])
  return { total, rows, pageCount: Math.max(1, Math.ceil(total / FINDER_PAGE_SIZE)) }
}
