import { NotificationBanner } from '~/components/notification-banner'

/** Shown when Meilisearch was away and PostgreSQL answered the page's search instead. */
export function SearchFallbackNotice({ show }: { show: boolean }) {
  if (!show) return null
  return (
    <NotificationBanner titleId="search-fallback-title">
      <p className="govuk-notification-banner__heading">Search is running in a simpler mode for now</p>
      <p className="govuk-body">Everything is listed, but results may be in a different order and misspelt words may find less than usual. Try again later for the full search.</p>
    </NotificationBanner>
  )
}
