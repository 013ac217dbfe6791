import type { FormValues } from '~/lib/forms'
import { QuestionFields as Fields, questionSchemaFor, type QuestionDefaults } from '~/modules/questionnaires/question-form'
import { QUESTION_TYPES } from '~/modules/questionnaires/questions'

export type { QuestionDefaults }

/** Consultations keep to QUESTION_TYPES: no ranking. */
export const questionSchema = questionSchemaFor(QUESTION_TYPES)

export function QuestionFields(props: { defaults: QuestionDefaults; values?: FormValues; errors?: Record<string, string | undefined> }) {
  return <Fields types={QUESTION_TYPES} {...props} />
}
