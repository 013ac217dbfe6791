import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { listSurveys, PHASE_LABELS, phaseOf } from '~/modules/surveys/surveys.server'
import { staffSurveyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Supplier surveys', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const surveys = await listSurveys()
  return {
    surveys: surveys.map((s) => ({ id: s.id, title: s.title, year: s.year, phase: PHASE_LABELS[phaseOf(s)], anonymous: s.anonymous, published: Boolean(s.resultsPublishedAt) })),
  }
}

export default function StaffSurveys() {
  const { surveys } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <h1 className="govuk-heading-l">Supplier surveys</h1>
      <p className="govuk-body">Create this year’s survey from scratch or copy last year’s, so linked questions can be compared year on year.</p>
      <ButtonLink to="/staff/surveys/new">Create a survey</ButtonLink>
      {surveys.length ? (
        <Table
          caption="Surveys"
          rows={surveys}
          rowKey={(s) => s.id}
          columns={[
            {
              header: 'Survey',
              cell: (s) => (
                <Link className="govuk-link" to={staffSurveyPath(s.id)}>
                  {s.title}
                </Link>
              ),
            },
            { header: 'Year', cell: (s) => s.year },
            { header: 'Status', cell: (s) => <Tag colour={s.phase === 'Open' ? 'green' : 'grey'}>{s.phase}</Tag> },
            { header: 'Answers', cell: (s) => (s.anonymous ? 'Anonymous' : 'Attributed') },
            { header: 'Results', cell: (s) => (s.published ? 'Published' : 'Not published') },
          ]}
        />
      ) : (
        <p className="govuk-body">There are no surveys yet.</p>
      )}
    </PageContainer>
  )
}
