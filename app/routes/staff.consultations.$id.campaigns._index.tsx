import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { SummaryCard, SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { plural } from '~/lib/plural'
import { shorten } from '~/lib/shorten'
import { formatDateTime } from '~/lib/time'
import { decideCampaign, listCampaigns, requestCampaignCheck, type CampaignDecision } from '~/modules/consultations/campaigns.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Campaigns', data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const { check, campaigns } = await listCampaigns(consultation.id)
  return { id: consultation.id, title: consultation.title, check, campaigns }
}

const DECISIONS: Record<string, { decision: CampaignDecision; notice: string }> = {
  confirm: { decision: 'confirmed', notice: 'Confirmed as a campaign' },
  dismiss: { decision: 'dismissed', notice: 'Marked as not a campaign' },
  undo: { decision: 'suggested', notice: 'Decision taken back' },
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const values = formValues(await request.formData())
  const intent = valueOf(values, 'intent') ?? ''
  const here = staffConsultationPath(consultation.id, 'campaigns')
  if (intent === 'check') {
    await requestCampaignCheck(user, consultation.id)
    return redirectWithNotice(here, 'Checking for campaigns. This page shows what was found when the check is done.')
  }
  const chosen = DECISIONS[intent]
  if (!chosen) throw new Response('Unknown action', { status: 400 })
  try {
    await decideCampaign(user, consultation.id, valueOf(values, 'campaignId') ?? '', chosen.decision, valueOf(values, 'seen') ?? '')
  } catch (error) {
    return ruleFailed(error, { values })
  }
  return redirectWithNotice(here, chosen.notice)
}

const STATUS = {
  suggested: { text: 'To decide', colour: 'blue' },
  confirmed: { text: 'Campaign', colour: 'green' },
  dismissed: { text: 'Not a campaign', colour: 'grey' },
} as const

export default function Campaigns() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const checking = d.check && !d.check.finishedAt
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={a?.errors} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Campaigns</h1>
          <p className="govuk-body">
            Organised campaigns ask people to send the same words. The hub compares the free-text answers of every submitted response and groups those that share most of their words, word for word or
            lightly edited. A group counts as a campaign only once you confirm it.
          </p>
          <p className="govuk-body" role="status">
            {checking
              ? `Checking since ${formatDateTime(d.check!.requestedAt)}. Refresh this page to see what was found.`
              : d.check?.finishedAt
                ? `Last checked ${formatDateTime(d.check.finishedAt)}, across ${plural(d.check.responsesCompared ?? 0, 'submitted response')}.`
                : 'Not checked yet.'}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="check" />
            <Button variant="secondary">{d.check ? 'Check again' : 'Check for campaigns'}</Button>
          </Form>
        </div>
      </div>
      {d.check?.finishedAt && !d.campaigns.length ? <p className="govuk-body">No groups of responses sharing the same words were found.</p> : null}
      {d.campaigns.length ? <h2 className="govuk-heading-m">{plural(d.campaigns.length, 'group')} found</h2> : null}
      {d.campaigns.map((c, i) => {
        const status = STATUS[c.status]
        return (
          <SummaryCard
            key={c.id}
            title={
              <>
                Group {i + 1}: {plural(c.current, 'response')} <Tag colour={status.colour}>{status.text}</Tag>
              </>
            }
          >
            <InsetText>
              <p className="govuk-body govuk-!-margin-bottom-0">{shorten(c.sharedText, 600)}</p>
            </InsetText>
            <SummaryList
              rows={[
                { key: 'Word for word', value: plural(c.current - c.variations, 'response') },
                {
                  key: 'With changes',
                  value: c.variations ? (
                    <Link className="govuk-link" to={staffConsultationPath(d.id, `campaigns/${c.id}`)}>
                      Read the {plural(c.variations, 'response')} that changed the words
                    </Link>
                  ) : (
                    'None'
                  ),
                },
                ...(c.decidedAt ? [{ key: 'Decided', value: formatDateTime(c.decidedAt) }] : []),
              ]}
            />
            <Form method="post" className="govuk-button-group govuk-!-margin-top-6">
              <input type="hidden" name="campaignId" value={c.id} />
              <input type="hidden" name="seen" value={c.status} />
              {c.status === 'suggested' ? (
                <>
                  <Button name="intent" value="confirm">
                    Confirm as a campaign<span className="govuk-visually-hidden"> (group {i + 1})</span>
                  </Button>
                  <Button name="intent" value="dismiss" variant="secondary">
                    Not a campaign<span className="govuk-visually-hidden"> (group {i + 1})</span>
                  </Button>
                </>
              ) : (
                <Button name="intent" value="undo" variant="secondary">
                  Take back this decision<span className="govuk-visually-hidden"> (group {i + 1})</span>
                </Button>
              )}
            </Form>
          </SummaryCard>
        )
      })}
    </PageContainer>
  )
}
