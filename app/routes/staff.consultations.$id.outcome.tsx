import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { InsetText } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { formValues, valueOf, ruleFailed } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { outcomeFor, publishConsultationOutcome, saveOutcome } from '~/modules/consultations/analysis.server'
import { phaseOf } from '~/modules/consultations/consultations.server'
import { campaignCountingFrom } from '~/modules/consultations/counting'
import { CampaignCountingField } from '~/modules/consultations/counting-field'
import { OutcomeCounts } from '~/modules/consultations/outcome-counts'
import { ConsultationReportPage } from '~/modules/consultations/report-page'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { consultationPath, staffConsultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Outcome report', data?.title) }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const outcome = await outcomeFor(consultation)
  return {
    id: consultation.id,
    slug: consultation.slug,
    title: consultation.title,
    phase: phaseOf(consultation),
    closesAt: consultation.closesAt.toISOString(),
    intro: consultation.outcomeIntro,
    publishedAt: consultation.outcomePublishedAt?.toISOString() ?? null,
    total: outcome.total,
    counting: outcome.counting,
    campaigns: outcome.campaigns.campaigns,
    note: outcome.note,
    perQuestion: outcome.perQuestion.map((p) => ({ ...p, question: { id: p.question.id, label: p.question.label, text: p.question.text } })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const values = formValues(await request.formData())
  const intro = (valueOf(values, 'intro') ?? '').trim()
  const errors: Record<string, string> = {}
  if (intro.length > 20000) errors.intro = 'The summary must be 20,000 characters or fewer'
  const perQuestion: Record<string, { youSaid: string; weDid: string }> = {}
  for (const key of Object.keys(values)) {
    const m = /^(said|did)-([0-9a-f-]{36})$/.exec(key)
    if (!m) continue
    const text = (valueOf(values, key) ?? '').trim()
    if (text.length > 20000) errors[key] = 'The text must be 20,000 characters or fewer'
    perQuestion[m[2]] ??= { youSaid: '', weDid: '' }
    perQuestion[m[2]][m[1] === 'said' ? 'youSaid' : 'weDid'] = text
  }
  if (Object.keys(errors).length) return data({ errors, values }, { status: 400 })
  const chosen = valueOf(values, 'campaignCounting')
  const counting = chosen ? { chosen: campaignCountingFrom(chosen), seen: campaignCountingFrom(valueOf(values, 'seenCounting')) } : undefined
  try {
    await saveOutcome(user, consultation, { intro, perQuestion, counting })
  } catch (error) {
    return ruleFailed(error, { values })
  }
  if (values.intent === 'publish') {
    try {
      await publishConsultationOutcome(user, consultation.id)
    } catch (error) {
      return ruleFailed(error, { field: 'intro', values })
    }
    return redirect(consultationPath(consultation.slug, 'outcome'))
  }
  return redirectWithNotice(staffConsultationPath(consultation.id, 'outcome'), 'Outcome saved')
}

export default function StaffOutcome() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const v = (name: string, fallback: string) => (a?.values ? (valueOf(a.values, name) ?? '') : fallback)
  return (
    <ConsultationReportPage id={d.id} title={d.title} heading="Outcome report" errors={a?.errors}>
      {d.publishedAt ? (
        <InsetText>Published at {formatDateTime(d.publishedAt)}. Changes you save appear on the public outcome page straight away.</InsetText>
      ) : d.phase === 'closed' ? null : (
        <InsetText>You can publish the outcome once the consultation closes at {formatDateTime(d.closesAt)}.</InsetText>
      )}
      <Form method="post" noValidate>
        <Textarea name="intro" label="Summary of the responses and the action we will take" labelSize="m" defaultValue={v('intro', d.intro)} error={a?.errors.intro} rows={6} />
        <h2 className="govuk-heading-m">What the figures count</h2>
        <p className="govuk-body">{d.note}</p>
        <CampaignCountingField campaigns={d.campaigns} value={d.counting} error={a?.errors.campaignCounting} legend="How should the outcome report count each confirmed campaign?" />
        {d.perQuestion.map((p) => (
          <section key={p.question.id} className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-m">
              {p.question.label}: {p.question.text}
            </h2>
            <OutcomeCounts total={d.total} item={p} />
            <Textarea
              name={`said-${p.question.id}`}
              label={`You said (${p.question.label})`}
              labelSize="s"
              defaultValue={v(`said-${p.question.id}`, p.youSaid)}
              error={a?.errors[`said-${p.question.id}`]}
              rows={4}
            />
            <Textarea
              name={`did-${p.question.id}`}
              label={`We will (${p.question.label})`}
              labelSize="s"
              defaultValue={v(`did-${p.question.id}`, p.weDid)}
              error={a?.errors[`did-${p.question.id}`]}
              rows={4}
            />
          </section>
        ))}
        <ButtonGroup>
          <Button name="intent" value="save" variant={d.phase === 'closed' ? 'secondary' : 'primary'}>
            Save outcome
          </Button>
          {d.phase === 'closed' ? (
            <Button name="intent" value="publish">
              Publish outcome
            </Button>
          ) : null}
        </ButtonGroup>
      </Form>
    </ConsultationReportPage>
  )
}
