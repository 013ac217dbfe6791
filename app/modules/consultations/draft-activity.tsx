import { formatDateTime } from '~/lib/time'

export type ActivityItem = { kind: 'changed' | 'asked_sign_off' | 'submitted' | 'amended' | 'discarded'; actorName: string; question: string | null; at: string }

/** One line of activity, as a sentence. */
export function describeActivity(item: ActivityItem) {
  const when = formatDateTime(item.at)
  switch (item.kind) {
    case 'changed':
      return `${item.actorName} changed ${item.question ?? 'an answer'} at ${when}`
    case 'asked_sign_off':
      return `${item.actorName} asked an administrator to sign off at ${when}`
    case 'submitted':
      return `${item.actorName} submitted the response at ${when}`
    case 'amended':
      return `${item.actorName} submitted changes at ${when}`
    case 'discarded':
      return `Changes that were not submitted were discarded when the consultation closed at ${when}`
  }
}

/** Who did what to a shared response, newest first. */
export function DraftActivity({ items, heading = 'Recent activity' }: { items: ActivityItem[]; heading?: string }) {
  if (!items.length) return null
  return (
    <>
      <h2 className="govuk-heading-m">{heading}</h2>
      <ul className="govuk-list govuk-list--bullet">
        {items.map((item, i) => (
          <li key={i}>{describeActivity(item)}</li>
        ))}
      </ul>
    </>
  )
}
