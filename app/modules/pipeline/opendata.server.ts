import { config } from '~/lib/config.server'
import type { PipelineNotice, PipelineRevision } from '~db/schema'
import { cpvName } from './cpv'
import { formatKeyDate, formatValueRange, KEY_DATES, milestoneState, noticeTypeOf, noticeTypeLabel, ROUTE_LABELS, STATUS_LABELS, type KeyDateField } from './model'
import { slugify } from '~/lib/slug'
import type { NoticeAward, NoticeDetail, NoticeDocument } from './notices.server'
import { describeAward } from './awards.server'
import { describeFile, FILE_KINDS } from '~/modules/files/file-types'
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

function documentUrl(n: Pick<NoticeDetail, 'slug'>, d: Pick<NoticeDocument, 'id'>) {
  return appUrl(noticePath(n.slug, `documents/${d.id}`))
}

/** One flat record per notice: the shape of the CSV and JSON downloads. */
export function noticeRecord(n: NoticeDetail) {
  return {
    reference: n.reference,
    title: n.title,
    url: appUrl(noticePath(n.slug)),
    noticeType: noticeTypeOf(n.noticeType).code,
    noticeTypeName: noticeTypeOf(n.noticeType).label,
    status: STATUS_LABELS[n.status],
    summary: n.summary,
    description: n.descriptionText,
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
    engagementDetails: n.engagementDetails,
    engagementRegistrationDeadline: n.engagementDeadline,
    contactName: n.contactName,
    contactEmail: n.contactEmail,
    contactTelephone: n.contactPhone,
    lots: n.lots.map((l) => ({ title: l.title, valueMinimumGBP: pounds(l.valueMinPence), valueMaximumGBP: pounds(l.valueMaxPence), contractPackageAreas: l.contractPackageAreas })),
    kpis: n.kpis.map((k) => ({ name: k.name, target: k.target, latestValue: k.latestValue, latestPeriod: k.latestPeriod })),
    documents: (n.documents ?? []).map((d) => ({ title: d.title, url: documentUrl(n, d), format: FILE_KINDS[d.file.kind].label, sizeBytes: d.file.size })),
    awardSuppliers: (n.award?.suppliers ?? []).map((s) => ({ name: s.name, companiesHouseNumber: s.companyNumber || null })),
    awardValue: n.award ? n.award.valueMinor / 100 : null,
    awardCurrency: n.award?.currency ?? null,
    awardDate: n.award?.awardDate ?? null,
    contractStart: n.award?.contractStart ?? null,
    contractEnd: n.award?.contractEnd ?? null,
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
    'noticeType',
    'noticeTypeName',
    'status',
    'summary',
    'description',
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
    'engagementDetails',
    'engagementRegistrationDeadline',
    'contactName',
    'contactEmail',
    'contactTelephone',
    'lots',
    'kpis',
    'documents',
    'awardSuppliers',
    'awardValue',
    'awardCurrency',
    'awardDate',
    'contractStart',
    'contractEnd',
    'revision',
    'firstPublished',
    'lastUpdated',
  ] as const
  const rows = records.map((r) =>
    columns.map((c) =>
      c === 'lots'
        ? r.lots.map((l) => `${l.title} (£${l.valueMinimumGBP}-£${l.valueMaximumGBP}${l.contractPackageAreas.length ? `: ${l.contractPackageAreas.join(', ')}` : ''})`)
        : c === 'kpis'
          ? r.kpis.map((k) => `${k.name}: target ${k.target}${k.latestValue ? `, latest ${k.latestValue}${k.latestPeriod ? ` (${k.latestPeriod})` : ''}` : ''}`)
          : c === 'documents'
            ? r.documents.map((d) => `${d.title} (${d.format}): ${d.url}`)
            : c === 'awardSuppliers'
              ? r.awardSuppliers.map((s) => (s.companiesHouseNumber ? `${s.name} (Companies House ${s.companiesHouseNumber})` : s.name))
              : r[c],
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

function contactPointOf(n: Pick<NoticeDetail, 'contactName' | 'contactEmail' | 'contactPhone'>) {
  return { name: n.contactName, email: n.contactEmail, ...(n.contactPhone ? { telephone: n.contactPhone } : {}) }
}

export function ocid(notice: Pick<PipelineNotice, 'id'>) {
  return `${config().OCDS_OCID_PREFIX}-${notice.id}`
}

/**
 * A notice as an OCDS 1.1 planning release. The first publication is tagged
 * planning; every later revision, including cancellation and withdrawal, is
 * a planningUpdate.
 */
export function ocdsRelease(n: NoticeDetail, revision?: Pick<PipelineRevision, 'number' | 'createdAt' | 'kind'>) {
  const number = revision?.number ?? n.revision
  const date = (revision?.createdAt ?? n.lastUpdatedAt ?? n.publishedAt ?? n.updatedAt).toISOString()
  const buyerId = 'GB-GOR-PB1' // DWP's identifier in the UK government organisation register
  const milestones: Array<{ id: string; title: string; type: string; dueDate: string; description: string; status: string; dateMet?: string }> = KEY_DATES.flatMap(({ field, label }) => {
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
        ...milestoneStatus(field, n, date.slice(0, 10)),
      },
    ]
  })
  if (n.noticeType === 'preliminary_market_engagement' && n.engagementDeadline) {
    milestones.unshift({
      id: 'engagementRegistration',
      title: 'Market engagement registration deadline',
      type: 'engagement',
      dueDate: isoDate(n.engagementDeadline),
      description: n.engagementDetails || 'Register to take part in preliminary market engagement',
      status: n.status === 'planned' || n.status === 'market_engagement' ? 'scheduled' : n.status === 'cancelled' || n.status === 'withdrawn' ? 'notMet' : 'met',
    })
  }
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
  if (n.documents?.length) {
    tender.documents = n.documents.map((d) => ({
      id: d.id,
      title: d.title,
      description: describeFile(d.file),
      url: documentUrl(n, d),
      datePublished: new Date(d.createdAt).toISOString(),
      format: FILE_KINDS[d.file.kind].mediaType.split(';')[0],
      language: 'en',
    }))
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
  const award = n.award ?? null
  const suppliers = (award?.suppliers ?? []).map(supplierParty)
  return {
    ocid: ocid(n),
    id: `${ocid(n)}-${number}`,
    date,
    tag: releaseTags(number, award, revision?.kind),
    initiationType: 'tender',
    language: 'en',
    parties: [{ id: buyerId, name: n.buyer, roles: ['buyer'], ...(n.contactEmail ? { contactPoint: contactPointOf(n) } : {}) }, ...suppliers],
    buyer: { id: buyerId, name: n.buyer },
    planning: {
      rationale: n.programme ? `${n.programme}: ${n.summary}` : n.summary,
      budget: { description: `Estimated value ${formatValueRange(n.valueMinPence, n.valueMaxPence)} excluding VAT`, amount: amount(n.valueMaxPence) },
      milestones,
    },
    tender,
    ...(award ? awardAndContract(n, award, suppliers, date.slice(0, 10)) : {}),
  }
}

/**
 * planning for the first release, planningUpdate after; the release that
 * records the award is award and contract, a later one awardUpdate and
 * contractUpdate. The latest-release package tags an awarded notice award
 * and contract, since that release carries both.
 */
function releaseTags(number: number, award: NoticeAward | null, kind?: PipelineRevision['kind']) {
  if (award) return kind && kind !== 'awarded' ? ['awardUpdate', 'contractUpdate'] : ['award', 'contract']
  return [number <= 1 ? 'planning' : 'planningUpdate']
}

/** OCDS milestone status from where the notice has got to: met (with the award's date for the award), not met, or still scheduled. */
function milestoneStatus(field: KeyDateField, n: NoticeDetail, today: string): { status: string; dateMet?: string } {
  const state = milestoneState(field, n, today, n.award?.contractStart)
  if (state === 'not_going_ahead') return { status: 'notMet' }
  if (state === 'planned') return { status: 'scheduled' }
  const met = field === 'award' ? n.award?.awardDate : field === 'serviceStart' ? n.award?.contractStart : undefined
  return { status: 'met', ...(met ? { dateMet: isoDate(met) } : {}) }
}

type SupplierRow = NoticeAward['suppliers'][number]

/**
 * A supplier as an OCDS party: identified by its Companies House number
 * (org-id scheme GB-COH) where known, otherwise by its place in the hub's
 * directory or, failing that, its name.
 */
function supplierParty(s: SupplierRow) {
  const id = s.companyNumber
    ? `GB-COH-${s.companyNumber}`
    : s.organisationId
      ? `${config().OCDS_OCID_PREFIX}-organisation-${s.organisationId}`
      : `${config().OCDS_OCID_PREFIX}-supplier-${slugify(s.name, 'supplier')}`
  const address =
    s.streetAddress || s.locality || s.postalCode
      ? {
          ...(s.streetAddress ? { streetAddress: s.streetAddress } : {}),
          ...(s.locality ? { locality: s.locality } : {}),
          ...(s.postalCode ? { postalCode: s.postalCode } : {}),
          countryName: 'United Kingdom',
        }
      : undefined
  return {
    id,
    name: s.name,
    roles: ['supplier'],
    ...(s.companyNumber ? { identifier: { scheme: 'GB-COH', id: s.companyNumber, legalName: s.name } } : {}),
    ...(address ? { address } : {}),
  }
}

function awardAndContract(n: NoticeDetail, award: NoticeAward, suppliers: ReturnType<typeof supplierParty>[], today: string) {
  const awardId = `${ocid(n)}-award-1`
  const value = { amount: award.valueMinor / 100, currency: award.currency }
  const period = { startDate: isoDate(award.contractStart), endDate: isoDate(award.contractEnd) }
  return {
    awards: [
      {
        id: awardId,
        title: n.title,
        description: `Contract awarded to ${suppliers.map((s) => s.name).join(' and ')}`,
        status: 'active',
        date: isoDate(award.awardDate),
        value,
        suppliers: suppliers.map((s) => ({ id: s.id, name: s.name })),
        contractPeriod: period,
      },
    ],
    contracts: [
      {
        id: `${ocid(n)}-contract-1`,
        awardID: awardId,
        title: n.title,
        status: award.contractEnd < today ? 'terminated' : award.contractStart <= today ? 'active' : 'pending',
        period,
        value,
      },
    ],
  }
}

/** Tender lots follow the OCDS lots extension, which a package using them names. */
const LOTS_EXTENSION = 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json'

export function releasePackage(releases: ReturnType<typeof ocdsRelease>[], path: string) {
  const dates = releases.map((r) => r.date).sort()
  return {
    uri: appUrl(path),
    version: '1.1',
    ...(releases.some((r) => r.tender.lots) ? { extensions: [LOTS_EXTENSION] } : {}),
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

/** A revision's stored snapshot as a notice; stored as JSON, so dates come back as strings and fields added since are taken from now. */
export function snapshotOf<N extends PipelineNotice>(snapshot: Record<string, unknown>, fallback: N): N {
  // A revision from before awards were recorded has no award: it must not borrow today's.
  const s = { ...fallback, award: null, ...snapshot } as N
  for (const key of ['publishedAt', 'lastUpdatedAt', 'createdAt', 'updatedAt'] as const) {
    const v = s[key] as unknown
    ;(s as Record<string, unknown>)[key] = v ? new Date(v as string) : null
  }
  return s
}

/** An Atom feed with an entry for each publication and revision. */
export function atomFeed(entries: Array<{ revision: PipelineRevision; notice: PipelineNotice }>) {
  const updated = entries[0]?.revision.createdAt.toISOString() ?? new Date(0).toISOString()
  const feedUrl = appUrl('/pipeline/feed.atom')
  const items = entries.map(({ revision, notice: current }) => {
    // Each entry tells of the notice as it stood at that revision, not as it is now.
    const notice: PipelineNotice & { documents?: NoticeDocument[]; award?: NoticeAward | null } = snapshotOf(revision.snapshot, current)
    const link = appUrl(noticePath(notice.slug))
    const title = `${revision.kind === 'published' ? 'New' : revision.kind === 'awarded' ? 'Awarded' : 'Updated'}: ${notice.title}`
    const documents = notice.documents?.length ? ` Documents: ${notice.documents.map((d) => `${d.title} (${describeFile(d.file)})`).join('; ')}.` : ''
    const awarded = notice.award ? ` Awarded to ${describeAward(notice.award)}.` : ''
    const described = `${noticeTypeLabel(notice.noticeType)}. ${notice.summary} Status: ${STATUS_LABELS[notice.status]}. Estimated value: ${formatValueRange(notice.valueMinPence, notice.valueMaxPence)} excluding VAT.${awarded}${documents}`
    const summary = revision.kind === 'published' ? described : `${revision.changes.map((c) => `${c.label}: ${c.from} → ${c.to}`).join('. ')}. ${described}`
    return [
      '  <entry>',
      `    <id>${escapeXml(`${link}#revision-${revision.number}`)}</id>`,
      `    <title>${escapeXml(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(link)}"/>`,
      `    <updated>${revision.createdAt.toISOString()}</updated>`,
      ...(notice.documents ?? []).map(
        (d) =>
          `    <link rel="enclosure" type="${FILE_KINDS[d.file.kind].mediaType.split(';')[0]}" length="${d.file.size}" title="${escapeXml(`${d.title} (${describeFile(d.file)})`)}" href="${escapeXml(documentUrl(notice, d))}"/>`,
      ),
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
