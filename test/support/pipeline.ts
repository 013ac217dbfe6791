import type { Actor } from '~/lib/actor'
import type { NoticeInput } from '~/modules/pipeline/notices.server'

/** A valid draft pipeline notice with a fresh reference: one North West contract, no lots, two dates known. */
export function noticeInput(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    reference: `PL-${Math.random().toString(36).slice(2, 8)}`,
    title: 'Work and Health Programme successor: North West',
    summary: 'Employment support for disabled people and people with health conditions.',
    description: null,
    programme: 'Employment support',
    buyer: 'Department for Work and Pensions',
    cpvCodes: ['80000000-4'],
    valueMinPence: 2_000_000_00,
    valueMaxPence: 3_000_000_00,
    contractMonths: 48,
    extensionMonths: null,
    extensionNote: '',
    route: 'caehrs_call_off',
    regions: ['north-west'],
    suitableForSme: false,
    suitableForVcse: true,
    dates: {
      marketEngagement: { date: '2027-01-01', precision: 'month' },
      tenderNotice: null,
      award: null,
      serviceStart: { date: '2028-04-01', precision: 'month' },
    },
    relatedLinks: [],
    noticeType: 'pipeline',
    engagementDetails: '',
    engagementDeadline: null,
    contactName: 'Employment Category commercial team',
    contactEmail: 'commercial@dwp.example',
    contactPhone: '',
    lots: [],
    kpis: [],
    ...overrides,
  }
}

/** A notice drafted and then published by staff, as the notice form and its Publish button do, read back as its pages read it. */
export async function publishedNotice(actor: Actor, input: NoticeInput = noticeInput()) {
  // Loaded when called: browser tests import this file before their database is known.
  const { createNotice, publishNotice } = await import('~/modules/pipeline/authoring.server')
  const { getNotice } = await import('~/modules/pipeline/notices.server')
  const created = await createNotice(actor, input)
  await publishNotice(actor, created.id)
  return (await getNotice(created.id))!
}
