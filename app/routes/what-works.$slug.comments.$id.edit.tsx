import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { requireUser } from '~/lib/auth.server'
import { invalid, rethrow, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { canStillEdit, editComment, findComment } from '~/modules/case-studies/engagement.server'
import { COMMENT_EDIT_MINUTES, COMMENT_FORMAT_HINT } from '~/modules/case-studies/options'
import { isUuid } from '~/lib/ids'
import { redirectWithNotice } from '~/lib/notice.server'
import { CASE_STUDY_NOTICES } from '~/modules/case-studies/notices'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Change your comment', 'What Works') }]

async function load(request: Request, params: { slug?: string; id?: string }) {
  const user = await requireUser(request)
  const row = isUuid(params.id) ? await findComment(params.id) : null
  invariantResponse(row && row.slug === params.slug && !row.comment.hiddenAt, 'Comment not found', { status: 404 })
  if (row.comment.authorId !== user.id) throw new Response('You can only change your own comments', { status: 403 })
  return { user, row }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { row } = await load(request, params)
  return { slug: row.slug, title: row.title, body: row.comment.body, editable: canStillEdit(row.comment.createdAt) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, row } = await load(request, params)
  const body = String((await request.formData()).get('body') ?? '')
  const result = await editComment(user, row.comment.id, body).catch(rethrow)
  if (!result.ok) return invalid({ errors: result.errors, values: { body } })
  return redirectWithNotice(`${caseStudyPath(row.slug)}#comment-${row.comment.id}`, CASE_STUDY_NOTICES['comment-edited'])
}

export default function EditComment() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={`${caseStudyPath(data.slug)}#discussion`}>Back to the discussion</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{data.title}</span>
          <h1 className="govuk-heading-l">Change your comment</h1>
          {data.editable || actionData ? (
            <Form method="post" noValidate>
              <Textarea
                name="body"
                label="Your comment"
                labelSize="s"
                hint={`${COMMENT_FORMAT_HINT} You can change a comment for ${COMMENT_EDIT_MINUTES} minutes after posting it.`}
                error={actionData?.errors?.body}
                defaultValue={valueOf(actionData?.values, 'body') ?? data.body}
                rows={6}
              />
              <Button>Save comment</Button>
            </Form>
          ) : (
            <p className="govuk-body">Comments can only be changed in the {COMMENT_EDIT_MINUTES} minutes after posting, and that time has passed.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
