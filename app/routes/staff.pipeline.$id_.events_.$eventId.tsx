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
import { formatDateTime } from '~/lib/time'
import { EVENT_ANCHORS, EventFields } from '~/modules/pipeline/event-fields'
import { formatEventTime, parseEventForm, placesLeftText } from '~/modules/pipeline/events'
import { attendees, cancelEvent, getEvent, updateEvent } from '~/modules/pipeline/events.server'
import { getNotice } from '~/modules/pipeline/notices.server'
import { noticePath, staffNoticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.event.title ?? 'Event', 'Staff') }]

async function load(params: { id?: string; eventId?: string }) {
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  const event = await getEvent(notice.id, params.eventId ?? '').catch(() => null)
  invariantResponse(event, 'Not found')
  return { notice, event }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const { notice, event } = await load(params)
  return { notice: { id: notice.id, title: notice.title, slug: notice.slug, published: Boolean(notice.publishedAt) }, event, attendees: await attendees(event.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const { notice, event } = await load(params)
  const values = formValues(await request.formData())
  const here = staffNoticePath(notice.id, `events/${event.id}`)
  if (values.intent === 'cancel') {
    try {
      await cancelEvent(user, notice.id, event.id)
    } catch (error) {
      return ruleFailed(error)
    }
    return redirectWithNotice(here, 'The event has been cancelled and everyone with a place has been emailed')
  }
  const parsed = parseEventForm(values)
  if (!parsed.ok) return invalid({ errors: parsed.errors, values })
  try {
    await updateEvent(user, notice.id, event.id, parsed.input, Number(values.version))
  } catch (error) {
    // A stale form comes back holding the current version, so saving again is a deliberate choice.
    return ruleFailed(error, { values: { ...values, version: String(event.editVersion) } })
  }
  return redirectWithNotice(here, 'Your changes have been saved')
}

export default function StaffEvent() {
  const { notice, event, attendees } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()

  return (
    <PageContainer before={<BackLink to={staffNoticePath(notice.id, 'events')}>Back to the events</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={EVENT_ANCHORS} />
          <span className="govuk-caption-l">{notice.title}</span>
          <h1 className="govuk-heading-l">{event.title}</h1>
          <p className="govuk-body">
            {formatEventTime(event.startsAt, event.endsAt)}. {event.cancelledAt ? `Cancelled at ${formatDateTime(event.cancelledAt)}.` : `${placesLeftText(event.capacity, event.taken)}.`}
            {notice.published ? (
              <>
                {' '}
                <Link className="govuk-link" to={noticePath(notice.slug, `events/${event.id}`)}>
                  View the public page
                </Link>
              </>
            ) : null}
          </p>
          <h2 className="govuk-heading-m" id="attendees">
            Who has a place
          </h2>
        </div>
      </div>
      {attendees.length ? (
        <>
          <Table
            caption={`${attendees.length} ${attendees.length === 1 ? 'organisation' : 'organisations'}`}
            captionSize="s"
            smallTextUntilTablet
            rows={attendees}
            rowKey={(a) => a.organisationSlug}
            columns={[
              { header: 'Organisation', cell: (a) => a.organisation },
              {
                header: 'Booked by',
                cell: (a) =>
                  a.name ? (
                    <>
                      {a.name}
                      <span className="govuk-!-display-block app-break-anywhere">{a.email}</span>
                    </>
                  ) : (
                    'Account deleted'
                  ),
              },
              { header: 'Booked', cell: (a) => formatDateTime(a.bookedAt) },
            ]}
          />
          <p className="govuk-body">
            <a className="govuk-link" href={staffNoticePath(notice.id, `events/${event.id}/attendees.csv`)} download>
              Download the list as CSV
            </a>
          </p>
        </>
      ) : (
        <p className="govuk-body">No organisation has booked a place yet.</p>
      )}
      {!event.cancelledAt ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Form method="post" noValidate key={event.editVersion}>
              <h2 className="govuk-heading-m">Change the event</h2>
              <p className="govuk-body">If you change the title, time or place, everyone with a place is emailed an updated calendar file.</p>
              <input type="hidden" name="version" value={String(actionData?.values?.version ?? event.editVersion)} />
              <EventFields values={actionData?.values} errors={actionData?.errors} saved={event} />
              <Button>Save changes</Button>
            </Form>
            <Form method="post">
              <h2 className="govuk-heading-m">Cancel the event</h2>
              <p className="govuk-body">Everyone with a place is emailed, with a calendar file that removes the event from their calendar. This cannot be undone.</p>
              <input type="hidden" name="intent" value="cancel" />
              <Button variant="warning">Cancel the event</Button>
            </Form>
          </div>
        </div>
      ) : null}
    </PageContainer>
  )
}
