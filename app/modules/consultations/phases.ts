/** Phases as shown to people; shared by server and browser code. */
export type PublicPhase = 'draft' | 'upcoming' | 'open' | 'closed' | 'outcome'

export const PHASE_LABELS_PUBLIC: Record<PublicPhase, string> = {
  draft: 'Draft',
  upcoming: 'Upcoming',
  open: 'Open',
  closed: 'Closed',
  outcome: 'Outcome published',
}

export const FINDER_PHASES = ['open', 'upcoming', 'closed', 'outcome'] as const
export type FinderPhase = (typeof FINDER_PHASES)[number]
