import type { ReactNode } from 'react'
import { Link } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { formatDateTime } from '~/lib/time'

/**
 * The page after "Save and come back later", the same for consultations and
 * surveys: how to come back, when it closes and a way straight back in.
 */
export function SavedForLater({ title, what, closesAt, continueTo, children }: { title: string; what: 'consultation' | 'survey'; closesAt: string; continueTo: string; children: ReactNode }) {
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{title}</span>
          <h1 className="govuk-heading-l">Your answers have been saved</h1>
          {children}
          <p className="govuk-body">
            Submit your response before the {what} closes at {formatDateTime(closesAt)}. Your answers are not sent to us until you submit them.
          </p>
          <p className="govuk-body">
            {/* A full load, so a draft reached through its private link picks up its cookie. */}
            <Link className="govuk-link" to={continueTo} reloadDocument>
              Continue your response now
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
