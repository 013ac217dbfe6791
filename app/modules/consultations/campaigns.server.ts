import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { defineJob } from '~/lib/jobs.server'
import { logger } from '~/lib/logger.server'
import { RuleError } from '~/lib/result'
import { isUuid } from '~/lib/ids'
import { consultationCampaignChecks, consultationCampaignMembers, consultationCampaigns, consultationResponses, type ConsultationCampaign } from '~db/schema'
import { detectCampaigns, type CampaignText } from './campaign-detection'
import type { Actor } from '~/lib/actor'

export const VARIATIONS_PAGE_SIZE = 20

/** A response `r`'s free-text answers, one row each as `a`, with their question `q` and section `s` to order them by. */
const FREE_TEXT_ANSWERS = sql`
    join questionnaire_answers a on a.submission_id = r.submission_id
    join questionnaire_questions q on q.id = a.question_id and q.type = 'long_text'
    join questionnaire_sections s on s.id = q.section_id`
/** Those answers joined in question order: what a campaign repeats. */
const JOINED_FREE_TEXT = sql`string_agg(a.text, E'\n' order by s.position, q.position)`

/** Each submitted response's free text, as the campaign check compares it. */
export async function freeTextOfResponses(consultationId: string): Promise<CampaignText[]> {
  const rows = await db.execute<{ id: string; text: string }>(sql`
    select r.id, ${JOINED_FREE_TEXT} as text
    from consultation_responses r ${FREE_TEXT_ANSWERS}
    where r.consultation_id = ${consultationId} and r.status = 'submitted' and coalesce(a.text, '') <> ''
    group by r.id`)
  return [...rows]
}

/**
 * Looks for campaigns and stores what it finds. A group staff have already
 * confirmed or dismissed keeps that decision (matched by its shared text) and
 * gains any new members; groups no longer found that nobody decided on go.
 */
export async function checkForCampaigns(consultationId: string) {
  const groups = detectCampaigns(await freeTextOfResponses(consultationId))
  const compared = groups.reduce((n, g) => n + g.members.length, 0)
  await db.transaction(async (tx) => {
    const existing = await tx.select().from(consultationCampaigns).where(eq(consultationCampaigns.consultationId, consultationId))
    const byFingerprint = new Map(existing.map((c) => [c.fingerprint, c]))
    const found = new Set(groups.map((g) => g.fingerprint))
    const gone = existing.filter((c) => c.status === 'suggested' && !found.has(c.fingerprint)).map((c) => c.id)
    if (gone.length) await tx.delete(consultationCampaigns).where(inArray(consultationCampaigns.id, gone))
    for (const group of groups) {
      const known = byFingerprint.get(group.fingerprint)
      const values = { sharedText: group.sharedText, size: group.members.length, detectedAt: new Date() }
      const [campaign] = known
        ? await tx.update(consultationCampaigns).set(values).where(eq(consultationCampaigns.id, known.id)).returning()
        : await tx
            .insert(consultationCampaigns)
            .values({ consultationId, fingerprint: group.fingerprint, ...values })
            .returning()
      await tx.delete(consultationCampaignMembers).where(eq(consultationCampaignMembers.campaignId, campaign.id))
      for (let i = 0; i < group.members.length; i += 2000) {
        await tx.insert(consultationCampaignMembers).values(group.members.slice(i, i + 2000).map((m) => ({ campaignId: campaign.id, responseId: m.id, identical: m.identical })))
      }
    }
    const [{ responses }] = await tx
      .select({ responses: sql<number>`count(*)`.mapWith(Number) })
      .from(consultationResponses)
      .where(and(eq(consultationResponses.consultationId, consultationId), eq(consultationResponses.status, 'submitted')))
    const finished = { finishedAt: new Date(), responsesCompared: responses }
    await tx
      .insert(consultationCampaignChecks)
      .values({ consultationId, requestedAt: finished.finishedAt, ...finished })
      .onConflictDoUpdate({ target: consultationCampaignChecks.consultationId, set: finished })
  })
  return { groups: groups.length, responsesInGroups: compared }
}

export const campaignCheckJob = defineJob<{ consultationId: string }>({
  name: 'consultations.campaign-check',
  handler: async ({ consultationId }) => {
    const found = await checkForCampaigns(consultationId)
    logger.info({ consultationId, ...found }, 'checked a consultation for campaigns')
  },
})

