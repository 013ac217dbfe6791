import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { QuotedComment, ReasonField } from '~/modules/case-studies/report-parts'
import { requireUser } from '~/lib/auth.server'
import { invalid } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { findCaseStudyForViewer } from '~/modules/case-studies/case-studies.server'
import { findComment } from '~/modules/case-studies/engagement.server'
import { reportContent } from '~/modules/case-studies/moderation.server'
import { isUuid } from '~/lib/ids'
import { redirectWithNotice } from '~/lib/notice.server'
import { CASE_STUDY_NOTICES } from '~/modules/case-studies/notices'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.comment ? 'Report a comment' : 'Report a case study', 'What Works') }]

async function load(request: Request, slug: string | undefined) {
  const user = await requireUser(request)
  const found = await findCaseStudyForViewer(slug ?? '', user)
  invariantResponse(found && found.caseStudy.status === 'published', 'Case study not found', { status: 404 })
  const commentId = new URL(request.url).searchParams.get('comment')
  let comment: { id: string; body: string } | null = null
  if (commentId) {
    const row = isUuid(commentId) ? await findComment(commentId) : null
    invariantResponse(row && row.comment.caseStudyId === found.caseStudy.id && !row.comment.hiddenAt, 'Comment not found', { status: 404 })
    comment = { id: row.comment.id, body: row.comment.body }
  }
  return { user, caseStudy: found.caseStudy, comment }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { caseStudy, comment } = await load(request, params.slug)
  return { slug: caseStudy.slug, title: caseStudy.title, comment }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, caseStudy, comment } = await load(request, params.slug)
  const form = await request.formData()
  const reason = String(form.get('reason') ?? '')
  const result = await reportContent(user, comment ? { type: 'comment', id: comment.id } : { type: 'case_study', id: caseStudy.id }, reason)
  if (!result.ok) return invalid({ errors: result.errors, values: { reason } })
  return redirectWithNotice(caseStudyPath(caseStudy.slug), CASE_STUDY_NOTICES.reported)
}

export default function ReportContent() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={caseStudyPath(data.slug)}>Back to the case study</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{data.title}</span>
          <h1 className="govuk-heading-l">{data.comment ? 'Report a comment' : 'Report this case study'}</h1>
          {data.comment ? <QuotedComment body={data.comment.body} /> : null}
          <p className="govuk-body">Staff will read your report and may hide what you reported. We will not tell the author who reported it.</p>
          <Form method="post" noValidate>
            <ReasonField label="Why are you reporting this?" hint="For example, it is advertising, offensive, or the figures are misleading" rows={4} maxLength={1000} form={actionData} />
            <Button>Send report</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
