import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { BackLink } from '~/components/misc'
import { PageContainer } from '~/components/layout'
import { SummaryList } from '~/components/summary-list'
import { requireAdmin } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { getMail } from '~/modules/accounts/admin.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.mail.subject, data?.mail.content ? 'Development mailbox' : 'Sent email') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAdmin(request)
  const mail = await getMail(user, params.id ?? '')
  invariantResponse(mail, 'Not found')
  return { mail }
}

export default function MailMessage() {
  const { mail } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/admin/mailbox">Back to the list of emails</BackLink>}>
      <span className="govuk-caption-l">Email</span>
      <h1 className="govuk-heading-l">{mail.subject}</h1>
      <SummaryList
        rows={[
          { key: 'To', value: mail.toAddress },
          { key: 'Subject', value: mail.subject },
          { key: 'Queued', value: formatDateTime(mail.createdAt) },
          { key: 'Status', value: `${mail.status}${mail.sentAt ? `, ${formatDateTime(mail.sentAt)}` : ''}${mail.lastError ? ` (${mail.lastError})` : ''}` },
          ...Object.entries(mail.content?.headers ?? {}).map(([name, value]) => ({ key: name, value })),
        ]}
      />
      {mail.content ? (
        <>
          <h2 className="govuk-heading-m">Text</h2>
          <pre className="app-pre">{mail.content.textBody}</pre>
          <h2 className="govuk-heading-m">HTML source</h2>
          {/* Shown as source, escaped by React: nothing in a message ever runs or renders in the hub's pages. */}
          <pre className="app-pre">{mail.content.html}</pre>
        </>
      ) : (
        <p className="govuk-body">What this email says is not shown: it went out through the SMTP server and may hold a person&rsquo;s sign-in, reset or subscription link.</p>
      )}
    </PageContainer>
  )
}
