import { config } from '~/lib/config.server'
import type { PipelineNotice, PipelineRevision } from '~db/schema'
import { cpvName } from './cpv'
import { formatKeyDate, formatValueRange, KEY_DATES, ROUTE_LABELS, STATUS_LABELS } from './model'
import type { NoticeDetail } from './notices.server'
import { regionLabel } from '~/modules/organisations/options'
import { toCsv } from '~/lib/csv'
import { noticePath } from '~/lib/paths'

export const LICENCE = {
  name: 'Open Government Licence v3.0',
  url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
}
export const PUBLISHER = { name: 'Department for Work and Pensions, Employment Category' }

const appUrl = (path: string) => new URL(path, config().APP_URL).toString()
const pounds = (pence: number) => Math.round(pence / 100)

/** One flat record per notice: the shape of the CSV and JSON downloads. */
export function noticeRecord(n: NoticeDetail) {
  return {
    reference: n.reference,
    title: n.title,
    url: appUrl(noticePath(n.slug)),
    status: STATUS_LABELS[n.status],
    summary: n.summary,
    programme: n.programme,
    buyer: n.buyer,
    procurementRoute: ROUTE_LABELS[n.route],
    cpvCodes: n.cpvCodes,
    valueMinimumGBP: pounds(n.valueMinPence),
    valueMaximumGBP: pounds(n.valueMaxPence),
    contractLengthMonths: n.contractMonths,
    extensionMonths: n.extensionMonths,
    regions: n.regions.map(regionLabel),
    suitableForSmes: n.suitableForSme,
    suitableForVcses: n.suitableForVcse,
    marketEngagement: n.marketEngagementDate,
    marketEngagementPrecision: n.marketEngagementPrecision,
    plannedTenderNotice: n.tenderNoticeDate,
    plannedTenderNoticePrecision: n.tenderNoticePrecision,
    plannedAward: n.awardDate,
    plannedAwardPrecision: n.awardPrecision,
    serviceStart: n.serviceStartDate,
    serviceStartPrecision: n.serviceStartPrecision,
    lots: n.lots.map((l) => ({ title: l.title, valueMinimumGBP: pounds(l.valueMinPence), valueMaximumGBP: pounds(l.valueMaxPence), contractPackageAreas: l.contractPackageAreas })),
    kpis: n.kpis.map((k) => ({ name: k.name, target: k.target, latestValue: k.latestValue, latestPeriod: k.latestPeriod })),
    revision: n.revision,
    firstPublished: n.publishedAt?.toISOString() ?? null,
    lastUpdated: n.lastUpdatedAt?.toISOString() ?? null,
  }
}

export function pipelineJson(notices: NoticeDetail[]) {
  return {
    title: 'Employment Category commercial pipeline',
    publisher: PUBLISHER,
    licence: LICENCE,
    generated: new Date().toISOString(),
    notes: 'Values are estimates in whole pounds excluding VAT. Dates with precision "month" are estimated to the month and given as its first day.',
    notices: notices.map(noticeRecord),
  }
}

export function pipelineCsv(notices: NoticeDetail[]): string {
  const records = notices.map(noticeRecord)
  const columns = [
    'reference',
    'title',
    'url',
    'status',
    'summary',
    'programme',
    'buyer',
    'procurementRoute',
    'cpvCodes',
    'valueMinimumGBP',
    'valueMaximumGBP',
    'contractLengthMonths',
    'extensionMonths',
    'regions',
    'suitableForSmes',
    'suitableForVcses',
    'marketEngagement',
    'marketEngagementPrecision',
    'plannedTenderNotice',
    'plannedTenderNoticePrecision',
    'plannedAward',
    'plannedAwardPrecision',
    'serviceStart',
    'serviceStartPrecision',
    'lots',
    'revision',
    'firstPublished',
    'lastUpdated',
  ] as const
  const rows = records.map((r) =>
    columns.map((c) =>
      c === 'lots' ? r.lots.map((l) => `${l.title} (£${l.valueMinimumGBP}-£${l.valueMaximumGBP}${l.contractPackageAreas.length ? `: ${l.contractPackageAreas.join(', ')}` : ''})`) : r[c],
    ),
  )
  // CSV has no place for metadata, so every row names its licence.
  return toCsv(
    [...columns, 'licence'],
    rows.map((row) => [...row, LICENCE.url]),
  )
}

