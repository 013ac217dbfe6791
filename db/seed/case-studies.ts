import { and, asc, eq } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { documentFromPlainText } from '~/lib/rich-text.server'
import { createUser } from '~/modules/accounts/users.server'
import { createCaseStudy, updateCaseStudy } from '~/modules/case-studies/case-studies.server'
import type { Actor } from '~/lib/actor'
import type { CaseStudyInput } from '~/modules/case-studies/input.server'
import { slugify } from '~/lib/slug'
import { caseStudies, caseStudyComments, caseStudyRatings, caseStudyValidations, organisationMembers, organisations, users } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { DEMO_PASSWORD, type seedAccounts } from './accounts'

type Outcome = [measure: string, target: number | null, achieved: number]

type DemoCaseStudy = {
  organisation: string
  title: string
  summary: string
  story: string
  claimantGroups: string[]
  journeyStages: string[]
  interventionTypes: string[]
  regions: string[]
  programme: string
  period: [string, string]
  cohortSize: number
  evidenceMethod: CaseStudyInput['evidenceMethod']
  outcomes: Outcome[]
  daysAgo: number
  /** Scores from members of other organisations, in turn. */
  ratings: number[]
  /** [organisation of the commenter, text, index of the comment replied to]. */
  comments: Array<[string, string, number?]>
  validations: Array<[string, string]>
  verified?: boolean
}

/**
 * Case studies in the practices the seed documents describe: the customer
 * journey of the Customer Service Standard Framework (pre-programme
 * engagement to programme exit), in-work support, employer engagement and
 * local relationships with the labour market, attachment within 25 days for
 * prison leavers (PG9), specialist subcontractors working with ESA claimants
 * and the cash-flow problems payment by results causes them
 * (Work Programme: Building Best Practice, 2014; Work Programme procurement
 * case study, 2012). Organisations and figures are invented.
 */
