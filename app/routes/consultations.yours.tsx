import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { Table } from '~/components/table'
import { requireUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { responsesOf } from '~/modules/consultations/responses.server'
import { consultationResponsePath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Your responses and drafts', 'Consultations') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const rows = await responsesOf(user.id)
  return {
    rows: rows.map((r) => ({
      href: consultationResponsePath(r.consultation.slug, r.id),
      title: r.consultation.title,
      status: r.status,
      reference: r.status === 'submitted' ? r.reference : '',
      on: r.organisationName ?? 'Yourself',
      updatedAt: r.updatedAt.toISOString(),
    })),
  }
}

const STATUS = { draft: 'Draft', submitted: 'Submitted', withdrawn: 'Withdrawn' } as const

export default function Yours() {
  const { rows } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<Breadcrumbs items={[{ href: '/consultations', text: 'Consultations' }]} />}>
      <h1 className="govuk-heading-l">Your responses and drafts</h1>
      {rows.length ? (
        <Table
          rowKey={(r) => r.href}
          rows={rows}
          columns={[
            {
              header: 'Consultation',
              cell: (r) => (
                <Link className="govuk-link" to={r.href}>
                  {r.title}
                </Link>
              ),
            },
            { header: 'On behalf of', cell: (r) => r.on },
            { header: 'Status', cell: (r) => STATUS[r.status] },
            { header: 'Reference', cell: (r) => r.reference },
            { header: 'Last changed', cell: (r) => formatDateTime(r.updatedAt) },
          ]}
        />
      ) : (
        <p className="govuk-body">You have not started a response yet.</p>
      )}
    </PageContainer>
  )
}
