import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useLoaderData, useLocation } from '@remix-run/react'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { NotificationBanner } from '~/components/notification-banner'
import { Pagination } from '~/components/pagination'
import { SummaryCard, SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { RequestLinks } from '~/modules/consultations/request-links'
import { formatLabel, kindFromSlug, REQUEST_KINDS } from '~/modules/consultations/requests'
import { listRequests, markRequestHandled, requestCounts } from '~/modules/consultations/requests.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { pageNumber } from '~/lib/http.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data ? REQUEST_KINDS[data.kind].staffTitle : undefined, data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation: c } = await requireStaffConsultation(request, params.id)
  const query = new URL(request.url).searchParams
  const kind = kindFromSlug(query.get('kind'))
  const page = pageNumber(query.get('page'))
  const [list, counts] = await Promise.all([listRequests(c.id, kind, { page }), requestCounts(c.id)])
  return { id: c.id, title: c.title, kind, page, handled: query.get('handled') === '1', counts, ...list }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const form = await request.formData()
  const marked = await markRequestHandled(user, consultation.id, String(form.get('requestId') ?? ''))
  // Back to the same list and page, which now shows the request as handled.
  const query = new URL(request.url).searchParams
  query.delete('handled')
  if (marked) query.set('handled', '1')
  return redirect(`${staffConsultationPath(consultation.id, 'requests')}${query.size ? `?${query}` : ''}`)
}

export default function StaffConsultationRequests() {
  const d = useLoaderData<typeof loader>()
  const location = useLocation()
  // Moving between pages should not repeat the banner about the last request marked.
  const query = new URLSearchParams(location.search)
  query.delete('handled')
  const words = REQUEST_KINDS[d.kind]
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} />}>
      {d.handled ? (
        <NotificationBanner success>
          <p className="govuk-notification-banner__heading">Marked as handled</p>
        </NotificationBanner>
      ) : null}
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">{words.staffTitle}</h1>
      <nav aria-label="Requests and feedback">
        <ul className="govuk-list">
          <RequestLinks consultationId={d.id} counts={d.counts} current={d.kind} />
        </ul>
      </nav>
      <p className="govuk-body">These come from the consultation’s public forms and hold personal details: use them only to reply. Each person was sent an acknowledgement by email.</p>
      {d.rows.length ? null : <p className="govuk-body">None yet.</p>}
      {d.rows.map((r) => (
        <SummaryCard
          key={r.id}
          title={r.name}
          actions={
            r.handledAt ? null : (
              <Form method="post">
                <input type="hidden" name="requestId" value={r.id} />
                <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                  Mark as handled<span className="govuk-visually-hidden"> the request from {r.name}</span>
                </button>
              </Form>
            )
          }
        >
          <SummaryList
            rows={[
              {
                key: 'Email address',
                value: (
                  <a className="govuk-link" href={`mailto:${r.email}`}>
                    {r.email}
                  </a>
                ),
              },
              ...(d.kind === 'accessible_format' ? [{ key: 'Format', value: formatLabel(r.format) }] : []),
              { key: words.staffMessage, value: <p className="govuk-body app-consultation-text">{r.message}</p> },
              { key: 'Received', value: formatDateTime(r.createdAt) },
              {
                key: 'Status',
                value: r.handledAt ? (
                  <>
                    <Tag colour="green">Handled</Tag> {formatDateTime(r.handledAt)}
                    {r.handledBy ? ` by ${r.handledBy}` : ''}
                  </>
                ) : (
                  <Tag colour="yellow">Waiting</Tag>
                ),
              },
            ]}
          />
        </SummaryCard>
      ))}
      <Pagination page={d.page} pageCount={d.pageCount} search={query.toString()} />
    </PageContainer>
  )
}
