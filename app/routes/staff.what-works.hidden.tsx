import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { requireStaff } from '~/lib/auth.server'
import { invalid, rethrow } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { hiddenContent, setHidden } from '~/modules/case-studies/moderation.server'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Hidden case studies and comments', 'What Works') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const { studies, comments } = await hiddenContent()
  return {
    studies: studies.map((s) => ({ ...s, when: s.hiddenAt ? formatDateTime(s.hiddenAt) : '' })),
    comments: comments.map((c) => ({ ...c, when: c.hiddenAt ? formatDateTime(c.hiddenAt) : '' })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const form = await request.formData()
  const type = form.get('type') === 'comment' ? 'comment' : 'case_study'
  const id = String(form.get('id') ?? '')
  const reason = String(form.get('reason') ?? '')
  const field = `reason-${id}`
  const result = await setHidden(user, { type, id }, false, reason).catch(rethrow)
  if (!result.ok) return invalid({ errors: { [field]: result.errors.reason ?? result.errors.form ?? 'Enter the reason for restoring it' }, values: { [field]: reason } })
  return redirectWithNotice('/staff/what-works/hidden', 'Restored. Its author has been told.')
}

function RestoreForm({ type, id, label }: { type: 'comment' | 'case_study'; id: string; label: string }) {
  const actionData = useActionData<typeof action>()
  const field = `reason-${id}`
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="type" value={type} />
      <input type="hidden" name="id" value={id} />
      <Textarea name="reason" id={field} label={`Reason for restoring ${label}`} labelSize="s" error={actionData?.errors?.[field]} rows={2} />
      <Button variant="secondary">Restore</Button>
    </Form>
  )
}

export default function Hidden() {
  const { studies, comments } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/staff/what-works/reports">Back to reports</BackLink>}>
      <ErrorSummary errors={actionData?.errors} />
      <span className="govuk-caption-l">What Works</span>
      <h1 className="govuk-heading-l">Hidden case studies and comments</h1>
      <h2 className="govuk-heading-m">Case studies</h2>
      {studies.length ? (
        studies.map((s) => (
          <div key={s.id} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-s">
              <Link className="govuk-link" to={caseStudyPath(s.slug)}>
                {s.title}
              </Link>
            </h3>
            <p className="govuk-body-s">
              Hidden {s.when}: {s.hiddenReason}
            </p>
            <RestoreForm type="case_study" id={s.id} label={`“${s.title}”`} />
          </div>
        ))
      ) : (
        <p className="govuk-body">No case studies are hidden.</p>
      )}
      <h2 className="govuk-heading-m">Comments</h2>
      {comments.length ? (
        comments.map((c) => (
          <div key={c.id} className="govuk-!-margin-bottom-6">
            <p className="govuk-body app-pre-wrap">{c.body}</p>
            <p className="govuk-body-s">
              On{' '}
              <Link className="govuk-link" to={caseStudyPath(c.slug)}>
                {c.title}
              </Link>
              . Hidden {c.when}: {c.hiddenReason}
            </p>
            <RestoreForm type="comment" id={c.id} label="this comment" />
          </div>
        ))
      ) : (
        <p className="govuk-body">No comments are hidden.</p>
      )}
    </PageContainer>
  )
}
