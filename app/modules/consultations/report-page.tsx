import type { ReactNode } from 'react'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { StaffConsultationBreadcrumbs } from './staff-breadcrumbs'

/**
 * The frame of the staff pages that write a consultation's reports (the
 * outcome and the summary of responses): the consultation's breadcrumbs, the
 * error summary, its title as the caption and the report's heading.
 */
export function ConsultationReportPage({
  id,
  title,
  heading,
  errors,
  children,
}: {
  id: string
  title: string
  heading: string
  errors: Parameters<typeof ErrorSummary>[0]['errors']
  children: ReactNode
}) {
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={id} title={title} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{title}</span>
          <h1 className="govuk-heading-l">{heading}</h1>
          {children}
        </div>
      </div>
    </PageContainer>
  )
}
