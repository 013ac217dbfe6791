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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.mail.subject, 'Development mailbox') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const mail = await getMail(params.id ?? '')
  invariantResponse(mail, 'Not found')
  return { mail }
}

export default function MailMessage() {
  const { mail } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/admin/mailbox">Back to the mailbox</BackLink>}>
      <span className="govuk-caption-l">Email</span>
      <h1 className="govuk-heading-l">{mail.subject}</h1>
      <SummaryList
        rows={[
          { key: 'To', value: mail.toAddress },
          { key: 'Subject', value: mail.subject },
          { key: 'Queued', value: formatDateTime(mail.createdAt) },
          { key: 'Status', value: `${mail.status}${mail.sentAt ? `, ${formatDateTime(mail.sentAt)}` : ''}${mail.lastError ? ` (${mail.lastError})` : ''}` },
          ...Object.entries(mail.headers).map(([name, value]) => ({ key: name, value })),
        ]}
      />
      <h2 className="govuk-heading-m">Text</h2>
      <pre className="app-pre">{mail.textBody}</pre>
      {mail.htmlBody ? (
        <>
          <h2 className="govuk-heading-m">HTML source</h2>
          {/* Shown as source, escaped by React: nothing in a message ever runs or renders in the hub's pages. */}
          <pre className="app-pre">{mail.htmlBody}</pre>
        </>
      ) : null}
    </PageContainer>
  )
}
