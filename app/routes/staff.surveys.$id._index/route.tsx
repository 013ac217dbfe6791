import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, Details } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime, toDateParts } from '~/lib/time'
import { questionsLockedReason } from '~/modules/surveys/authoring.server'
import { listInvitations, uninvitedOrganisations } from '~/modules/surveys/invitations.server'
import { PHASE_LABELS } from '~/modules/surveys/phases'
import { getSurvey, phaseOf, surveyStructure } from '~/modules/surveys/surveys.server'
import { INTENTS, isIntent } from './actions.server'
import { SurveyInvitations } from './invitations'
import { SurveyQuestions } from './questions'
import { staffSurveyPath, surveyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.survey.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const structure = await surveyStructure(survey)
  const { invitations, responded, lastReminder } = await listInvitations(survey)
  return {
    survey: {
      id: survey.id,
      slug: survey.slug,
      title: survey.title,
      year: survey.year,
      audience: survey.audience,
      respondAs: survey.respondAs,
      anonymous: survey.anonymous,
      minGroupSize: survey.minGroupSize,
      opensAt: survey.opensAt?.toISOString() ?? null,
      closesAt: survey.closesAt?.toISOString() ?? null,
      phase: phaseOf(survey),
      published: Boolean(survey.resultsPublishedAt),
    },
    sections: structure.sections,
    questionsLocked: await questionsLockedReason(survey),
    invitations: invitations.map((i) => ({ ...i, invitedAt: i.invitedAt.toISOString() })),
    responded,
    lastReminder: lastReminder?.toISOString() ?? null,
    uninvited: await uninvitedOrganisations(survey),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const survey = await getSurvey(params.id!)
  invariantResponse(survey, 'Survey not found', { status: 404 })
  const formData = await request.formData()
  const intent = String(formData.get('intent') ?? '')
  const values = formValues(formData)
  if (!isIntent(intent)) return invalid({ errors: { form: 'Choose an action' }, values })
  try {
    return await INTENTS[intent]({ user, survey, formData, values })
  } catch (error) {
    return ruleFailed(error, { field: intent === 'dates' ? 'closesAt' : 'form', values })
  }
}

const part = (v: (name: string) => string, name: string) => ({ day: v(`${name}-day`), month: v(`${name}-month`), year: v(`${name}-year`), time: v(`${name}-time`) })

const AUDIENCE = { invited_organisations: 'Organisations you invite', members: 'Any signed-in member' }

export default function StaffSurvey() {
  const { survey, sections, questionsLocked, invitations, responded, lastReminder, uninvited } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? {}
  const v = (name: string, fallback = '') => valueOf(actionData?.values, name) ?? fallback
  return (
    <PageContainer before={<BackLink to="/staff/surveys">Back to surveys</BackLink>}>
      <ErrorSummary errors={errors} anchors={{ opensAt: 'opensAt-day', closesAt: 'closesAt-day' }} />
      <span className="govuk-caption-l">Supplier survey {survey.year}</span>
      <h1 className="govuk-heading-l">{survey.title}</h1>
      <p className="govuk-body">
        <Tag colour={survey.phase === 'open' ? 'green' : 'grey'}>{PHASE_LABELS[survey.phase]}</Tag>
      </p>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={staffSurveyPath(survey.id, 'results')}>
            Results dashboard
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={staffSurveyPath(survey.id, 'summary')}>
            {survey.published ? 'Change the published results summary' : 'Publish a results summary'}
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={surveyPath(survey.slug)}>
            The survey as respondents see it
          </Link>
        </li>
      </ul>
      <SummaryList
        rows={[
          { key: 'Who can respond', value: AUDIENCE[survey.audience] },
          { key: 'Responses', value: survey.respondAs === 'organisation' ? 'One per organisation' : 'One per person' },
          { key: 'Answers', value: survey.anonymous ? 'Anonymous: no link to people or organisations' : 'Attributed' },
          { key: 'Minimum group size', value: String(survey.minGroupSize) },
          { key: 'Opens', value: survey.opensAt ? formatDateTime(survey.opensAt) : 'Not set' },
          { key: 'Closes', value: survey.closesAt ? formatDateTime(survey.closesAt) : 'Not set' },
        ]}
      />

      {survey.phase !== 'closed' ? (
        <Details summary="Change the opening and closing dates" open={Boolean(errors.opensAt || errors.closesAt)}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="dates" />
            <DateInput
              name="opensAt"
              legend="Opens"
              legendSize="s"
              hint="UK time, for example 1 3 2026 09:00"
              withTime
              value={actionData?.values ? part(v, 'opensAt') : toDateParts(survey.opensAt)}
              error={errors.opensAt}
            />
            <DateInput
              name="closesAt"
              legend="Closes"
              legendSize="s"
              hint="UK time, for example 31 3 2026 17:00"
              withTime
              value={actionData?.values ? part(v, 'closesAt') : toDateParts(survey.closesAt)}
              error={errors.closesAt}
            />
            <Button variant="secondary">Save dates</Button>
          </Form>
        </Details>
      ) : null}

      <SurveyQuestions survey={survey} sections={sections} questionsLocked={questionsLocked} errors={errors} values={actionData?.values} />

      {survey.audience === 'invited_organisations' ? (
        <SurveyInvitations survey={survey} invitations={invitations} responded={responded} lastReminder={lastReminder} uninvited={uninvited} errors={errors} values={actionData?.values} />
      ) : null}
    </PageContainer>
  )
}
