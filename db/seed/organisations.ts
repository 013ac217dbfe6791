import { db } from '~/lib/db.server'
import { createUser } from '~/modules/accounts/users.server'
import type { CapabilityKey } from '~/modules/organisations/capabilities'
import type { RegionKey } from '~/modules/organisations/options'
import { slugify } from '~/lib/slug'
import { organisationMembers, organisations, type MerlinStatus, type Sector, type SizeBand } from '~db/schema'
import { queueIndexing } from '~search/outbox.server'
import { DEMO_PASSWORD, type seedAccounts } from './accounts'

type DemoOrganisation = {
  name: string
  sector: Sector
  sizeBand: SizeBand
  regions: RegionKey[]
  capabilities: CapabilityKey[]
  merlinStatus: MerlinStatus
  website: string
  description: string
  /** The person who manages the profile, unless a demo account does. */
  contact?: { name: string; email: string }
  daysAgo: number
}

/**
 * The market the seed documents describe: a few large primes holding
 * contracts across Contract Package Areas, specialist subcontractors in their
 * supply chains, voluntary and community sector bodies with local reach, and
 * public bodies (a council and a college). Every name is invented.
 */
export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Northstar Employment Partnerships',
    sector: 'private',
    sizeBand: 'large',
    regions: ['north-east', 'north-west', 'yorkshire-humber', 'scotland'],
    capabilities: [
      'financial-strength',
      'supply-chain-management',
      'programme-project-management',
      'performance-management',
      'commercial-acumen',
      'employer-engagement',
      'partnership-working',
      'digital-it',
      'responding-to-economic-change',
    ],
    merlinStatus: 'accredited',
    website: 'https://www.northstar-employment.example',
    description:
      'Prime contractor delivering payment-by-results employment programmes across three Contract Package Areas in the north of England and in Scotland.\n\nWe manage a supply chain of 38 subcontractors, two thirds of them voluntary sector and specialist organisations, and publish our supply chain performance quarterly.',
    daysAgo: 400,
  },
  {
    name: 'Meridian Work Solutions',
    sector: 'private',
    sizeBand: 'large',
    regions: ['london', 'south-east', 'east-of-england'],
    capabilities: [
      'financial-strength',
      'supply-chain-management',
      'programme-project-management',
      'performance-management',
      'commercial-acumen',
      'case-management',
      'employer-engagement',
      'staff-and-supply-chain-development',
    ],
    merlinStatus: 'accredited',
    website: 'https://www.meridian-work.example',
    description:
      'Employment and skills prime working across London and the South East. We combine national employer partnerships with a tiered supply chain of local and specialist providers, and invest in training for our own advisers and our partners’ staff.',
    contact: { name: 'Helen Okafor', email: 'helen.okafor@meridian-work.example' },
    daysAgo: 380,
  },
  {
    name: 'Thameside Skills and Employment Trust',
    sector: 'vcse',
    sizeBand: 'large',
    regions: ['london', 'south-east', 'south-west'],
    capabilities: [
      'supply-chain-management',
      'partnership-working',
      'local-credibility-outreach',
      'case-management',
      'disadvantage-specialism',
      'needs-assessment-personalisation',
      'levering-in-resources',
    ],
    merlinStatus: 'accredited',
    website: 'https://www.thameside-trust.example',
    description:
      'A charity that holds prime contracts as well as delivering directly. We lead a consortium of community organisations and bring in social investment and local authority funding alongside DWP contracts.',
    contact: { name: 'Daniel Mensah', email: 'daniel.mensah@thameside-trust.example' },
    daysAgo: 350,
  },
  {
    name: 'Brightwork Mental Health Employment',
    sector: 'vcse',
    sizeBand: 'medium',
    regions: ['north-west', 'yorkshire-humber', 'west-midlands'],
    capabilities: ['disadvantage-specialism', 'case-management', 'needs-assessment-personalisation', 'employer-engagement', 'customer-experience'],
    merlinStatus: 'not_applicable',
    website: 'https://www.brightwork-mh.example',
    description:
      'Social enterprise specialising in employment support for people with mental health conditions, working alongside NHS talking therapies. We deliver as a specialist subcontractor to two primes.',
    contact: { name: 'Sarah Lindqvist', email: 'sarah.lindqvist@brightwork-mh.example' },
    daysAgo: 300,
  },
  {
    name: 'Second Chance Futures',
    sector: 'vcse',
    sizeBand: 'small',
    regions: ['london', 'south-east'],
    capabilities: ['disadvantage-specialism', 'local-credibility-outreach', 'case-management', 'working-with-delivery-partners'],
    merlinStatus: 'not_applicable',
    website: 'https://www.secondchancefutures.example',
    description:
      'Supports people leaving prison and on probation into sustained work, with mentors who have been through the justice system themselves. We work with probation services, Jobcentre Plus and employers who recruit ex-offenders.',
    contact: { name: 'Marcus Reid', email: 'marcus.reid@secondchancefutures.example' },
    daysAgo: 260,
  },
  {
    name: 'Clearpath Disability Employment Services',
    sector: 'private',
    sizeBand: 'medium',
    regions: ['east-midlands', 'west-midlands', 'east-of-england'],
    capabilities: ['disadvantage-specialism', 'needs-assessment-personalisation', 'employer-engagement', 'performance-management', 'customer-experience'],
    merlinStatus: 'working_towards',
    website: 'https://www.clearpath-des.example',
    description: 'Specialist provider of employment support for disabled people and people with long-term health conditions, including in-work support and workplace adjustments advice for employers.',
    contact: { name: 'Priya Chandran', email: 'priya.chandran@clearpath-des.example' },
    daysAgo: 220,
  },
  {
    name: 'Harbour Lane Housing and Work',
    sector: 'vcse',
    sizeBand: 'small',
    regions: ['north-west'],
    capabilities: ['local-credibility-outreach', 'disadvantage-specialism', 'case-management', 'working-with-delivery-partners', 'levering-in-resources'],
    merlinStatus: 'not_applicable',
    website: 'https://www.harbourlane.example',
    description: 'A homelessness charity on Merseyside that helps people in temporary accommodation find and keep work, with key workers who support housing, benefits and employment together.',
    contact: { name: 'Aoife Gallagher', email: 'aoife.gallagher@harbourlane.example' },
    daysAgo: 180,
  },
  {
    name: 'Valleys Work Connect',
    sector: 'private',
    sizeBand: 'small',
    regions: ['wales'],
    capabilities: ['labour-market-knowledge', 'employer-engagement', 'local-credibility-outreach', 'partnership-working'],
    merlinStatus: 'not_applicable',
    website: 'https://www.valleysworkconnect.example',
    description: 'Bilingual employment support in the South Wales valleys. We know the local labour market well and broker jobs with small and medium employers that larger providers rarely reach.',
    contact: { name: 'Rhys Pritchard', email: 'rhys.pritchard@valleysworkconnect.example' },
    daysAgo: 140,
  },
  {
    name: 'Forth Valley Employability Partnership',
    sector: 'vcse',
    sizeBand: 'medium',
    regions: ['scotland'],
    capabilities: ['partnership-working', 'supply-chain-management', 'labour-market-knowledge', 'working-with-delivery-partners', 'programme-project-management'],
    merlinStatus: 'working_towards',
    website: 'https://www.forthvalley-ep.example',
    description: 'A partnership of community organisations in central Scotland that bids and delivers together, aligning employment support with Skills Development Scotland and local councils.',
    contact: { name: 'Fiona MacLeod', email: 'fiona.macleod@forthvalley-ep.example' },
    daysAgo: 100,
  },
  {
    name: 'CodeBridge Digital Inclusion CIC',
    sector: 'vcse',
    sizeBand: 'micro',
    regions: ['london', 'west-midlands'],
    capabilities: ['digital-it', 'needs-assessment-personalisation', 'customer-experience'],
    merlinStatus: 'not_applicable',
    website: 'https://www.codebridge-cic.example',
    description: 'Community interest company teaching job seekers the digital skills they need to search and apply for work online, and lending refurbished laptops to those without one.',
    contact: { name: 'Tomasz Nowak', email: 'tomasz.nowak@codebridge-cic.example' },
    daysAgo: 60,
  },
  {
    name: 'Greyfield Metropolitan Borough Council Employment and Skills Service',
    sector: 'public',
    sizeBand: 'large',
    regions: ['yorkshire-humber'],
    capabilities: ['working-with-delivery-partners', 'labour-market-knowledge', 'employer-engagement', 'local-credibility-outreach', 'levering-in-resources'],
    merlinStatus: 'not_applicable',
    website: 'https://www.greyfield-council.example/employment',
    description:
      'The council’s employment and skills service, joining up Jobcentre Plus, colleges, housing and local employers. We co-commission local provision and host the borough’s employer partnership.',
    contact: { name: 'Graham Whitaker', email: 'graham.whitaker@greyfield-council.example' },
    daysAgo: 30,
  },
  {
    name: 'Wessex Vale College Employability Unit',
    sector: 'public',
    sizeBand: 'medium',
    regions: ['south-west', 'south-east'],
    capabilities: ['staff-and-supply-chain-development', 'labour-market-knowledge', 'needs-assessment-personalisation', 'employer-engagement', 'digital-it'],
    merlinStatus: 'not_applicable',
    website: 'https://www.wessexvale.example',
    description: 'A further education college’s employability unit, delivering pre-employment training, sector-based work academies and in-work training as a subcontractor to primes.',
    contact: { name: 'Nadia Hussain', email: 'nadia.hussain@wessexvale.example' },
    daysAgo: 10,
  },
  {
    name: 'Fenland Rural Outreach',
    sector: 'vcse',
    sizeBand: 'micro',
    regions: ['east-of-england'],
    capabilities: ['local-credibility-outreach', 'case-management', 'disadvantage-specialism'],
    merlinStatus: 'not_applicable',
    website: 'https://www.fenland-outreach.example',
    description:
      'A small volunteer-led charity reaching job seekers in isolated rural villages, where transport is the biggest barrier to work. We run outreach sessions in village halls and libraries.',
    contact: { name: 'Ellen Barker', email: 'ellen.barker@fenland-outreach.example' },
    daysAgo: 3,
  },
]

/** The demo org admin runs the first prime; the demo member belongs to a VCSE body. */
export async function seedOrganisations(accounts: Awaited<ReturnType<typeof seedAccounts>>) {
  const ids: string[] = []
  for (const demo of DEMO_ORGANISATIONS) {
    const { contact, daysAgo, ...profile } = demo
    const createdAt = new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000)
    const admin = contact ? await createUser({ email: contact.email, name: contact.name, password: DEMO_PASSWORD, verified: true }) : accounts.orgAdmin
    await db.transaction(async (tx) => {
      const [organisation] = await tx
        .insert(organisations)
        .values({ ...profile, slug: slugify(demo.name, 'organisation'), createdAt, updatedAt: createdAt })
        .returning({ id: organisations.id })
      await tx.insert(organisationMembers).values({ organisationId: organisation.id, userId: admin.id, role: 'admin', createdAt })
      if (demo.name === 'Harbour Lane Housing and Work') {
        await tx.insert(organisationMembers).values({ organisationId: organisation.id, userId: accounts.member.id, role: 'member' })
      }
      await queueIndexing(tx, 'organisations', organisation.id)
      ids.push(organisation.id)
    })
  }
  return ids
}
