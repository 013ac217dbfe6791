import type { TagColour } from '~/components/tag'

/** Where a response stands in the publication queue; shared by server and browser code. */
export type QueueState = 'to-review' | 'to-publish' | 'withheld' | 'published'

export const QUEUE_STATES: QueueState[] = ['to-review', 'to-publish', 'withheld', 'published']

export const QUEUE_STATE_LABELS: Record<QueueState, string> = {
  'to-review': 'To review',
  'to-publish': 'Ready to publish',
  withheld: 'Withheld',
  published: 'Published',
}

export const QUEUE_STATE_COLOURS: Record<QueueState, TagColour> = { 'to-review': 'yellow', 'to-publish': 'blue', withheld: 'red', published: 'green' }
