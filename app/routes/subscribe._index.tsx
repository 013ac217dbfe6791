import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { choices, email } from '~/lib/fields'
import { formValues, invalid, parseForm, ruleFailed, valueOf, valuesOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { mailLimitedStatus } from '~/lib/unconfirmed-mail.server'
import { subscribe } from '~/modules/newsletters/subscriptions.server'
import { TOPIC_LABELS, TOPICS } from '~/modules/newsletters/topics'

export const meta: MetaFunction = () => [
  { title: pageTitle('Get emails from the Commissioning Hub', 'Newsletters') },
  { name: 'description', content: 'Get the quarterly Employment Category Newsletter and emails about new consultations, pipeline changes and case studies.' },
]

const schema = z.object({
  email: email(),
  topics: choices(TOPICS, 'Select what you want to get emails about'),
})

// Deliberately public: anyone may subscribe; a signed-in person's address is filled in.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  return { email: user?.email ?? '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request)
  const formData = await request.formData()
  const result = parseForm(formData, schema)
  if (!result.ok) return invalid(result)
  try {
    await subscribe(
      { email: result.data.email, topics: result.data.topics, userId: user && user.email === result.data.email ? user.id : null },
      { requester: { ip: context?.clientIp, senderId: user?.id } },
    )
  } catch (error) {
    return ruleFailed(error, { values: formValues(formData), status: mailLimitedStatus })
  }
  return redirectWithNotice('/subscribe/check-email', `We have sent an email to ${result.data.email} with a link to confirm your subscription.`)
}

export default function Subscribe() {
  const { email: known } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">Get emails from the Commissioning Hub</h1>
          <p className="govuk-body">We will send you an email with a link to confirm. You will get nothing else until you follow it.</p>
          <Form method="post" noValidate>
            <TextInput
              name="email"
              label="Email address"
              type="email"
              autoComplete="email"
              spellCheck={false}
              error={actionData?.errors?.email}
              defaultValue={valueOf(actionData?.values, 'email') ?? known}
            />
            <Checkboxes
              name="topics"
              legend="What do you want to get emails about?"
              legendSize="m"
              hint="Select all that apply."
              error={actionData?.errors?.topics}
              values={valuesOf(actionData?.values, 'topics') ?? ['newsletter']}
              options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))}
            />
            <Button>Subscribe</Button>
          </Form>
          <p className="govuk-body">
            Every email has a link to change what you get or unsubscribe. We use your address only to send these emails; see the{' '}
            <a className="govuk-link" href="/privacy">
              privacy notice
            </a>
            .
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
