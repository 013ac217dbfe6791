import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { Button, ButtonGroup } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import type { FormValues } from '~/lib/forms'
import { QuestionField, type SavedAnswer } from './question-field'
import type { EngineQuestion } from './questions'

type Question = EngineQuestion & { label: string }

type Props<Q extends Question> = {
  backTo: string
  /** Names the questionnaire and where this page stands in it. */
  caption: string
  section: { title: string; intro: string; questions: Q[] }
  answers: Record<string, SavedAnswer>
  values?: FormValues
  errors?: Record<string, string | undefined>
  /** Above the caption, for news about the response as a whole. */
  banner?: ReactNode
  /** Between the section's intro and its questions. */
  lead?: ReactNode
  confidentiality?: boolean
  reloadDocument?: boolean
  /** A line under each question; given only where answers are shared, so single-author pages keep their plain markup. */
  noteFor?: (question: Q) => ReactNode
  /** Posted back with the answers, e.g. the version each answer was shown at. */
  hidden?: Record<string, string>
}

/** One section of a questionnaire as a respondent fills it in, for consultations and surveys alike. */
export function QuestionnairePage<Q extends Question>({ backTo, caption, section, answers, values, errors, banner, lead, confidentiality, reloadDocument, noteFor, hidden }: Props<Q>) {
  return (
    <PageContainer before={<BackLink to={backTo}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {banner}
          <span className="govuk-caption-l">{caption}</span>
          <h1 className="govuk-heading-l">{section.title}</h1>
          {section.intro ? <p className="govuk-body">{section.intro}</p> : null}
          {lead}
          <Form method="post" noValidate reloadDocument={reloadDocument} encType={section.questions.some((q) => q.type === 'file_upload') ? 'multipart/form-data' : undefined}>
            {Object.entries(hidden ?? {}).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {section.questions.map((q) => {
              const field = <QuestionField key={q.id} question={q} saved={answers[q.id]} values={values} errors={errors} confidentiality={confidentiality} />
              if (!noteFor) return field
              return (
                <div key={q.id}>
                  {field}
                  {noteFor(q)}
                </div>
              )
            })}
            <ButtonGroup>
              <Button name="intent" value="continue">
                Save and continue
              </Button>
              <Button name="intent" value="later" variant="secondary">
                Save and come back later
              </Button>
            </ButtonGroup>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
