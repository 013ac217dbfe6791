import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { Textarea } from '~/components/textarea'
import { choice, requiredText } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { safeRedirectPath } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { saveFeedback } from '~/modules/feedback/feedback.server'
import { SATISFACTION, SATISFACTION_VALUES } from '~/modules/feedback/satisfaction'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.sent ? 'Thank you for your feedback' : 'Give feedback on the Commissioning Hub') }]

const COMMENTS_MAX = 1200

const schema = z.object({
  satisfaction: choice(SATISFACTION_VALUES, 'Select how you feel about the Commissioning Hub'),
  comments: requiredText('Enter how we could improve the Commissioning Hub', {
    max: COMMENTS_MAX,
    maxMessage: `How we could improve the hub must be ${COMMENTS_MAX} characters or fewer`,
  }),
  from: z.string().optional(),
})

/** Where the person came from, so the team knows which page the feedback is about; only paths on this site are kept. */
function fromPath(request: Request, given?: string | null) {
  if (given) return safeRedirectPath(given, '') || null
  const referer = request.headers.get('referer')
  if (!referer) return null
  try {
    const url = new URL(referer)
    return url.origin === new URL(request.url).origin && url.pathname !== '/feedback' ? url.pathname : null
  } catch {
    return null
  }
}

// Deliberately public: anyone, signed in or not, can give feedback; it is stored without any account.
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  return { sent: url.searchParams.get('sent') === '1', from: fromPath(request, url.searchParams.get('from')) }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await request.formData(), schema)
  if (!form.ok) return invalid(form)
  await saveFeedback({ satisfaction: form.data.satisfaction, comments: form.data.comments, fromPath: fromPath(request, form.data.from) })
  return redirect('/feedback?sent=1')
}

export default function Feedback() {
  const { sent, from } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (sent) {
    return (
      <PageContainer>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <Panel title="Thank you for your feedback" />
            <p className="govuk-body">We read every comment and use them to improve the hub. We cannot reply, because feedback is anonymous.</p>
            <p className="govuk-body">
              <Link className="govuk-link" to="/">
                Go to the home page
              </Link>
            </p>
          </div>
        </div>
      </PageContainer>
    )
  }
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">Give feedback on the Commissioning Hub</h1>
          <p className="govuk-body">
            This form is about the hub itself: how easy it is to use, and what is missing. To respond to a consultation, use the consultation’s own pages.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="from" value={valueOf(actionData?.values, 'from') ?? from ?? ''} />
            <Radios
              name="satisfaction"
              legend="Overall, how do you feel about the Commissioning Hub?"
              legendSize="m"
              error={actionData?.errors.satisfaction}
              value={valueOf(actionData?.values, 'satisfaction')}
              options={SATISFACTION.map((s) => ({ value: s.value, label: s.label }))}
            />
            <Textarea
              name="comments"
              label="How could we improve the Commissioning Hub?"
              labelSize="m"
              hint="Do not include personal or financial information, like your National Insurance number or credit card details."
              error={actionData?.errors.comments}
              defaultValue={valueOf(actionData?.values, 'comments')}
              maxLength={COMMENTS_MAX}
            />
            <Button>Send feedback</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
