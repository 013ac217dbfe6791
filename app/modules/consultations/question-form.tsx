import type { FormValues } from '~/lib/forms'
import { QuestionFields as Fields, questionSchemaFor, type QuestionDefaults } from '~/modules/questionnaires/question-form'
import { CONSULTATION_QUESTION_TYPES } from '~/modules/questionnaires/questions'

export type { QuestionDefaults }

export const questionSchema = questionSchemaFor(CONSULTATION_QUESTION_TYPES)

export function QuestionFields(props: { defaults: QuestionDefaults; values?: FormValues; errors?: Record<string, string | undefined> }) {
  return <Fields types={CONSULTATION_QUESTION_TYPES} {...props} />
}
