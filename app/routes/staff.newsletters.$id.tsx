import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect } from 'react'
import { Button, ButtonLink } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { Tag, type TagColour } from '~/components/tag'
import { requireStaff } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateAtTime, formatDateTime } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { ruleFailed } from '~/lib/forms'
import { RuleError } from '~/lib/result'
import { getNewsletter, progressOf, sendTest } from '~/modules/newsletters/newsletters.server'
import { cancelSchedule } from '~/modules/newsletters/scheduling.server'
import { BLOCK_LABELS } from '~/modules/newsletters/topics'
import { newsletterPath, staffNewsletterPath } from '~/lib/paths'
import { plural } from '~/lib/plural'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.title, 'Newsletters', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  return {
    id: newsletter.id,
    slug: newsletter.slug,
    title: newsletter.title,
    summary: newsletter.summary,
    status: newsletter.status,
    blocks: newsletter.blocks.map((b) => BLOCK_LABELS[b]),
    scheduledAt: newsletter.scheduledAt?.toISOString() ?? null,
    /** What a scheduled issue's page says first about it. */
    scheduled: newsletter.status === 'scheduled' && newsletter.scheduledAt ? `Scheduled to send on ${formatDateAtTime(newsletter.scheduledAt)}` : null,
    sentAt: newsletter.sentAt?.toISOString() ?? null,
    completedAt: newsletter.completedAt?.toISOString() ?? null,
    recipientCount: newsletter.recipientCount,
    progress: await progressOf(newsletter.id),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  const intent = (await request.formData()).get('intent')
  try {
    if (intent === 'test') {
      await sendTest(newsletter, user)
      return redirectWithNotice(staffNewsletterPath(newsletter.id), 'A test copy has been sent to your email address.')
    }
    if (intent === 'cancel') {
      await cancelSchedule(newsletter.id, user)
      return redirectWithNotice(staffNewsletterPath(newsletter.id), 'The schedule has been cancelled. The newsletter is a draft again.')
    }
  } catch (error) {
    // A colleague cancelled it first: what was asked is done.
    if (error instanceof RuleError && error.code === 'already_cancelled') return redirectWithNotice(staffNewsletterPath(newsletter.id), `${error.message}.`)
    return ruleFailed(error, { field: 'intent' })
  }
  throw new Response('Unknown action', { status: 400 })
}

const STATUS: Record<string, { text: string; colour: TagColour }> = {
  draft: { text: 'Draft', colour: 'grey' },
  scheduled: { text: 'Scheduled', colour: 'blue' },
  sending: { text: 'Sending', colour: 'yellow' },
  sent: { text: 'Sent', colour: 'green' },
  cancelled: { text: 'Cancelled', colour: 'red' },
}

export default function StaffNewsletter() {
  const n = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const revalidator = useRevalidator()
  const sending = n.status === 'sending'
  // With JavaScript the progress refreshes itself; without it, the refresh link does the same.
  useEffect(() => {
    if (!sending) return
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') revalidator.revalidate()
    }, 2000)
    return () => clearInterval(timer)
  }, [sending, revalidator])
  const editable = n.status === 'draft' || n.status === 'scheduled'
  const p = n.progress
  return (
    <PageContainer before={<BackLink to="/staff/newsletters">Newsletters</BackLink>}>
      <ErrorSummary errors={actionData?.errors} anchors={{ intent: 'main-content' }} />
      <span className="govuk-caption-l">Newsletter</span>
      <h1 className="govuk-heading-l">{n.title}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: <Tag colour={STATUS[n.status].colour}>{STATUS[n.status].text}</Tag> },
          { key: 'Summary', value: n.summary || 'None' },
          { key: 'Live content', value: n.blocks.length ? n.blocks.join(', ') : 'None' },
          ...(n.sentAt ? [{ key: 'Sent', value: formatDateTime(n.sentAt) }] : []),
          ...(n.completedAt ? [{ key: 'Finished', value: formatDateTime(n.completedAt) }] : []),
        ]}
      />
      <h2 className="govuk-heading-m">Preview</h2>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to={`${staffNewsletterPath(n.id, 'preview')}?as=web`}>
            Preview as web page
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to={`${staffNewsletterPath(n.id, 'preview')}?as=email`}>
            Preview as email
          </Link>
        </li>
      </ul>
      <Form method="post" noValidate>
        <Button name="intent" value="test" variant="secondary">
          Send a test to yourself
        </Button>
      </Form>
      {editable ? (
        <>
          <h2 className="govuk-heading-m">Send</h2>
          {n.scheduled ? (
            <InsetText>
              <p className="govuk-body govuk-!-font-weight-bold" id="schedule">
                {n.scheduled}.
              </p>
              <p className="govuk-body">
                It goes to every confirmed subscriber to the newsletter, once, and appears in the public archive. Until then you can change it, send it now instead or cancel the schedule.
              </p>
            </InsetText>
          ) : (
            <p className="govuk-body">It goes to every confirmed subscriber to the newsletter, once, and appears in the public archive. Send it now or schedule it for later.</p>
          )}
          <div className="govuk-button-group">
            <ButtonLink to={staffNewsletterPath(n.id, 'edit')} variant="secondary">
              Change newsletter
            </ButtonLink>
            <ButtonLink to={staffNewsletterPath(n.id, 'schedule')} variant="secondary">
              {n.scheduled ? 'Change the send time' : 'Schedule'}
            </ButtonLink>
          </div>
          <Form method="post" noValidate className="govuk-button-group">
            <ButtonLink to={staffNewsletterPath(n.id, 'send')}>{n.scheduled ? 'Send now instead' : 'Send now'}</ButtonLink>
            {n.scheduled ? (
              <Button name="intent" value="cancel" variant="warning">
                Cancel the schedule
              </Button>
            ) : null}
          </Form>
        </>
      ) : (
        <>
          <h2 className="govuk-heading-m" id="progress">
            Progress
          </h2>
          <p className="govuk-body" aria-live="polite">
            {p.total === 0
              ? sending
                ? 'Starting the send.'
                : 'Nobody had confirmed a subscription to the newsletter when it went out, so no copies were sent.'
              : sending
                ? `${p.sent.toLocaleString('en-GB')} of ${plural(p.total, 'copy', 'copies')} sent so far.`
                : `Finished: ${p.sent.toLocaleString('en-GB')} of ${plural(p.total, 'copy', 'copies')} sent.`}
          </p>
          <dl className="govuk-summary-list">
            {(
              [
                ['Queued', p.queued + p.sending],
                ['Sent', p.sent],
                ['Failed', p.failed],
                ['Bounced', p.bounced],
                ['Not sent (unsubscribed before their copy went)', p.cancelled],
              ] as const
            ).map(([label, value]) => (
              <div className="govuk-summary-list__row" key={label}>
                <dt className="govuk-summary-list__key">{label}</dt>
                <dd className="govuk-summary-list__value" data-progress={label.split(' ')[0].toLowerCase()}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          {sending ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`${staffNewsletterPath(n.id)}#progress`}>
                Refresh progress
              </Link>
            </p>
          ) : null}
          <p className="govuk-body">
            <Link className="govuk-link" to={newsletterPath(n.slug)}>
              See it in the public archive
            </Link>
          </p>
        </>
      )}
    </PageContainer>
  )
}
