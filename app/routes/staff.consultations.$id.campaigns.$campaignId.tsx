import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { StaffConsultationBreadcrumbs } from '~/modules/consultations/staff-breadcrumbs'
import { PageContainer } from '~/components/layout'
import { InsetText } from '~/components/misc'
import { Pagination } from '~/components/pagination'
import { invariantResponse, pageNumber } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { plural } from '~/lib/plural'
import { campaignVariations, getCampaign, VARIATIONS_PAGE_SIZE } from '~/modules/consultations/campaigns.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Responses that changed the words', data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const campaign = await getCampaign(consultation.id, params.campaignId ?? '')
  invariantResponse(campaign, 'Group not found')
  const page = pageNumber(new URL(request.url).searchParams.get('page'))
  const pageCount = Math.max(1, Math.ceil(campaign.variations / VARIATIONS_PAGE_SIZE))
  return { id: consultation.id, title: consultation.title, campaign, page, pageCount, rows: await campaignVariations(campaign.id, { page }) }
}

export default function CampaignVariations() {
  const d = useLoaderData<typeof loader>()
  const location = useLocation()
  return (
    <PageContainer before={<StaffConsultationBreadcrumbs id={d.id} title={d.title} under={{ page: 'campaigns', text: 'Campaigns' }} />}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Responses that changed the words</h1>
          <p className="govuk-body">
            {d.campaign.variations.toLocaleString('en-GB')} of the group’s {plural(d.campaign.current, 'response')} {d.campaign.variations === 1 ? 'differs' : 'differ'} from the shared text below;{' '}
            {(d.campaign.current - d.campaign.variations).toLocaleString('en-GB')} {d.campaign.current - d.campaign.variations === 1 ? 'repeats' : 'repeat'} it word for word.
          </p>
          <h2 className="govuk-heading-s">The shared text</h2>
          <InsetText>
            <p className="govuk-body govuk-!-margin-bottom-0 app-pre-wrap">{d.campaign.sharedText}</p>
          </InsetText>
          {d.rows.length ? null : <p className="govuk-body">None on this page.</p>}
          {d.rows.map((r) => (
            <div key={r.id} className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-s">Response {r.reference}</h2>
              <p className="govuk-body app-pre-wrap">{r.text}</p>
            </div>
          ))}
          <Pagination page={d.page} pageCount={d.pageCount} search={location.search} />
        </div>
      </div>
    </PageContainer>
  )
}
