import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Button, ButtonLink } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { plural } from '~/lib/plural'
import { Table } from '~/components/table'
import { TextInput } from '~/components/text-input'
import { requireStaff } from '~/lib/auth.server'
import { email, optionalText } from '~/lib/fields'
import { invalid, parseForm, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { formatDateAtTime } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { listNewsletters } from '~/modules/newsletters/newsletters.server'
import { recordBounce, subscriberCounts } from '~/modules/newsletters/subscriptions.server'
import { staffNewsletterPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Newsletters', 'Staff') }]

const bounceSchema = z.object({ email: email(), reason: optionalText('Reason', 500) })

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const rows = await listNewsletters()
  return {
    counts: await subscriberCounts(),
    newsletters: rows.map((n) => ({
      id: n.id,
      title: n.title,
      status: n.status,
      when: whenOf(n),
      recipients: n.sentAt ? n.recipientCount : null,
    })),
  }
}

/** Records a bounce reported by the mail provider outside SMTP (for example a bounce notice in the sending mailbox). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const result = parseForm(await request.formData(), bounceSchema)
  if (!result.ok) return invalid(result)
  const found = await recordBounce(result.data.email, result.data.reason || 'Reported by staff', { actor: user })
  if (!found) return invalid({ errors: { email: 'No subscriber has that email address' }, values: { email: result.data.email, reason: result.data.reason } })
  return redirectWithNotice('/staff/newsletters', 'The bounce has been recorded. Nothing more will be sent to that address.')
}

/** When an issue went or goes, in the words its own page uses. */
function whenOf(n: { status: string; sentAt: Date | null; scheduledAt: Date | null }) {
  if (n.sentAt) return `Sent on ${formatDateAtTime(n.sentAt)}`
  if (n.status === 'scheduled' && n.scheduledAt) return `Scheduled to send on ${formatDateAtTime(n.scheduledAt)}`
  return 'Not scheduled'
}

const STATUS_TEXT: Record<string, string> = { draft: 'Draft', scheduled: 'Scheduled', sending: 'Sending', sent: 'Sent', cancelled: 'Cancelled' }

export default function StaffNewsletters() {
  const { counts, newsletters } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/staff">Back to the staff dashboard</BackLink>}>
      <ErrorSummary errors={actionData?.errors} />
      <h1 className="govuk-heading-l">Newsletters</h1>
      <p className="govuk-body">
        {plural(counts.confirmed ?? 0, 'confirmed subscriber')}, {(counts.pending ?? 0).toLocaleString('en-GB')} waiting to confirm, {(counts.unsubscribed ?? 0).toLocaleString('en-GB')} unsubscribed
        and {(counts.bounced ?? 0).toLocaleString('en-GB')} bounced.{' '}
        <Link className="govuk-link" to="/staff/newsletters/subscribers">
          Find, download or import subscribers
        </Link>
      </p>
      <ButtonLink to="/staff/newsletters/new">Create a newsletter</ButtonLink>
      {newsletters.length ? (
        <Table
          caption="All newsletters"
          captionSize="m"
          smallTextUntilTablet
          rows={newsletters}
          rowKey={(n) => n.id}
          columns={[
            {
              header: 'Title',
              cell: (n) => (
                <>
                  <Link className="govuk-link" to={staffNewsletterPath(n.id)}>
                    {n.title}
                  </Link>
                  {/* Under the title rather than its own column, so the table fits a phone. */}
                  <span className="govuk-!-display-block">{STATUS_TEXT[n.status]}</span>
                </>
              ),
            },
            { header: 'When', cell: (n) => n.when },
            { header: 'Sent to', cell: (n) => (n.recipients === null ? 'Nobody yet' : plural(n.recipients, 'person', 'people')), numeric: true },
          ]}
        />
      ) : (
        <p className="govuk-body">No newsletters yet.</p>
      )}
      <h2 className="govuk-heading-m">Record a bounce</h2>
      <p className="govuk-body">When the mail provider reports that an address cannot be delivered to, record it here so the hub stops writing to it.</p>
      <Form method="post" noValidate>
        <TextInput name="email" label="Email address" type="email" spellCheck={false} width="two-thirds" error={actionData?.errors?.email} defaultValue={valueOf(actionData?.values, 'email')} />
        <TextInput
          name="reason"
          label="Reason (optional)"
          hint="For example, the bounce message: 550 mailbox unavailable."
          error={actionData?.errors?.reason}
          defaultValue={valueOf(actionData?.values, 'reason')}
        />
        <Button variant="secondary">Record bounce</Button>
      </Form>
    </PageContainer>
  )
}
