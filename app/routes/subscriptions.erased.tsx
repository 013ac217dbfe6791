import type { MetaFunction } from '@remix-run/node'
import { PageContainer } from '~/components/layout'
import { Panel } from '~/components/panel'
import { pageTitle } from '~/lib/meta'

export const meta: MetaFunction = () => [{ title: pageTitle('Subscription data deleted', 'Newsletters') }]

export default function Erased() {
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Subscription data deleted">We have deleted this address and the record of the emails we sent to it.</Panel>
        </div>
      </div>
    </PageContainer>
  )
}
