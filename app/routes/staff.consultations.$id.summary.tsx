import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button, ButtonGroup } from '~/components/button'
import { InsetText } from '~/components/misc'
import { RichTextEditor } from '~/components/rich-text-editor'
import { formValues, ruleFailed, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { consultationPath, staffConsultationPath } from '~/lib/paths'
import { editableText, readRichTextField, RichTextError } from '~/lib/rich-text.server'
import { RuleError } from '~/lib/result'
import { formatDateTime } from '~/lib/time'
import { confirmedCampaigns } from '~/modules/consultations/analysis.server'
import { campaignCountingFrom } from '~/modules/consultations/counting'
import { CampaignCountingField } from '~/modules/consultations/counting-field'
import { ConsultationReportPage } from '~/modules/consultations/report-page'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { generateSummaryDraft, publishSummary, saveSummaryDraft, summaryOf } from '~/modules/consultations/summary.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Summary of responses', data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const [summary, campaigns] = await Promise.all([summaryOf(consultation.id), confirmedCampaigns(consultation.id)])
  return {
    campaigns: campaigns.campaigns,
    counting: consultation.outcomeCampaignCounting,
    id: consultation.id,
    slug: consultation.slug,
    title: consultation.title,
    closed: consultation.status === 'published' && new Date() >= consultation.closesAt,
    draft: summary ? { json: summary.draft.json, text: editableText(summary.draft.json as never), version: summary.version } : null,
    savedAt: summary?.updatedAt.toISOString() ?? null,
    savedBy: summary?.updatedByName ?? null,
    publishedAt: summary?.publishedAt?.toISOString() ?? null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const formData = await request.formData()
  const values = formValues(formData)
  const intent = valueOf(values, 'intent')
  const posted = valueOf(values, 'version')
  const version = posted && /^\d+$/.test(posted) ? Number(posted) : null
  const here = staffConsultationPath(consultation.id, 'summary')
  try {
    if (intent === 'generate') {
      await generateSummaryDraft(user, consultation, version, campaignCountingFrom(valueOf(values, 'campaignCounting'), consultation.outcomeCampaignCounting))
      return redirectWithNotice(here, 'A draft has been generated from the analysis. Check and edit it before publishing')
    }
    let draft
    try {
      draft = readRichTextField(formData, 'summary')
    } catch (error) {
      if (error instanceof RichTextError) return ruleFailed(new RuleError({ summary: error.message }), { values })
      throw error
    }
    const saved = await saveSummaryDraft(user, consultation, draft, version)
    if (intent === 'publish') {
      await publishSummary(user, consultation, saved.version)
      return redirectWithNotice(consultationPath(consultation.slug, 'summary'), 'The summary of responses has been published')
    }
    return redirectWithNotice(here, 'The summary has been saved')
  } catch (error) {
    return ruleFailed(error, { field: 'summary', values })
  }
}

export default function StaffSummary() {
  const d = useLoaderData<typeof loader>()
  const a = useActionData<typeof action>()
  const typed = a?.values ? (valueOf(a.values, 'summary') ?? '') : undefined
  return (
    <ConsultationReportPage id={d.id} title={d.title} heading="Summary of responses" errors={a?.errors}>
      <p className="govuk-body">
        Generate a draft from the analysis: who responded, the answers to each question with their shares, the themes tagged, and a few quotations. Quotations are taken only from responses whose
        authors agreed to publication, with nothing kept confidential, redacted or withheld. Anything you type is published as you write it.
      </p>
      {d.publishedAt ? (
        <InsetText>
          Published {formatDateTime(d.publishedAt)}.{' '}
          <Link className="govuk-link" to={consultationPath(d.slug, 'summary')}>
            Read the published summary
          </Link>
          . Publishing again replaces it.
        </InsetText>
      ) : null}
      <Form method="post">
        {d.draft ? <input type="hidden" name="version" value={d.draft.version} /> : null}
        <CampaignCountingField campaigns={d.campaigns} value={d.counting} legend="How should the summary count each confirmed campaign?" />
        <Button name="intent" value="generate" variant="secondary">
          {d.draft ? 'Generate the draft again from the analysis' : 'Generate a draft from the analysis'}
        </Button>
        {d.draft ? <p className="govuk-body-s">Generating again replaces the draft below, including your changes.</p> : null}
      </Form>
      {d.draft ? (
        <Form method="post">
          <input type="hidden" name="version" value={d.draft.version} />
          <RichTextEditor
            name="summary"
            label="Summary"
            hint={d.savedAt ? `Last saved ${formatDateTime(d.savedAt)}${d.savedBy ? ` by ${d.savedBy}` : ''}.` : undefined}
            error={a?.errors?.summary}
            document={typed === undefined ? (d.draft.json as never) : null}
            text={typed ?? d.draft.text}
            rows={20}
          />
          <ButtonGroup>
            <Button name="intent" value="save">
              Save
            </Button>
            {d.closed ? (
              <Button name="intent" value="publish" variant="secondary">
                Save and publish
              </Button>
            ) : null}
          </ButtonGroup>
          {d.closed ? null : <p className="govuk-body">The summary can be published once the consultation has closed.</p>}
        </Form>
      ) : null}
    </ConsultationReportPage>
  )
}
