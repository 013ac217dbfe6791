import { labeller, optionValues } from '~/lib/options'
import type { ConsultationRequestKind } from '~db/schema'

export type { ConsultationRequestKind } from '~db/schema'

/**
 * The two public forms beside a consultation, and the staff lists of what
 * they collect, differ only in these words.
 */
export const REQUEST_KINDS = {
  accessible_format: {
    slug: 'accessible-format',
    title: 'Ask for an accessible format or other help',
    intro: 'If you need this consultation in another format, or any help so that you can respond, tell us what you need.',
    messageLabel: 'What do you need?',
    messageHint: 'For example, large print, easy read, audio, Braille, or help from someone to respond.',
    messageMissing: 'Tell us what you need',
    button: 'Send request',
    sentTitle: 'Request sent',
    sentBody: 'We will reply within 5 working days',
    emailWhat: 'your request for an accessible format',
    emailNext: 'We will reply within 5 working days.',
    staffTitle: 'Requests for an accessible format or other help',
    staffMessage: 'What they need',
  },
  process_feedback: {
    slug: 'feedback',
    title: 'Feedback on how we consult',
    intro: 'Tell us about the process of this consultation, as opposed to the issues it raises: for example, whether it meets the consultation principles, and how the process could be improved.',
    messageLabel: 'Your feedback',
    messageHint: undefined,
    messageMissing: 'Enter your feedback',
    button: 'Send feedback',
    sentTitle: 'Feedback sent',
    sentBody: 'Thank you for telling us how we consult',
    emailWhat: 'your feedback on how we consult',
    emailNext: 'The consultation coordinator reads all feedback.',
    staffTitle: 'Feedback on how we consult',
    staffMessage: 'Feedback',
  },
} as const satisfies Record<ConsultationRequestKind, Record<string, string | undefined>>

export const ACCESSIBLE_FORMATS = [
  { value: 'large_print', label: 'Large print' },
  { value: 'easy_read', label: 'Easy read' },
  { value: 'audio', label: 'Audio' },
  { value: 'braille', label: 'Braille' },
  { value: 'other', label: 'Another format, or other help' },
] as const

export const ACCESSIBLE_FORMAT_VALUES = optionValues(ACCESSIBLE_FORMATS)

export const formatLabel = labeller(ACCESSIBLE_FORMATS, 'Not chosen')

/** The staff list's query string names the kind by the public form's address. */
export function kindFromSlug(slug: string | null): ConsultationRequestKind {
  return slug === REQUEST_KINDS.process_feedback.slug ? 'process_feedback' : 'accessible_format'
}
