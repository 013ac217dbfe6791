import { Link } from '@remix-run/react'
import { organisationPath } from '~/lib/paths'
import { DocumentList, type DocumentView } from '~/modules/files/attachment-list'
import { RichTextContent } from '~/components/rich-text-content'
import { SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { formatDate } from '~/lib/time'
import { regionLabel } from '~/modules/organisations/options'
import type { PipelineStatus, ProcurementRoute, RevisionChange } from '~db/schema'
import { cpvName } from './cpv'
import {
  formatKeyDate,
  formatMoney,
  formatValueRange,
  KEY_DATES,
  MILESTONE_STATE_LABELS,
  milestoneState,
  noticeTypeLabel,
  type MilestoneState,
  ROUTE_LABELS,
  STATUS_COLOURS,
  STATUS_LABELS,
  type KeyDateColumns,
  type KpiInput,
  type LotInput,
  type NoticeFacts,
} from './model'
import { Table } from '~/components/table'

export function StatusTag({ status }: { status: PipelineStatus }) {
  return <Tag colour={STATUS_COLOURS[status]}>{STATUS_LABELS[status]}</Tag>
}

export type NoticeViewData = NoticeFacts &
  KeyDateColumns & {
    descriptionHtml: string
    route: ProcurementRoute
    status: PipelineStatus
    lots: Array<LotInput & { position: number }>
    kpis: Array<KpiInput & { position: number }>
    documents: DocumentView[]
    award: AwardView | null
  }

export type AwardView = {
  valueMinor: number
  currency: string
  awardDate: string
  contractStart: string
  contractEnd: string
  suppliers: Array<{ id: string; name: string; companyNumber: string; streetAddress: string; locality: string; postalCode: string; organisation?: { slug: string } | null }>
}

/** Who the contract went to, for how much and when. */
function ContractAward({ award }: { award: AwardView }) {
  return (
    <section aria-labelledby="award-heading">
      <h2 className="govuk-heading-m" id="award-heading">
        Contract award
      </h2>
      <SummaryList
        rows={[
          {
            key: award.suppliers.length === 1 ? 'Supplier' : 'Suppliers',
            value: (
              <ul className="govuk-list">
                {award.suppliers.map((s) => (
                  <li key={s.id}>
                    {s.organisation ? (
                      <Link className="govuk-link" to={organisationPath(s.organisation.slug)}>
                        {s.name}
                      </Link>
                    ) : (
                      s.name
                    )}
                    {s.companyNumber ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">Companies House number {s.companyNumber}</span> : null}
                    {s.streetAddress || s.locality || s.postalCode ? (
                      <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">{[s.streetAddress, s.locality, s.postalCode].filter(Boolean).join(', ')}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ),
          },
          { key: 'Contract value', value: `${formatMoney(award.valueMinor, award.currency)} excluding VAT` },
          { key: 'Award date', value: formatKeyDate(award.awardDate, 'day') },
          { key: 'Contract period', value: `${formatKeyDate(award.contractStart, 'day')} to ${formatKeyDate(award.contractEnd, 'day')}` },
        ]}
      />
    </section>
  )
}

export type { DocumentView } from '~/modules/files/attachment-list'

const MILESTONE_COLOURS: Record<MilestoneState, 'grey' | 'green' | 'red'> = { planned: 'grey', complete: 'green', not_going_ahead: 'red' }

const months = (n: number | null) => (n === null ? 'Not yet known' : `${n} months`)

/** The notice's facts, shared by the public page and the staff overview. */
export function NoticeDetails({ notice, documentHref }: { notice: NoticeViewData; documentHref: (d: DocumentView) => string }) {
  const dateOf = (field: (typeof KEY_DATES)[number]['field']) => {
    const key = field as 'marketEngagement' | 'tenderNotice' | 'award' | 'serviceStart'
    return formatKeyDate(notice[`${key}Date`], notice[`${key}Precision`])
  }
  const today = new Date().toISOString().slice(0, 10)
  return (
    <>
      {/* An awarded notice leads with who won, for how much and when. */}
      {notice.award ? (
        <>
          <ContractAward award={notice.award} />
          <h2 className="govuk-heading-m">Notice details</h2>
        </>
      ) : null}
      <SummaryList
        rows={[
          { key: 'Notice type', value: noticeTypeLabel(notice.noticeType) },
          { key: 'Reference', value: notice.reference },
          { key: 'Status', value: <StatusTag status={notice.status} /> },
          { key: 'Estimated value', value: `${formatValueRange(notice.valueMinPence, notice.valueMaxPence)} excluding VAT` },
          { key: 'Procurement route', value: ROUTE_LABELS[notice.route] },
          { key: 'Buyer', value: notice.buyer },
          ...(notice.programme ? [{ key: 'Programme', value: notice.programme }] : []),
          { key: 'Contract length', value: months(notice.contractMonths) },
          {
            key: 'Extension options',
            value: notice.extensionMonths || notice.extensionNote ? [notice.extensionMonths ? `${notice.extensionMonths} months` : '', notice.extensionNote].filter(Boolean).join('. ') : 'None',
          },
          { key: 'Regions', value: notice.regions.length ? notice.regions.map(regionLabel).join(', ') : 'Not yet known' },
          {
            key: 'Suitable for',
            value:
              [notice.suitableForSme && 'Small and medium-sized enterprises (SMEs)', notice.suitableForVcse && 'Voluntary, community and social enterprises (VCSEs)'].filter(Boolean).join(', ') ||
              'Not marked as suitable for SMEs or VCSEs',
          },
          {
            key: 'CPV codes',
            value: (
              <ul className="govuk-list">
                {notice.cpvCodes.map((c) => (
                  <li key={c}>
                    {c} {cpvName(c)}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {notice.noticeType === 'preliminary_market_engagement' && notice.engagementDetails ? (
        <>
          <h2 className="govuk-heading-m">Take part in market engagement</h2>
          {notice.engagementDetails.split(/\n{2,}/).map((para, i) => (
            <p className="govuk-body app-pre-wrap" key={i}>
              {para}
            </p>
          ))}
          {notice.engagementDeadline ? <p className="govuk-body">Register to take part by {formatKeyDate(notice.engagementDeadline, 'day')}.</p> : null}
        </>
      ) : null}
      {notice.documents.length ? (
        <section aria-labelledby="documents-heading">
          <h2 className="govuk-heading-m" id="documents-heading">
            Documents
          </h2>
          <DocumentList documents={notice.documents} href={documentHref} />
        </section>
      ) : null}
      <ContactPoint notice={notice} />
      <h2 className="govuk-heading-m">Key dates</h2>
      <SummaryList
        rows={KEY_DATES.map(({ field, label }) => {
          const state = milestoneState(field, notice, today, notice.award?.contractStart)
          return {
            key: label,
            value: (
              <>
                {dateOf(field)} <Tag colour={MILESTONE_COLOURS[state]}>{MILESTONE_STATE_LABELS[state]}</Tag>
              </>
            ),
          }
        })}
      />
      {notice.descriptionHtml ? (
        <>
          <h2 className="govuk-heading-m">Description</h2>
          <RichTextContent html={notice.descriptionHtml} />
        </>
      ) : null}
      {notice.lots.length ? (
        <>
          <h2 className="govuk-heading-m">Lots</h2>
          {/* Two columns, the areas under each lot's name, so the table fits a phone. */}
          <Table
            caption="Lots, with their Contract Package Areas and values"
            captionHidden
            smallTextUntilTablet
            firstCellIsHeader
            rows={notice.lots}
            rowKey={(lot) => String(lot.position)}
            columns={[
              {
                header: 'Lot and its Contract Package Areas',
                cell: (lot) => (
                  <>
                    {lot.position}. {lot.title}
                    <span className="govuk-!-display-block govuk-!-font-weight-regular">{lot.contractPackageAreas.join(', ') || 'Areas not yet set'}</span>
                  </>
                ),
              },
              { header: 'Estimated value', cell: (lot) => formatValueRange(lot.valueMinPence, lot.valueMaxPence) },
            ]}
          />
        </>
      ) : null}
      {notice.kpis.length ? (
        <>
          <h2 className="govuk-heading-m">Top key performance indicators</h2>
          <Table
            caption="Key performance indicators with target and latest published value"
            captionHidden
            smallTextUntilTablet
            firstCellIsHeader
            rows={notice.kpis}
            rowKey={(k) => String(k.position)}
            columns={[
              { header: 'Indicator', cell: (k) => k.name },
              { header: 'Target', cell: (k) => k.target },
              { header: 'Latest published', cell: (k) => (k.latestValue ? `${k.latestValue}${k.latestPeriod ? ` (${k.latestPeriod})` : ''}` : 'Not yet published') },
            ]}
          />
        </>
      ) : null}
      {notice.relatedLinks.length ? (
        <>
          <h2 className="govuk-heading-m">Related consultations and events</h2>
          <ul className="govuk-list">
            {notice.relatedLinks.map((l) => (
              <li key={l.url}>
                {l.url.startsWith('/') ? (
                  <Link className="govuk-link" to={l.url}>
                    {l.title}
                  </Link>
                ) : (
                  <a className="govuk-link" href={l.url}>
                    {l.title}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  )
}

function ContactPoint({ notice }: { notice: Pick<NoticeFacts, 'contactName' | 'contactEmail' | 'contactPhone'> }) {
  if (!notice.contactName && !notice.contactEmail) return null
  return (
    <>
      <h2 className="govuk-heading-m">Contact point</h2>
      <SummaryList
        rows={[
          { key: 'Name', value: notice.contactName || 'Not given' },
          {
            key: 'Email',
            value: notice.contactEmail ? (
              <a className="govuk-link" href={`mailto:${notice.contactEmail}`}>
                {notice.contactEmail}
              </a>
            ) : (
              'Not given'
            ),
          },
          ...(notice.contactPhone ? [{ key: 'Telephone', value: notice.contactPhone }] : []),
        ]}
      />
    </>
  )
}

export type RevisionView = { id: string; number: number; kind: string; changes: RevisionChange[]; createdAt: string | Date }

/** The change log: every revision since publication, newest first. */
export function ChangeLog({ revisions }: { revisions: RevisionView[] }) {
  if (!revisions.length) return null
  return (
    <section aria-labelledby="change-log">
      <h2 className="govuk-heading-m" id="change-log">
        Change log
      </h2>
      <ol className="govuk-list app-change-log" reversed>
        {revisions.map((r) => (
          <li key={r.id} id={`revision-${r.number}`} className="govuk-!-margin-bottom-4">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
              {formatDate(r.createdAt)}: {r.kind === 'published' ? 'first published' : r.kind === 'status' ? 'status changed' : r.kind === 'awarded' ? 'contract awarded' : 'updated'}
            </h3>
            {r.changes.length ? (
              <ul className="govuk-list govuk-list--bullet">
                {r.changes.map((c) => (
                  <li key={c.field}>
                    {c.label}: {c.from} <span aria-hidden="true">→</span>
                    <span className="govuk-visually-hidden">changed to</span> {c.to}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  )
}
