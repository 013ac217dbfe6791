import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Table } from '~/components/table'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { EVENT_ANCHORS, EventFields } from '~/modules/pipeline/event-fields'
import { formatEventTime, parseEventForm } from '~/modules/pipeline/events'
import { addEvent, listEvents } from '~/modules/pipeline/events.server'
import { isOpen } from '~/modules/pipeline/model'
import { getNotice } from '~/modules/pipeline/notices.server'
import { staffNoticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Events for ${data?.notice.title ?? 'notice'}`, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  return { notice: { id: notice.id, title: notice.title, published: Boolean(notice.publishedAt), open: isOpen(notice.status) }, events: await listEvents(notice.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const id = params.id ?? ''
  const values = formValues(await request.formData())
  const parsed = parseEventForm(values)
  if (!parsed.ok) return invalid({ errors: parsed.errors, values })
  try {
    await addEvent(user, id, parsed.input)
  } catch (error) {
    return ruleFailed(error, { values })
  }
  return redirectWithNotice(staffNoticePath(id, 'events'), 'The event has been added')
}

export default function NoticeEvents() {
  const { notice, events } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()

  return (
    <PageContainer before={<BackLink to={staffNoticePath(notice.id)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={EVENT_ANCHORS} />
          <span className="govuk-caption-l">{notice.title}</span>
          <h1 className="govuk-heading-l">Market engagement events</h1>
          <p className="govuk-body">
            {notice.published
              ? 'Events are on the notice page as soon as you add them; adding, changing or cancelling one is listed in the notice’s change log.'
              : 'Events appear on the notice page when the notice is published.'}{' '}
            Organisations book one place each and are emailed a calendar file.
          </p>
        </div>
      </div>
      {events.length ? (
        <Table
          caption="Events"
          smallTextUntilTablet
          rows={events}
          rowKey={(e) => e.id}
          columns={[
            {
              header: 'Event',
              cell: (e) => (
                <>
                  <Link className="govuk-link" to={staffNoticePath(notice.id, `events/${e.id}`)}>
                    {e.title}
                  </Link>
                  {/* Under the title rather than a fourth column, so the table fits a phone. */}
                  <span className="govuk-!-display-block">{e.cancelledAt ? 'Cancelled' : new Date(e.startsAt) < new Date() ? 'Past' : 'Upcoming'}</span>
                </>
              ),
            },
            { header: 'When', cell: (e) => formatEventTime(e.startsAt, e.endsAt) },
            { header: 'Places taken', numeric: true, cell: (e) => `${e.taken} of ${e.capacity}` },
          ]}
        />
      ) : (
        <p className="govuk-body">No events yet.</p>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {notice.open ? (
            <Form key={events.length} method="post" noValidate>
              <h2 className="govuk-heading-m">Add an event</h2>
              <EventFields values={actionData?.values} errors={actionData?.errors} />
              <Button>Add event</Button>
            </Form>
          ) : (
            <p className="govuk-body">This notice is closed, so events can no longer be added.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
