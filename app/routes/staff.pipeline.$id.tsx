import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Radios } from '~/components/choices'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { isOpen, STATUS_LABELS, STATUSES, TRANSITIONS, type PipelineStatus } from '~/modules/pipeline/model'
import { ChangeLog, NoticeDetails } from '~/modules/pipeline/notice-view'
import { changeStatus, publishNotice } from '~/modules/pipeline/authoring.server'
import { getNotice } from '~/modules/pipeline/notices.server'
import { listRevisions } from '~/modules/pipeline/revisions.server'
import { ruleFailed } from '~/lib/forms'
import { noticePath, staffNoticePath } from '~/lib/paths'
import { listEvents } from '~/modules/pipeline/events.server'
import { questionsForStaff } from '~/modules/pipeline/questions.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.notice.title ?? 'Notice', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  const revisions = await listRevisions(notice.id)
  return { notice, revisions, next: TRANSITIONS[notice.status], events: (await listEvents(notice.id)).length, questions: (await questionsForStaff(notice.id)).length }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const form = await request.formData()
  const id = params.id ?? ''
  try {
    if (form.get('intent') === 'publish') {
      await publishNotice(user, id)
      return redirectWithNotice(staffNoticePath(id), 'The notice is published')
    }
    const status = String(form.get('status') ?? '')
    if (!(STATUSES as readonly string[]).includes(status)) {
      return data({ errors: { status: 'Select the new status' } }, { status: 400 })
    }
    await changeStatus(user, id, status as PipelineStatus)
    return redirectWithNotice(staffNoticePath(id), 'The status has been changed')
  } catch (error) {
    return ruleFailed(error)
  }
}

export default function StaffNotice() {
  const { notice, revisions, next, events, questions } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/staff/pipeline">Back to pipeline notices</BackLink>}>
      <ErrorSummary errors={actionData?.errors} />
      <span className="govuk-caption-l">{notice.publishedAt ? 'Published notice' : 'Draft notice'}</span>
      <h1 className="govuk-heading-l">{notice.title}</h1>
      {notice.publishedAt ? (
        <p className="govuk-body">
          Published {formatDateTime(notice.publishedAt)}. Last updated {formatDateTime(notice.lastUpdatedAt ?? notice.publishedAt)}.{' '}
          <Link className="govuk-link" to={noticePath(notice.slug)}>
            View the public page
          </Link>
        </p>
      ) : (
        <p className="govuk-body">Only staff can see this notice. Changes before publication are not recorded in the change log.</p>
      )}
      <ButtonGroup>
        <Link className="govuk-button govuk-button--secondary" to={staffNoticePath(notice.id, 'edit')} role="button" data-module="govuk-button">
          Edit notice
        </Link>
        <Link className="govuk-link" to={staffNoticePath(notice.id, 'documents')}>
          Documents ({notice.documents.length})
        </Link>
        <Link className="govuk-link" to={staffNoticePath(notice.id, 'events')}>
          Events ({events})
        </Link>
        <Link className="govuk-link" to={`/staff/pipeline/questions?for=${notice.id}`}>
          Clarification questions ({questions})
        </Link>
        <Link className="govuk-link" to={staffNoticePath(notice.id, 'interest')}>
          Registered interest
        </Link>
        {notice.publishedAt && (isOpen(notice.status) || notice.award) ? (
          <Link className="govuk-link" to={staffNoticePath(notice.id, 'award')}>
            {notice.award ? 'Correct the contract award' : 'Record the contract award'}
          </Link>
        ) : null}
      </ButtonGroup>
      {!notice.publishedAt ? (
        <Form method="post">
          <input type="hidden" name="intent" value="publish" />
          <Button>Publish notice</Button>
        </Form>
      ) : null}
      {next.length ? (
        <Form method="post" noValidate>
          <Radios
            name="status"
            legend="Change status"
            legendSize="m"
            hint={`Now: ${STATUS_LABELS[notice.status]}. A notice moves forward one stage at a time, and can be cancelled or withdrawn while open. It is awarded by recording the contract award.`}
            error={actionData?.errors?.status}
            options={next.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <Button variant="secondary">Change status</Button>
        </Form>
      ) : (
        <p className="govuk-body">This notice is {STATUS_LABELS[notice.status].toLowerCase()}; its status can no longer change.</p>
      )}
      <NoticeDetails notice={notice} documentHref={(d) => staffNoticePath(notice.id, `documents/${d.id}`)} />
      <ChangeLog revisions={revisions} />
    </PageContainer>
  )
}
