import { Link, useLocation } from '@remix-run/react'
import { NotificationBanner } from '~/components/notification-banner'

/** Shown to signed-in people who have not yet followed their verification link. */
export function VerifyEmailBanner() {
  const { pathname } = useLocation()
  // The verification page itself says what to do, and may just have verified the address.
  if (pathname.startsWith('/verify-email')) return null
  return (
    <div className="govuk-width-container govuk-!-margin-top-4">
      <NotificationBanner title="Confirm your email address" titleId="verify-email-banner-title">
        <p className="govuk-body">
          Open the link we sent to your email address. You need to confirm it before you can publish anything on the hub.{' '}
          <Link className="govuk-notification-banner__link" to="/verify-email">
            Send a new link
          </Link>
        </p>
      </NotificationBanner>
    </div>
  )
}
