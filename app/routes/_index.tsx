import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { CapabilityBlockGrid } from '~/components/capability-block'
import { PageContainer } from '~/components/layout'
import { getUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { homeBlocks } from '~/modules/home/home-blocks.server'
import { publicPage } from '~/lib/http-cache'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction = () => [
  { title: pageTitle() },
  {
    name: 'description',
    content: 'Consultations, the commercial pipeline, What Works case studies, newsletters, supplier surveys and a directory of employment-support providers.',
  },
]

// Deliberately public: the home page shows only published things, with extra links for a signed-in person.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const signedIn = Boolean(user)
  const blocks = await homeBlocks(signedIn)
  return { blocks, signedIn }
}

export default function Home() {
  const { blocks, signedIn } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Commissioning Hub</h1>
          <p className="govuk-body-l">Where the Department for Work and Pensions’ Employment Category and the providers it buys employment support from work together in the open.</p>
          <p className="govuk-body">Read and respond to commissioning consultations, plan ahead with the commercial pipeline, share what works, and find partners for your supply chain.</p>
          {signedIn ? null : (
            <p className="govuk-body">
              <Link className="govuk-link" to="/register">
                Create an account
              </Link>{' '}
              to respond to consultations and surveys, post case studies and add your organisation to the directory.
            </p>
          )}
          <Form method="get" action="/search" role="search">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--m" htmlFor="home-search">
                Search the hub
              </label>
              <div className="govuk-hint" id="home-search-hint">
                Consultations, pipeline notices, case studies, newsletters, surveys and organisations
              </div>
              <input className="govuk-input govuk-!-width-two-thirds" id="home-search" name="q" type="search" aria-describedby="home-search-hint" />
            </div>
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Search
            </button>
          </Form>
        </div>
      </div>
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      <CapabilityBlockGrid blocks={blocks} />
    </PageContainer>
  )
}
