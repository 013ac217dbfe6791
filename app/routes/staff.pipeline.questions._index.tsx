import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Table } from '~/components/table'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { questionsAwaiting } from '~/modules/pipeline/questions.server'
import { staffQuestionPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Clarification questions', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  // `for` names the notice whose questions to show.
  const notice = new URL(request.url).searchParams.get('for')
  const questions = await questionsAwaiting()
  return { questions: notice ? questions.filter((q) => q.notice.id === notice) : questions, filtered: Boolean(notice) }
}

export default function StaffQuestions() {
  const { questions, filtered } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/staff/pipeline">Back to pipeline notices</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Clarification questions</h1>
          <p className="govuk-body">
            Providers ask these privately. Publishing one puts it on the notice page with your answer, in your wording and without the asker’s name or organisation, and emails the notice’s subscribers
            and the asker.
          </p>
          {filtered ? (
            <p className="govuk-body">
              Showing one notice’s questions.{' '}
              <Link className="govuk-link" to={staffQuestionPath()}>
                Show questions on every notice
              </Link>
            </p>
          ) : null}
        </div>
      </div>
      {questions.length ? (
        <Table
          caption={`${questions.length} ${questions.length === 1 ? 'question' : 'questions'} awaiting an answer, oldest first`}
          captionSize="m"
          rows={questions}
          rowKey={(q) => q.id}
          columns={[
            {
              header: 'Question',
              cell: (q) => (
                <Link className="govuk-link" to={staffQuestionPath(q.id)}>
                  {q.question.length > 120 ? `${q.question.slice(0, 119)}…` : q.question}
                </Link>
              ),
            },
            { header: 'Notice', cell: (q) => `${q.notice.reference}, ${q.notice.title}` },
            { header: 'Asked', cell: (q) => formatDateTime(q.askedAt) },
          ]}
        />
      ) : (
        <p className="govuk-body">No questions are awaiting an answer.</p>
      )}
    </PageContainer>
  )
}
