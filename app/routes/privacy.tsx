import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'
import { TableScroll } from '~/components/table'
import { publicPage } from '~/lib/http-cache'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction = () => [
  { title: pageTitle('Privacy notice') },
  { name: 'description', content: 'What personal data the Commissioning Hub keeps, why, for how long, and your rights over it.' },
]

const RETENTION: Array<[string, string]> = [
  ['Your account (name, email address, password hash, role)', 'Until you delete your account'],
  ['Organisation memberships and invitations', 'Until you leave the organisation or delete your account; unused invitations expire after 7 days'],
  ['Consultation and survey responses', 'Until the report of the consultation or survey is published, then 2 years; responses you agreed to publish stay in the published record'],
  ['Case studies, comments and ratings', 'Until you or a moderator remove them, or you delete your account'],
  ['Records of sign-in attempts (email address, IP address)', '90 days, to protect accounts from password guessing'],
  ['Copies of emails the hub sent you', '1 year'],
  ['Server logs (IP address, pages requested)', '30 days'],
  ['Audit log of staff and admin actions', '7 years, as a record of how public decisions were made'],
  ['Feedback about the hub', '2 years; it is anonymous unless you write personal details in it'],
]

export default function PrivacyNotice() {
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Privacy notice</h1>
          <p className="govuk-body-l">How the Commissioning Hub uses your personal data, and your rights.</p>

          <h2 className="govuk-heading-m">Who is responsible for your data</h2>
          <p className="govuk-body">
            The Department for Work and Pensions (DWP) is the data controller for the personal data processed by the Commissioning Hub. The hub is run by DWP’s Employment Category, the team that
            commissions employment support.
          </p>

          <h2 className="govuk-heading-m">What data we collect</h2>
          <p className="govuk-body">If you only read the hub, we collect no personal data beyond the server logs described below. If you create an account, we collect:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>your name and email address, and a scrambled (hashed) copy of your password that cannot be turned back into the password</li>
            <li>the organisations you belong to, and your role in each</li>
            <li>what you write or submit: consultation and survey responses, case studies, comments, ratings and expressions of interest in pipeline notices</li>
            <li>the newsletters and notices you choose to receive</li>
          </ul>
          <p className="govuk-body">To keep the service secure and working, we also record:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>sign-in attempts, with the email address and IP address used</li>
            <li>server logs of the pages requested, with IP address and time</li>
            <li>for staff and admins, a record of what they published, changed or hid</li>
          </ul>
          <p className="govuk-body">We do not ask for special category data, such as health or ethnicity. Please do not include it, or anyone else’s personal details, in what you write.</p>

          <h2 className="govuk-heading-m">Why we use it and our lawful basis</h2>
          <p className="govuk-body">
            We use your data to run the hub: to let you sign in, respond to consultations and surveys, share case studies, manage your organisation’s profile and receive the emails you ask for; to
            analyse responses and report on them; and to keep the service secure.
          </p>
          <p className="govuk-body">
            Our lawful basis is that processing is necessary to perform a task in the public interest (UK GDPR Article 6(1)(e)): DWP’s function of commissioning employment services and consulting the
            market and the public on how it does so.
          </p>

          <h2 className="govuk-heading-m">Who we share it with</h2>
          <p className="govuk-body">
            Your name appears on the public profile of each organisation you belong to. Consultation responses are published only if you agree, and never with your email address. We use suppliers to
            host the hub and send its emails; they act only on our instructions. We do not sell your data, and we do not transfer it outside the UK.
          </p>
          <p className="govuk-body">We make no decisions about you by automated means alone.</p>

          <h2 className="govuk-heading-m">How long we keep it</h2>
          <TableScroll label="Retention periods">
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">Retention periods</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Data
                  </th>
                  <th scope="col" className="govuk-table__header">
                    How long we keep it
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {RETENTION.map(([what, howLong]) => (
                  <tr className="govuk-table__row" key={what}>
                    <td className="govuk-table__cell">{what}</td>
                    <td className="govuk-table__cell">{howLong}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>

          <h2 className="govuk-heading-m">Your rights</h2>
          <p className="govuk-body">You have the right to:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              get a copy of your data – you can download it yourself from{' '}
              <Link className="govuk-link" to="/account">
                your account
              </Link>
            </li>
            <li>have inaccurate data corrected – you can change your name and email address in your account</li>
            <li>have your data deleted – you can delete your account, and your account page says what happens to what you wrote</li>
            <li>ask us to restrict how we use your data</li>
            <li>object to how we use your data</li>
          </ul>
          <p className="govuk-body">
            For anything you cannot do in your account, contact DWP’s Data Protection Officer. Read more in{' '}
            <a className="govuk-link" href="https://www.gov.uk/government/organisations/department-for-work-pensions/about/personal-information-charter">
              DWP’s personal information charter
            </a>
            .
          </p>

          <h2 className="govuk-heading-m">Contact us</h2>
          <p className="govuk-body">
            Email the hub team at{' '}
            <a className="govuk-link" href="mailto:privacy@commissioning-hub.example">
              privacy@commissioning-hub.example
            </a>
            , or write to:
          </p>
          <p className="govuk-body">
            Data Protection Officer
            <br />
            Department for Work and Pensions
            <br />
            Caxton House
            <br />
            Tothill Street
            <br />
            London
            <br />
            SW1H 9NA
          </p>

          <h2 className="govuk-heading-m">How to complain</h2>
          <p className="govuk-body">If you are unhappy with how we have used your data, contact us first. You can also complain to the Information Commissioner’s Office (ICO):</p>
          <p className="govuk-body">
            Information Commissioner’s Office
            <br />
            Wycliffe House
            <br />
            Water Lane
            <br />
            Wilmslow
            <br />
            Cheshire
            <br />
            SK9 5AF
            <br />
            Telephone: 0303 123 1113
            <br />
            <a className="govuk-link" href="https://ico.org.uk/make-a-complaint/">
              Make a complaint on the ICO’s website
            </a>
          </p>
          <p className="govuk-body">This notice was last updated on 22 November 2026.</p>
        </div>
      </div>
    </PageContainer>
  )
}
