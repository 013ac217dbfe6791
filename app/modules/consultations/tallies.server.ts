import { eq } from 'drizzle-orm'
import { db, sql } from '~/lib/db.server'
import { consultationTallies as talliesTable, type Consultation, type ConsultationTallyData, type ResponseChannel } from '~db/schema'

export type ConsultationTallies = ConsultationTallyData & { submitted: number; computedAt: Date }

/**
 * Identifies the set of submitted responses and their answers: how many,
 * the latest change to any of them (saving an answer touches its response),
 * and a sum over their ids so a withdrawal balanced by a new submission
 * still changes it. Read from the responses table alone, so it costs a small
 * fraction of counting the answers.
 */
async function signatureOf(consultationId: string) {
  const [row] = await sql<{ submitted: number; signature: string }[]>`
    select count(*)::int as submitted,
           concat_ws(':', count(*), max(updated_at), coalesce(sum(hashtext(submission_id::text)), 0)) as signature
      from consultation_responses
     where consultation_id = ${consultationId} and status = 'submitted'`
  return row
}

/** How charts count the responses of a campaign staff have confirmed: each response, or the campaign once. */
export type CampaignCounting = 'each' | 'once'

/**
 * True for a response `r` that counts when confirmed campaigns count once:
 * it is in no confirmed campaign, or it is the one that stands for its
 * campaign (the earliest submitted copy of the shared words, or of the group
 * when everyone changed them). Plain SQL with no parameters, so the kept
 * tallies (postgres-js) and the theme counts (drizzle) use the same words.
 */
export const ONE_PER_CAMPAIGN = `not exists (
  select 1 from consultation_campaign_members m
  join consultation_campaigns c on c.id = m.campaign_id and c.status = 'confirmed'
  where m.response_id = r.id
    and m.response_id <> (
      select r2.id from consultation_campaign_members m2
      join consultation_responses r2 on r2.id = m2.response_id and r2.status = 'submitted'
      where m2.campaign_id = m.campaign_id
      order by m2.identical desc, r2.submitted_at, r2.id
      limit 1))`

/** One pass over the answers: each question's answers grouped by the choices made. */
async function count(consultationId: string, counting: CampaignCounting = 'each'): Promise<ConsultationTallyData & { counted: number }> {
  const once = counting === 'once' ? sql.unsafe(`and ${ONE_PER_CAMPAIGN}`) : sql``
  const [byChoices, overTime, respondents] = await Promise.all([
    sql<{ questionId: string; choices: string[]; n: number }[]>`
      select a.question_id as "questionId", a.choices, count(*)::int as n
        from questionnaire_answers a
        join consultation_responses r on r.submission_id = a.submission_id
       where r.consultation_id = ${consultationId} and r.status = 'submitted' ${once}
       group by 1, 2`,
    sql<{ day: string; count: number }[]>`
      select to_char(r.submitted_at at time zone 'Europe/London', 'YYYY-MM-DD') as day, count(*)::int as count
        from consultation_responses r
       where r.consultation_id = ${consultationId} and r.status = 'submitted' ${once}
       group by 1 order by 1`,
    sql<{ type: 'individual' | 'organisation'; channel: string; sector: string; size: string; count: number }[]>`
      select r.respondent_type as type, r.channel::text as channel, coalesce(o.sector::text, 'not_recorded') as sector,
             coalesce(o.size_band::text, 'not_recorded') as size, count(*)::int as count
        from consultation_responses r
        left join organisations o on o.id = r.organisation_id
       where r.consultation_id = ${consultationId} and r.status = 'submitted' ${once}
       group by 1, 2, 3, 4`,
  ])
  const answered: Record<string, number> = {}
  const choices: Record<string, Record<string, number>> = {}
  for (const { questionId, choices: made, n } of byChoices) {
    answered[questionId] = (answered[questionId] ?? 0) + n
    const perValue = (choices[questionId] ??= {})
    for (const value of made) perValue[value] = (perValue[value] ?? 0) + n
  }
  type Respondents = Array<(typeof respondents)[number]>
  const sum = (rows: Respondents, key: 'type' | 'channel' | 'sector' | 'size') => {
    const totals = new Map<string, number>()
    for (const r of rows) totals.set(r[key], (totals.get(r[key]) ?? 0) + r.count)
    return [...totals].map(([value, n]) => ({ value, count: n }))
  }
  const organisations = respondents.filter((r) => r.type === 'organisation')
  return {
    counted: respondents.reduce((n, r) => n + r.count, 0),
    answered,
    choices,
    overTime: [...overTime],
    byType: sum(respondents, 'type').map(({ value, count }) => ({ type: value as 'individual' | 'organisation', count })),
    byChannel: sum(respondents, 'channel').map(({ value, count }) => ({ channel: value as ResponseChannel, count })),
    bySector: sum(organisations, 'sector').map(({ value, count }) => ({ sector: value, count })),
    bySize: sum(organisations, 'size').map(({ value, count }) => ({ size: value, count })),
  }
}

/**
 * The counts behind the analysis dashboard, the per-question pages and the
 * published outcome. They are counted again only when the submitted
 * responses have changed since they were last counted.
 */
export async function consultationTallies(consultation: Pick<Consultation, 'id'>, counting: CampaignCounting = 'each'): Promise<ConsultationTallies> {
  if (counting === 'once') {
    // Counted afresh each time: campaigns are confirmed by people, not by the responses the signature follows.
    const { counted, ...data } = await count(consultation.id, 'once')
    return { ...data, submitted: counted, computedAt: new Date() }
  }
  const { submitted, signature } = await signatureOf(consultation.id)
  const [kept] = await db.select().from(talliesTable).where(eq(talliesTable.consultationId, consultation.id))
  // Counts kept before responses had a channel are counted again.
  if (kept?.signature === signature && kept.data.byChannel) return { ...kept.data, submitted, computedAt: kept.computedAt }
  const { counted, ...data } = await count(consultation.id)
  const computedAt = new Date()
  await db
    .insert(talliesTable)
    .values({ consultationId: consultation.id, signature, data, computedAt })
    .onConflictDoUpdate({ target: talliesTable.consultationId, set: { signature, data, computedAt } })
  return { ...data, submitted, computedAt }
}
