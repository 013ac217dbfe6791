import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs, InsetText } from '~/components/misc'
import { getUser, requireUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate, formatDateTime } from '~/lib/time'
import { ruleFailed } from '~/lib/forms'
import { getSurveyBySlug, phaseOf } from '~/modules/surveys/surveys.server'
import { participationsFor, respondentOptions, startResponse } from '~/modules/surveys/responses.server'
import { surveyPath, surveyResponsePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.title, 'Supplier surveys') },
  { name: 'description', content: `${data?.title ?? 'A supplier survey'} from the DWP Employment Category: what it asks, who can answer and when it closes.` },
]

// Deliberately public: anyone can read what the survey is; starting a response needs signing in.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const survey = await getSurveyBySlug(params.slug!)
  invariantResponse(survey && phaseOf(survey) !== 'draft', 'Survey not found', { status: 404 })
  const user = await getUser(request)
  const options = user ? await respondentOptions(survey, user) : []
  const participations = await participationsFor(survey, options)
  return {
    slug: survey.slug,
    title: survey.title,
    summary: survey.summary,
    anonymous: survey.anonymous,
    respondAs: survey.respondAs,
    audience: survey.audience,
    phase: phaseOf(survey),
    opensAt: survey.opensAt!.toISOString(),
    closesAt: survey.closesAt!.toISOString(),
    resultsPublished: Boolean(survey.resultsPublishedAt),
    signedIn: Boolean(user),
    options: options.map((o) => {
      const p = participations.find((x) => x.respondentKey === o.key)
      return { ...o, status: p?.status ?? null, submittedOn: p?.submittedOn ?? null }
    }),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const survey = await getSurveyBySlug(params.slug!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const formData = await request.formData()
  const options = await respondentOptions(survey, user)
  const key = String(formData.get('respondent') ?? (options.length === 1 ? options[0].key : ''))
  if (!key) return data({ ok: false as const, errors: { respondent: 'Select who you are responding for' } }, { status: 400 })
  try {
    const p = await startResponse(survey, user, key)
    return redirect(surveyResponsePath(survey.slug, p.id))
  } catch (error) {
    return ruleFailed(error, { field: 'respondent', status: (e) => (e.code === 'closed' ? 409 : 400) })
  }
}

export default function SurveyStart() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const open = d.phase === 'open'
  const canStart = d.options.filter((o) => o.status !== 'submitted')
  return (
    <PageContainer
      before={
        <Breadcrumbs
          items={[
            { href: '/', text: 'Home' },
            { href: '/surveys', text: 'Supplier surveys' },
          ]}
        />
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">{d.title}</h1>
          {d.summary ? <p className="govuk-body-l">{d.summary}</p> : null}
          <p className="govuk-body">
            {open ? `Open until ${formatDateTime(d.closesAt)}.` : d.phase === 'upcoming' ? `Opens at ${formatDateTime(d.opensAt)}.` : `Closed at ${formatDateTime(d.closesAt)}.`}
          </p>
          {d.anonymous ? (
            <InsetText>
              This survey is anonymous. We record that you have responded, so each {d.respondAs === 'organisation' ? 'organisation' : 'person'} responds once, but your answers are stored with no link
              to you or your organisation and only the day you gave them.
            </InsetText>
          ) : (
            <InsetText>Your answers will be linked to {d.respondAs === 'organisation' ? 'your organisation' : 'you'} so we can follow up.</InsetText>
          )}
          {d.options
            .filter((o) => o.status === 'submitted')
            .map((o) => (
              <p className="govuk-body" key={o.key}>
                {o.key.startsWith('organisation:') ? `${o.label} responded` : 'You responded'} on {formatDate(o.submittedOn!)}. Thank you.
              </p>
            ))}
          {!open ? null : !d.signedIn ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/sign-in?redirectTo=/surveys/${d.slug}`}>
                Sign in to respond
              </Link>
            </p>
          ) : canStart.length ? (
            <Form method="post" noValidate>
              {canStart.length > 1 ? (
                <Radios name="respondent" legend="Who are you responding for?" legendSize="m" error={actionData?.errors.respondent} options={canStart.map((o) => ({ value: o.key, label: o.label }))} />
              ) : (
                <>
                  <input type="hidden" name="respondent" value={canStart[0].key} />
                  <p className="govuk-body">You are responding for {canStart[0].key.startsWith('organisation:') ? canStart[0].label : 'yourself'}.</p>
                </>
              )}
              <Button isStartButton>{canStart.some((o) => o.status === 'draft') ? 'Continue your response' : 'Start now'}</Button>
            </Form>
          ) : d.options.length ? null : (
            <p className="govuk-body">
              {d.audience === 'invited_organisations'
                ? d.respondAs === 'organisation'
                  ? 'This survey is for organisations we have invited. An administrator of an invited organisation responds for it.'
                  : 'This survey is for members of organisations we have invited.'
                : 'You cannot respond to this survey.'}
            </p>
          )}
          {d.resultsPublished ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={surveyPath(d.slug, 'results')}>
                Read the results
              </Link>
            </p>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}
