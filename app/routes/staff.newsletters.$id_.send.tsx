import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, WarningText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { requireStaff } from '~/lib/auth.server'
import { ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { plural } from '~/lib/plural'
import { RuleError } from '~/lib/result'
import { getNewsletter } from '~/modules/newsletters/newsletters.server'
import { sendNow } from '~/modules/newsletters/scheduling.server'
import { newsletterRecipientCount } from '~/modules/newsletters/subscriber-list.server'
import { TOPIC_LABELS } from '~/modules/newsletters/topics'
import { staffNewsletterPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Send the newsletter now?', data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  if (newsletter.status !== 'draft' && newsletter.status !== 'scheduled') throw redirect(staffNewsletterPath(newsletter.id))
  const recipients = await newsletterRecipientCount()
  return {
    id: newsletter.id,
    title: newsletter.title,
    summary: newsletter.summary,
    topic: TOPIC_LABELS.newsletter,
    recipients: plural(recipients, 'confirmed subscriber'),
    recipientCount: recipients,
    version: newsletter.updatedAt.toISOString(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  const seenVersion = String((await request.formData()).get('version') ?? '')
  try {
    await sendNow(newsletter.id, user, { seenVersion })
  } catch (error) {
    // A second click, or a colleague who confirmed first: the issue is going out once, which is what was asked.
    if (error instanceof RuleError && error.code === 'already_sent') {
      return redirectWithNotice(staffNewsletterPath(newsletter.id), 'This newsletter was already being sent. Each subscriber gets it once.')
    }
    if (error instanceof RuleError && error.code === 'changed') return data({ ok: false as const, errors: { version: error.message } }, { status: 409 })
    return ruleFailed(error, { field: 'version' })
  }
  return redirectWithNotice(staffNewsletterPath(newsletter.id), 'The newsletter is being sent.')
}

export default function ConfirmSend() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={staffNewsletterPath(d.id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={{ version: 'send' }} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Send the newsletter now?</h1>
          <SummaryList
            rows={[
              { key: 'Newsletter', value: d.title },
              { key: 'Summary', value: d.summary || 'None' },
              { key: 'Topic', value: d.topic },
              { key: 'Recipients', value: d.recipients },
            ]}
          />
          <WarningText>
            {d.recipientCount === 0
              ? 'Nobody is subscribed yet, so nobody will get it; it will still appear in the public archive.'
              : `It goes to ${d.recipients} at once and appears in the public archive. It cannot be recalled.`}
          </WarningText>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={d.version} />
            <ButtonWithCancel id="send" cancelTo={staffNewsletterPath(d.id)}>
              Yes, send it now
            </ButtonWithCancel>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
