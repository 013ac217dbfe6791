import type { MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'
import { publicPage } from '~/lib/http-cache'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction = () => [
  { title: pageTitle('Accessibility statement') },
  { name: 'description', content: 'How accessible the Commissioning Hub is, what we know does not yet work, and how to report a problem.' },
]

export default function AccessibilityStatement() {
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Accessibility statement for the Commissioning Hub</h1>
          <p className="govuk-body">
            This accessibility statement applies to the Commissioning Hub, where the Department for Work and Pensions’ Employment Category publishes consultations, its commercial pipeline, newsletters
            and supplier surveys, and where providers share what works and find partners.
          </p>
          <p className="govuk-body">
            This website is run by the Department for Work and Pensions (DWP). We want as many people as possible to be able to use it. For example, that means you should be able to:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>change colours, contrast levels and fonts using your browser or device settings</li>
            <li>zoom in up to 400% without the text spilling off the screen</li>
            <li>navigate most of the website using just a keyboard or speech recognition software</li>
            <li>listen to most of the website using a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)</li>
            <li>use every page and form with JavaScript turned off</li>
          </ul>
          <p className="govuk-body">We’ve also made the website text as simple as possible to understand.</p>
          <p className="govuk-body">
            <a className="govuk-link" href="https://mcmw.abilitynet.org.uk/">
              AbilityNet
            </a>{' '}
            has advice on making your device easier to use if you have a disability.
          </p>

          <h2 className="govuk-heading-l">How accessible this website is</h2>
          <p className="govuk-body">We know some parts of this website are not fully accessible:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              case studies, organisation descriptions, comments and consultation responses are written by the people who use the hub, so they may not always be in plain English or use meaningful link
              text
            </li>
            <li>the rich text editor used to write case studies and newsletters has not yet been tested with every screen reader and browser combination</li>
            <li>the open data downloads (CSV and JSON files) are meant for use in other software; the same information is on the hub’s pages</li>
          </ul>

          <h2 className="govuk-heading-l">Feedback and contact information</h2>
          <p className="govuk-body">
            If you need information on this website in a different format, like accessible PDF, large print, easy read, audio recording or braille, email{' '}
            <a className="govuk-link" href="mailto:accessibility@commissioning-hub.example">
              accessibility@commissioning-hub.example
            </a>
            .
          </p>
          <p className="govuk-body">We’ll consider your request and get back to you in 5 working days.</p>

          <h2 className="govuk-heading-l">Reporting accessibility problems with this website</h2>
          <p className="govuk-body">
            We’re always looking to improve the accessibility of this website. If you find any problems not listed on this page or think we’re not meeting accessibility requirements, use our{' '}
            <Link className="govuk-link" to="/feedback">
              feedback form
            </Link>{' '}
            or email{' '}
            <a className="govuk-link" href="mailto:accessibility@commissioning-hub.example">
              accessibility@commissioning-hub.example
            </a>
            . Tell us the web address of the page and what went wrong.
          </p>

          <h2 className="govuk-heading-l">Enforcement procedure</h2>
          <p className="govuk-body">
            The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the
            ‘accessibility regulations’). If you’re not happy with how we respond to your complaint, contact the{' '}
            <a className="govuk-link" href="https://www.equalityadvisoryservice.com/">
              Equality Advisory and Support Service (EASS)
            </a>
            .
          </p>
          <p className="govuk-body">
            If you are in Northern Ireland and are not happy with how we respond to your complaint you can contact the{' '}
            <a className="govuk-link" href="https://www.equalityni.org/Home">
              Equality Commission for Northern Ireland
            </a>
            .
          </p>

          <h2 className="govuk-heading-l">Technical information about this website’s accessibility</h2>
          <p className="govuk-body">
            DWP is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.
          </p>
          <h3 className="govuk-heading-m">Compliance status</h3>
          <p className="govuk-body">
            This website is partially compliant with the{' '}
            <a className="govuk-link" href="https://www.w3.org/TR/WCAG22/">
              Web Content Accessibility Guidelines version 2.2
            </a>{' '}
            AA standard, due to the non-compliances and exemptions listed below. It is built with the GOV.UK Design System’s components and patterns, which are tested with assistive technologies.
          </p>

          <h2 className="govuk-heading-l">Non-accessible content</h2>
          <p className="govuk-body">The content listed below is non-accessible for the following reasons.</p>
          <h3 className="govuk-heading-m">Non-compliance with the accessibility regulations</h3>
          <p className="govuk-body">
            The rich text editor has not yet been tested with assistive technologies beyond automated checks, so there may be problems with how it announces formatting to screen reader users. This may
            fail WCAG 2.2 success criterion 4.1.2 (Name, Role, Value). With JavaScript turned off the editor is a plain text box that works with all assistive technologies. We plan to test it with
            screen reader users by 31 March 2027.
          </p>
          <h3 className="govuk-heading-m">Content that’s not within the scope of the accessibility regulations</h3>
          <p className="govuk-body">
            Content written by people who use the hub, such as case studies, comments and organisation descriptions, is third-party content that we do not fund or control. We ask authors to write
            clearly, and moderators can hide content that breaks the hub’s rules.
          </p>

          <h2 className="govuk-heading-l">What we’re doing to improve accessibility</h2>
          <p className="govuk-body">
            Every page in the hub’s main journeys is checked automatically against WCAG 2.2 AA with axe-core each time the service changes, with JavaScript both on and off. We will commission an
            independent accessibility audit before the hub leaves beta.
          </p>

          <h2 className="govuk-heading-l">Preparation of this accessibility statement</h2>
          <p className="govuk-body">This statement was prepared on 22 November 2026. It was last reviewed on 22 November 2026.</p>
          <p className="govuk-body">
            This website was last tested on 22 November 2026 against the WCAG 2.2 AA standard. The test was carried out by the hub’s delivery team, using automated checks on every page of the main
            journeys and manual checks with a keyboard and at 400% zoom.
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
