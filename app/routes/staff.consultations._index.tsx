import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { Table } from '~/components/table'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { PhaseTag } from '~/modules/consultations/consultation-summary'
import { listAllForStaff, phaseOf } from '~/modules/consultations/consultations.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Consultations', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const rows = await listAllForStaff()
  return { rows: rows.map((c) => ({ id: c.id, title: c.title, phase: phaseOf(c), closesAt: c.closesAt.toISOString() })) }
}

export default function StaffConsultations() {
  const { rows } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<Breadcrumbs items={[{ href: '/staff', text: 'Staff dashboard' }]} />}>
      <h1 className="govuk-heading-l">Consultations</h1>
      <ButtonLink to="/staff/consultations/new">Draft a consultation</ButtonLink>
      <Table
        rowKey={(r) => r.id}
        rows={rows}
        columns={[
          {
            header: 'Consultation',
            cell: (r) => (
              <Link className="govuk-link" to={staffConsultationPath(r.id)}>
                {r.title}
              </Link>
            ),
          },
          { header: 'Status', cell: (r) => <PhaseTag phase={r.phase} /> },
          { header: 'Closes', cell: (r) => formatDateTime(r.closesAt) },
          {
            header: 'Analysis',
            cell: (r) =>
              r.phase === 'draft' ? (
                ''
              ) : (
                <Link className="govuk-link" to={staffConsultationPath(r.id, 'analysis')}>
                  Responses<span className="govuk-visually-hidden"> to {r.title}</span>
                </Link>
              ),
          },
        ]}
      />
    </PageContainer>
  )
}
