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

const RANKING = { value: 'ranking', label: 'Put the options in order', hasOptions: true } as const

/** The types a survey offers: the common ones and ranking. */
export const ALL_QUESTION_TYPES: Array<{ value: QuestionType; label: string; hasOptions: boolean }> = [...QUESTION_TYPES, RANKING]

/** The types a consultation offers: the common ones, a grid of statements on the agree–disagree scale, and a document to attach. */
export const CONSULTATION_QUESTION_TYPES: Array<{ value: QuestionType; label: string; hasOptions: boolean }> = [
  ...QUESTION_TYPES,
  { value: 'grid', label: 'Several statements on the agree–disagree scale', hasOptions: true },
  { value: 'file_upload', label: 'Attach a document (PDF, ODT or DOCX)', hasOptions: false },
  { value: 'number', label: 'A number', hasOptions: false },
  { value: 'date', label: 'A date', hasOptions: false },
]

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
  /** Routing: an option's value to the later question that a respondent choosing it goes to. */
  skipTo?: Record<string, string>
}

/** The options a person can pick from, including the fixed scales and "Other". */
export function optionsFor(question: Pick<EngineQuestion, 'type' | 'options' | 'allowOther'>): QuestionOption[] {
  const base = question.type === 'agree_scale' ? AGREE_SCALE : question.type === 'rating' ? RATING_SCALE : question.options
  return question.allowOther && (question.type === 'single_choice' || question.type === 'multiple_choice') ? [...base, { value: OTHER_VALUE, label: 'Other (please specify)' }] : base
}

/** Types whose options the owner writes, rather than a fixed scale; a grid's options are its statements. */
export function hasOwnOptions(type: QuestionType) {
  return type === 'single_choice' || type === 'multiple_choice' || type === 'ranking' || type === 'grid'
}

/** "1st", "2nd", "3rd", "4th" … for ranking positions. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')
  return `${n}${suffix}`
}

const CHOICE_TYPES: QuestionType[] = ['single_choice', 'multiple_choice', 'agree_scale', 'rating', 'ranking', 'grid']

/** Types answered by choosing: their answers are option values, counted per option. */
export function isChoiceType(type: QuestionType) {
  return CHOICE_TYPES.includes(type)
}

/**
 * For a colleague's conflicting change: what the person calls their answer,
 * and where their own is on the page shown again.
 */
export function answerPlace(type: QuestionType): { noun: 'answer' | 'text'; where: string } {
  if (isChoiceType(type)) return { noun: 'answer', where: 'answer is selected' }
  if (type === 'date') return { noun: 'answer', where: 'date is in the boxes' }
  if (type === 'number') return { noun: 'answer', where: 'number is in the box' }
  if (type === 'file_upload') return { noun: 'answer', where: 'answer is shown' }
  return { noun: 'text', where: 'text is in the box' }
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

export const QUESTION_FIELD = /^q-([0-9a-f-]{36})(?:-(other|confidential|confidential-reason|remove|day|month|year|s-[a-z0-9-]{1,60}))?$/

/** For a file upload question that has a document: ticked to take it off the response. */
export const removeFileFieldName = (questionId: string) => `q-${questionId}-remove`

/**
 * A grid is one question with a radio group per statement. Each group is
 * named for its statement, and the answer keeps one choice per statement
 * answered, written `statement=scale value`, in the statements' order.
 */
export const statementFieldName = (questionId: string, statement: string) => `q-${questionId}-s-${statement}`
export const gridChoice = (statement: string, scaleValue: string) => `${statement}=${scaleValue}`

/** A grid answer's scale value for each statement answered. */
export function gridAnswers(choices: string[]): Map<string, string> {
  return new Map(choices.map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)]))
}

/**
 * Per statement of a grid, how many gave each point of the scale and how
 * many answered that statement: a respondent may leave a statement out, so
 * each statement's shares are of its own base.
 */
export function gridRows(question: Pick<EngineQuestion, 'options'>, counts: Record<string, number>) {
  return question.options.map((statement) => {
    const rows = AGREE_SCALE.map((point) => ({ value: point.value, label: point.label, count: counts[gridChoice(statement.value, point.value)] ?? 0 }))
    return { value: statement.value, statement: statement.label, answered: rows.reduce((sum, r) => sum + r.count, 0), rows }
  })
}

/** A date answer, kept as 2026-03-27, as people read it: “27 March 2026”. */
export function dateWords(iso: string) {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d, 12)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/** A number answer as typed, without the commas or spaces that group its digits; null when it is not a number. */
export function numberValue(typed: string): string | null {
  const n = typed.replace(/[,\s]/g, '')
  return /^-?\d{1,15}(\.\d{1,6})?$/.test(n) ? n : null
}

/** A grid answer statement by statement, “Statement: Agree”, for the statements answered. */
export function gridLines(question: Pick<EngineQuestion, 'options'>, choices: string[]): string[] {
  const given = gridAnswers(choices)
  const scale = new Map(AGREE_SCALE.map((o) => [o.value, o.label]))
  return question.options.filter((s) => given.has(s.value)).map((s) => `${s.label}: ${scale.get(given.get(s.value)!) ?? given.get(s.value)}`)
}

/** An answer as words, for check-your-answers pages, emails and exports (the CSV import reads it back). */
export function answerText(question: EngineQuestion, answer: { text: string | null; choices: string[]; otherText: string | null } | undefined): string {
  if (!answer) return ''
  if (question.type === 'date') return answer.text ? dateWords(answer.text) : ''
  if (!isChoiceType(question.type)) return answer.text ?? ''
  if (question.type === 'grid') return gridLines(question, answer.choices).join('; ')
  const labels = new Map(optionsFor(question).map((o) => [o.value, o.label]))
  if (question.type === 'ranking') return answer.choices.map((v, i) => `${i + 1}. ${labels.get(v) ?? v}`).join('; ')
  return answer.choices.map((v) => (v === OTHER_VALUE ? `Other: ${answer.otherText ?? ''}` : (labels.get(v) ?? v))).join('; ')
}

/** A skip rule's target meaning: no more questions, on to checking the answers. */
export const SKIP_TO_END = 'end'

/**
 * The questions a respondent is not asked, given their answers: those an
 * option they chose skips past. Questions are in their numbered order; a
 * rule pointing at a question that is not later (moved or removed since)
 * skips nothing.
 */
export function skippedQuestionIds(questions: Array<Pick<EngineQuestion, 'id' | 'skipTo'>>, answers: Record<string, { choices: string[] } | undefined>): Set<string> {
  const at = new Map(questions.map((q, i) => [q.id, i]))
  const skipped = new Set<string>()
  let until = -1
  for (const [i, q] of questions.entries()) {
    if (i < until) {
      skipped.add(q.id)
      continue
    }
    const chosen = answers[q.id]?.choices[0]
    const target = chosen ? q.skipTo?.[chosen] : undefined
    const targetAt = target === SKIP_TO_END ? questions.length : target ? (at.get(target) ?? -1) : -1
    if (targetAt > i) until = targetAt
  }
  return skipped
}

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
