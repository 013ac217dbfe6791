import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { deleteSavedSearch, listSavedSearches } from '~/modules/pipeline/alerts.server'
import { describeFilters, filtersToSearchParams } from '~/modules/pipeline/model'

export const meta: MetaFunction = () => [{ title: pageTitle('Your pipeline alerts', 'Pipeline') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const searches = await listSavedSearches(user.id)
  return {
    searches: searches.map((s) => ({ id: s.id, name: s.name, frequency: s.frequency, description: describeFilters(s.filters), query: filtersToSearchParams(s.filters).toString() })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await request.formData()
  await deleteSavedSearch(user.id, String(form.get('id') ?? ''))
  return redirectWithNotice('/pipeline/alerts', 'The alert has been stopped')
}

export default function Alerts() {
  const { searches } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/pipeline">Back to the pipeline</BackLink>}>
      <h1 className="govuk-heading-l">Your pipeline alerts</h1>
      <p className="govuk-body">
        We email you when a notice matching one of your saved searches is published, or its status, dates or value change. To add an alert,{' '}
        <Link className="govuk-link" to="/pipeline">
          filter the pipeline
        </Link>{' '}
        and choose “Get email alerts for this search”.
      </p>
      {searches.length ? (
        searches.map((s) => (
          <div className="govuk-summary-card" key={s.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h2 className="govuk-summary-card__title">{s.name}</h2>
            </div>
            <div className="govuk-summary-card__content">
              <p className="govuk-body">
                {s.description}. {s.frequency === 'instant' ? 'Emailed as soon as something changes.' : 'Emailed once a week, on Monday morning.'}{' '}
                <Link className="govuk-link" to={`/pipeline${s.query ? `?${s.query}` : ''}`}>
                  See matching notices<span className="govuk-visually-hidden"> for {s.name}</span>
                </Link>
              </p>
              <Form method="post">
                <input type="hidden" name="id" value={s.id} />
                <Button variant="warning">
                  Stop this alert<span className="govuk-visually-hidden">: {s.name}</span>
                </Button>
              </Form>
            </div>
          </div>
        ))
      ) : (
        <p className="govuk-body">You have no saved searches.</p>
      )}
    </PageContainer>
  )
}
