import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { requireUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { ruleFailed } from '~/lib/forms'
import { redirectWithNotice } from '~/lib/notice.server'
import { capabilityLabel } from '~/modules/organisations/capabilities'
import { regionLabel, SECTOR_SHORT, SIZE_SHORT } from '~/modules/organisations/options'
import { acceptContact, declineContact, partnersFor, requestContact, sharedContacts } from '~/modules/pipeline/interest.server'
import { INTEREST_ROLE_LABELS } from '~/modules/pipeline/model'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { noticePath, organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Organisations seeking partners', data?.notice.title ?? 'Pipeline') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const found = await partnersFor(user.id, notice.id)
  const notice_ = { slug: notice.slug, title: notice.title }
  if (!found) return { notice: notice_, visible: false as const }
  const myIds = found.mine.map((m) => m.interest.id)
  const contacts = await sharedContacts(myIds)
  const requests = found.requests
  return {
    notice: notice_,
    visible: true as const,
    myInterestId: myIds[0]!,
    partners: found.partners.map((p) => ({
      ...p,
      asked: requests.find((r) => myIds.includes(r.fromInterestId) && r.toInterestId === p.interest.id) ?? null,
    })),
    incoming: requests
      .filter((r) => myIds.includes(r.toInterestId) && !r.acceptedAt && !r.declinedAt)
      .map((r) => ({ id: r.id, message: r.message, from: found.partners.find((p) => p.interest.id === r.fromInterestId)?.organisation.name ?? 'An organisation registered on this notice' })),
    contacts,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const form = await request.formData()
  try {
    if (form.get('intent') === 'accept') {
      await acceptContact(user.id, String(form.get('requestId') ?? ''))
      return redirectWithNotice(noticePath(notice.slug, 'partners'), 'You have shared contact details; the other organisation has been emailed')
    }
    if (form.get('intent') === 'decline') {
      await declineContact(user.id, String(form.get('requestId') ?? ''))
      return redirectWithNotice(noticePath(notice.slug, 'partners'), 'You have declined the request; the other organisation has been emailed')
    }
    await requestContact(user.id, String(form.get('fromInterestId') ?? ''), String(form.get('toInterestId') ?? ''), String(form.get('message') ?? '').trim())
    return redirectWithNotice(noticePath(notice.slug, 'partners'), 'Your request has been sent. Their members have been emailed')
  } catch (error) {
    return ruleFailed(error)
  }
}

export default function Partners() {
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { notice } = loaderData
  return (
    <PageContainer before={<BackLink to={noticePath(notice.slug)}>Back to the notice</BackLink>}>
      <ErrorSummary errors={actionData?.errors} />
      <span className="govuk-caption-l">{notice.title}</span>
      <h1 className="govuk-heading-l">Organisations seeking partners</h1>
      {!loaderData.visible ? (
        <p className="govuk-body">
          Only organisations that have registered interest in this notice can see who is seeking partners.{' '}
          <Link className="govuk-link" to={noticePath(notice.slug, 'interest')}>
            Register your organisation’s interest
          </Link>
          .
        </p>
      ) : (
        <>
          {loaderData.contacts.length ? (
            <>
              <h2 className="govuk-heading-m">Contact details shared with you</h2>
              <ul className="govuk-list">
                {loaderData.contacts.map((c) => (
                  <li key={c.requestId}>
                    {c.organisation}: {c.contacts.map((p) => `${p.name} (${p.email})`).join(', ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {loaderData.incoming.length ? (
            <>
              <h2 className="govuk-heading-m">Requests to get in touch</h2>
              {loaderData.incoming.map((r) => (
                <Form method="post" key={r.id}>
                  <p className="govuk-body">
                    {r.from} would like to discuss partnering{r.message ? `: “${r.message}”` : '.'}
                  </p>
                  <input type="hidden" name="requestId" value={r.id} />
                  <ButtonGroup>
                    <Button variant="secondary" name="intent" value="accept">
                      Share contact details with {r.from}
                    </Button>
                    <Button variant="secondary" name="intent" value="decline">
                      Decline<span className="govuk-visually-hidden"> the request from {r.from}</span>
                    </Button>
                  </ButtonGroup>
                </Form>
              ))}
            </>
          ) : null}
          <p className="govuk-body">These organisations have registered interest in this notice and are looking for partners. Email addresses are shared only when both organisations agree.</p>
          {loaderData.partners.length ? (
            loaderData.partners.map(({ interest, organisation, asked }) => (
              <div className="govuk-summary-card" key={interest.id}>
                <div className="govuk-summary-card__title-wrapper">
                  <h2 className="govuk-summary-card__title">{organisation.name}</h2>
                  <ul className="govuk-summary-card__actions">
                    <li className="govuk-summary-card__action">
                      <Link className="govuk-link" to={organisationPath(organisation.slug)}>
                        Directory profile<span className="govuk-visually-hidden"> of {organisation.name}</span>
                      </Link>
                    </li>
                  </ul>
                </div>
                <div className="govuk-summary-card__content">
                  <p className="govuk-body">{organisation.description}</p>
                  <dl className="govuk-summary-list">
                    {[
                      ['Sector and size', `${SECTOR_SHORT[organisation.sector]}, ${SIZE_SHORT[organisation.sizeBand]}`],
                      ['Regions', organisation.regions.map(regionLabel).join(', ') || 'Not given'],
                      ['Role sought', INTEREST_ROLE_LABELS[interest.role]],
                      ['Offers', interest.capabilitiesOffered.map(capabilityLabel).join('; ') || 'Not given'],
                      ['Looking for', interest.capabilitiesSought.map(capabilityLabel).join('; ') || 'Not given'],
                    ].map(([k, v]) => (
                      <div className="govuk-summary-list__row" key={k}>
                        <dt className="govuk-summary-list__key">{k}</dt>
                        <dd className="govuk-summary-list__value">{v}</dd>
                      </div>
                    ))}
                  </dl>
                  {asked ? (
                    <p className="govuk-body">
                      {asked.declinedAt
                        ? `${organisation.name} has declined your request to get in touch.`
                        : asked.acceptedAt
                          ? `${organisation.name} has accepted your request; their contact details are above.`
                          : `You have asked ${organisation.name} to get in touch.`}
                    </p>
                  ) : (
                    <Form method="post" noValidate>
                      <input type="hidden" name="fromInterestId" value={loaderData.myInterestId} />
                      <input type="hidden" name="toInterestId" value={interest.id} />
                      <Textarea name="message" id={`message-${interest.id}`} label={`Message to ${organisation.name} (optional)`} rows={3} maxLength={1000} />
                      <Button variant="secondary">Ask {organisation.name} to get in touch</Button>
                    </Form>
                  )}
                </div>
              </div>
            ))
          ) : (
            <p className="govuk-body">No other organisation is seeking partners on this notice yet.</p>
          )}
        </>
      )}
    </PageContainer>
  )
}
