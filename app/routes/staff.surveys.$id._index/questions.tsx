import { Form } from '@remix-run/react'
import { Button } from '~/components/button'
import { Details } from '~/components/misc'
import { Select } from '~/components/select'
import { SummaryCard, SummaryList } from '~/components/summary-list'
import { TextInput } from '~/components/text-input'
import type { FieldErrors, FormValues } from '~/lib/forms'
import { valueOf } from '~/lib/forms'
import { QuestionFields, type QuestionDefaults } from '~/modules/questionnaires/question-form'
import { ALL_QUESTION_TYPES } from '~/modules/questionnaires/questions'
import type { StructuredSection } from '~/modules/questionnaires/structure.server'
import { staffSurveyPath } from '~/lib/paths'

const NEW_QUESTION: QuestionDefaults = { type: '', text: '', hint: '', required: false, allowOther: false, options: '', maxWords: '' }

/** The survey's pages and questions, with the forms that change them while they still may. */
export function SurveyQuestions({
  survey,
  sections,
  questionsLocked,
  errors,
  values,
}: {
  survey: { id: string }
  sections: StructuredSection[]
  questionsLocked: string | null
  errors: FieldErrors
  values: FormValues | undefined
}) {
  const v = (name: string, fallback = '') => valueOf(values, name) ?? fallback
  const editable = !questionsLocked
  return (
    <>
      <h2 className="govuk-heading-m">Questions</h2>
      {sections.length ? null : <p className="govuk-body">There are no questions yet. Add a page, then questions on it.</p>}
      {sections.map((s) => (
        <SummaryCard key={s.id} title={`Page ${s.number}: ${s.title}`}>
          <SummaryList
            rows={s.questions.map((q, qi) => ({
              key: q.label,
              value: (
                <>
                  <p className="govuk-body">{q.text}</p>
                  <p className="govuk-body-s">
                    {ALL_QUESTION_TYPES.find((t) => t.value === q.type)?.label}
                    {q.options.length ? `: ${q.options.map((o) => o.label).join(', ')}` : ''}
                    {q.required ? '. Required' : ''}
                    {q.predecessorQuestionId ? '. Linked to last year’s question' : ''}
                  </p>
                  {editable && s.questions.length > 1 ? (
                    <Form method="post" noValidate className="govuk-button-group govuk-!-margin-bottom-0">
                      <input type="hidden" name="questionId" value={q.id} />
                      {qi > 0 ? (
                        <Button variant="secondary" name="intent" value="move-up" className="govuk-!-margin-bottom-0">
                          Move up<span className="govuk-visually-hidden"> {q.label}</span>
                        </Button>
                      ) : null}
                      {qi < s.questions.length - 1 ? (
                        <Button variant="secondary" name="intent" value="move-down" className="govuk-!-margin-bottom-0">
                          Move down<span className="govuk-visually-hidden"> {q.label}</span>
                        </Button>
                      ) : null}
                    </Form>
                  ) : null}
                </>
              ),
              action: editable ? { href: staffSurveyPath(survey.id, `questions/${q.id}/edit`), text: 'Edit', visuallyHiddenText: q.label } : undefined,
            }))}
          />
          {editable && s.questions.length ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="remove-question" />
              <Select
                name="questionId"
                id={`remove-${s.id}`}
                label={`Question to remove from page ${s.number}`}
                options={s.questions.map((q) => ({ value: q.id, label: `${q.label}: ${q.text.slice(0, 60)}` }))}
              />
              <Button variant="warning">Remove question</Button>
            </Form>
          ) : null}
        </SummaryCard>
      ))}
      {editable ? (
        <Details summary="Add a page or a question" open={Boolean(errors.sectionTitle || errors.text || errors.hint || errors.options || errors.type || errors.maxWords || errors.sectionId)}>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add-section" />
            <TextInput name="sectionTitle" label="Page title" labelSize="s" defaultValue={v('sectionTitle')} error={errors.sectionTitle} />
            <Button variant="secondary">Add page</Button>
          </Form>
          {sections.length ? (
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="add-question" />
              <Select name="sectionId" label="Page" labelSize="s" error={errors.sectionId} defaultValue={v('sectionId')} options={sections.map((s) => ({ value: s.id, label: s.title }))} />
              <QuestionFields types={ALL_QUESTION_TYPES} defaults={NEW_QUESTION} values={values?.intent === 'add-question' ? values : undefined} errors={errors} />
              <Button variant="secondary">Add question</Button>
            </Form>
          ) : null}
        </Details>
      ) : (
        <p className="govuk-body">{questionsLocked}.</p>
      )}
    </>
  )
}