const CASE_STUDIES: DemoCaseStudy[] = [
  {
    organisation: 'Northstar Employment Partnerships',
    title: 'A named in-work adviser for the first 26 weeks in a job',
    summary: 'Every participant who started work kept the same adviser for 26 weeks, with contact agreed before the first day. Sustained jobs at 26 weeks rose from 48% to 58% of job starts.',
    story: `## The problem
Too many of our job starts fell out of work in the first three months. Exit interviews pointed to small, fixable things: a rota change, a first payslip that arrived late, a manager nobody had met before.

## What we did
Before each person's first day, their adviser agreed with them how and when they would be in touch. The same adviser stayed with them for 26 weeks.
- A call in the first week and fortnightly afterwards, at times that suited shift patterns
- Help with travel costs until the first wage arrived
- With the person's agreement, a named contact at the employer

## What happened
The offer and acceptance of in-work support is recorded for every job start, as the Customer Service Standard for in-work support asks. 91% accepted. Sustained jobs at 26 weeks rose from 48% to 58% of job starts.

## What we would do differently
Start the conversation about in-work support earlier, during pre-work support, so it is expected rather than offered.`,
    claimantGroups: ['jsa', 'esa', 'long-term-unemployed'],
    journeyStages: ['in-work-support'],
    interventionTypes: ['in-work-mentoring', 'employer-engagement'],
    regions: ['north-east', 'yorkshire-humber'],
    programme: 'Work Programme',
    period: ['2012-04-01', '2014-03-31'],
    cohortSize: 4200,
    evidenceMethod: 'management_information',
    outcomes: [
      ['job-starts', 1200, 1310],
      ['sustained-13-weeks', null, 940],
      ['sustained-26-weeks', 700, 760],
    ],
    daysAgo: 160,
    ratings: [5, 4, 4, 5, 4, 4, 3, 5],
    comments: [
      [
        'Clearpath Disability Employment Services',
        'Did the advisers carry a caseload of job starts only, or a mixed caseload? We found mixed caseloads meant in-work calls were the first thing to slip.',
      ],
      ['Northstar Employment Partnerships', 'Job starts only, capped at 60 per adviser. When we tried mixed caseloads in the pilot, the same thing happened to us.', 0],
      [
        'Brightwork Mental Health Employment',
        'The “named contact at the employer” matters a lot for our participants too. Worth saying it only works with consent: some people do not want their employer to know they are on a programme.',
      ],
    ],
    validations: [['Meridian Work Solutions', 'Saw the MI extract shared at the regional ERSA forum.']],
    verified: true,
  },
  {
    organisation: 'Clearpath Disability Employment Services',
    title: 'Condition management before job search for ESA claimants',
    summary:
      'As a specialist subcontractor, we gave ESA claimants twelve weeks of condition management with a health professional before any job search. Job starts beat the prime’s target by a quarter.',
    story: `## The problem
ESA claimants referred to us had often been sent straight to job search and had disengaged. Many had been out of work for years with a health condition that was not being managed.

## What we did
Twelve weeks of condition management, led by an occupational therapist, came before job search. Goals were set with the participant and written into their action plan.
- Group sessions on managing fatigue, pain and anxiety
- One-to-one reviews every two weeks
- Job search only once the participant and therapist agreed they were ready

## Funding
The prime agreed the funding position before referrals started, so we were not carrying the cost of the first twelve weeks alone.

## What happened
Job starts reached 118 against a target of 95. An independent evaluation by a university team found the effect largest for people with musculoskeletal conditions.`,
    claimantGroups: ['esa', 'disabled-health'],
    journeyStages: ['pre-work-support'],
    interventionTypes: ['specialist-subcontracting', 'health-condition-management'],
    regions: ['east-midlands', 'west-midlands'],
    programme: 'Work Programme',
    period: ['2012-10-01', '2014-09-30'],
    cohortSize: 620,
    evidenceMethod: 'independent_evaluation',
    outcomes: [
      ['job-starts', 95, 118],
      ['sustained-13-weeks', null, 81],
    ],
    daysAgo: 140,
    ratings: [5, 5, 4, 5, 4, 5],
    comments: [
      ['Northstar Employment Partnerships', 'Agreeing the funding before referrals is exactly what recommendation 22 asks primes to do. How long did that negotiation take?'],
      ['Clearpath Disability Employment Services', 'About six weeks, and it needed the prime’s finance director in the room.', 0],
    ],
    validations: [
      ['Northstar Employment Partnerships', 'We reviewed the evaluation report before citing it in our own bid.'],
      ['Brightwork Mental Health Employment', 'Read the university evaluation.'],
    ],
  },
  {
    organisation: 'Second Chance Futures',
    title: 'Meeting prison leavers at the gate',
    summary: 'Prison leavers referred five weeks before release met their adviser inside, and again at the gate on release day. 93% were attached within 25 days of referral.',
    story: `## The problem
Prison leavers are referred to the programme five weeks before release, but many were never attached: they moved, changed phone numbers or had more urgent needs on release.

## What we did
An adviser met each person in prison before release and was at the gate on the day.
- Housing, ID and a bank account sorted in the first week
- A first appointment booked before release
- A mobile phone with credit, so we could stay in touch

## What happened
287 of 310 referrals were attached within 25 days, against the standard of 90%. Job starts followed more slowly: the first months after release are about stability.`,
    claimantGroups: ['prison-leavers', 'jsa'],
    journeyStages: ['pre-programme-engagement', 'programme-engagement'],
    interventionTypes: ['local-partnership', 'action-planning'],
    regions: ['london', 'south-east'],
    programme: 'Work Programme (payment group 9)',
    period: ['2013-01-01', '2014-06-30'],
    cohortSize: 310,
    evidenceMethod: 'management_information',
    outcomes: [
      ['referrals-attached', 279, 287],
      ['action-plans-agreed', null, 265],
      ['job-starts', null, 71],
    ],
    daysAgo: 120,
    ratings: [4, 5, 4, 4],
    comments: [['Harbour Lane Housing and Work', 'Housing on release is the make-or-break for our clients too. Happy to share our landlord list for the South East.']],
    validations: [],
  },
  {
    organisation: 'Meridian Work Solutions',
    title: 'Employer breakfasts and sector-based work academies in London',
    summary: 'Monthly breakfasts with local employers turned into six sector-based work academies with guaranteed interviews. A matched comparison found 14 more job starts per 100 participants.',
    story: `## What we did
We invited hiring managers, not HR departments, to a monthly breakfast in each borough. Where an employer had several vacancies, we built a short work academy with them.
- Two weeks of training designed with the employer
- A work placement of up to four weeks
- A guaranteed interview at the end

## What happened
Six academies ran in retail, logistics, hospitality and care. Compared with a matched group of participants who did not take part, 14 more people in every 100 started work.

## Why it worked
Employers trusted a scheme they had helped design, and participants knew there was a real job at the end.`,
    claimantGroups: ['jsa', 'universal-credit', 'young-people'],
    journeyStages: ['pre-work-support'],
    interventionTypes: ['employer-engagement', 'work-placements', 'skills-training'],
    regions: ['london'],
    programme: 'Work Programme',
    period: ['2013-04-01', '2015-03-31'],
    cohortSize: 950,
    evidenceMethod: 'comparison_study',
    outcomes: [
      ['job-starts', 380, 402],
      ['sustained-26-weeks', null, 288],
    ],
    daysAgo: 100,
    ratings: [5, 4, 5, 4, 4],
    comments: [
      ['Wessex Vale College Employability Unit', 'How did you choose the matched comparison group?'],
      ['Meridian Work Solutions', 'Participants referred in the same months who were not offered an academy, matched on age, time out of work and benefit.', 0],
    ],
    validations: [['Thameside Skills and Employment Trust', 'Saw the comparison tables.']],
    verified: true,
  },
  {
    organisation: 'Brightwork Mental Health Employment',
    title: 'Individual placement and support alongside NHS talking therapies',
    summary: 'Employment specialists sat in NHS talking-therapy teams, so people with depression and anxiety got help with work and treatment at the same time.',
    story: `## What we did
Our employment specialists were co-located in three NHS talking-therapy teams and took referrals directly from therapists.
- Job search started within a month, not after treatment ended
- Specialists met employers on behalf of participants, with consent
- Support continued after the person started work, for as long as they wanted it

## What happened
96 people started work and 61 were still in work after 26 weeks. An independent evaluator found better outcomes than for similar referrals to the Work Programme.`,
    claimantGroups: ['esa', 'disabled-health'],
    journeyStages: ['pre-work-support', 'in-work-support'],
    interventionTypes: ['health-condition-management', 'in-work-mentoring', 'local-partnership'],
    regions: ['north-west'],
    programme: 'Local NHS and council co-commissioned pilot',
    period: ['2013-09-01', '2015-08-31'],
    cohortSize: 260,
    evidenceMethod: 'independent_evaluation',
    outcomes: [
      ['job-starts', 80, 96],
      ['sustained-26-weeks', null, 61],
    ],
    daysAgo: 90,
    ratings: [5, 5, 4],
    comments: [['Clearpath Disability Employment Services', 'Co-location is the piece that is hard to replicate. Who paid for the space?']],
    validations: [['Clearpath Disability Employment Services', 'Read the evaluation summary.']],
  },
  {
    organisation: 'Thameside Skills and Employment Trust',
    title: 'Action plans that customers and advisers both sign',
    summary: 'Every action plan sets out what the customer and the adviser will each do, is agreed and signed by both, and is reviewed at least every 13 weeks.',
    story: `## What we did
We rewrote our action plan so that it reads as an agreement, as the Customer Service Standards propose for pre-work support.
- Every action is specific, measurable and has a date
- The adviser’s actions are written down as well as the customer’s
- Both sign it, and it is reviewed at least every 13 weeks and before starting work

## What happened
98% of customers agreed a plan within 10 days of starting. Complaints about “nothing happening” fell by two thirds.`,
    claimantGroups: ['jsa', 'long-term-unemployed'],
    journeyStages: ['programme-engagement', 'pre-work-support'],
    interventionTypes: ['action-planning'],
    regions: ['london', 'south-east'],
    programme: 'Work Programme',
    period: ['2013-04-01', '2014-03-31'],
    cohortSize: 1150,
    evidenceMethod: 'management_information',
    outcomes: [
      ['action-plans-agreed', 1150, 1128],
      ['job-starts', null, 330],
    ],
    daysAgo: 80,
    ratings: [4, 3, 4, 4],
    comments: [],
    validations: [],
  },
  {
    organisation: 'Harbour Lane Housing and Work',
    title: 'Housing first, then work: housing and employment advisers together',
    summary: 'Housing and employment advisers shared an office and a caseload, so people at risk of losing their home were supported with both before job search began.',
    story: `## What we did
Our housing advisers and employment advisers work from the same office and meet every week to discuss shared clients.
- Rent arrears and benefit problems are dealt with first
- The employment adviser joins once the tenancy is secure
- Clients tell their story once

## What happened
34 of 180 people started work in the year. That is modest, but most had been out of work for more than two years and had been at risk of eviction.`,
    claimantGroups: ['long-term-unemployed', 'universal-credit'],
    journeyStages: ['pre-programme-engagement'],
    interventionTypes: ['local-partnership'],
    regions: ['north-west'],
    programme: 'Council-funded housing and employment partnership',
    period: ['2014-01-01', '2014-12-31'],
    cohortSize: 180,
    evidenceMethod: 'self_reported',
    outcomes: [
      ['job-starts', null, 34],
      ['sustained-13-weeks', null, 22],
    ],
    daysAgo: 70,
    ratings: [4, 3],
    comments: [['Second Chance Futures', 'This is close to what we do for prison leavers. Would be good to compare notes.']],
    validations: [],
  },
  {
    organisation: 'Valleys Work Connect',
    title: 'Outreach and travel support in the Valleys',
    summary: 'We met people in libraries and community centres in their own villages, and paid for travel to interviews, to reach people two bus journeys from the nearest office.',
    story: `## What we did
Advisers ran weekly sessions in eight community venues across the Valleys instead of asking everyone to travel to one office.
- Travel paid in advance for interviews and the first month of work
- Appointments timed around bus timetables
- Local employers invited to the sessions

## What happened
398 of 420 referrals attached to the programme and 102 started work.`,
    claimantGroups: ['jsa', 'long-term-unemployed'],
    journeyStages: ['programme-engagement'],
    interventionTypes: ['local-partnership', 'employer-engagement'],
    regions: ['wales'],
    programme: 'Work Programme',
    period: ['2013-06-01', '2014-11-30'],
    cohortSize: 420,
    evidenceMethod: 'management_information',
    outcomes: [
      ['referrals-attached', 378, 398],
      ['job-starts', 90, 102],
    ],
    daysAgo: 60,
    ratings: [4, 4, 3],
    comments: [
      ['Fenland Rural Outreach', 'Same problem in the Fens. Did you pay travel in cash or by pre-paid card?'],
      ['Valleys Work Connect', 'Pre-paid cards; cash was hard to account for.', 0],
    ],
    validations: [['Fenland Rural Outreach', 'We visited two of the venues and saw the attendance records.']],
  },
  {
    organisation: 'Forth Valley Employability Partnership',
    title: 'Exit reports that tell Jobcentre Plus what to do next',
    summary: 'For everyone leaving the programme after two years without work, we wrote an exit report with specific recommendations, sent within 10 working days of the request.',
    story: `## What we did
Exit reports used to be a list of appointments attended. We rewrote them, as the Customer Service Standard for programme exit suggests, to give Jobcentre Plus a useful starting point.
- What the person achieved and what got in the way
- Recommendations for next steps, agreed with the person
- Sent within 10 working days of Jobcentre Plus asking for it

## What happened
529 of 540 exit reports were sent on time. Work coaches told us the new reports were the first they had read in full.`,
    claimantGroups: ['long-term-unemployed', 'esa'],
    journeyStages: ['programme-exit'],
    interventionTypes: ['action-planning'],
    regions: ['scotland'],
    programme: 'Work Programme',
    period: ['2013-06-01', '2015-03-31'],
    cohortSize: 540,
    evidenceMethod: 'management_information',
    outcomes: [['exit-reports-on-time', 540, 529]],
    daysAgo: 50,
    ratings: [4, 5, 3],
    comments: [['Northstar Employment Partnerships', 'Could you share the template? We would like to try it in our Scottish contract.']],
    validations: [],
  },
  {
    organisation: 'CodeBridge Digital Inclusion CIC',
    title: 'Digital skills bootcamps leading to entry-level IT jobs',
    summary: 'Ten-week bootcamps for young people on Universal Credit, designed with three local IT employers, led to an industry qualification for four in five participants.',
    story: `## What we did
Three local employers told us which entry-level roles they struggled to fill. We built a ten-week bootcamp around them.
- An industry-recognised qualification in IT support
- Mock interviews with the employers’ own staff
- Mentoring by a volunteer from the industry for six months

## What happened
112 of 140 participants gained the qualification and 49 started work in IT.`,
    claimantGroups: ['young-people', 'universal-credit'],
    journeyStages: ['pre-work-support'],
    interventionTypes: ['skills-training', 'employer-engagement', 'peer-support'],
    regions: ['west-midlands', 'london'],
    programme: 'Local authority and employer-funded scheme',
    period: ['2015-01-01', '2015-12-31'],
    cohortSize: 140,
    evidenceMethod: 'independent_evaluation',
    outcomes: [
      ['qualifications-gained', 100, 112],
      ['job-starts', 40, 49],
      ['sustained-26-weeks', null, 37],
    ],
    daysAgo: 40,
    ratings: [5, 4],
    comments: [],
    validations: [],
  },
  {
    organisation: 'Greyfield Metropolitan Borough Council Employment and Skills Service',
    title: 'Lone parents: school-hours jobs brokered with local employers',
    summary: 'We asked local employers to design jobs that fit school hours, then supported the lone parents who took them through their first six months.',
    story: `## What we did
Our employer team went to local businesses with a simple question: could this job be done between 9:30 and 2:30?
- 41 employers created school-hours roles
- Childcare for the school holidays was arranged before the job started
- An in-work mentor checked in monthly and helped ask for more hours when the parent was ready

## What happened
88 lone parents started work; 19 later increased their hours or moved into a better-paid role.`,
    claimantGroups: ['lone-parents', 'universal-credit'],
    journeyStages: ['in-work-support'],
    interventionTypes: ['employer-engagement', 'in-work-mentoring'],
    regions: ['yorkshire-humber'],
    programme: 'Council employment and skills service',
    period: ['2014-09-01', '2015-07-31'],
    cohortSize: 230,
    evidenceMethod: 'management_information',
    outcomes: [
      ['job-starts', 75, 88],
      ['progression-in-work', null, 19],
    ],
    daysAgo: 30,
    ratings: [5, 4, 4],
    comments: [['Meridian Work Solutions', 'Progression is the outcome nobody else measures. Glad to see it here.']],
    validations: [['Northstar Employment Partnerships', 'Saw the employer list and the mentor records.']],
  },
  {
    organisation: 'Wessex Vale College Employability Unit',
    title: 'Pre-employment training co-designed with a care employer',
    summary: 'A four-week course designed with a regional care provider, with a guaranteed interview, filled care vacancies in rural Somerset and Devon.',
    story: `## What we did
A regional care provider had 60 vacancies and high turnover. We designed a four-week course with them.
- Care Certificate units and a day shadowing a carer
- Help with driving lessons for people who needed them
- A guaranteed interview at the end

## What happened
81 of 96 people completed the course and 58 started work. 47 were still in work after 13 weeks.`,
    claimantGroups: ['jsa', 'long-term-unemployed'],
    journeyStages: ['pre-work-support'],
    interventionTypes: ['skills-training', 'work-placements', 'employer-engagement'],
    regions: ['south-west'],
    programme: 'Sector-based work academy',
    period: ['2015-02-01', '2015-10-31'],
    cohortSize: 96,
    evidenceMethod: 'self_reported',
    outcomes: [
      ['qualifications-gained', null, 81],
      ['job-starts', 50, 58],
      ['sustained-13-weeks', null, 47],
    ],
    daysAgo: 20,
    ratings: [4],
    comments: [],
    validations: [],
  },
  {
    organisation: 'Fenland Rural Outreach',
    title: 'Self-employment support for long-term unemployed people in rural areas',
    summary: 'Where there are few jobs within reach, we helped people test and start small businesses, with a mentor for the first six months of trading.',
    story: `## What we did
In villages with few local jobs and poor transport, self-employment was a realistic route for some people.
- A four-week test-trading period before leaving benefit
- A volunteer business mentor for six months
- Help with bookkeeping and tax registration

## What happened
21 of 75 people started trading; 15 were still trading after 26 weeks.`,
    claimantGroups: ['long-term-unemployed', 'jsa'],
    journeyStages: ['pre-work-support', 'in-work-support'],
    interventionTypes: ['self-employment', 'peer-support'],
    regions: ['east-of-england'],
    programme: 'New Enterprise Allowance with local support',
    period: ['2014-04-01', '2015-03-31'],
    cohortSize: 75,
    evidenceMethod: 'self_reported',
    outcomes: [
      ['job-starts', null, 21],
      ['sustained-26-weeks', null, 15],
    ],
    daysAgo: 10,
    ratings: [],
    comments: [],
    validations: [],
  },
  {
    organisation: 'Northstar Employment Partnerships',
    title: 'Paying specialist subcontractors for engagement, not only for outcomes',
    summary: 'To stop specialist subcontractors withdrawing over cash flow, we paid them a fee when a participant engaged, as well as a share of outcome payments.',
    story: `## The problem
Payment by results meant our specialist subcontractors waited more than a year to be paid for their hardest work. Some told us they could not carry the risk and would withdraw.

## What we did
We changed our supply chain contracts.
- A fee for every participant attached and engaged for eight weeks
- Outcome payments shared as before
- Payment within 30 days of the claim

## What happened
No specialist subcontractor left our supply chain in the period, and referrals to specialist provision rose. Attachment of ESA claimants referred to specialists reached 96%.`,
    claimantGroups: ['esa', 'disabled-health'],
    journeyStages: ['programme-engagement'],
    interventionTypes: ['specialist-subcontracting'],
    regions: ['north-west', 'scotland'],
    programme: 'Work Programme',
    period: ['2013-04-01', '2015-03-31'],
    cohortSize: 900,
    evidenceMethod: 'management_information',
    outcomes: [
      ['referrals-attached', 850, 861],
      ['job-starts', null, 188],
    ],
    daysAgo: 5,
    ratings: [4, 5],
    comments: [
      ['Clearpath Disability Employment Services', 'As one of those subcontractors: this made the difference between staying and leaving.'],
      ['Valleys Work Connect', 'Would the department consider writing this into the next contracts?'],
    ],
    validations: [['Clearpath Disability Employment Services', 'We are paid under these terms.']],
  },
]

