import type { MetaFunction } from '@remix-run/node'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'
import { TableScroll } from '~/components/table'
import { publicPage } from '~/lib/http-cache'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction = () => [
  { title: pageTitle('Cookies') },
  { name: 'description', content: 'The cookies the Commissioning Hub uses: only those it needs to keep you signed in and secure.' },
]

export default function Cookies() {
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Cookies</h1>
          <p className="govuk-body">Cookies are small files saved on your phone, tablet or computer when you visit a website.</p>
          <p className="govuk-body">
            The Commissioning Hub uses one cookie, and only to keep you signed in. It is essential for the service to work, so we do not ask for your consent to set it. We do not use analytics
            cookies, advertising cookies or any cookies set by other organisations.
          </p>
          <h2 className="govuk-heading-m">Essential cookies</h2>
          <TableScroll label="Cookies the hub sets">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Cookies the hub sets</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Purpose
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Expires
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                <tr className="govuk-table__row">
                  <td className="govuk-table__cell">
                    <code>hub_session</code>
                  </td>
                  <td className="govuk-table__cell">
                    Keeps you signed in after you sign in. It holds a random identifier for your session and nothing else about you. It is only set when you sign in.
                  </td>
                  <td className="govuk-table__cell">30 days after you last used the hub, or when you sign out</td>
                </tr>
              </tbody>
            </table>
          </TableScroll>
          <p className="govuk-body">If you block this cookie in your browser, you can still read everything on the hub, but you will not be able to sign in.</p>
        </div>
      </div>
    </PageContainer>
  )
}
