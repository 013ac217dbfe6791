import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText, WarningText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { getUser, requireUser } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { formatEventTime, placesLeftText } from '~/modules/pipeline/events'
import { bookPlace, cancelPlace, eventsFor } from '~/modules/pipeline/events.server'
import { organisationsOf } from '~/modules/pipeline/interest.server'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { noticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.event.title ?? 'Event', data?.notice.title ?? 'Pipeline') }]

async function load(request: Request, params: { slug?: string; eventId?: string }) {
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const user = await getUser(request)
  const event = (await eventsFor(notice.id, user?.id ?? null)).find((e) => e.id === params.eventId)
  invariantResponse(event, 'Not found')
  return { notice, user, event }
}

// Public: anyone may read an event; booking needs a signed-in member of an organisation. The online link is for those with a place.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { notice, user, event } = await load(request, params)
  const organisations = user ? await organisationsOf(user.id) : []
  const booked = event.mine.length > 0
  return {
    notice: { slug: notice.slug, title: notice.title, reference: notice.reference },
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      place: event.place,
      online: Boolean(event.onlineUrl),
      onlineUrl: booked ? event.onlineUrl : '',
      capacity: event.capacity,
      taken: event.taken,
      description: event.description,
      cancelled: Boolean(event.cancelledAt),
      past: new Date(event.startsAt) <= new Date(),
    },
    signedIn: Boolean(user),
    mine: event.mine.map((m) => ({ organisationId: m.organisationId, organisation: m.organisation, bookedBy: m.bookedBy })),
    canBook: organisations.filter((o) => !event.mine.some((m) => m.organisationId === o.id)),
    hasOrganisation: organisations.length > 0,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { notice, event } = await load(request, params)
  const values = formValues(await request.formData())
  const organisationId = String(values.organisationId ?? '')
  const here = noticePath(notice.slug, `events/${event.id}`)
  try {
    if (values.intent === 'cancel') {
      await cancelPlace(user, notice.id, event.id, organisationId)
      return redirectWithNotice(here, 'Your organisation’s place has been cancelled')
    }
    if (!organisationId) return invalid({ errors: { organisationId: 'Select the organisation you are booking for' }, values })
    await bookPlace(user, notice.id, event.id, organisationId)
  } catch (error) {
    return ruleFailed(error, { values, status: (e) => (e.code === 'full' ? 409 : 400) })
  }
  return redirectWithNotice(here, 'Your place is booked. We have emailed you a confirmation with a calendar file')
}

export default function EventPage() {
  const { notice, event, signedIn, mine, canBook, hasOrganisation } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const location = useLocation()

  const full = event.taken >= event.capacity
  return (
    <PageContainer before={<BackLink to={noticePath(notice.slug)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">Market engagement event: {notice.title}</span>
          <h1 className="govuk-heading-l">{event.title}</h1>
          {event.cancelled ? <WarningText>This event has been cancelled.</WarningText> : null}
          <SummaryList
            rows={[
              { key: 'When', value: `${formatEventTime(event.startsAt, event.endsAt)} (UK time)` },
              { key: 'Where', value: event.place || 'Online' },
              ...(event.online
                ? [
                    {
                      key: 'Joining link',
                      value: event.onlineUrl ? (
                        <a className="govuk-link" href={event.onlineUrl}>
                          {event.onlineUrl}
                        </a>
                      ) : (
                        'The link is sent to organisations with a place'
                      ),
                    },
                  ]
                : []),
              { key: 'Places', value: `${placesLeftText(event.capacity, event.taken)}. One place per organisation.` },
            ]}
          />
          {event.description ? <p className="govuk-body app-pre-wrap">{event.description}</p> : null}
          <p className="govuk-body">
            <a className="govuk-link" href={noticePath(notice.slug, `events/${event.id}/calendar.ics`)} download>
              Add to your calendar (.ics file)
            </a>
          </p>

          <h2 className="govuk-heading-m">Your organisation’s place</h2>
          {mine.length
            ? mine.map((m) => (
                <InsetText key={m.organisationId}>
                  <p className="govuk-body">
                    {m.organisation} has a place{m.bookedBy ? `, booked by ${m.bookedBy}` : ''}.
                  </p>
                  {!event.cancelled && !event.past ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="cancel" />
                      <input type="hidden" name="organisationId" value={m.organisationId} />
                      <Button variant="secondary" className="govuk-!-margin-bottom-0">
                        Cancel {m.organisation}’s place
                      </Button>
                    </Form>
                  ) : null}
                </InsetText>
              ))
            : null}
          {event.cancelled || event.past ? (
            <p className="govuk-body">{event.cancelled ? 'Places can no longer be booked.' : 'This event has started, so places can no longer be booked.'}</p>
          ) : !signedIn ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/sign-in?${new URLSearchParams({ redirectTo: location.pathname })}`}>
                Sign in
              </Link>{' '}
              to book a place for your organisation.
            </p>
          ) : !hasOrganisation ? (
            <p className="govuk-body">
              Places are booked by organisations. First{' '}
              <Link className="govuk-link" to="/organisations/new">
                add your organisation
              </Link>{' '}
              or ask its admin to invite you.
            </p>
          ) : canBook.length ? (
            <Form method="post" noValidate>
              {canBook.length > 1 ? (
                <Radios
                  name="organisationId"
                  legend="Which organisation are you booking for?"
                  legendSize="s"
                  value={typeof actionData?.values?.organisationId === 'string' ? actionData.values.organisationId : undefined}
                  error={actionData?.errors?.organisationId}
                  options={canBook.map((o) => ({ value: o.id, label: o.name }))}
                />
              ) : (
                <input type="hidden" name="organisationId" value={canBook[0]!.id} />
              )}
              {full ? <p className="govuk-body">This event is fully booked.</p> : <Button>{canBook.length > 1 ? 'Book a place' : `Book a place for ${canBook[0]!.name}`}</Button>}
            </Form>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}