type OrgRef = { id: string; name: string; admin: Actor }

async function organisationsByName(names: string[]): Promise<Map<string, OrgRef>> {
  const refs = new Map<string, OrgRef>()
  for (const name of names) {
    let [org] = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.name, name))
    if (!org) {
      // The organisations seeder normally adds these; this keeps the case studies seedable on their own.
      ;[org] = await db
        .insert(organisations)
        .values({ slug: slugify(name, 'organisation'), name, sector: 'vcse', sizeBand: 'small', description: `${name} (demo organisation).` })
        .returning({ id: organisations.id, name: organisations.name })
    }
    let [admin] = await db
      .select({ id: users.id, email: users.email, role: users.role })
      .from(organisationMembers)
      .innerJoin(users, eq(users.id, organisationMembers.userId))
      .where(and(eq(organisationMembers.organisationId, org.id), eq(organisationMembers.role, 'admin')))
      .orderBy(asc(organisationMembers.createdAt))
    if (!admin) {
      const user = await createUser({ email: `contact@${slugify(name, 'organisation')}.example`, name: `${name} contact`, password: DEMO_PASSWORD, verified: true })
      await db.insert(organisationMembers).values({ organisationId: org.id, userId: user.id, role: 'admin' })
      admin = { id: user.id, email: user.email, role: user.role }
    }
    refs.set(name, { id: org.id, name: org.name, admin })
  }
  return refs
}

