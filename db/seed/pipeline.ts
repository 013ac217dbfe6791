import { eq } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import { registerInterest } from '~/modules/pipeline/interest.server'
import { changeStatus, createNotice, publishNotice, updateNotice } from '~/modules/pipeline/authoring.server'
import { getNotice, noticeInputOf, type NoticeInput } from '~/modules/pipeline/notices.server'
import type { PipelineStatus } from '~db/schema'
import { organisationMembers, organisations } from '~db/schema'
import type { seedAccounts } from './accounts'
import { samplePdf } from './sample-documents'
import { checkUpload } from '~/modules/files/files.server'
import { addDocument } from '~/modules/pipeline/documents.server'
import { recordAward } from '~/modules/pipeline/awards.server'
import { addEvent, bookPlace } from '~/modules/pipeline/events.server'
import { askQuestion, publishAnswer } from '~/modules/pipeline/questions.server'
import { fromLondon, londonParts } from '~/lib/time'

/**
 * A realistic commercial pipeline drawn from the employment provision
 * commissioning strategy: large programmes through CAEHRS call-offs with
 * Contract Package Areas, innovation through the Test and Learn DPS,
 * smaller local and specialist disability and health contracts, a grant,
 * and the top three KPIs for the most important live contracts. Every
 * notice uses CPV 80000000 as its base code. Titles and figures are
 * illustrative.
 */

const DWP = 'Department for Work and Pensions'
const m = (date: string) => ({ date, precision: 'month' as const })
const d = (date: string) => ({ date, precision: 'day' as const })
const text = (body: string) => richTextFromDocument(documentFromPlainText(body))
const pounds = (n: number) => n * 100

/** The standard Contract Package Area structure the strategy keeps, sub-divided or joined per procurement. */
const CPAS = {
  1: 'CPA 1: North East and Cumbria',
  2: 'CPA 2: North West',
  3: 'CPA 3: Yorkshire and the Humber',
  4: 'CPA 4: Midlands',
  5: 'CPA 5: East of England',
  6: 'CPA 6: London and the Home Counties',
  7: 'CPA 7: South West and Southern',
  8: 'CPA 8: Wales',
  9: 'CPA 9: Scotland',
}

type ContactAndType = 'noticeType' | 'engagementDetails' | 'engagementDeadline' | 'contactName' | 'contactEmail' | 'contactPhone'

/** Most notices name the Category's commercial team as their contact point. */
const CONTACT = { contactName: 'Employment Category commercial team', contactEmail: 'employment.category@dwp.example', contactPhone: '' }

type DemoNotice = {
  input: Omit<NoticeInput, 'buyer' | 'relatedLinks' | 'kpis' | ContactAndType> & Partial<Pick<NoticeInput, 'relatedLinks' | 'kpis' | ContactAndType>>
  path: PipelineStatus[]
  /** Recorded once the path is walked: suppliers by directory name, or named with a Companies House number. */
  award?: {
    suppliers: Array<string | { name: string; companyNumber: string; streetAddress: string; locality: string; postalCode: string }>
    value: number
    awardDate: string
    contractStart: string
    contractEnd: string
  }
  draft?: boolean
  revise?: (i: NoticeInput) => NoticeInput
}

