import { createHash } from 'node:crypto'
import type postgres from 'postgres'

export type Sizes = { responses: number; caseStudies: number; notices: number; subscribers: number; surgeDrafts: number }

export const FULL_SIZES: Sizes = { responses: 100_000, caseStudies: 20_000, notices: 2_000, subscribers: 20_000, surgeDrafts: 30_000 }

/** Ids and secrets the load generator computes without asking the database. */
export const uuidFrom = (seed: string) => {
  const h = createHash('md5').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`
}
export const surgeToken = (i: number) => `bench-surge-token-${i}`

const QUESTIONS: Array<{ type: string; text: string; optionLabels?: string[]; allowOther?: boolean; required?: boolean; maxWords?: number }> = [
  { type: 'agree_scale', text: 'Do you agree that the new framework should be split into regional lots?', required: true },
  { type: 'long_text', text: 'Why do you think that?', maxWords: 500 },
  { type: 'single_choice', text: 'Which size of contract would your organisation bid for?', optionLabels: ['Under £1 million', '£1 million to £10 million', 'Over £10 million'], allowOther: true },
  { type: 'multiple_choice', text: 'Which claimant groups do you work with?', optionLabels: ['Disabled people', 'Young people', 'Prison leavers', 'Carers', 'Older workers'] },
  { type: 'rating', text: 'How well does the current payment model work, from 0 to 10?' },
  { type: 'long_text', text: 'What would make it easier for small providers to take part?', maxWords: 500 },
  { type: 'short_text', text: 'Name one partner you would bid with' },
  { type: 'agree_scale', text: 'Do you agree with a 12-week mobilisation period?' },
  { type: 'single_choice', text: 'How should outcomes be evidenced?', optionLabels: ['Payroll data', 'Provider evidence', 'A mix of both'] },
  { type: 'long_text', text: 'What risks do you see in the proposed timetable?', maxWords: 300 },
  { type: 'multiple_choice', text: 'Which regions do you cover?', optionLabels: ['North East', 'North West', 'London', 'Wales', 'Scotland', 'South West'] },
  { type: 'short_text', text: 'What is your main delivery location?' },
  { type: 'rating', text: 'How likely are you to bid, from 0 to 10?' },
  { type: 'long_text', text: 'Is there anything else you would like to tell us?', maxWords: 500 },
]

const PHRASES = [
  'Smaller providers need longer bid windows and clearer volumes.',
  'Regional lots would let local charities lead rather than sub-contract.',
  'The payment model front-loads risk onto the supply chain.',
  'Mentoring in the first 13 weeks of work made the biggest difference.',
  'Data sharing with Jobcentres is slow and should be fixed first.',
  'We would welcome a standard contract for specialist partners.',
  'Travel costs are a barrier for participants in rural areas.',
  'Outcome evidence from payroll data would save weeks of paperwork.',
]

/** Words of the commissioning strategies, from which each respondent's own free text is drawn at random. */
const WORDS = `
will that with work providers this commissioning service programme innovation market government services their local they should performance have support which procurement more delivery
public contracts social from through best claimants employment outcomes customer working organisations strategy deliver contract value contractors between practice supply where people management prime
within there into sector department these suppliers other relationships also framework group were those ensure process develop what quality information model future business tier
provision level development delivering approach smaller programmes would welfare such specialist consultation skills financial report payment need chain them many including principles better about
primes capability part office effective data current term opportunities category some objectives number make locality larger building both standards provide customers could than system
provider policy most high help each claimant strategic personal innovative commercial capacity capabilities recommendation partners over groups good evidence companies build based time risk
partnerships money design being been assessment wider voluntary enable community cabinet appropriate scale role results areas plus needs expect continue across sharing partnership measure
manchester long improvement experience contracting consider allow whether when third supporting potential however code arrangements terms place https chains want share particular models levels
existing commissioners achieve well vulnerable strategies staff personalised national minimum made jobcentre improve identify funding enterprise developing costs cost conduct commission able take supplier
standard stakeholders requirements outcome further engagement difficult contractual changes central basis systems sustained shared range look jobs flexible economic different departments because available authorities
ways together review processes longer important http efficiencies delivered case against ability sustainable seek recommendations promote paper offer months learning large encourage drive balance
agencies while uploads transparency three taken reduce project meet measures lack labour increasingly incentives given focus continuous clear benefits barriers approaches works wales specific
small savings parties operate open manage involved investment include impact explore departmental contractor conditions choice change activity account your using taking successful subcontractors serco
resources recognise recent published providing please play pilots
`
  .trim()
  .split(/\s+/)

/**
 * Organised campaigns planted among the large consultation's responses: every
 * 20th response (5%) sends one of these in answer to the first free-text
 * question and leaves the others blank; half of those edit a word or add a line.
 */
export const CAMPAIGNS = [
  'I am writing to ask that the new employment support framework keeps specialist disability support local, funded for the long term and led by the charities that know their communities best, because national contracts have failed disabled people before.',
  'As a member of the Fair Work Alliance I oppose payment by results for people furthest from work: providers should be paid to support people properly, not only when a job outcome is recorded, and small charities must not carry the financial risk.',
  'Please protect funding for young people leaving care in the next framework. They need a named adviser, help with housing and travel, and support that continues after they start work, not a programme that ends after six months.',
]
export const CAMPAIGN_EVERY = 20

type Actor = { id: string; email: string; name?: string }

/** A published, open 14-question consultation made through the domain modules, as staff would. */
export async function makeConsultation(actor: Actor, title: string) {
  const { db } = await import('~/lib/db.server')
  const { createConsultation, publishConsultation } = await import('~/modules/consultations/consultations.server')
  const { addQuestion, addSection } = await import('~/modules/questionnaires/structure.server')
  return db.transaction(async (tx) => {
    const now = Date.now()
    const c = await createConsultation(tx, actor, {
      title,
      summary: 'How the next employment support framework should be let, with a large number of responses.',
      pages: {},
      nations: ['england', 'wales'],
      contactEmail: 'consultation@example.gov.uk',
      contactAddress: '',
      opensAt: new Date(now - 30 * 86_400_000),
      closesAt: new Date(now + 30 * 86_400_000),
    })
    const sections = [await addSection(tx, c.questionnaireId, { title: 'The framework' }), await addSection(tx, c.questionnaireId, { title: 'Taking part' })]
    for (const [i, q] of QUESTIONS.entries()) await addQuestion(tx, c.questionnaireId, sections[i < 7 ? 0 : 1].id, q as never)
    await publishConsultation(tx, actor, c.id)
    return c
  })
}

/** Answers for `count` submissions whose ids come from `prefix`, in one statement per question. */
async function answer(sql: postgres.Sql, questionnaireId: string, prefix: string, count: number, { campaigns = false } = {}) {
  const [{ first }] = await sql<{ first: string }[]>`
    select q.id as first from questionnaire_questions q join questionnaire_sections s on s.id = q.section_id
    where q.questionnaire_id = ${questionnaireId} and q.type = 'long_text' order by s.position, q.position limit 1`
  await sql`
    insert into questionnaire_answers (submission_id, question_id, text, choices)
    select md5(${prefix} || g)::uuid, q.id,
      case
        when ${campaigns} and g % ${CAMPAIGN_EVERY} = 0 and q.type = 'long_text' then
          case when q.id = ${first} then
            case
              when g % ${CAMPAIGN_EVERY * 4} = 0 then (${CAMPAIGNS}::text[])[1 + (g / ${CAMPAIGN_EVERY}) % 3] || ' Thank you for listening.'
              when g % ${CAMPAIGN_EVERY * 2} = 0 then regexp_replace((${CAMPAIGNS}::text[])[1 + (g / ${CAMPAIGN_EVERY}) % 3], '\m(framework|support|work)\M', 'programme')
              else (${CAMPAIGNS}::text[])[1 + (g / ${CAMPAIGN_EVERY}) % 3]
            end
          end
        when q.type = 'long_text' then (
          select string_agg((${WORDS}::text[])[1 + abs(hashtext(g || ':' || q.position || ':' || i)) % ${WORDS.length}], ' ')
          from generate_series(1, 15 + abs(hashtext(g || ':' || q.position)) % 45) i)
        when q.type = 'short_text'
          then (${PHRASES}::text[])[1 + (g * 7 + q.position) % ${PHRASES.length}] || ' ' || (${PHRASES}::text[])[1 + (g * 3 + q.position * 5) % ${PHRASES.length}]
      end,
      case
        when q.type = 'agree_scale' then array[(array['strongly_agree','agree','neither','disagree','strongly_disagree'])[1 + (g + q.position) % 5]]
        when q.type = 'rating' then array[((g * 7 + q.position) % 11)::text]
        when q.type = 'single_choice' then array[q.options -> ((g + q.position) % jsonb_array_length(q.options)) ->> 'value']
        when q.type = 'multiple_choice' then array[q.options -> (g % jsonb_array_length(q.options)) ->> 'value', q.options -> ((g / 3 + 1) % jsonb_array_length(q.options)) ->> 'value']
        else '{}'::text[]
      end
    from generate_series(1, ${count}) g cross join questionnaire_questions q
    where q.questionnaire_id = ${questionnaireId}
    on conflict do nothing`
}

async function responses(sql: postgres.Sql, c: { id: string; questionnaireId: string }, prefix: string, count: number, status: 'submitted' | 'draft', options: { campaigns?: boolean } = {}) {
  await sql`
    insert into questionnaire_submissions (id, questionnaire_id, created_at, updated_at)
    select md5(${prefix} || g)::uuid, ${c.questionnaireId}, now() - (g % 600) * interval '1 hour', now() - (g % 600) * interval '1 hour'
    from generate_series(1, ${count}) g`
  await sql`
    insert into consultation_responses (id, consultation_id, submission_id, reference, status, respondent_type, name, email,
      publishing_consent, confidential, confidential_reason, resume_token_hash, submitted_at, created_at, updated_at)
    select md5(${`${prefix}response-`} || g)::uuid, ${c.id}, md5(${prefix} || g)::uuid, upper(${prefix}) || g, ${status}::consultation_response_status,
      'individual', 'Respondent ' || g, 'respondent' || g || '@example.com',
      (array['named','anonymous','none'])[1 + g % 3]::publishing_consent, g % 20 = 0, case when g % 20 = 0 then 'Personal circumstances' end,
      ${status === 'draft' ? sql`encode(sha256(convert_to(${'bench-surge-token-'} || g, 'UTF8')), 'hex')` : sql`null`},
      ${status === 'submitted' ? sql`now() - (g % 600) * interval '1 hour'` : sql`null`},
      now() - (g % 600) * interval '1 hour', now() - (g % 600) * interval '1 hour'
    from generate_series(1, ${count}) g`
  await answer(sql, c.questionnaireId, prefix, count, options)
}

/**
 * Copies existing published rows until the table holds `target` of them,
 * set-based, giving each copy fresh unique values.
 */
async function cloneUntil(sql: postgres.Sql, table: string, target: number, where: string, overrides: Record<string, string>) {
  const [{ n }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where ${where}`)
  const missing = target - n
  if (missing <= 0 || n === 0) return n
  const columns = (
    await sql<{ column_name: string }[]>`
    select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`
  ).map((r) => r.column_name)
  const list = columns.map((c) => `"${c}"`).join(', ')
  const values = columns.map((c) => overrides[c] ?? `src."${c}"`).join(', ')
  await sql.unsafe(`
    insert into ${table} (${list})
    select ${values} from (
      select t.*, g from (select * from ${table} where ${where}) t cross join generate_series(1, ${Math.ceil(missing / n)}) g
      order by g limit ${missing}
    ) src`)
  return target
}

