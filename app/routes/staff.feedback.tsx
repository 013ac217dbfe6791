import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Table } from '~/components/table'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { recentFeedback } from '~/modules/feedback/feedback.server'
import { satisfactionLabel } from '~/modules/feedback/satisfaction'
import { plural } from '~/lib/plural'

export const meta: MetaFunction = () => [{ title: pageTitle('Feedback about the hub', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const { total, latest } = await recentFeedback({ since: new Date(Date.now() - 365 * 24 * 60 * 60 * 1000), limit: 200 })
  return { total, feedback: latest }
}

export default function StaffFeedback() {
  const { total, feedback } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/staff">Back to the staff dashboard</BackLink>}>
      <h1 className="govuk-heading-l">Feedback about the hub</h1>
      <p className="govuk-body">
        {plural(total, 'comment')} in the last year{total > feedback.length ? `; the latest ${feedback.length} are shown` : ''}.
      </p>
      {feedback.length ? (
        <Table
          caption="Latest feedback"
          captionSize="s"
          rows={feedback}
          rowKey={(f) => f.id}
          columns={[
            { header: 'Received', cell: (f) => formatDateTime(f.createdAt) },
            { header: 'Satisfaction', cell: (f) => satisfactionLabel(f.satisfaction) },
            { header: 'Comments', cell: (f) => f.comments },
            { header: 'From page', cell: (f) => f.fromPath ?? 'Not known' },
          ]}
        />
      ) : (
        <p className="govuk-body">No feedback yet.</p>
      )}
    </PageContainer>
  )
}
