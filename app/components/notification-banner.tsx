import type { ReactNode } from 'react'
import { cx } from './class-names'

export function NotificationBanner({ title, success, children, titleId = 'govuk-notification-banner-title' }: { title?: string; success?: boolean; children: ReactNode; titleId?: string }) {
  const heading = title ?? (success ? 'Success' : 'Important')
  return (
    <div
      className={cx('govuk-notification-banner', success && 'govuk-notification-banner--success')}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {heading}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  )
}
