import { SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import type { SavedAnswer } from '~/modules/questionnaires/question-field'
import { answerLines, answerText, type EngineQuestion } from '~/modules/questionnaires/questions'

type Section = { title: string; questions: Array<EngineQuestion & { label: string }> }

/** Answers section by section, with change links while they can still change. */
export function AnswersSummary({
  sections,
  answers,
  changeBase,
  changed = [],
  fileHref,
}: {
  sections: Section[]
  answers: Record<string, SavedAnswer>
  changeBase?: string
  /** Where staff download a document a respondent attached; respondents see its name only. */
  fileHref?: (questionId: string) => string
  /** Questions whose answers differ from the submitted response. */
  changed?: string[]
}) {
  return (
    <>
      {sections.map((s, index) =>
        // A section whose questions this response skips is left out; the others keep their numbers.
        s.questions.length === 0 ? null : (
          <section key={s.title}>
            <h2 className="govuk-heading-m">{s.title}</h2>
            <SummaryList
              rows={s.questions.map((q) => ({
                key: (
                  <>
                    {q.label}: {q.text}
                  </>
                ),
                value: (
                  <>
                    {changed.includes(q.id) ? (
                      <p className="govuk-body">
                        <Tag colour="blue">Changed</Tag>
                      </p>
                    ) : null}
                    {fileHref && answers[q.id]?.fileId ? (
                      <p className="govuk-body">
                        <a className="govuk-link" href={fileHref(q.id)} download>
                          Download {answerText(q, answers[q.id])}
                          <span className="govuk-visually-hidden">, attached for {q.label}</span>
                        </a>
                      </p>
                    ) : (q.type === 'grid' || q.type === 'ranking') && answers[q.id]?.choices.length ? (
                      <ul className="govuk-list">
                        {answerLines(q, answers[q.id]).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    ) : (
                      <p className="govuk-body app-consultation-text">{answerLines(q, answers[q.id])[0] || 'Not answered'}</p>
                    )}
                    {answers[q.id]?.confidential ? (
                      <p className="govuk-body-s">
                        <strong>Confidential:</strong> {answers[q.id].confidentialReason}
                      </p>
                    ) : null}
                  </>
                ),
                action: changeBase ? { href: `${changeBase}/section/${index + 1}#q-${q.id}`, visuallyHiddenText: `your answer to ${q.label}` } : undefined,
              }))}
            />
          </section>
        ),
      )}
    </>
  )
}
