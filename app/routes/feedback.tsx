import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Textarea } from '~/components/textarea'
import { choice, requiredText } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { safeRedirectPath } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { saveFeedback } from '~/modules/feedback/feedback.server'
import { SATISFACTION, SATISFACTION_VALUES } from '~/modules/feedback/satisfaction'

export const meta: MetaFunction<typeof loader> = () => [{ title: pageTitle('Give feedback on the Commissioning Hub') }]

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
  return { from: fromPath(request, url.searchParams.get('from')) }
}

export async function action({ request }: ActionFunctionArgs) {
  const form = parseForm(await request.formData(), schema)
  if (!form.ok) return invalid(form)
  const from = fromPath(request, form.data.from)
  await saveFeedback({ satisfaction: form.data.satisfaction, comments: form.data.comments, fromPath: from })
  // Back to the page the feedback was about; the banner says it arrived.
  throw await redirectWithNotice(from ?? '/', FEEDBACK_SENT)
}

const FEEDBACK_SENT = 'Thank you for your feedback. We read every comment and use them to improve the hub.'

export default function Feedback() {
  const { from } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">Give feedback on the Commissioning Hub</h1>
          <p className="govuk-body">This form is about the hub itself: how easy it is to use, and what is missing. To respond to a consultation, use the consultation’s own pages.</p>
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
