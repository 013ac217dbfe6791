import { randomBytes } from 'node:crypto'
import type { Actor } from '~/lib/actor'
import { slugify } from '~/lib/slug'
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '~/lib/db.server'
import { singleton } from '~/lib/singleton.server'
import { fail, ForbiddenError, type Result } from '~/lib/result'
import {
  caseStudies,
  caseStudyComments,
  caseStudyOutcomes,
  caseStudyRatings,
  caseStudyRevisions,
  caseStudyValidations,
  organisationMembers,
  organisations,
  users,
  type CaseStudy,
  type Role,
} from '~db/schema'
import { queueTopicAlert } from '~/modules/newsletters/topic-alerts.server'
import { queueIndexing } from '~search/outbox.server'
import { validateCaseStudy, type CaseStudyInput, type ValidCaseStudy } from './input.server'
import { bayesianScore } from './options'

export type { CaseStudy }

/** Who is acting. Only the fields the rules need, so tests and routes can pass a session user. */
export type Viewer = Actor | null

export const isStaffRole = (role: Role | undefined) => role === 'staff' || role === 'admin'

/**
 * Accounts younger than this are held to posting limits, which keeps a
 * freshly registered spammer from flooding the forum before staff notice.
 */
export const NEW_ACCOUNT_DAYS = 7
export const NEW_ACCOUNT_CASE_STUDIES_PER_DAY = 3
export const NEW_ACCOUNT_COMMENTS_PER_HOUR = 10

export async function isNewAccount(tx: DbOrTx, userId: string, now = new Date()) {
  const [user] = await tx.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId))
  return !user || now.getTime() - user.createdAt.getTime() < NEW_ACCOUNT_DAYS * 86_400_000
}

export async function memberOrganisationIds(tx: DbOrTx, userId: string): Promise<string[]> {
  const rows = await tx.select({ id: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, userId))
  return rows.map((r) => r.id)
}

export async function isMemberOf(tx: DbOrTx, userId: string, organisationId: string) {
  return (await memberOrganisationIds(tx, userId)).includes(organisationId)
}

/** The organisations a person can post for, for the form's choice. */
export async function postingOrganisations(userId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisationMembers)
    .innerJoin(organisations, eq(organisations.id, organisationMembers.organisationId))
    .where(eq(organisationMembers.userId, userId))
    .orderBy(asc(organisations.name))
}

function slugFor(title: string) {
  return `${slugify(title, 'case-study', 60)}-${randomBytes(3).toString('hex')}`
}

function columnsFrom(data: ValidCaseStudy) {
  return {
    title: data.title,
    summary: data.summary,
    storyJson: data.story.json,
    storyHtml: data.story.html,
    storyText: data.story.text,
    claimantGroups: data.claimantGroups,
    journeyStages: data.journeyStages,
    interventionTypes: data.interventionTypes,
    regions: data.regions,
    programme: data.programme,
    periodFrom: data.periodFrom,
    periodTo: data.periodTo,
    cohortSize: data.cohortSize,
    evidenceMethod: data.evidenceMethod,
  }
}

/** Saves a new draft on behalf of one of the actor's organisations. */
export async function createCaseStudy(actor: Actor, input: CaseStudyInput, { now = new Date(), publish = false }: { now?: Date; publish?: boolean } = {}): Promise<Result<CaseStudy>> {
  const orgs = await memberOrganisationIds(db, actor.id)
  if (!input.organisationId || !orgs.includes(input.organisationId)) {
    return fail({ organisationId: orgs.length ? 'Select an organisation you belong to' : 'You need to belong to an organisation to post a case study' })
  }
  const valid = validateCaseStudy(input)
  if (!valid.ok) return valid
  if (await isNewAccount(db, actor.id, now)) {
    const [recent] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseStudies)
      .where(and(eq(caseStudies.authorId, actor.id), gte(caseStudies.createdAt, new Date(now.getTime() - 86_400_000))))
    if ((recent?.n ?? 0) >= NEW_ACCOUNT_CASE_STUDIES_PER_DAY) {
      return fail({ form: `New accounts can post up to ${NEW_ACCOUNT_CASE_STUDIES_PER_DAY} case studies a day. Try again tomorrow.` })
    }
  }
  const caseStudy = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(caseStudies)
      .values({
        ...columnsFrom(valid.data),
        slug: slugFor(valid.data.title),
        organisationId: valid.data.organisationId,
        authorId: actor.id,
        status: publish ? 'published' : 'draft',
        publishedAt: publish ? now : null,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    await replaceOutcomes(tx, row.id, valid.data.outcomes)
    await queueIndexing(tx, 'case_studies', row.id)
    if (publish) await queueTopicAlert(tx, { kind: 'case_study', id: row.id }, { now })
    return row
  })
  return { ok: true, value: caseStudy }
}

