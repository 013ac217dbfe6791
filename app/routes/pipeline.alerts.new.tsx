import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { TextInput } from '~/components/text-input'
import { requireUser } from '~/lib/auth.server'
import { choice, optionalText } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { optionValues } from '~/lib/options'
import { redirectWithNotice } from '~/lib/notice.server'
import { saveSearch } from '~/modules/pipeline/alerts.server'
import { ALERT_FREQUENCIES, describeFilters, filtersFromSearchParams, filtersToSearchParams } from '~/modules/pipeline/model'

export const meta: MetaFunction = () => [{ title: pageTitle('Get email alerts', 'Pipeline') }]

const schema = z.object({
  name: optionalText('Name', 100),
  frequency: choice(optionValues(ALERT_FREQUENCIES), 'Select how often you want emails'),
  filters: z.string().default(''),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const filters = filtersFromSearchParams(new URL(request.url).searchParams)
  return { description: describeFilters(filters), query: filtersToSearchParams(filters).toString() }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = parseForm(await request.formData(), schema)
  if (!form.ok) return invalid(form)
  const filters = filtersFromSearchParams(new URLSearchParams(form.data.filters))
  await saveSearch(user.id, { name: form.data.name, filters, frequency: form.data.frequency })
  return redirectWithNotice('/pipeline/alerts', 'Your search is saved')
}

export default function NewAlert() {
  const { description, query } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={`/pipeline${query ? `?${query}` : ''}`}>Back to the pipeline</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">Pipeline</span>
          <h1 className="govuk-heading-l">Get email alerts</h1>
          <p className="govuk-body">
            Your search: <strong>{description}</strong>.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="filters" value={query} />
            <TextInput name="name" label="Name this search (optional)" hint="So you can tell your alerts apart" defaultValue={valueOf(actionData?.values, 'name')} error={actionData?.errors?.name} />
            <Radios
              name="frequency"
              legend="How often do you want emails?"
              legendSize="m"
              value={valueOf(actionData?.values, 'frequency') ?? 'instant'}
              error={actionData?.errors?.frequency}
              options={ALERT_FREQUENCIES}
            />
            <Button>Save search and get alerts</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