/** OCDS 1.1 tender status for a pipeline status. */
const TENDER_STATUS: Record<PipelineNotice['status'], string> = {
  planned: 'planned',
  market_engagement: 'planning',
  tender_published: 'active',
  evaluation: 'active',
  awarded: 'complete',
  cancelled: 'cancelled',
  withdrawn: 'withdrawn',
}

const PROCUREMENT_METHOD: Record<PipelineNotice['route'], string> = {
  caehrs_call_off: 'selective',
  test_and_learn_dps: 'selective',
  open_procedure: 'open',
  competitive_flexible: 'selective',
  framework_call_off: 'selective',
  direct_award: 'direct',
  grant: 'open',
}

const MILESTONES: Record<
  (typeof KEY_DATES)[number]['field'],
  {
    type: string
    date: 'marketEngagementDate' | 'tenderNoticeDate' | 'awardDate' | 'serviceStartDate'
    precision: 'marketEngagementPrecision' | 'tenderNoticePrecision' | 'awardPrecision' | 'serviceStartPrecision'
  }
> = {
  marketEngagement: { type: 'engagement', date: 'marketEngagementDate', precision: 'marketEngagementPrecision' },
  tenderNotice: { type: 'preProcurement', date: 'tenderNoticeDate', precision: 'tenderNoticePrecision' },
  award: { type: 'approval', date: 'awardDate', precision: 'awardPrecision' },
  serviceStart: { type: 'delivery', date: 'serviceStartDate', precision: 'serviceStartPrecision' },
}

const amount = (pence: number) => ({ amount: pounds(pence), currency: 'GBP' })
const isoDate = (date: string) => `${date}T00:00:00Z`

function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1 + n, d))
  t.setUTCDate(t.getUTCDate() - 1)
  return t.toISOString().slice(0, 10)
}

export function ocid(notice: Pick<PipelineNotice, 'id'>) {
  return `${config().OCDS_OCID_PREFIX}-${notice.id}`
}

/**
 * A notice as an OCDS 1.1 planning release. The first publication is tagged
 * planning; every later revision, including cancellation and withdrawal, is
 * a planningUpdate.
 */
