import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'

/** Where staff add responses that reached the department outside the hub. */
export function ReceivedResponseLinks({ base }: { base: string }) {
  return (
    <>
      <li>
        <Link className="govuk-link" to={`${base}/responses/new`}>
          Enter a response received by email or post
        </Link>
      </li>
      <li>
        <Link className="govuk-link" to={`${base}/responses/import`}>
          Import responses from a CSV file
        </Link>
      </li>
    </>
  )
}

/** The frame of the entry and import pages: under the consultation's responses and analysis. */
export function ReceivedResponsePage({
  consultation: c,
  heading,
  errors,
  anchors,
  children,
}: {
  consultation: { id: string; title: string }
  heading: string
  errors?: Record<string, string | undefined>
  anchors?: Record<string, string>
  children: ReactNode
}) {
  return (
    <PageContainer
      before={
        <Breadcrumbs
          items={[
            { href: '/staff/consultations', text: 'Consultations' },
            { href: `/staff/consultations/${c.id}`, text: c.title },
            { href: `/staff/consultations/${c.id}/analysis`, text: 'Responses and analysis' },
          ]}
        />
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} anchors={anchors} />
          <span className="govuk-caption-l">{c.title}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          {children}
        </div>
      </div>
    </PageContainer>
  )
}