async function replaceOutcomes(tx: DbOrTx, caseStudyId: string, outcomes: ValidCaseStudy['outcomes']) {
  await tx.delete(caseStudyOutcomes).where(eq(caseStudyOutcomes.caseStudyId, caseStudyId))
  if (outcomes.length) await tx.insert(caseStudyOutcomes).values(outcomes.map((o, position) => ({ ...o, caseStudyId, position })))
}

export const REVISED_FIELDS = {
  title: 'Title',
  summary: 'Summary',
  story: 'Story',
  claimantGroups: 'Claimant groups',
  journeyStages: 'Customer journey stages',
  interventionTypes: 'Intervention types',
  regions: 'Regions',
  programme: 'Programme',
  period: 'Period covered',
  cohortSize: 'Cohort size',
  evidenceMethod: 'How the evidence was gathered',
  outcomes: 'Outcomes',
} as const
export type RevisedField = keyof typeof REVISED_FIELDS

type Snapshot = Record<RevisedField, unknown>

function snapshot(
  cs: Pick<
    CaseStudy,
    'title' | 'summary' | 'storyText' | 'claimantGroups' | 'journeyStages' | 'interventionTypes' | 'regions' | 'programme' | 'periodFrom' | 'periodTo' | 'cohortSize' | 'evidenceMethod'
  >,
  outcomes: Array<{ measure: string; target: number | null; achieved: number }>,
): Snapshot {
  return {
    title: cs.title,
    summary: cs.summary,
    story: cs.storyText,
    claimantGroups: [...cs.claimantGroups].sort(),
    journeyStages: [...cs.journeyStages].sort(),
    interventionTypes: [...cs.interventionTypes].sort(),
    regions: [...cs.regions].sort(),
    programme: cs.programme,
    period: `${cs.periodFrom} to ${cs.periodTo}`,
    cohortSize: cs.cohortSize,
    evidenceMethod: cs.evidenceMethod,
    outcomes: outcomes.map((o) => ({ measure: o.measure, target: o.target, achieved: o.achieved })),
  }
}

/**
 * Each edit since publication, newest first, with every changed field's
 * value before and after it. Only the earlier values are stored, so an
 * edit's "after" is the next edit's "before", or the case study as it is now.
 */
export function editHistory<R extends { changedFields: string[]; before: unknown }>(
  cs: Parameters<typeof snapshot>[0],
  outcomes: Parameters<typeof snapshot>[1],
  revisions: R[],
): Array<R & { changes: Array<{ field: RevisedField; before: unknown; after: unknown }> }> {
  const current: Snapshot = snapshot(cs, outcomes)
  return revisions.map((revision) => {
    const before = revision.before as Partial<Snapshot>
    const fields = revision.changedFields.filter((f): f is RevisedField => Object.hasOwn(REVISED_FIELDS, f))
    const changes = fields.map((field) => ({ field, before: before[field], after: current[field] }))
    for (const field of fields) current[field] = before[field]
    return { ...revision, changes }
  })
}

const NOT_A_MEMBER = 'Only members of the organisation that posted this case study can change it'

/** The case study, locked for the change; a ForbiddenError for anyone outside its organisation. */
async function loadForChange(tx: DbOrTx, actor: Actor, caseStudyId: string) {
  const [cs] = await tx.select().from(caseStudies).where(eq(caseStudies.id, caseStudyId)).for('update')
  if (!cs) return { ok: false as const, errors: { form: 'Case study not found' } }
  if (!(await isMemberOf(tx, actor.id, cs.organisationId))) throw new ForbiddenError(NOT_A_MEMBER)
  return { ok: true as const, cs }
}