export function ocdsRelease(n: NoticeDetail, revision?: Pick<PipelineRevision, 'number' | 'createdAt'>) {
  const number = revision?.number ?? n.revision
  const date = (revision?.createdAt ?? n.lastUpdatedAt ?? n.publishedAt ?? n.updatedAt).toISOString()
  const buyerId = 'GB-GOR-PB1' // DWP's identifier in the UK government organisation register
  const milestones = KEY_DATES.flatMap(({ field, label }) => {
    const spec = MILESTONES[field]
    const due = n[spec.date]
    if (!due) return []
    return [
      {
        id: field,
        title: label,
        type: spec.type,
        dueDate: isoDate(due),
        description: `Estimated to the ${n[spec.precision] ?? 'month'}: ${formatKeyDate(due, n[spec.precision])}`,
        status: 'scheduled',
      },
    ]
  })
  const items = n.cpvCodes.map((code, index) => ({
    id: String(index + 1),
    description: cpvName(code),
    classification: { scheme: 'CPV', id: code.slice(0, 8), description: cpvName(code) },
  }))
  const tender: Record<string, unknown> = {
    id: n.reference,
    title: n.title,
    description: n.summary,
    status: TENDER_STATUS[n.status],
    value: amount(n.valueMaxPence),
    minValue: amount(n.valueMinPence),
    procurementMethod: PROCUREMENT_METHOD[n.route],
    procurementMethodDetails: ROUTE_LABELS[n.route],
    mainProcurementCategory: 'services',
    items,
  }
  if (n.lots.length) {
    tender.lots = n.lots.map((l) => ({
      id: String(l.position),
      title: l.title,
      description: l.contractPackageAreas.length ? `Contract Package Areas: ${l.contractPackageAreas.join(', ')}` : undefined,
      value: amount(l.valueMaxPence),
      status: TENDER_STATUS[n.status],
    }))
  }
  if (n.serviceStartDate) {
    tender.contractPeriod = {
      startDate: isoDate(n.serviceStartDate),
      ...(n.contractMonths ? { endDate: isoDate(addMonths(n.serviceStartDate, n.contractMonths)) } : {}),
      ...(n.contractMonths && n.extensionMonths ? { maxExtentDate: isoDate(addMonths(n.serviceStartDate, n.contractMonths + n.extensionMonths)) } : {}),
    }
  } else if (n.contractMonths) {
    tender.contractPeriod = { durationInDays: Math.round(n.contractMonths * 30.4375) }
  }
  return {
    ocid: ocid(n),
    id: `${ocid(n)}-${number}`,
    date,
    tag: [number <= 1 ? 'planning' : 'planningUpdate'],
    initiationType: 'tender',
    language: 'en',
    parties: [{ id: buyerId, name: n.buyer, roles: ['buyer'] }],
    buyer: { id: buyerId, name: n.buyer },
    planning: {
      rationale: n.programme ? `${n.programme}: ${n.summary}` : n.summary,
      budget: { description: `Estimated value ${formatValueRange(n.valueMinPence, n.valueMaxPence)} excluding VAT`, amount: amount(n.valueMaxPence) },
      milestones,
    },
    tender,
  }
}

export function releasePackage(releases: ReturnType<typeof ocdsRelease>[], path: string) {
  const dates = releases.map((r) => r.date).sort()
  return {
    uri: appUrl(path),
    version: '1.1',
    publishedDate: dates.at(-1) ?? new Date().toISOString(),
    publisher: PUBLISHER,
    license: LICENCE.url,
    publicationPolicy: appUrl('/open-data'),
    releases,
  }
}

function escapeXml(text: string) {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)
}

/** An Atom feed with an entry for each publication and revision. */
export function atomFeed(entries: Array<{ revision: PipelineRevision; notice: PipelineNotice }>) {
  const updated = entries[0]?.revision.createdAt.toISOString() ?? new Date(0).toISOString()
  const feedUrl = appUrl('/pipeline/feed.atom')
  const items = entries.map(({ revision, notice }) => {
    const link = appUrl(noticePath(notice.slug))
    const title = revision.kind === 'published' ? `New: ${notice.title}` : `Updated: ${notice.title}`
    const summary = revision.kind === 'published' ? `${notice.summary} Status: ${STATUS_LABELS[notice.status]}.` : revision.changes.map((c) => `${c.label}: ${c.from} → ${c.to}`).join('. ')
    return [
      '  <entry>',
      `    <id>${escapeXml(`${link}#revision-${revision.number}`)}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <updated>${revision.createdAt.toISOString()}</updated>`,
      `    <summary>${escapeXml(summary)}</summary>`,
      '  </entry>',
    ].join('\n')
  })
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feedUrl)}</id>`,
    '  <title>Employment Category commercial pipeline: new and changed notices</title>',
    `  <updated>${updated}</updated>`,
    `  <author><name>${escapeXml(PUBLISHER.name)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(appUrl('/pipeline'))}"/>`,
    `  <rights>${escapeXml(`${LICENCE.name}: ${LICENCE.url}`)}</rights>`,
    ...items,
    '</feed>',
    '',
  ].join('\n')
}

/** Download responses carry the licence in a Link header as well as in the body. */
export function download(body: string, contentType: string, filename: string) {
  return new Response(body, {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'public, max-age=300',
      Link: `<${LICENCE.url}>; rel="license"`,
    },
  })
}
