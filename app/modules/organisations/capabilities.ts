/**
 * Provider capabilities, from Annex B of the 2013 commissioning strategy
 * consultation (the 2008 strategy's list, reaffirmed as DWP's core set of
 * expectations). `emphasis` marks those the 2013 consultation said would be
 * given increased emphasis; digital/IT is the one capability 2013 added.
 * The keys are stored on organisations, so never rename one.
 */
export const CAPABILITIES = [
  { key: 'financial-strength', label: 'Financial strength and access to capital, with an investment strategy', emphasis: false },
  { key: 'expertise-from-other-sectors', label: 'Bringing in expertise from other organisations and sectors', emphasis: false },
  { key: 'levering-in-resources', label: 'Levering in other resources to enable programme management with partners', emphasis: false },
  { key: 'partnership-working', label: 'Effective partnership working', emphasis: true },
  { key: 'supply-chain-management', label: 'Supply chain management and development', emphasis: true },
  { key: 'programme-project-management', label: 'Programme and project management', emphasis: true },
  { key: 'commercial-acumen', label: 'Commercial acumen', emphasis: false },
  { key: 'local-credibility-outreach', label: 'Local credibility and outreach', emphasis: false },
  {
    key: 'working-with-delivery-partners',
    label: 'Working with other delivery partners, including the public sector (Jobcentre Plus, local authorities)',
    emphasis: false,
  },
  { key: 'performance-management', label: 'Rigorous performance management', emphasis: true },
  { key: 'case-management', label: 'Case management to help people, particularly disadvantaged people, into sustained work', emphasis: false },
  { key: 'employer-engagement', label: 'Strategic employer engagement for suitable and sustained jobs', emphasis: false },
  { key: 'labour-market-knowledge', label: 'Local labour market knowledge, skills needs and job opportunities', emphasis: false },
  {
    key: 'disadvantage-specialism',
    label: 'Specialist understanding of disadvantage and evidence-based strategies to overcome it',
    emphasis: true,
  },
  { key: 'responding-to-economic-change', label: 'Capacity to respond to changing economic conditions', emphasis: false },
  { key: 'needs-assessment-personalisation', label: 'Assessing job seekers’ needs, with flexible and personalised support', emphasis: false },
  { key: 'customer-experience', label: 'Excellent customer experience', emphasis: false },
  { key: 'staff-and-supply-chain-development', label: 'Investment in developing own staff and supply chain', emphasis: true },
  { key: 'digital-it', label: 'Digital and IT: delivering services, digital inclusion and claimants’ IT skills', emphasis: true },
] as const

export type CapabilityKey = (typeof CAPABILITIES)[number]['key']

export const CAPABILITY_KEYS = CAPABILITIES.map((c) => c.key) as unknown as readonly [CapabilityKey, ...CapabilityKey[]]

const labels = new Map<string, string>(CAPABILITIES.map((c) => [c.key, c.label]))

export function capabilityLabel(key: string): string {
  return labels.get(key) ?? key
}