export async function generate(sql: postgres.Sql, sizes: Sizes, log: (line: string) => void) {
  const [staff] = await sql<{ id: string; email: string; name: string }[]>`select id, email, name from users where role = 'staff' order by created_at limit 1`
  const started = Date.now()
  const big = await makeConsultation(staff, 'Employment support framework: large consultation')
  await responses(sql, big, 'bench-r-', sizes.responses, 'submitted', { campaigns: true })
  log(`${sizes.responses} responses to a 14-question consultation (${((Date.now() - started) / 1000).toFixed(0)}s)`)

  const surge = await makeConsultation(staff, 'Employment support framework: final-day surge')
  await responses(sql, surge, 'bench-s-', sizes.surgeDrafts, 'draft')
  log(`${sizes.surgeDrafts} complete drafts with resume tokens for the surge`)

  let t = Date.now()
  await cloneUntil(sql, 'case_studies', sizes.caseStudies, `status = 'published'`, {
    id: 'gen_random_uuid()',
    slug: `src.slug || '-' || src.g || '-' || left(md5(random()::text), 6)`,
    title: `src.title || ' (' || (array['Leeds','Cardiff','Hull','Derby','Bristol','Dundee','Bolton','Luton'])[1 + src.g % 8] || ' ' || src.g || ')'`,
  })
  log(`${sizes.caseStudies} case studies (${((Date.now() - t) / 1000).toFixed(0)}s)`)

  t = Date.now()
  await cloneUntil(sql, 'pipeline_notices', sizes.notices, `published_at is not null`, {
    id: 'gen_random_uuid()',
    slug: `src.slug || '-' || src.g || '-' || left(md5(random()::text), 6)`,
    reference: `src.reference || '-' || src.g || '-' || left(md5(random()::text), 6)`,
    title: `src.title || ' ' || src.g`,
  })
  log(`${sizes.notices} pipeline notices (${((Date.now() - t) / 1000).toFixed(0)}s)`)

  await sql`
    insert into subscribers (email, status, topics, token, confirmed_at)
    select 'subscriber' || g || '@bench.example', 'confirmed', '{newsletter}', md5('bench-sub-' || g) || md5('bench-sub2-' || g), now()
    from generate_series(1, ${sizes.subscribers}) g
    on conflict do nothing`
  log(`${sizes.subscribers} confirmed subscribers`)
  // The mail limits' table as on a consultation's last day: the day's earlier requests (it keeps a day's).
  await sql`
    insert into mail_requests (kind, recipient_hash, client_hash, created_at)
    select 'consultation_acknowledgement', md5('bench-earlier-to-' || g), md5('bench-earlier-from-' || g), now() - make_interval(secs => g * 86000.0 / ${sizes.surgeDrafts})
    from generate_series(1, ${sizes.surgeDrafts}) g`
  log(`${sizes.surgeDrafts} earlier mail requests from the last day`)
  await sql`vacuum analyze`
  return { big, surge, staff }
}