/**
 * Saves changes by a member of the author organisation. Once a case study
 * is published, every saved change leaves a revision with the earlier
 * values, which readers see as "edited" with what changed.
 */
export async function updateCaseStudy(actor: Actor, caseStudyId: string, input: CaseStudyInput, { now = new Date() }: { now?: Date } = {}): Promise<Result<CaseStudy>> {
  return db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, caseStudyId)
    if (!loaded.ok) return loaded
    const { cs } = loaded
    // The organisation a case study was posted for does not change.
    const valid = validateCaseStudy({ ...input, organisationId: cs.organisationId })
    if (!valid.ok) return valid
    const oldOutcomes = await tx.select().from(caseStudyOutcomes).where(eq(caseStudyOutcomes.caseStudyId, cs.id)).orderBy(asc(caseStudyOutcomes.position))
    const before = snapshot(cs, oldOutcomes)
    const cols = columnsFrom(valid.data)
    const after = snapshot({ ...cs, ...cols, storyText: cols.storyText }, valid.data.outcomes)
    const changed = (Object.keys(REVISED_FIELDS) as RevisedField[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    if (!changed.length) return { ok: true as const, value: cs }
    const published = cs.status === 'published'
    const [row] = await tx
      .update(caseStudies)
      .set({ ...cols, lastEditedAt: published ? now : cs.lastEditedAt, updatedAt: now })
      .where(eq(caseStudies.id, cs.id))
      .returning()
    await replaceOutcomes(tx, cs.id, valid.data.outcomes)
    if (published) {
      await tx.insert(caseStudyRevisions).values({
        caseStudyId: cs.id,
        editorId: actor.id,
        changedFields: changed,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        createdAt: now,
      })
    }
    await queueIndexing(tx, 'case_studies', cs.id)
    return { ok: true as const, value: row }
  })
}

export async function publishCaseStudy(actor: Actor, caseStudyId: string, { now = new Date() }: { now?: Date } = {}): Promise<Result<CaseStudy>> {
  return db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, caseStudyId)
    if (!loaded.ok) return loaded
    if (loaded.cs.status === 'published') return { ok: true as const, value: loaded.cs }
    const [row] = await tx.update(caseStudies).set({ status: 'published', publishedAt: now, updatedAt: now }).where(eq(caseStudies.id, caseStudyId)).returning()
    await queueIndexing(tx, 'case_studies', caseStudyId)
    await queueTopicAlert(tx, { kind: 'case_study', id: caseStudyId }, { now })
    return { ok: true as const, value: row }
  })
}

/** Drafts are deleted by their organisation; published case studies are hidden by staff instead. */
export async function deleteDraft(actor: Actor, caseStudyId: string): Promise<Result> {
  return db.transaction(async (tx) => {
    const loaded = await loadForChange(tx, actor, caseStudyId)
    if (!loaded.ok) return loaded
    if (loaded.cs.status !== 'draft') return fail({ form: 'Only drafts can be deleted' })
    await tx.delete(caseStudies).where(eq(caseStudies.id, caseStudyId))
    await queueIndexing(tx, 'case_studies', caseStudyId, 'delete')
    return { ok: true as const }
  })
}

/** Published and not hidden: the only case studies visitors, lists, exports and search see. */
export const publiclyVisible = and(eq(caseStudies.status, 'published'), isNull(caseStudies.hiddenAt))!

export type RatingSummary = { count: number; mean: number | null; score: number }

export function ratingSummary(count: number, sum: number): RatingSummary {
  return { count, mean: count ? sum / count : null, score: bayesianScore(count, sum) }
}

