/** A survey's phase and its words; shared by the server and the pages. */
export type SurveyPhase = 'draft' | 'upcoming' | 'open' | 'closed'

export const PHASE_LABELS: Record<SurveyPhase, string> = { draft: 'Draft', upcoming: 'Upcoming', open: 'Open', closed: 'Closed' }
