import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { isOpen } from '~/modules/surveys/surveys.server'
import { requireParticipation } from '~/modules/surveys/web.server'
import { surveyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Your answers have been saved', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { survey, participation, base, user } = await requireParticipation(request, params.slug, params.id)
  if (participation.status === 'submitted') throw redirect(`${base}/receipt`)
  if (!isOpen(survey)) throw redirect(surveyPath(survey.slug))
  return { title: survey.title, base, email: user.email, closesAt: survey.closesAt!.toISOString() }
}

export default function Saved() {
  const d = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Your answers have been saved" />
          <p className="govuk-body">
            We have emailed a link to continue your response to <strong>{d.email}</strong>. You can also come back from the survey’s page when you are signed in.
          </p>
          <p className="govuk-body">Submit your response before the survey closes at {formatDateTime(d.closesAt)}. Your answers are not sent to us until you submit them.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={d.base}>
              Continue your response now
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
