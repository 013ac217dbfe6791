import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ButtonWithCancel } from '~/components/button-with-cancel'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { TextInput } from '~/components/text-input'
import { Textarea } from '~/components/textarea'
import { formValues, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redactAnswer } from '~/modules/consultations/publication.server'
import { RedactedText } from '~/modules/consultations/redacted-text'
import { decideOnResponse, requireReviewItem } from '~/modules/consultations/review-pages.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Redact the answer to ${data?.label ?? 'a question'}`, data?.reference) }]

async function load(request: Request, params: { id?: string; responseId?: string }, questionId: string | null) {
  const { user, consultation, item } = await requireReviewItem(request, params)
  const question = item.structure.questions.find((q) => q.id === questionId)
  const published = item.preview.answers.find((a) => a.questionId === questionId)
  invariantResponse(question, 'That question is not in this consultation')
  return { user, consultation, item, question, published }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, item, question, published } = await load(request, params, new URL(request.url).searchParams.get('question'))
  return {
    id: consultation.id,
    title: consultation.title,
    responseId: item.response.id,
    reference: item.response.reference,
    questionId: question.id,
    label: question.label,
    question: question.text,
    published: published?.answer ?? null,
    releasedAt: item.review?.releasedAt?.toISOString() ?? null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const values = formValues(await request.formData())
  const { user, consultation, item, question } = await load(request, params, valueOf(values, 'questionId') ?? null)
  const scope = valueOf(values, 'scope')
  const phrase = (valueOf(values, 'phrase') ?? '').trim()
  const reason = (valueOf(values, 'reason') ?? '').trim()
  const errors: Record<string, string> = {}
  if (scope !== 'words' && scope !== 'whole') errors.scope = 'Select whether to redact some words or the whole answer'
  if (scope === 'words' && !phrase) errors.phrase = 'Enter the words to redact'
  if (phrase.length > 500) errors.phrase = 'The words to redact must be 500 characters or fewer'
  if (!reason) errors.reason = 'Enter the reason for the redaction'
  if (Object.keys(errors).length) return data({ errors, values }, { status: 400 })
  return decideOnResponse(() => redactAnswer(user, consultation, item.response.id, { questionId: question.id, phrase: scope === 'words' ? phrase : null, reason }), {
    consultationId: consultation.id,
    responseId: item.response.id,
    notice: 'Redaction added.',
    field: 'scope',
    values,
  })
}

export default function Redact() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const back = staffConsultationPath(d.id, `publication/${d.responseId}`)
  return (
    <PageContainer before={<BackLink to={back} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} />
          <span className="govuk-caption-l">Response {d.reference}</span>
          <h1 className="govuk-heading-l">Redact the answer to {d.label}</h1>
          <p className="govuk-body">
            {d.label}: {d.question}
          </p>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">The answer as it will be published</h2>
          <div className="govuk-inset-text">{d.published ? <RedactedText text={d.published} /> : 'Nothing from this answer will be published.'}</div>
          {d.releasedAt ? (
            <InsetText>This response has been published, so it can no longer be redacted here.</InsetText>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="questionId" value={d.questionId} />
              <Radios
                name="scope"
                legend="What do you want to redact?"
                legendSize="m"
                value={valueOf(a?.values, 'scope')}
                error={a?.errors.scope}
                options={[
                  {
                    value: 'words',
                    label: 'Some words',
                    hint: 'For example, the name of a person or a company. Every place the words appear in this answer is redacted.',
                    conditional: (
                      <TextInput
                        name="phrase"
                        label="Words to redact"
                        hint="Copy them exactly as they appear in the answer"
                        defaultValue={valueOf(a?.values, 'phrase')}
                        error={a?.errors.phrase}
                        spellCheck={false}
                      />
                    ),
                  },
                  { value: 'whole', label: 'The whole answer', hint: 'The answer is published as “[redacted]”.' },
                ]}
              />
              <Textarea
                name="reason"
                label="Reason for the redaction"
                labelSize="s"
                hint="Kept in the audit log. The public sees only “[redacted]”."
                rows={3}
                defaultValue={valueOf(a?.values, 'reason')}
                error={a?.errors.reason}
              />
              <ButtonWithCancel cancelTo={back}>Redact</ButtonWithCancel>
            </Form>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