export async function ratingSummaryFor(tx: DbOrTx, caseStudyId: string): Promise<RatingSummary> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int`, sum: sql<number>`coalesce(sum(${caseStudyRatings.score}), 0)::int` })
    .from(caseStudyRatings)
    .where(eq(caseStudyRatings.caseStudyId, caseStudyId))
  return ratingSummary(row?.count ?? 0, row?.sum ?? 0)
}

/** A case study by its slug, with the names its page shows beside it. */
export async function caseStudyBySlug(slug: string) {
  const [row] = await db
    .select({ caseStudy: caseStudies, organisationName: organisations.name, organisationSlug: organisations.slug, authorName: users.name })
    .from(caseStudies)
    .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
    .leftJoin(users, eq(users.id, caseStudies.authorId))
    .where(eq(caseStudies.slug, slug))
  return row ?? null
}

/** Whether this viewer may see the case study at all: drafts only its organisation's members; hidden ones those members and staff. */
export function maySee(cs: CaseStudy, viewer: Viewer, viewerOrgs: string[]) {
  const isAuthorMember = viewerOrgs.includes(cs.organisationId)
  if (cs.status !== 'published' && !isAuthorMember) return false
  if (cs.hiddenAt && !isAuthorMember && !isStaffRole(viewer?.role)) return false
  return true
}

/** What a case study's page shows whoever looks: its outcomes, its changes (newest first, or only the latest), its rating and who validated it. */
export async function caseStudyContent(cs: CaseStudy, { latestRevisionOnly = false } = {}) {
  const revisionsQuery = db
    .select({ id: caseStudyRevisions.id, createdAt: caseStudyRevisions.createdAt, changedFields: caseStudyRevisions.changedFields, before: caseStudyRevisions.before, editorName: users.name })
    .from(caseStudyRevisions)
    .leftJoin(users, eq(users.id, caseStudyRevisions.editorId))
    .where(eq(caseStudyRevisions.caseStudyId, cs.id))
    .orderBy(desc(caseStudyRevisions.createdAt))
  const [outcomes, revisions, rating, validations] = await Promise.all([
    db.select().from(caseStudyOutcomes).where(eq(caseStudyOutcomes.caseStudyId, cs.id)).orderBy(asc(caseStudyOutcomes.position)),
    latestRevisionOnly ? revisionsQuery.limit(1) : revisionsQuery,
    ratingSummaryFor(db, cs.id),
    db
      .select({
        userId: caseStudyValidations.userId,
        organisationName: organisations.name,
        organisationId: caseStudyValidations.organisationId,
        note: caseStudyValidations.note,
        createdAt: caseStudyValidations.createdAt,
        name: users.name,
      })
      .from(caseStudyValidations)
      .innerJoin(organisations, eq(organisations.id, caseStudyValidations.organisationId))
      .innerJoin(users, eq(users.id, caseStudyValidations.userId))
      .where(eq(caseStudyValidations.caseStudyId, cs.id))
      .orderBy(asc(caseStudyValidations.createdAt)),
  ])
  return { outcomes, revisions, rating, validations }
}

// Read for every signed-in view of a case study: built once, with the viewer and case study as parameters.
const viewerFactsQuery = singleton('case-study-viewer-facts', () =>
  db
    .select({
      organisationIds: sql<string[]>`coalesce(array_agg(${organisationMembers.organisationId}), '{}')`,
      myRating: sql<number | null>`(select ${caseStudyRatings.score} from ${caseStudyRatings}
        where ${caseStudyRatings.caseStudyId} = ${sql.placeholder('caseStudyId')} and ${caseStudyRatings.userId} = ${sql.placeholder('userId')})`,
    })
    .from(organisationMembers)
    .where(eq(organisationMembers.userId, sql.placeholder('userId')))
    .prepare('case_study_viewer_facts'),
)

/** The organisations the viewer belongs to and their own score for this case study, in one query. */
export async function viewerFacts(caseStudyId: string, viewer: Viewer): Promise<{ organisationIds: string[]; myRating: number | null }> {
  if (!viewer) return { organisationIds: [], myRating: null }
  const [row] = await viewerFactsQuery.execute({ caseStudyId, userId: viewer.id })
  return { organisationIds: row?.organisationIds ?? [], myRating: row?.myRating ?? null }
}

/** What this viewer may do on a case study's page, from the organisations they belong to. */
export function viewerRights(cs: CaseStudy, validations: Array<{ userId: string }>, viewer: Viewer, viewerOrgs: string[]) {
  const isAuthorMember = viewerOrgs.includes(cs.organisationId)
  const staff = isStaffRole(viewer?.role)
  const otherOrganisation = viewerOrgs.some((id) => id !== cs.organisationId)
  return {
    canEdit: isAuthorMember,
    // Rating and validating are for members of other organisations only.
    canRate: Boolean(viewer) && otherOrganisation && !isAuthorMember && cs.status === 'published',
    canValidate: Boolean(viewer) && otherOrganisation && !isAuthorMember && cs.status === 'published' && !validations.some((v) => v.userId === viewer?.id),
    hasValidated: validations.some((v) => v.userId === viewer?.id),
    // Why a signed-in person sees no rating form, so they are told rather than left looking for one.
    cannotRateBecause: !viewer || cs.status !== 'published' ? null : isAuthorMember ? ('own-organisation' as const) : !otherOrganisation && !staff ? ('no-organisation' as const) : null,
    isStaff: staff,
    signedIn: Boolean(viewer),
  }
}

/**
 * What a page may show of a case study to this viewer. Drafts are seen
 * only by the author organisation; hidden ones by staff (to restore them)
 * and the author organisation (to see why). Everyone else gets null.
 */
export async function findCaseStudyForViewer(slug: string, viewer: Viewer) {
  const row = await caseStudyBySlug(slug)
  if (!row) return null
  const cs = row.caseStudy
  const { organisationIds, myRating } = await viewerFacts(cs.id, viewer)
  if (!maySee(cs, viewer, organisationIds)) return null
  const content = await caseStudyContent(cs)
  return {
    caseStudy: cs,
    organisation: { name: row.organisationName, slug: row.organisationSlug },
    authorName: row.authorName,
    ...content,
    myRating,
    viewer: viewerRights(cs, content.validations, viewer, organisationIds),
  }
}

export async function findCaseStudyById(id: string) {
  const [cs] = await db.select().from(caseStudies).where(eq(caseStudies.id, id))
  return cs ?? null
}

/** A case study with its outcomes, for the edit form; only its organisation's members get it, anyone else a ForbiddenError. */
export async function findCaseStudyForEdit(actor: Actor, slug: string) {
  const [cs] = await db.select().from(caseStudies).where(eq(caseStudies.slug, slug))
  if (!cs) return null
  if (!(await isMemberOf(db, actor.id, cs.organisationId))) throw new ForbiddenError(NOT_A_MEMBER)
  const outcomes = await db.select().from(caseStudyOutcomes).where(eq(caseStudyOutcomes.caseStudyId, cs.id)).orderBy(asc(caseStudyOutcomes.position))
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, cs.organisationId))
  return { caseStudy: cs, outcomes, organisationName: org?.name ?? '' }
}

/** The actor's organisations' drafts and published case studies, newest first. */
export async function caseStudiesForMember(userId: string) {
  const orgIds = await memberOrganisationIds(db, userId)
  if (!orgIds.length) return []
  return db
    .select({
      id: caseStudies.id,
      slug: caseStudies.slug,
      title: caseStudies.title,
      status: caseStudies.status,
      hiddenAt: caseStudies.hiddenAt,
      updatedAt: caseStudies.updatedAt,
      organisationName: organisations.name,
    })
    .from(caseStudies)
    .innerJoin(organisations, eq(organisations.id, caseStudies.organisationId))
    .where(inArray(caseStudies.organisationId, orgIds))
    .orderBy(desc(caseStudies.updatedAt))
}

export async function visibleCommentCount(tx: DbOrTx, caseStudyId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(caseStudyComments)
    .where(and(eq(caseStudyComments.caseStudyId, caseStudyId), isNull(caseStudyComments.hiddenAt)))
  return row?.n ?? 0
}

/** An organisation's case studies that everyone may read, newest first, for its profile. */
export async function publishedCaseStudiesOf(organisationId: string) {
  return db
    .select({ slug: caseStudies.slug, title: caseStudies.title, summary: caseStudies.summary, publishedAt: caseStudies.publishedAt })
    .from(caseStudies)
    .where(and(eq(caseStudies.organisationId, organisationId), publiclyVisible))
    .orderBy(desc(caseStudies.publishedAt))
}
