import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { requireUser } from '~/lib/auth.server'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { formatDateTime } from '~/lib/time'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { MAX_QUESTION } from '~/modules/pipeline/questions'
import { askQuestion, questionsOf, takesQuestions } from '~/modules/pipeline/questions.server'
import { noticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Ask a clarification question', data?.notice.title ?? 'Pipeline') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  return { notice: { slug: notice.slug, title: notice.title }, open: takesQuestions(notice.status), asked: await questionsOf(user.id, notice.id) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const values = formValues(await request.formData())
  try {
    await askQuestion(user, notice.id, String(values.question ?? ''))
  } catch (error) {
    return ruleFailed(error, { field: 'question', values })
  }
  return redirectWithNotice(noticePath(notice.slug, 'questions'), 'Your question has been sent. We have emailed you a copy')
}

export default function AskQuestion() {
  const { notice, open, asked } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={noticePath(notice.slug)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{notice.title}</span>
          <h1 className="govuk-heading-l">Ask a clarification question</h1>
          <p className="govuk-body">Only the Employment Category sees your question and who asked it.</p>
          <p className="govuk-body">
            If it is answered, the question is published on the notice for every provider to read, usually reworded, without your name or your organisation’s. We email you when it is.
          </p>
          {open || actionData ? (
            <Form method="post" noValidate>
              <Textarea
                name="question"
                label="Your question"
                labelSize="m"
                rows={6}
                maxLength={MAX_QUESTION}
                defaultValue={valueOf(actionData?.values, 'question')}
                error={actionData?.errors?.question}
              />
              {open ? <Button>Send question</Button> : null}
            </Form>
          ) : (
            <p className="govuk-body">The deadline for clarification questions on this notice has passed.</p>
          )}
          {asked.length ? (
            <>
              <h2 className="govuk-heading-m">Your questions on this notice</h2>
              <ul className="govuk-list govuk-list--spaced">
                {asked.map((q) => (
                  <li key={q.id}>
                    <span className="app-pre-wrap">{q.question}</span>
                    <br />
                    <span className="govuk-body-s">
                      Asked at {formatDateTime(q.askedAt)}.{' '}
                      {q.publishedAt ? (
                        <Link className="govuk-link" to={`${noticePath(notice.slug)}#clarifications`}>
                          Answered on the notice
                        </Link>
                      ) : (
                        'Awaiting an answer.'
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}
