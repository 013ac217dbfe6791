import type { QuestionOption, QuestionType } from '~db/schema'

/** Shared by server and browser: question types, fixed scales and field names. */

export const QUESTION_TYPES: Array<{ value: QuestionType; label: string; hasOptions: boolean }> = [
  { value: 'long_text', label: 'Long text answer', hasOptions: false },
  { value: 'short_text', label: 'Short text answer', hasOptions: false },
  { value: 'single_choice', label: 'Choose one option', hasOptions: true },
  { value: 'multiple_choice', label: 'Choose one or more options', hasOptions: true },
  { value: 'agree_scale', label: 'Agree–disagree scale', hasOptions: false },
  { value: 'rating', label: 'Rating from 0 to 10', hasOptions: false },
]

/** Every type, including ranking, which only some owners offer (consultations keep to QUESTION_TYPES). */
export const ALL_QUESTION_TYPES: Array<{ value: QuestionType; label: string; hasOptions: boolean }> = [...QUESTION_TYPES, { value: 'ranking', label: 'Put the options in order', hasOptions: true }]

export const RATING_MIN = 0
export const RATING_MAX = 10

export const AGREE_SCALE: QuestionOption[] = [
  { value: 'strongly_agree', label: 'Strongly agree' },
  { value: 'agree', label: 'Agree' },
  { value: 'neither', label: 'Neither agree nor disagree' },
  { value: 'disagree', label: 'Disagree' },
  { value: 'strongly_disagree', label: 'Strongly disagree' },
]

export const RATING_SCALE: QuestionOption[] = Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }))

export const OTHER_VALUE = 'other'
export const SHORT_TEXT_MAX = 500
export const LONG_TEXT_MAX_CHARACTERS = 100_000

export type EngineQuestion = {
  id: string
  type: QuestionType
  text: string
  hint: string
  required: boolean
  options: QuestionOption[]
  allowOther: boolean
  maxWords: number | null
  /** The question this one was copied from in an earlier questionnaire. */
  predecessorQuestionId?: string | null
}

/** The options a person can pick from, including the fixed scales and "Other". */
export function optionsFor(question: Pick<EngineQuestion, 'type' | 'options' | 'allowOther'>): QuestionOption[] {
  const base = question.type === 'agree_scale' ? AGREE_SCALE : question.type === 'rating' ? RATING_SCALE : question.options
  return question.allowOther && (question.type === 'single_choice' || question.type === 'multiple_choice') ? [...base, { value: OTHER_VALUE, label: 'Other (please specify)' }] : base
}

/** Types whose options the owner writes, rather than a fixed scale. */
export function hasOwnOptions(type: QuestionType) {
  return type === 'single_choice' || type === 'multiple_choice' || type === 'ranking'
}

/** "1st", "2nd", "3rd", "4th" … for ranking positions. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}

export function isChoiceType(type: QuestionType) {
  return type !== 'long_text' && type !== 'short_text'
}

/** Counted as GOV.UK's character count counts: runs of non-space characters. */
export function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0
}

/** The form field names for a question; the id is the question's, so tampering is detectable. */
export const fieldName = (questionId: string) => `q-${questionId}`
export const otherFieldName = (questionId: string) => `q-${questionId}-other`
export const confidentialFieldName = (questionId: string) => `q-${questionId}-confidential`
export const confidentialReasonFieldName = (questionId: string) => `q-${questionId}-confidential-reason`

/** The version and digest of the answer a page was rendered with, so a save can tell what the person changed. */
export const baseFieldName = (questionId: string) => `base-${questionId}`

/** For an answer a colleague changed meanwhile: whether to keep "mine" or "theirs". */
export const resolveFieldName = (questionId: string) => `resolve-${questionId}`

export const QUESTION_FIELD = /^q-([0-9a-f-]{36})(?:-(other|confidential|confidential-reason))?$/

export function slugOption(label: string, taken: Set<string>): string {
  const base =
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'option'
  let value = base === OTHER_VALUE ? 'other-option' : base
  for (let i = 2; taken.has(value); i++) value = `${base}-${i}`
  taken.add(value)
  return value
}