export const DEMO_NOTICES: DemoNotice[] = [
  {
    input: {
      reference: 'EC-2027-001',
      noticeType: 'preliminary_market_engagement',
      engagementDetails:
        'Two online market engagement events in January 2027, a short questionnaire on Contract Package Area structure, and one-to-one sessions for specialist and voluntary sector organisations that want to join supply chains.',
      engagementDeadline: '2027-01-29',
      contactName: 'Priya Shah, Senior Commercial Lead',
      contactPhone: '0800 169 0190',
      title: 'Employment support for disabled people and people with health conditions: CAEHRS call-off',
      summary:
        'A nationally designed, locally delivered programme for disabled people and people with health conditions, let through the Commercial Agreement for Employment and Health Related Services (CAEHRS) by Contract Package Area, using a prime contractor model.',
      description: text(
        'The Category intends to call off from the Commercial Agreement for Employment and Health Related Services (CAEHRS), the primary commercial vehicle for programmes at the largest scale.\n\nThe programme will be centrally designed and managed, with locally tailored delivery by prime contractors in each Contract Package Area. We expect an outcome-focused payment model, with service standards developed with the market.\n\nWe are publishing this early so that primes, specialist and voluntary sector organisations can plan capacity, capability and partnerships. Contract Package Areas will rarely align with every partner’s boundaries; we want contract structures that encourage joint working with local public services.',
      ),
      programme: 'Employment support for disabled people and people with health conditions',
      cpvCodes: ['80000000-4', '79611000-0', '85312510-7'],
      valueMinPence: pounds(420_000_000),
      valueMaxPence: pounds(560_000_000),
      contractMonths: 60,
      extensionMonths: 24,
      extensionNote: 'Up to two extensions of 12 months',
      route: 'caehrs_call_off',
      regions: ['north-east', 'north-west', 'yorkshire-humber', 'east-midlands', 'west-midlands', 'east-of-england', 'london', 'south-east', 'south-west', 'wales'],
      suitableForSme: false,
      suitableForVcse: false,
      dates: { marketEngagement: m('2027-01-01'), tenderNotice: m('2027-04-01'), award: m('2027-10-01'), serviceStart: m('2028-04-01') },
      lots: [
        { title: 'North', valueMinPence: pounds(130_000_000), valueMaxPence: pounds(170_000_000), contractPackageAreas: [CPAS[1], CPAS[2], CPAS[3]] },
        { title: 'Central and East', valueMinPence: pounds(110_000_000), valueMaxPence: pounds(150_000_000), contractPackageAreas: [CPAS[4], CPAS[5]] },
        { title: 'London and South', valueMinPence: pounds(140_000_000), valueMaxPence: pounds(190_000_000), contractPackageAreas: [CPAS[6], CPAS[7]] },
        { title: 'Wales', valueMinPence: pounds(40_000_000), valueMaxPence: pounds(50_000_000), contractPackageAreas: [CPAS[8]] },
      ],
      relatedLinks: [{ title: 'Commissioning strategy consultation', url: '/consultations' }],
    },
    path: ['market_engagement'],
    revise: (i) => ({ ...i, valueMaxPence: pounds(580_000_000), dates: { ...i.dates, tenderNotice: m('2027-05-01') } }),
  },
  {
    input: {
      reference: 'EC-2027-002',
      noticeType: 'planned_procurement',
      title: 'Test and Learn DPS: employer-led pilots for people over 50 returning to work',
      summary: 'Small pilots, called off from the Test and Learn Dynamic Purchasing System, testing employer-led routes back to work for economically inactive people over 50.',
      description: text(
        'The Test and Learn Dynamic Purchasing System lets the Department respond to new ideas from the market and to emerging evidence needs.\n\nWe will run up to six pilots, each evaluated against a comparison group, to build the evidence base for future provision. Suppliers of every size can join the DPS at any time.',
      ),
      programme: 'Test and Learn',
      cpvCodes: ['80000000-4', '80530000-8', '79611000-0'],
      valueMinPence: pounds(2_000_000),
      valueMaxPence: pounds(3_600_000),
      contractMonths: 18,
      extensionMonths: 6,
      extensionNote: 'One extension of 6 months to complete evaluation',
      route: 'test_and_learn_dps',
      regions: ['north-west', 'west-midlands', 'scotland'],
      suitableForSme: true,
      suitableForVcse: true,
      dates: { marketEngagement: m('2027-02-01'), tenderNotice: d('2027-06-14'), award: m('2027-09-01'), serviceStart: m('2027-11-01') },
      lots: [],
    },
    path: [],
  },
  {
    input: {
      reference: 'EC-2026-014',
      noticeType: 'planned_procurement',
      title: 'Test and Learn DPS: digital job search and skills support',
      summary: 'A call-off from the Test and Learn DPS to test digital job search support and claimants’ IT skills, with face-to-face help for people who need it.',
      description: text(
        'Suppliers admitted to the Test and Learn DPS are invited to bid. The pilot will test whether digital tools, combined with personalised support, improve job outcomes for people with low digital skills.',
      ),
      programme: 'Test and Learn',
      cpvCodes: ['80000000-4', '79611000-0', '80420000-4'],
      valueMinPence: pounds(1_500_000),
      valueMaxPence: pounds(2_400_000),
      contractMonths: 24,
      extensionMonths: null,
      extensionNote: '',
      route: 'test_and_learn_dps',
      regions: ['london', 'wales'],
      suitableForSme: true,
      suitableForVcse: true,
      dates: { marketEngagement: m('2026-05-01'), tenderNotice: d('2026-10-05'), award: m('2027-01-01'), serviceStart: m('2027-04-01') },
      lots: [],
    },
    path: ['market_engagement', 'tender_published'],
  },
  {
    input: {
      reference: 'EC-2026-009',
      noticeType: 'planned_procurement',
      title: 'Specialist employment support for autistic people and people with learning disabilities: local contracts',
      summary:
        'Smaller, localised contracts for specialist providers supporting people furthest from the labour market, procured by the competitive flexible procedure with lots sized for small and voluntary sector organisations.',
      description: text(
        'Where we commission specialist services for people with more complex barriers, we may use smaller scale, localised contracts. Lots are sized so that small and medium-sized enterprises and voluntary, community and social enterprises can bid as primes.',
      ),
      programme: 'Specialist disability employment',
      cpvCodes: ['80000000-4', '85312510-7', '85312300-2', '85311200-4'],
      valueMinPence: pounds(6_000_000),
      valueMaxPence: pounds(8_500_000),
      contractMonths: 36,
      extensionMonths: 12,
      extensionNote: 'One extension of 12 months',
      route: 'competitive_flexible',
      regions: ['yorkshire-humber', 'east-midlands', 'south-west'],
      suitableForSme: true,
      suitableForVcse: true,
      dates: { marketEngagement: m('2026-03-01'), tenderNotice: d('2026-07-20'), award: m('2026-12-01'), serviceStart: m('2027-04-01') },
      lots: [
        { title: 'Yorkshire and the Humber', valueMinPence: pounds(2_000_000), valueMaxPence: pounds(2_800_000), contractPackageAreas: [CPAS[3]] },
        { title: 'East Midlands', valueMinPence: pounds(2_000_000), valueMaxPence: pounds(2_900_000), contractPackageAreas: [CPAS[4]] },
        { title: 'South West', valueMinPence: pounds(2_000_000), valueMaxPence: pounds(2_800_000), contractPackageAreas: [CPAS[7]] },
      ],
    },
    path: ['market_engagement', 'tender_published', 'evaluation'],
  },
  {
    input: {
      reference: 'EC-2027-005',
      title: 'Community employment grants for people furthest from the labour market',
      summary: 'Grant funding for local voluntary and community organisations reaching people who do not use mainstream provision, where grants give better value than a contract.',
      description: text(
        'The Category recognises there are circumstances where grant funding is the most appropriate approach. Grants of £50,000 to £250,000 will fund local outreach, pre-work support and links into mainstream employment programmes.',
      ),
      programme: 'Community grants',
      cpvCodes: ['80000000-4', '85320000-8', '85312300-2'],
      valueMinPence: pounds(4_000_000),
      valueMaxPence: pounds(5_000_000),
      contractMonths: 24,
      extensionMonths: null,
      extensionNote: '',
      route: 'grant',
      regions: ['north-east', 'wales', 'scotland', 'east-of-england'],
      suitableForSme: true,
      suitableForVcse: true,
      dates: { marketEngagement: m('2027-03-01'), tenderNotice: m('2027-06-01'), award: m('2027-09-01'), serviceStart: m('2027-10-01') },
      lots: [],
    },
    path: [],
  },
  {
    input: {
      reference: 'EC-2024-003',
      title: 'Employment programme for long-term unemployed people: CAEHRS contracts by Contract Package Area',
      summary: 'Live contracts, let through CAEHRS, helping long-term unemployed people into sustained work. We publish the top three KPIs for this contract.',
      description: text(
        'These contracts are in live running. The Category and Contract Management Partnership Delivery colleagues manage performance against outcome measures and service standards, with early warning measures to pre-empt failure.',
      ),
      programme: 'Long-term unemployment',
      cpvCodes: ['80000000-4', '79611000-0'],
      valueMinPence: pounds(900_000_000),
      valueMaxPence: pounds(1_100_000_000),
      contractMonths: 48,
      extensionMonths: 24,
      extensionNote: 'Up to two extensions of 12 months',
      route: 'caehrs_call_off',
      regions: ['north-east', 'north-west', 'yorkshire-humber', 'east-midlands', 'west-midlands', 'east-of-england', 'london', 'south-east', 'south-west', 'wales', 'scotland'],
      suitableForSme: false,
      suitableForVcse: false,
      dates: { marketEngagement: m('2023-09-01'), tenderNotice: d('2024-01-15'), award: d('2024-06-28'), serviceStart: m('2024-10-01') },
      lots: Object.values(CPAS).map((cpa, i) => ({
        title: cpa.replace(/^CPA \d: /, ''),
        valueMinPence: pounds(90_000_000 + i * 5_000_000),
        valueMaxPence: pounds(110_000_000 + i * 5_000_000),
        contractPackageAreas: [cpa],
      })),
      kpis: [
        { name: 'Job outcomes as a share of starts', target: '32%', latestValue: '29.6%', latestPeriod: 'July to September 2026' },
        { name: 'Participants seen within 10 working days of referral', target: '90%', latestValue: '93%', latestPeriod: 'July to September 2026' },
        { name: 'Participants satisfied with their support', target: '85%', latestValue: '87%', latestPeriod: 'April to September 2026' },
      ],
    },
    path: ['market_engagement', 'tender_published', 'evaluation'],
    award: { suppliers: ['Meridian Work Solutions', 'Northstar Employment Partnerships'], value: 1_012_500_000, awardDate: '2024-06-28', contractStart: '2024-10-01', contractEnd: '2028-09-30' },
  },
  {
    input: {
      reference: 'EC-2025-011',
      title: 'Employment advice in NHS talking therapies: framework call-off',
      summary: 'Employment advisers working alongside talking therapies services, called off from a cross-government framework. We publish the top three KPIs for this contract.',
      description: text('Employment advice for people receiving psychological therapy, to help them stay in or return to work.'),
      programme: 'Health and work',
      cpvCodes: ['80000000-4', '85312320-8', '85312300-2'],
      valueMinPence: pounds(30_000_000),
      valueMaxPence: pounds(36_000_000),
      contractMonths: 36,
      extensionMonths: 12,
      extensionNote: 'One extension of 12 months',
      route: 'framework_call_off',
      regions: ['london', 'south-east', 'south-west'],
      suitableForSme: false,
      suitableForVcse: true,
      dates: { marketEngagement: m('2025-01-01'), tenderNotice: d('2025-03-10'), award: d('2025-06-30'), serviceStart: m('2025-09-01') },
      lots: [],
      kpis: [
        { name: 'Participants in work or retained in work at exit', target: '60%', latestValue: '63%', latestPeriod: 'July to September 2026' },
        { name: 'First appointment within 15 working days', target: '85%', latestValue: '81%', latestPeriod: 'July to September 2026' },
        { name: 'Employer contacts made for participants who want them', target: '75%', latestValue: '78%', latestPeriod: 'July to September 2026' },
      ],
    },
    path: ['market_engagement', 'tender_published', 'evaluation'],
    award: {
      suppliers: [
        'Brightwork Mental Health Employment',
        { name: 'Talking Work Partnership Ltd', companyNumber: '09876543', streetAddress: '14 Cable Street', locality: 'Bristol', postalCode: 'BS2 0AA' },
      ],
      value: 33_250_000,
      awardDate: '2025-06-30',
      contractStart: '2025-09-01',
      contractEnd: '2028-08-31',
    },
  },
  {
    input: {
      reference: 'EC-2026-006',
      title: 'Careers guidance and counselling for young people not in employment, education or training',
      summary: 'An open procedure for guidance and counselling services for 18 to 24 year olds. Cancelled: the need will be met through existing contracts.',
      description: null,
      programme: 'Youth',
      cpvCodes: ['80000000-4', '85312300-2', '85312310-5'],
      valueMinPence: pounds(3_000_000),
      valueMaxPence: pounds(4_500_000),
      contractMonths: 24,
      extensionMonths: null,
      extensionNote: '',
      route: 'open_procedure',
      regions: ['west-midlands'],
      suitableForSme: true,
      suitableForVcse: true,
      dates: { marketEngagement: m('2026-02-01'), tenderNotice: m('2026-06-01'), award: null, serviceStart: null },
      lots: [],
    },
    path: ['market_engagement', 'cancelled'],
  },
  {
    input: {
      reference: 'EC-2026-010',
      title: 'Supported employment bridging contract: direct award',
      summary: 'A short direct award to keep supported employment running between contracts. Withdrawn: the existing contract will be extended instead.',
      description: null,
      programme: 'Specialist disability employment',
      cpvCodes: ['80000000-4', '85312510-7'],
      valueMinPence: pounds(900_000),
      valueMaxPence: pounds(1_200_000),
      contractMonths: 9,
      extensionMonths: null,
      extensionNote: '',
      route: 'direct_award',
      regions: ['scotland'],
      suitableForSme: true,
      suitableForVcse: true,
      dates: { marketEngagement: null, tenderNotice: null, award: m('2026-09-01'), serviceStart: m('2026-10-01') },
      lots: [],
    },
    path: ['withdrawn'],
  },
  {
    input: {
      reference: 'EC-2027-008',
      title: 'Employment support for prison leavers: early market engagement',
      summary: 'A draft notice, not yet published: employment support through the gate for people leaving prison.',
      description: null,
      programme: 'Prison leavers',
      cpvCodes: ['80000000-4', '85312000-9'],
      valueMinPence: pounds(12_000_000),
      valueMaxPence: pounds(18_000_000),
      contractMonths: 36,
      extensionMonths: null,
      extensionNote: '',
      route: 'competitive_flexible',
      regions: ['north-west', 'london'],
      suitableForSme: true,
      suitableForVcse: true,
      dates: { marketEngagement: m('2027-06-01'), tenderNotice: null, award: null, serviceStart: m('2028-10-01') },
      lots: [],
    },
    path: [],
    draft: true,
  },
]

