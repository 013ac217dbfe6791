import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { requireStaff } from '~/lib/auth.server'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { formatDateTime } from '~/lib/time'
import { MAX_ANSWER, MAX_QUESTION } from '~/modules/pipeline/questions'
import { publishAnswer, questionForStaff } from '~/modules/pipeline/questions.server'
import { noticePath, staffQuestionPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Answer a clarification question', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const found = await questionForStaff(params.questionId ?? '').catch(() => null)
  invariantResponse(found, 'Not found')
  return found
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const values = formValues(await request.formData())
  try {
    await publishAnswer(user, params.questionId ?? '', { question: String(values.publishedQuestion ?? ''), answer: String(values.answer ?? '') })
  } catch (error) {
    return ruleFailed(error, { values })
  }
  return redirectWithNotice(staffQuestionPath(), 'The question and answer are published, and subscribers have been emailed')
}

export default function AnswerQuestion() {
  const { question, notice, asker } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const values = actionData?.values
  return (
    <PageContainer before={<BackLink to={staffQuestionPath()}>Back to clarification questions</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">
            {notice.reference}, {notice.title}
          </span>
          <h1 className="govuk-heading-l">{question.publishedAt ? 'Published clarification' : 'Answer a clarification question'}</h1>
          <h2 className="govuk-heading-s">What was asked</h2>
          <InsetText>
            <p className="govuk-body app-pre-wrap">{question.question}</p>
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              Asked at {formatDateTime(question.createdAt)} by {asker?.name ? `${asker.name} (${asker.email})` : 'someone whose account has been deleted'}. This is never shown publicly.
            </p>
          </InsetText>
          {question.publishedAt ? (
            <>
              <p className="govuk-body">Published at {formatDateTime(question.publishedAt)}.</p>
              <h2 className="govuk-heading-s">Question as published</h2>
              <p className="govuk-body app-pre-wrap">{question.publishedQuestion}</p>
              <h2 className="govuk-heading-s">Answer</h2>
              <p className="govuk-body app-pre-wrap">{question.answer}</p>
              <p className="govuk-body">
                <Link className="govuk-link" to={`${noticePath(notice.slug)}#clarifications`}>
                  See it on the notice page
                </Link>
              </p>
            </>
          ) : (
            <Form method="post" noValidate>
              <Textarea
                name="publishedQuestion"
                label="Question as it will be published"
                labelSize="s"
                hint="Edit it so it does not identify who asked: remove names, organisations and anything only they would know."
                maxLength={MAX_QUESTION}
                defaultValue={valueOf(values, 'publishedQuestion') ?? question.question}
                error={actionData?.errors?.publishedQuestion}
              />
              <Textarea name="answer" label="Answer" labelSize="s" rows={8} maxLength={MAX_ANSWER} defaultValue={valueOf(values, 'answer')} error={actionData?.errors?.answer} />
              <Button>Publish question and answer</Button>
            </Form>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
