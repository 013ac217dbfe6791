import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { Pagination } from '~/components/pagination'
import { SummaryList } from '~/components/summary-list'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { publishedResponses } from '~/modules/consultations/analysis.server'
import { publishedConsultation } from '~/modules/consultations/web.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Published responses', data?.title) }]

// Deliberately public: only responses whose authors consented, with nothing confidential.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  const page = Math.max(1, Number(new URL(request.url).searchParams.get('page')) || 1)
  const published = await publishedResponses(consultation, page)
  invariantResponse(published, 'Responses are published after the consultation closes')
  return { slug: consultation.slug, title: consultation.title, page, total: published.total, pageCount: published.pageCount, responses: published.responses }
}

export default function PublishedResponses() {
  const d = useLoaderData<typeof loader>()
  const { search } = useLocation()
  return (
    <PageContainer before={<Breadcrumbs items={[{ href: '/consultations', text: 'Consultations' }, { href: `/consultations/${d.slug}`, text: d.title }]} />}>
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">Published responses</h1>
      <p className="govuk-body">
        These are the {d.total} responses whose authors agreed to publication. Responses and answers people asked us to keep confidential are not shown, and names are left out where people asked to be anonymous.
      </p>
      <p className="govuk-body">
        Download as open data:{' '}
        <a className="govuk-link" href={`/consultations/${d.slug}/responses.csv`}>
          CSV
        </a>{' '}
        or{' '}
        <a className="govuk-link" href={`/consultations/${d.slug}/responses.json`}>
          JSON
        </a>
        .
      </p>
      {d.responses.map((r) => (
        <div className="govuk-summary-card" key={r.reference}>
          <div className="govuk-summary-card__title-wrapper">
            <h2 className="govuk-summary-card__title">
              {r.respondent} <span className="govuk-body-s">({r.reference})</span>
            </h2>
          </div>
          <div className="govuk-summary-card__content">
            {r.answers.length ? (
              <SummaryList rows={r.answers.map((a) => ({ key: `${a.label}: ${a.text}`, value: <span className="app-consultation-text">{a.answer}</span> }))} />
            ) : (
              <p className="govuk-body">No answers to publish.</p>
            )}
          </div>
        </div>
      ))}
      <Pagination page={d.page} pageCount={d.pageCount} search={search} />
    </PageContainer>
  )
}
