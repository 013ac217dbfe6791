import { Link } from '@remix-run/react'
import { Tag, type TagColour } from '~/components/tag'
import { consultationPath } from '~/lib/paths'
import { daysUntil, formatDateTime } from '~/lib/time'
import { PHASE_LABELS_PUBLIC, type PublicPhase } from './phases'

const COLOURS: Record<PublicPhase, TagColour> = { draft: 'grey', upcoming: 'blue', open: 'green', closed: 'grey', outcome: 'purple' }

export function PhaseTag({ phase }: { phase: PublicPhase }) {
  return <Tag colour={COLOURS[phase]}>{PHASE_LABELS_PUBLIC[phase]}</Tag>
}

/** Dates as a person needs them: when it opens or closes and, while open, how long is left. */
export function DatesLine({ phase, opensAt, closesAt }: { phase: PublicPhase; opensAt: string | Date; closesAt: string | Date }) {
  if (phase === 'upcoming')
    return (
      <>
        Opens at {formatDateTime(opensAt)}. Closes at {formatDateTime(closesAt)}.
      </>
    )
  if (phase === 'open') {
    const days = daysUntil(closesAt)
    return (
      <>
        Closes at {formatDateTime(closesAt)} ({days <= 0 ? 'closes today' : days === 1 ? '1 day left' : `${days} days left`}).
      </>
    )
  }
  return (
    <>
      Ran from {formatDateTime(opensAt)} to {formatDateTime(closesAt)}.
    </>
  )
}

/** The link to a consultation's published outcome, from its page and from its summary of responses. */
export function OutcomeLink({ slug }: { slug: string }) {
  return (
    <Link className="govuk-link" to={consultationPath(slug, 'outcome')}>
      Read the outcome: what you said and what we will do
    </Link>
  )
}