export async function seedPipeline(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  const actor = { id: accounts.staff.id, email: accounts.staff.email }
  const ids: Record<string, string> = {}
  for (const demo of DEMO_NOTICES) {
    const notice = await createNotice(actor, { buyer: DWP, relatedLinks: [], kpis: [], noticeType: 'pipeline', engagementDetails: '', engagementDeadline: null, ...CONTACT, ...demo.input })
    ids[demo.input.reference] = notice.id
    if (demo.input.reference === 'EC-2027-001') await seedDocuments(actor, notice.id)
    if (demo.draft) continue
    await publishNotice(actor, notice.id)
    for (const status of demo.path) await changeStatus(actor, notice.id, status)
    if (demo.award) await seedAward(actor, notice.id, demo.award)
    if (demo.input.reference === 'EC-2027-001') await seedEngagement(actor, accounts, notice.id)
    if (demo.revise) await updateNotice(actor, notice.id, demo.revise(noticeInputOf((await getNotice(notice.id))!)))
  }
  await seedInterest(ids)
  return ids
}

async function seedAward(actor: { id: string; email: string }, noticeId: string, award: NonNullable<DemoNotice['award']>) {
  const suppliers = []
  for (const supplier of award.suppliers) {
    if (typeof supplier !== 'string') {
      suppliers.push({ organisationId: null, ...supplier })
      continue
    }
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, supplier))
    suppliers.push({ organisationId: org?.id ?? null, name: supplier, companyNumber: '', streetAddress: '', locality: '', postalCode: '' })
  }
  await recordAward(actor, noticeId, { suppliers, valueMinor: pounds(award.value), currency: 'GBP', awardDate: award.awardDate, contractStart: award.contractStart, contractEnd: award.contractEnd })
}

