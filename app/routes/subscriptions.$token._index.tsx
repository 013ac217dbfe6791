import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { choices } from '~/lib/fields'
import { invalid, parseForm, valuesOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { eraseSubscription, findByToken, updatePreferences } from '~/modules/newsletters/subscriptions.server'
import { TOPIC_LABELS, TOPICS } from '~/modules/newsletters/topics'
import { subscriptionPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Your email preferences', 'Newsletters') }]

const schema = z.object({ topics: choices(TOPICS) })

// Deliberately public: the token in the emailed link is the key to this address's preferences.
export async function loader({ params }: LoaderFunctionArgs) {
  const subscriber = await findByToken(params.token ?? '')
  invariantResponse(subscriber, 'Not found', { status: 404 })
  return { email: subscriber.email, status: subscriber.status, topics: subscriber.topics }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const subscriber = await findByToken(token)
  invariantResponse(subscriber, 'Not found', { status: 404 })
  const formData = await request.formData()
  if (formData.get('intent') === 'erase') {
    await eraseSubscription(subscriber)
    return redirect('/subscriptions/erased')
  }
  const result = parseForm(formData, schema)
  if (!result.ok) return invalid(result)
  await updatePreferences(token, formData.get('intent') === 'unsubscribe-all' ? [] : result.data.topics)
  return redirectWithNotice(subscriptionPath(token), 'Your email preferences have been saved.')
}

export default function Preferences() {
  const { email, status, topics } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">Your email preferences</h1>
          <p className="govuk-body">
            Emails go to <strong>{email}</strong>.{' '}
            {status === 'bounced' ? 'Our last email to this address could not be delivered, so we have stopped sending. Save your choices to start again.' : null}
            {status === 'unsubscribed' ? 'You are unsubscribed from everything.' : null}
          </p>
          <Form method="post" noValidate>
            <Checkboxes
              name="topics"
              legend="What do you want to get emails about?"
              legendSize="m"
              hint="Select all that apply. Select none to stop all emails."
              error={actionData?.errors?.topics}
              values={valuesOf(actionData?.values, 'topics') ?? topics}
              options={TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))}
            />
            <div className="govuk-button-group">
              <Button name="intent" value="save">
                Save preferences
              </Button>
              <Button name="intent" value="unsubscribe-all" variant="secondary">
                Unsubscribe from everything
              </Button>
            </div>
          </Form>
          <h2 className="govuk-heading-m">Your data</h2>
          <p className="govuk-body">
            <Link className="govuk-link" to="data" reloadDocument>
              Download what we hold about this address (JSON)
            </Link>
          </p>
          <p className="govuk-body">Deleting removes this address and the record of the emails we sent to it. You will get nothing more.</p>
          <Form method="post" noValidate>
            <Button name="intent" value="erase" variant="warning">
              Delete my subscription data
            </Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
