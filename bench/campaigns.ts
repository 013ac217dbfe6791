import type postgres from 'postgres'
import { CAMPAIGN_EVERY, CAMPAIGNS } from './generate'

export type CampaignFigures = { seconds: number; groups: number; precision: number; recall: number; memoryGrowth: number; note: string }

/**
 * Runs the campaign check over the large consultation, as the worker would,
 * and scores what it found against the campaigns planted by generate.ts:
 * precision is the share of grouped responses that were planted, recall the
 * share of planted responses found, each planted campaign in a group of its own.
 */
export async function measureCampaignDetection(sql: postgres.Sql, consultationId: string, responses: number): Promise<CampaignFigures> {
  const { checkForCampaigns } = await import('~/modules/consultations/campaigns.server')
  const before = process.memoryUsage().rss
  let peak = before
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50)
  const started = performance.now()
  await checkForCampaigns(consultationId)
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)

  const planted = new Map<string, number>()
  const ids = await sql<{ g: number; id: string }[]>`
    select g, md5(${'bench-r-response-'} || g)::uuid::text as id from generate_series(${CAMPAIGN_EVERY}::int, ${responses}::int, ${CAMPAIGN_EVERY}::int) g`
  for (const r of ids) planted.set(r.id, Math.floor(r.g / CAMPAIGN_EVERY) % CAMPAIGNS.length)
  const members = await sql<{ campaign_id: string; response_id: string }[]>`
    select m.campaign_id, m.response_id::text from consultation_campaign_members m
    join consultation_campaigns c on c.id = m.campaign_id where c.consultation_id = ${consultationId}`
  const groups = new Map<string, Map<number, number>>()
  let correct = 0
  for (const m of members) {
    const campaign = planted.get(m.response_id)
    if (campaign === undefined) continue
    const counts = groups.get(m.campaign_id) ?? new Map<number, number>()
    counts.set(campaign, (counts.get(campaign) ?? 0) + 1)
    groups.set(m.campaign_id, counts)
  }
  // A planted response counts as found only in the group where most of its campaign landed.
  const home = new Map<number, { group: string; count: number }>()
  for (const [group, counts] of groups) for (const [campaign, count] of counts) if (count > (home.get(campaign)?.count ?? 0)) home.set(campaign, { group, count })
  for (const { count } of home.values()) correct += count
  const groupCount = new Set(members.map((m) => m.campaign_id)).size
  return {
    seconds,
    groups: groupCount,
    precision: members.length ? correct / members.length : 0,
    recall: planted.size ? correct / planted.size : 0,
    memoryGrowth: peak - before,
    note: `${groupCount} groups for ${CAMPAIGNS.length} planted campaigns of ${planted.size.toLocaleString('en-GB')} responses among ${responses.toLocaleString('en-GB')}`,
  }
}