/**
 * The market engagement notice has an upcoming briefing with a place booked,
 * and a clarification question answered. The briefing is on the date its
 * engagement details give while that is ahead, otherwise four weeks on.
 */
async function seedEngagement(actor: { id: string; email: string }, accounts: Awaited<ReturnType<typeof seedAccounts>>, noticeId: string) {
  const planned = fromLondon(2027, 1, 14, 10)
  const later = londonParts(new Date(Date.now() + 28 * 86_400_000))
  const startsAt = planned.getTime() > Date.now() + 86_400_000 ? planned : fromLondon(later.year, later.month, later.day, 10)
  const event = await addEvent(actor, noticeId, {
    title: 'Online supplier briefing: Contract Package Areas and supply chains',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    place: '',
    onlineUrl: 'https://meet.example.org/caehrs-briefing',
    capacity: 40,
    description: 'The Category explains the proposed Contract Package Areas and lot structure, then takes questions. One place per organisation; the link is sent with your booking.',
  })
  const [membership] = await db.select({ organisationId: organisationMembers.organisationId }).from(organisationMembers).where(eq(organisationMembers.userId, accounts.orgAdmin.id))
  if (membership) await bookPlace({ id: accounts.orgAdmin.id, email: accounts.orgAdmin.email, name: accounts.orgAdmin.name }, noticeId, event.id, membership.organisationId)
  const question = await askQuestion(
    { id: accounts.member.id, email: accounts.member.email },
    noticeId,
    'We are a housing association delivering employment support in two of the proposed areas. Could a supply chain partner work across two lots?',
  )
  await publishAnswer(actor, question.id, {
    question: 'Can a supply chain partner work with primes in more than one lot?',
    answer: 'Yes. Primes are limited to the lots they win, but a supply chain partner may work with primes in any number of lots.',
  })
}

