import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { redirectWithNotice } from '~/lib/notice.server'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { getUser } from '~/lib/auth.server'
import { invalid, parseForm, ruleFailed } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { isOpen, phaseOf } from '~/modules/consultations/consultations.server'
import { DetailsFields, detailsSchema } from '~/modules/consultations/details-form'
import { toRespondentDetails } from '~/modules/consultations/details.server'
import { detailsDifferences, mergeJoinedDetails, organisationsOf, responseForConsultation, SHARED_DETAILS, startResponse, type SharedDetail } from '~/modules/consultations/responses.server'
import { Radios } from '~/components/choices'
import { formValues } from '~/lib/forms'
import { publishedConsultation, responseCookie } from '~/modules/consultations/web.server'
import { consultationPath, consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Your details', data?.title) }]

// Deliberately open to signed-out people: they respond with an email address for the receipt.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const consultation = await publishedConsultation(params.slug)
  const memberships = user ? await organisationsOf(user.id) : []
  return {
    slug: consultation.slug,
    title: consultation.title,
    phase: phaseOf(consultation),
    closesAt: consultation.closesAt.toISOString(),
    signedIn: Boolean(user),
    name: user?.name ?? '',
    organisations: memberships.map((m) => ({ id: m.id, name: m.name })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getUser(request)
  const consultation = await publishedConsultation(params.slug)
  const formData = await request.formData()
  const form = parseForm(formData, detailsSchema)
  if (!form.ok) return invalid(form)
  const memberships = user ? await organisationsOf(user.id) : []
  const details = toRespondentDetails(form.data, user, memberships)
  if (!details.ok) return invalid({ errors: details.errors, values: form.values ?? {} })
  if (!isOpen(consultation)) return data({ ok: false as const, errors: { form: 'This consultation is not open for responses' }, values: {} }, { status: 409 })
  const base = (id: string) => consultationResponsePath(consultation.slug, id)
  try {
    if (formData.get('intent') === 'merge') {
      // The person joining chose, detail by detail, whose version to keep.
      const access = user ? await responseForConsultation(consultation.id, String(formData.get('responseId') ?? ''), { user, token: null }) : null
      if (!access) return data({ ok: false as const, errors: { form: 'That response is no longer available. Start again' }, values: {} }, { status: 409 })
      const values = formValues(formData)
      const take = SHARED_DETAILS.map((d) => d.field).filter((field): field is SharedDetail => values[`keep-${field}`] === 'yours')
      await mergeJoinedDetails(consultation, access, details.details, take)
      if (access.response.status === 'submitted') return redirect(base(access.response.id))
      throw await redirectWithNotice(`${base(access.response.id)}/section/1`, joinedNotice(access.response.organisationName))
    }
    const started = await startResponse(consultation, user, details.details)
    const headers = new Headers()
    if (started.token) headers.append('Set-Cookie', responseCookie(started.response.id, started.token, consultation.closesAt))
    if (started.joined && user) {
      const access = await responseForConsultation(consultation.id, started.response.id, { user, token: null })
      const differences = access && (access.response.status === 'draft' || access.role === 'org_admin') ? detailsDifferences(access.response, details.details) : []
      if (differences.length) {
        return data({
          ok: true as const,
          errors: {},
          values: form.values ?? formValues(formData),
          merge: { responseId: started.response.id, organisationName: started.response.organisationName ?? '', differences },
        })
      }
    }
    const to = started.response.status === 'submitted' ? '' : '/section/1'
    if (started.existing) throw await redirectWithNotice(`${base(started.response.id)}${to}`, 'You already have a response to this consultation, so here it is.')
    if (started.joined) throw await redirectWithNotice(`${base(started.response.id)}${to}`, joinedNotice(started.response.organisationName), { headers })
    return redirect(`${base(started.response.id)}${to}`, { headers })
  } catch (error) {
    return ruleFailed(error, { status: 409 })
  }
}

export default function Respond() {
  const c = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (c.phase !== 'open') {
    return (
      <PageContainer before={<BackLink to={consultationPath(c.slug)}>Back to the consultation</BackLink>}>
        <h1 className="govuk-heading-l">{c.phase === 'upcoming' ? 'This consultation has not opened yet' : 'This consultation has closed'}</h1>
        <p className="govuk-body">{c.phase === 'upcoming' ? 'You can respond once it opens.' : `It closed at ${formatDateTime(c.closesAt)}. We can no longer accept responses.`}</p>
      </PageContainer>
    )
  }
  if (actionData && 'merge' in actionData && actionData.merge) {
    const m = actionData.merge
    const typed = actionData.values as Record<string, string | string[]>
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">{c.title}</span>
            <h1 className="govuk-heading-l">{m.organisationName} already has a response in progress</h1>
            <p className="govuk-body">You are now working on it with your colleagues. Some of the details you entered differ from the ones it already has. Choose which to keep.</p>
            <Form method="post" noValidate reloadDocument>
              <input type="hidden" name="intent" value="merge" />
              <input type="hidden" name="responseId" value={m.responseId} />
              {Object.entries(typed).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v, i) => <input key={`${name}-${i}`} type="hidden" name={name} value={v} />))}
              {m.differences.map((d) => (
                <Radios
                  key={d.field}
                  name={`keep-${d.field}`}
                  legend={d.label}
                  legendSize="m"
                  options={[
                    { value: 'theirs', label: `Keep what the response has: ${d.theirs || 'Not given'}` },
                    { value: 'yours', label: `Use what you entered: ${d.yours || 'Not given'}` },
                  ]}
                  value="theirs"
                />
              ))}
              <Button>Save and continue</Button>
            </Form>
          </div>
        </div>
      </PageContainer>
    )
  }
  return (
    <PageContainer before={<BackLink to={consultationPath(c.slug)}>Back to the consultation</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{c.title}</span>
          <h1 className="govuk-heading-l">Your details</h1>
          {c.signedIn ? (
            <p className="govuk-body">Your draft is kept in your account. You can answer any of the questions; you do not need to answer them all.</p>
          ) : (
            <p className="govuk-body">
              You can respond without an account. If you want to stop and come back later we will email you a private link. Or{' '}
              <Link className="govuk-link" to={`/sign-in?redirectTo=${encodeURIComponent(consultationPath(c.slug, 'respond'))}`}>
                sign in
              </Link>{' '}
              to keep your draft in your account, or to draft a response together with colleagues in your organisation.
            </p>
          )}
          <Form method="post" noValidate reloadDocument>
            <DetailsFields
              values={actionData?.values}
              defaults={{ name: c.name, organisationId: c.organisations[0]?.id ?? '' }}
              errors={actionData?.errors}
              askEmail={!c.signedIn}
              organisations={c.organisations}
            />
            <Button>Save and continue</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}

const joinedNotice = (organisationName: string | null) => `${organisationName ?? 'Your organisation'} already has a response in progress. You are now working on it with your colleagues.`
