import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { Pagination } from '~/components/pagination'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { publicationQueue } from '~/modules/consultations/publication.server'
import { QUEUE_STATE_COLOURS, QUEUE_STATE_LABELS, QUEUE_STATES as STATES, type QueueState } from '~/modules/consultations/publication-states'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { pageNumber } from '~/lib/http.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Publication queue', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  const url = new URL(request.url)
  const show = url.searchParams.get('show') as QueueState | null
  const state = show && STATES.includes(show) ? show : undefined
  const page = pageNumber(url.searchParams.get('page'))
  const queue = await publicationQueue(c, { state, page })
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    closesAt: c.closesAt.toISOString(),
    state: state ?? null,
    page,
    ...queue,
    schedule: queue.schedule ? { releaseAt: queue.schedule.releaseAt.toISOString() } : null,
    rows: queue.rows.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null })),
  }
}

export default function PublicationQueue() {
  const d = useLoaderData<typeof loader>()
  const { search } = useLocation()
  const base = staffConsultationPath(d.id, 'publication')
  const queued = d.counts['to-review'] + d.counts['to-publish'] + d.counts.withheld + d.counts.published
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} />}>
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">Publication queue</h1>
      {d.open ? (
        <InsetText>Responses come into this queue when the consultation closes at {formatDateTime(d.closesAt)}. Until you release them, nothing is published.</InsetText>
      ) : (
        <>
          <p className="govuk-body">
            Responses whose authors agreed to publication wait here until you release them. Read each one: redact words or whole answers that should not be published, for example the name of a third
            party, or withhold the whole response. Nothing is public until you release it.
          </p>
          <p className="govuk-body">Responses people asked us not to publish, or to keep confidential, are never in the queue.</p>
        </>
      )}
      <dl className="app-queue-counts govuk-!-margin-bottom-6">
        {STATES.map((s) => (
          <div key={s} className="app-queue-counts__item">
            <dt className="govuk-body-s govuk-!-margin-bottom-1">{QUEUE_STATE_LABELS[s]}</dt>
            <dd className="govuk-heading-m govuk-!-margin-0">{d.counts[s]}</dd>
          </div>
        ))}
      </dl>
      {d.schedule ? (
        <InsetText>
          Scheduled: the responses ready to publish will be published at {formatDateTime(d.schedule.releaseAt)}.{' '}
          <Link className="govuk-link" to={`${base}/release`}>
            Change or cancel
          </Link>
        </InsetText>
      ) : null}
      {!d.open && d.counts['to-publish'] > 0 ? <ButtonLink to={`${base}/release`}>Release responses</ButtonLink> : null}
      {queued ? (
        <>
          <nav aria-label="Show responses by state" className="govuk-!-margin-bottom-4">
            <ul className="govuk-list app-inline-list">
              <li>
                {d.state === null ? (
                  <strong>All ({queued})</strong>
                ) : (
                  <Link className="govuk-link" to={base}>
                    All ({queued})
                  </Link>
                )}
              </li>
              {STATES.map((s) => (
                <li key={s}>
                  {d.state === s ? (
                    <strong>
                      {QUEUE_STATE_LABELS[s]} ({d.counts[s]})
                    </strong>
                  ) : (
                    <Link className="govuk-link" to={`${base}?show=${s}`}>
                      {QUEUE_STATE_LABELS[s]} ({d.counts[s]})
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          </nav>
          {d.rows.length ? (
            <Table
              caption={d.state ? QUEUE_STATE_LABELS[d.state] : 'Responses'}
              captionSize="m"
              rowKey={(r) => r.id}
              rows={d.rows}
              columns={[
                {
                  header: 'Reference',
                  cell: (r) => (
                    <Link className="govuk-link" to={`${base}/${r.id}`}>
                      {r.reference}
                      <span className="govuk-visually-hidden"> ({r.respondentType === 'organisation' ? r.organisationName : r.name})</span>
                    </Link>
                  ),
                },
                { header: 'Respondent', cell: (r) => `${r.respondentType === 'organisation' ? r.organisationName : r.name}${r.publishingConsent === 'anonymous' ? ' (to be anonymous)' : ''}` },
                { header: 'Submitted', cell: (r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '') },
                { header: 'Redactions', cell: (r) => String(r.redactions), numeric: true },
                { header: 'State', cell: (r) => <Tag colour={QUEUE_STATE_COLOURS[r.state]}>{QUEUE_STATE_LABELS[r.state]}</Tag> },
              ]}
            />
          ) : (
            <p className="govuk-body">No responses are {d.state ? QUEUE_STATE_LABELS[d.state].toLowerCase() : 'in the queue'}.</p>
          )}
          <Pagination page={d.page} pageCount={d.pageCount} search={search} />
        </>
      ) : d.open ? null : (
        <p className="govuk-body">No responses are waiting: nobody who responded agreed to publication.</p>
      )}
    </PageContainer>
  )
}