/** The market engagement notice carries its draft specification and the Contract Package Area data it asks about. */
async function seedDocuments(actor: { id: string; email: string }, noticeId: string) {
  const documents = [
    {
      title: 'Draft service specification',
      file: new File(
        [
          new Uint8Array(
            samplePdf([
              'Employment support for disabled people and people with health conditions',
              'Draft service specification for market engagement',
              'Department for Work and Pensions, Employment Category',
            ]),
          ),
        ],
        'draft-specification.pdf',
      ),
    },
    {
      title: 'Contract Package Areas and expected referrals',
      file: new File(
        [
          Object.entries(CPAS)
            .map(([n, name], i) => `${n},"${name}",${2400 + i * 310}`)
            .reduce((csv, row) => `${csv}${row}\r\n`, 'number,contract package area,expected referrals a year\r\n'),
        ],
        'contract-package-areas.csv',
      ),
    },
  ]
  for (const { title, file } of documents) {
    const upload = await checkUpload(file, 'file')
    if (!upload.ok) throw new Error(`Demo document ${file.name} was refused: ${Object.values(upload.errors).join(', ')}`)
    await addDocument(actor, noticeId, { title, upload: upload.value })
  }
}

/** Two primes and a specialist have registered interest in the CAEHRS call-off; two seek partners. */
async function seedInterest(ids: Record<string, string>) {
  const interest = [
    {
      org: 'Meridian Work Solutions',
      notice: 'EC-2027-001',
      role: 'prime',
      seekingPartners: true,
      offered: ['supply-chain-management', 'performance-management', 'employer-engagement'],
      sought: ['disadvantage-specialism', 'local-credibility-outreach'],
    },
    {
      org: 'Clearpath Disability Employment Services',
      notice: 'EC-2027-001',
      role: 'subcontractor',
      seekingPartners: true,
      offered: ['disadvantage-specialism', 'case-management'],
      sought: ['supply-chain-management', 'financial-strength'],
    },
    { org: 'Northstar Employment Partnerships', notice: 'EC-2027-001', role: 'prime', seekingPartners: false, offered: ['financial-strength', 'programme-project-management'], sought: [] },
    { org: 'Clearpath Disability Employment Services', notice: 'EC-2027-002', role: 'either', seekingPartners: true, offered: ['disadvantage-specialism'], sought: ['employer-engagement'] },
  ] as const
  for (const item of interest) {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.name, item.org))
    if (!org || !ids[item.notice]) continue
    const [member] = await db.select({ userId: organisationMembers.userId }).from(organisationMembers).where(eq(organisationMembers.organisationId, org.id))
    if (!member) continue
    await registerInterest(member.userId, ids[item.notice]!, {
      organisationId: org.id,
      role: item.role,
      seekingPartners: item.seekingPartners,
      capabilitiesOffered: [...item.offered],
      capabilitiesSought: [...item.sought],
      note: '',
    })
  }
}