/** Staff ask for a check; the worker does it, as a large consultation takes a while to compare. */
export async function requestCampaignCheck(actor: Actor, consultationId: string) {
  await db.transaction(async (tx) => {
    const now = new Date()
    await tx
      .insert(consultationCampaignChecks)
      .values({ consultationId, requestedAt: now, requestedById: actor.id })
      .onConflictDoUpdate({ target: consultationCampaignChecks.consultationId, set: { requestedAt: now, requestedById: actor.id, finishedAt: null } })
    await recordAudit(tx, { actor, action: 'consultation.campaigns.check_requested', subjectType: 'consultation', subjectId: consultationId })
  })
  await campaignCheckJob.send({ consultationId }, { singletonKey: consultationId })
}

export type CampaignSummary = ConsultationCampaign & { variations: number; current: number }

/** The groups found, largest first, each with how many of its responses still count and how many are edited copies. */
/** Each campaign with how many of its members are submitted now and how many of those changed the shared words. */
function campaignSummaries(where: SQL | undefined) {
  return db
    .select({
      campaign: consultationCampaigns,
      current: sql<number>`count(${consultationResponses.id}) filter (where ${consultationResponses.status} = 'submitted')`.mapWith(Number),
      variations: sql<number>`count(*) filter (where not ${consultationCampaignMembers.identical} and ${consultationResponses.status} = 'submitted')`.mapWith(Number),
    })
    .from(consultationCampaigns)
    .leftJoin(consultationCampaignMembers, eq(consultationCampaignMembers.campaignId, consultationCampaigns.id))
    .leftJoin(consultationResponses, eq(consultationResponses.id, consultationCampaignMembers.responseId))
    .where(where)
    .groupBy(consultationCampaigns.id)
    .orderBy(desc(consultationCampaigns.size), consultationCampaigns.fingerprint)
    .then((rows) => rows.map((r): CampaignSummary => ({ ...r.campaign, current: r.current, variations: r.variations })))
}

export async function listCampaigns(consultationId: string) {
  const [check] = await db.select().from(consultationCampaignChecks).where(eq(consultationCampaignChecks.consultationId, consultationId))
  return { check: check ?? null, campaigns: await campaignSummaries(eq(consultationCampaigns.consultationId, consultationId)) }
}

export async function getCampaign(consultationId: string, campaignId: string) {
  if (!isUuid(campaignId)) return null
  const [campaign] = await campaignSummaries(and(eq(consultationCampaigns.consultationId, consultationId), eq(consultationCampaigns.id, campaignId)))
  return campaign ?? null
}

/** The members that changed the shared words: the only ones worth reading one by one. */
export async function campaignVariations(campaignId: string, { page = 1 }: { page?: number } = {}) {
  const rows = await db.execute<{ id: string; reference: string; text: string }>(sql`
    select r.id, r.reference, ${JOINED_FREE_TEXT} as text
    from consultation_campaign_members m
    join consultation_responses r on r.id = m.response_id and r.status = 'submitted' ${FREE_TEXT_ANSWERS}
    where m.campaign_id = ${campaignId} and not m.identical and coalesce(a.text, '') <> ''
    group by r.id, r.reference
    order by r.reference
    limit ${VARIATIONS_PAGE_SIZE} offset ${(page - 1) * VARIATIONS_PAGE_SIZE}`)
  return [...rows]
}

export type CampaignDecision = 'confirmed' | 'dismissed' | 'suggested'

/**
 * Confirms or dismisses a group, or takes a decision back. `seen` is the
 * status the person's page showed, so two staff deciding at once cannot
 * silently overrule each other: the second is told what the first did.
 */
export async function decideCampaign(actor: Actor, consultationId: string, campaignId: string, decision: CampaignDecision, seen: string) {
  return db.transaction(async (tx) => {
    const [campaign] = await tx
      .select()
      .from(consultationCampaigns)
      .where(and(eq(consultationCampaigns.id, campaignId), eq(consultationCampaigns.consultationId, consultationId)))
      .for('update')
    if (!campaign) throw new RuleError('This group is no longer listed: check for campaigns again')
    if (campaign.status !== seen) {
      throw new RuleError(`Someone else has already ${campaign.status === 'suggested' ? 'taken back the decision on' : campaign.status} this group. Check it and decide again.`)
    }
    const [updated] = await tx
      .update(consultationCampaigns)
      .set({ status: decision, decidedById: decision === 'suggested' ? null : actor.id, decidedAt: decision === 'suggested' ? null : new Date() })
      .where(eq(consultationCampaigns.id, campaignId))
      .returning()
    await recordAudit(tx, {
      actor,
      action: `consultation.campaign.${decision}`,
      subjectType: 'consultation_campaign',
      subjectId: campaignId,
      before: { status: campaign.status },
      after: { status: decision, consultationId },
    })
    return updated
  })
}
