import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Tag } from '~/components/tag'
import { requireUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { caseStudiesForMember } from '~/modules/case-studies/case-studies.server'
import { Table } from '~/components/table'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Your organisations’ case studies', 'What Works') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const rows = await caseStudiesForMember(user.id)
  return { rows: rows.map((r) => ({ ...r, updated: formatDate(r.updatedAt) })) }
}

export default function YourCaseStudies() {
  const { rows } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/what-works">Back to What Works</BackLink>}>
      <span className="govuk-caption-l">What Works</span>
      <h1 className="govuk-heading-l">Your organisations’ case studies</h1>
      <ButtonLink to="/what-works/new">Post a case study</ButtonLink>
      {rows.length ? (
        <Table
          caption="Drafts and published case studies"
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            {
              header: 'Case study',
              cell: (r) => (
                <Link className="govuk-link" to={caseStudyPath(r.slug)}>
                  {r.title}
                </Link>
              ),
            },
            { header: 'Organisation', cell: (r) => r.organisationName },
            { header: 'Status', cell: (r) => (r.hiddenAt ? <Tag colour="red">Hidden by staff</Tag> : r.status === 'draft' ? <Tag colour="grey">Draft</Tag> : <Tag colour="green">Published</Tag>) },
            { header: 'Last changed', cell: (r) => r.updated },
          ]}
        />
      ) : (
        <p className="govuk-body">Your organisations have not posted any case studies yet.</p>
      )}
    </PageContainer>
  )
}
