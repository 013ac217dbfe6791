import { eq } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db, type DbOrTx, type Tx } from '~/lib/db.server'
import { RuleError } from '~/lib/result'
import { formatDateTime } from '~/lib/time'
import { pipelineKpis, pipelineLots, pipelineNotices, type PipelineNotice, type PipelineStatus } from '~db/schema'
import { canTransition, STATUS_LABELS } from './model'
import { checkNotice, getNotice, noticeColumns, noticeInputOf, slugFor, type NoticeInput } from './notices.server'
import type { Actor } from '~/lib/actor'
import { addRevision, describeChanges } from './revisions.server'

/** Staff writes to the pipeline: drafting, changing, publishing and moving a notice on. Each is one transaction with its audit entry. */

async function referenceTaken(tx: DbOrTx, reference: string, exceptId?: string) {
  const [row] = await tx.select({ id: pipelineNotices.id }).from(pipelineNotices).where(eq(pipelineNotices.reference, reference))
  return Boolean(row && row.id !== exceptId)
}

async function replaceChildren(tx: Tx, noticeId: string, input: NoticeInput) {
  await tx.delete(pipelineLots).where(eq(pipelineLots.noticeId, noticeId))
  await tx.delete(pipelineKpis).where(eq(pipelineKpis.noticeId, noticeId))
  if (input.lots.length) {
    await tx.insert(pipelineLots).values(input.lots.map((lot, index) => ({ noticeId, position: index + 1, ...lot })))
  }
  const kpis = input.kpis.slice(0, 3)
  if (kpis.length) await tx.insert(pipelineKpis).values(kpis.map((kpi, index) => ({ noticeId, position: index + 1, ...kpi })))
}

/** A draft notice: visible to staff only until published. */
export async function createNotice(actor: Actor, raw: NoticeInput) {
  const input = checkNotice(raw)
  return db.transaction(async (tx) => {
    if (await referenceTaken(tx, input.reference)) throw new RuleError({ reference: 'A notice with this reference already exists' })
    const [notice] = await tx
      .insert(pipelineNotices)
      .values({ ...noticeColumns(input), slug: slugFor(input.reference, input.title), createdById: actor.id })
      .returning()
    await replaceChildren(tx, notice!.id, input)
    await recordAudit(tx, { actor, action: 'pipeline.create', subjectType: 'pipeline_notice', subjectId: notice!.id, after: { reference: input.reference, title: input.title } })
    return notice!
  })
}

/**
 * Saves a staff member's edit. A draft is simply changed; a published
 * notice gets a revision with its change log, so nothing is silently rewritten.
 */
export async function updateNotice(actor: Actor, noticeId: string, raw: NoticeInput, { editVersion }: { editVersion?: number } = {}) {
  const input = checkNotice(raw)
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ editVersion: pipelineNotices.editVersion, updatedAt: pipelineNotices.updatedAt }).from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
    if (!locked) throw new RuleError({ form: 'This notice no longer exists' })
    if (editVersion !== undefined && editVersion !== locked.editVersion) {
      throw new RuleError(
        {
          form: `Someone else saved changes to this notice at ${formatDateTime(locked.updatedAt)}, after you opened it. Your changes have not been saved; they are still in the form. Check the notice as it is now, then save again to replace its details with yours`,
        },
        { code: 'stale' },
      )
    }
    const existing = (await getNotice(noticeId, tx))!
    if (await referenceTaken(tx, input.reference, noticeId)) throw new RuleError({ reference: 'A notice with this reference already exists' })
    const before = noticeInputOf(existing)
    const changes = describeChanges(before, input)
    if (!changes.length) return { notice: existing as PipelineNotice, revision: null }
    const [saved] = await tx
      .update(pipelineNotices)
      .set({ ...noticeColumns(input), editVersion: locked.editVersion + 1 })
      .where(eq(pipelineNotices.id, noticeId))
      .returning()
    await replaceChildren(tx, noticeId, input)
    await recordAudit(tx, {
      actor,
      action: 'pipeline.update',
      subjectType: 'pipeline_notice',
      subjectId: noticeId,
      before: Object.fromEntries(changes.map((c) => [c.field, c.from])),
      after: Object.fromEntries(changes.map((c) => [c.field, c.to])),
    })
    if (!saved!.publishedAt) return { notice: saved!, revision: null }
    return addRevision(tx, saved!, actor, 'updated', changes)
  })
}

export async function publishNotice(actor: Actor, noticeId: string) {
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
    if (!notice) throw new RuleError({ form: 'This notice no longer exists' })
    if (notice.publishedAt) throw new RuleError({ form: 'This notice is already published' })
    await recordAudit(tx, { actor, action: 'pipeline.publish', subjectType: 'pipeline_notice', subjectId: noticeId, after: { status: notice.status } })
    return addRevision(tx, notice, actor, 'published', [])
  })
}

export async function changeStatus(actor: Actor, noticeId: string, to: PipelineStatus) {
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(pipelineNotices).where(eq(pipelineNotices.id, noticeId)).for('update')
    if (!notice) throw new RuleError({ form: 'This notice no longer exists' })
    if (!canTransition(notice.status, to)) {
      throw new RuleError({
        status: `A notice that is ${STATUS_LABELS[notice.status].toLowerCase()} cannot move to ${STATUS_LABELS[to].toLowerCase()}`,
      })
    }
    const [saved] = await tx.update(pipelineNotices).set({ status: to }).where(eq(pipelineNotices.id, noticeId)).returning()
    await recordAudit(tx, { actor, action: 'pipeline.status', subjectType: 'pipeline_notice', subjectId: noticeId, before: { status: notice.status }, after: { status: to } })
    if (!saved!.publishedAt) return { notice: saved!, revision: null }
    return addRevision(tx, saved!, actor, 'status', [{ field: 'status', label: 'Status', from: STATUS_LABELS[notice.status], to: STATUS_LABELS[to] }])
  })
}