const DAY = 86_400_000

export async function seedCaseStudies(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  const names = [...new Set(CASE_STUDIES.flatMap((c) => [c.organisation, ...c.comments.map((x) => x[0]), ...c.validations.map((x) => x[0])]))]
  const orgs = await organisationsByName([...new Set([...names, 'Meridian Work Solutions', 'Thameside Skills and Employment Trust', 'Wessex Vale College Employability Unit'])])
  const everyone = [...orgs.values()]
  const ids: string[] = []
  for (const [index, demo] of CASE_STUDIES.entries()) {
    const org = orgs.get(demo.organisation)!
    const publishedAt = new Date(Date.now() - demo.daysAgo * DAY)
    const created = await createCaseStudy(
      org.admin,
      {
        organisationId: org.id,
        title: demo.title,
        summary: demo.summary,
        story: documentFromPlainText(demo.story),
        claimantGroups: demo.claimantGroups,
        journeyStages: demo.journeyStages,
        interventionTypes: demo.interventionTypes,
        regions: demo.regions,
        programme: demo.programme,
        periodFrom: demo.period[0],
        periodTo: demo.period[1],
        cohortSize: demo.cohortSize,
        evidenceMethod: demo.evidenceMethod,
        outcomes: demo.outcomes.map(([measure, target, achieved]) => ({ measure, target, achieved })),
      },
      { now: publishedAt, publish: true },
    )
    if (!created.ok) throw new Error(`Demo case study “${demo.title}” is invalid: ${JSON.stringify(created.errors)}`)
    const cs = created.value
    ids.push(cs.id)
    const others = everyone.filter((o) => o.id !== org.id)
    await db.transaction(async (tx) => {
      const raters = demo.ratings.map((score, i) => ({ score, rater: others[(index + i) % others.length] }))
      if (raters.length) {
        await tx
          .insert(caseStudyRatings)
          .values(raters.map(({ score, rater }, i) => ({ caseStudyId: cs.id, userId: rater.admin.id, score, createdAt: new Date(publishedAt.getTime() + (i + 1) * 3_600_000) })))
      }
      const commentIds: string[] = []
      for (const [i, [orgName, body, replyTo]] of demo.comments.entries()) {
        const author = orgs.get(orgName)!.admin
        const [row] = await tx
          .insert(caseStudyComments)
          .values({
            caseStudyId: cs.id,
            authorId: author.id,
            parentId: replyTo === undefined ? null : commentIds[replyTo],
            body,
            createdAt: new Date(publishedAt.getTime() + (i + 1) * 7_200_000),
          })
          .returning({ id: caseStudyComments.id })
        commentIds.push(row.id)
      }
      for (const [i, [orgName, note]] of demo.validations.entries()) {
        const validator = orgs.get(orgName)!
        await tx.insert(caseStudyValidations).values({ caseStudyId: cs.id, userId: validator.admin.id, organisationId: validator.id, note, createdAt: new Date(publishedAt.getTime() + (i + 1) * DAY) })
      }
      if (demo.verified) {
        await tx
          .update(caseStudies)
          .set({ verifiedAt: new Date(publishedAt.getTime() + 3 * DAY), verifiedById: accounts.staff.id })
          .where(eq(caseStudies.id, cs.id))
      }
      await queueIndexing(tx, 'case_studies', cs.id)
    })
  }

  // One edited case study, so readers can see a revision history.
  const first = CASE_STUDIES[0]
  const firstOrg = orgs.get(first.organisation)!
  await updateCaseStudy(
    firstOrg.admin,
    ids[0],
    {
      organisationId: firstOrg.id,
      title: first.title,
      summary: first.summary,
      story: documentFromPlainText(`${first.story}\n\n## Update\nThe 26-week figure now includes the final quarter of 2014, confirmed against DWP data.`),
      claimantGroups: first.claimantGroups,
      journeyStages: first.journeyStages,
      interventionTypes: first.interventionTypes,
      regions: first.regions,
      programme: first.programme,
      periodFrom: first.period[0],
      periodTo: first.period[1],
      cohortSize: first.cohortSize,
      evidenceMethod: first.evidenceMethod,
      outcomes: first.outcomes.map(([measure, target, achieved]) => ({ measure, target, achieved })),
    },
    { now: new Date(Date.now() - 3 * DAY) },
  )
  return ids
}
