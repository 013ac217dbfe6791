import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { consultationPath } from '~/lib/paths'
import { formatDate } from '~/lib/time'
import { publishedSummary } from '~/modules/consultations/summary.server'
import { OutcomeLink } from '~/modules/consultations/consultation-summary'
import { publishedConsultation } from '~/modules/consultations/web.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle('Summary of responses', data?.title) },
  { name: 'description', content: `Who responded to ${data?.title ?? 'the consultation'} and what they said.` },
]

// Deliberately public once staff publish the summary.
export async function loader({ params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  const summary = await publishedSummary(consultation.id)
  invariantResponse(summary, 'Summary not published')
  return { slug: consultation.slug, title: consultation.title, publishedAt: summary.publishedAt.toISOString(), html: summary.document.html, outcome: Boolean(consultation.outcomePublishedAt) }
}

export default function Summary() {
  const d = useLoaderData<typeof loader>()
  return (
    <PageContainer
      before={
        <Breadcrumbs
          items={[
            { href: '/consultations', text: 'Consultations' },
            { href: consultationPath(d.slug), text: d.title },
          ]}
        />
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-xl">Summary of responses</h1>
          <p className="govuk-body-s">Published {formatDate(d.publishedAt)}.</p>
          <p className="govuk-body">
            <a className="govuk-link" href={consultationPath(d.slug, 'summary.odt')} download>
              Download the summary of responses (ODT, OpenDocument text)
            </a>
          </p>
          <RichTextContent html={d.html} />
          {d.outcome ? (
            <p className="govuk-body">
              <OutcomeLink slug={d.slug} />
            </p>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}
