import type { MetaFunction } from '@remix-run/node'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'

export const meta: MetaFunction = () => [{ title: pageTitle() }]

export default function Home() {
  return (
    <PageContainer>
      <h1 className="govuk-heading-xl">Commissioning Hub</h1>
      <p className="govuk-body-l">Where the Employment Category and the providers it buys from work together.</p>
    </PageContainer>
  )
}
