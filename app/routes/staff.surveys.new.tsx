import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { TextInput } from '~/components/text-input'
import { requireStaff } from '~/lib/auth.server'
import { optionalText, requiredText, wholeNumber } from '~/lib/fields'
import { formValues, invalid, parseForm, ruleFailed, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { optionValues } from '~/lib/options'
import { parseDateInput } from '~/lib/time'
import { AUDIENCES, RESPOND_AS } from '~/modules/surveys/options'
import { createSurvey, listSurveys } from '~/modules/surveys/surveys.server'
import { staffSurveyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Create a survey', 'Staff') }]

const schema = z.object({
  copyFrom: z.string({ error: 'Select whether to copy a survey or start from scratch' }).min(1, 'Select whether to copy a survey or start from scratch'),
  title: requiredText('Enter the survey title', { max: 200 }),
  year: wholeNumber('Year', { min: 2000, max: 2100 }),
  summary: optionalText('Summary', 2000),
  audience: z.enum(optionValues(AUDIENCES), { error: 'Select who can respond' }),
  respondAs: z.enum(optionValues(RESPOND_AS), { error: 'Select how many responses each organisation gives' }),
  anonymous: z.enum(['yes', 'no'], { error: 'Select whether answers are anonymous' }),
  minGroupSize: wholeNumber('Minimum group size', { min: 2, max: 100 }),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const surveys = await listSurveys()
  return { surveys: surveys.map((s) => ({ id: s.id, title: s.title, year: s.year })) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const formData = await request.formData()
  const parsed = parseForm(formData, schema)
  const values = formValues(formData)
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors }
  const opens = parseDateInput(values, 'opensAt', 'Opening date', { withTime: true })
  const closes = parseDateInput(values, 'closesAt', 'Closing date', { withTime: true })
  if (!opens.ok) errors.opensAt = opens.message
  if (!closes.ok) errors.closesAt = closes.message
  if (!parsed.ok || !opens.ok || !closes.ok) return invalid({ errors, values })
  try {
    const survey = await createSurvey(user, {
      ...parsed.data,
      summary: parsed.data.summary ?? '',
      anonymous: parsed.data.anonymous === 'yes',
      opensAt: opens.date,
      closesAt: closes.date,
      copyFromId: parsed.data.copyFrom === 'scratch' ? null : parsed.data.copyFrom,
    })
    return redirect(staffSurveyPath(survey.id))
  } catch (error) {
    return ruleFailed(error, { field: 'copyFrom', values })
  }
}

export default function NewSurvey() {
  const { surveys } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors ?? {}
  const v = (name: string, fallback = '') => valueOf(actionData?.values, name) ?? fallback
  const part = (name: string) => ({ day: v(`${name}-day`), month: v(`${name}-month`), year: v(`${name}-year`), time: v(`${name}-time`) })
  const latest = surveys[0]
  return (
    <PageContainer before={<BackLink to="/staff/surveys">Back to surveys</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} anchors={{ opensAt: 'opensAt-day', closesAt: 'closesAt-day' }} />
          <h1 className="govuk-heading-l">Create a survey</h1>
          <Form method="post" noValidate>
            <Radios
              name="copyFrom"
              legend="Questions"
              legendSize="m"
              hint="A copied question keeps a link to last year’s, so the results can be compared."
              error={errors.copyFrom}
              value={v('copyFrom', latest ? latest.id : 'scratch')}
              options={[...surveys.map((s) => ({ value: s.id, label: `Copy the questions from “${s.title}” (${s.year})` })), { value: 'scratch', label: 'Start from scratch' }]}
            />
            <TextInput name="title" label="Title" labelSize="s" defaultValue={v('title')} error={errors.title} />
            <TextInput name="year" label="Year" labelSize="s" width={4} inputMode="numeric" defaultValue={v('year', String(new Date().getFullYear()))} error={errors.year} />
            <Textarea name="summary" label="Summary (optional)" labelSize="s" hint="Shown to people before they start." defaultValue={v('summary')} error={errors.summary} rows={3} />
            <Radios name="audience" legend="Who can respond" legendSize="s" error={errors.audience} value={v('audience', 'invited_organisations')} options={AUDIENCES} />
            <Radios name="respondAs" legend="Responses from invited organisations" legendSize="s" error={errors.respondAs} value={v('respondAs', 'organisation')} options={RESPOND_AS} />
            <Radios
              name="anonymous"
              legend="Are the answers anonymous?"
              legendSize="s"
              hint="Anonymous answers are stored with no link to a person or organisation and only the day they were given. You still see who has responded."
              error={errors.anonymous}
              value={v('anonymous', 'no')}
              options={[
                { value: 'yes', label: 'Yes, anonymous' },
                { value: 'no', label: 'No, attributed' },
              ]}
            />
            <TextInput
              name="minGroupSize"
              label="Minimum group size"
              labelSize="s"
              hint="Breakdowns by sector or size never show a group with fewer responses than this."
              width={3}
              inputMode="numeric"
              defaultValue={v('minGroupSize', '5')}
              error={errors.minGroupSize}
            />
            <DateInput name="opensAt" legend="Opens" legendSize="s" hint="UK time, for example 1 3 2026 09:00" withTime value={part('opensAt')} error={errors.opensAt} />
            <DateInput name="closesAt" legend="Closes" legendSize="s" hint="UK time, for example 31 3 2026 17:00" withTime value={part('closesAt')} error={errors.closesAt} />
            <Button>Create survey</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
