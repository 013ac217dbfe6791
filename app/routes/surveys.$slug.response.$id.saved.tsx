import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { pageTitle } from '~/lib/meta'
import { isOpen } from '~/modules/surveys/surveys.server'
import { requireParticipation } from '~/modules/surveys/web.server'
import { surveyPath } from '~/lib/paths'
import { SavedForLater } from '~/modules/questionnaires/saved-page'

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
    <SavedForLater title={d.title} what="survey" closesAt={d.closesAt} continueTo={d.base}>
      <p className="govuk-body">
        We have emailed a link to continue your response to <strong>{d.email}</strong>. You can also come back from the survey’s page when you are signed in.
      </p>
    </SavedForLater>
  )
}
