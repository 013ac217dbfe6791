import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { FilterForm } from '~/components/filter-form'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { Pagination } from '~/components/pagination'
import { Select } from '~/components/select'
import { SummaryList } from '~/components/summary-list'
import { TextInput } from '~/components/text-input'
import { invariantResponse, pageNumber } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { publishedResponses, type PublishedFilters } from '~/modules/consultations/publication.server'
import { RedactedText, REDACTED } from '~/modules/consultations/redacted-text'
import { publishedConsultation } from '~/modules/consultations/web.server'
import { shorten } from '~/lib/shorten'
import { RESPONDENT_TYPE_FILTERS } from '~/modules/consultations/options'
import { consultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Published responses', data?.title) }]

// Deliberately public: only the copies staff released, with their redactions applied.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  const url = new URL(request.url)
  const type = url.searchParams.get('type')
  const filters: PublishedFilters = {
    q: (url.searchParams.get('q') ?? '').slice(0, 200),
    question: url.searchParams.get('question') ?? undefined,
    type: type === 'individual' || type === 'organisation' ? type : undefined,
    theme: url.searchParams.get('theme') ?? undefined,
    page: pageNumber(url.searchParams.get('page')),
  }
  const published = await publishedResponses(consultation, filters)
  invariantResponse(published, 'Responses are published after the consultation closes and we have reviewed them')
  return {
    slug: consultation.slug,
    title: consultation.title,
    filters: { q: filters.q ?? '', question: published.question?.id ?? '', type: filters.type ?? '', theme: filters.theme ?? '' },
    ...published,
  }
}

export default function PublishedResponses() {
  const d = useLoaderData<typeof loader>()
  const { search } = useLocation()
  const filtered = Boolean(d.filters.q || d.filters.question || d.filters.type || d.filters.theme)
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
      <span className="govuk-caption-l">{d.title}</span>
      <h1 className="govuk-heading-l">Published responses</h1>
      <p className="govuk-body">
        {d.all === 1 ? 'This is the 1 response' : `These are the ${d.all} responses`} whose authors agreed to publication. Responses and answers people asked us to keep confidential are not shown, and
        names are left out where people asked to be anonymous. Where we removed words, for example the name of a person, they are shown as “{REDACTED}”.
      </p>
      <p className="govuk-body">
        Download as open data:{' '}
        <a className="govuk-link" href={consultationPath(d.slug, 'responses.csv')}>
          CSV
        </a>{' '}
        or{' '}
        <a className="govuk-link" href={consultationPath(d.slug, 'responses.json')}>
          JSON
        </a>
        .
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <FilterForm label="Filter the published responses" clearTo={consultationPath(d.slug, 'responses')} showClear={filtered}>
            <TextInput name="q" label="Search the responses" labelSize="s" type="search" defaultValue={d.filters.q} />
            <Select
              name="question"
              label="Question"
              defaultValue={d.filters.question}
              options={[{ value: '', label: 'All questions' }, ...d.questions.map((q) => ({ value: q.id, label: `${q.label}: ${shorten(q.text, 60)}` }))]}
            />
            <Select name="type" label="Type of respondent" defaultValue={d.filters.type} options={[{ value: '', label: 'Any' }, ...RESPONDENT_TYPE_FILTERS]} />
            {d.themes.length ? (
              <Select name="theme" label="Theme" defaultValue={d.filters.theme} options={[{ value: '', label: 'Any' }, ...d.themes.map((t) => ({ value: t.id, label: t.label }))]} />
            ) : null}
          </FilterForm>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body" role="status">
            {filtered ? `${d.total} of ${d.all} ${d.all === 1 ? 'response matches' : 'responses match'}` : `${d.total} ${d.total === 1 ? 'response' : 'responses'}`}
            {d.question ? `, showing answers to ${d.question.label}` : ''}.
          </p>
          {d.question ? <p className="govuk-body">{`${d.question.label}: ${d.question.text}`}</p> : null}
          {d.responses.length ? null : <p className="govuk-body">No published responses match. Try fewer words or clear the filters.</p>}
          {d.responses.map((r) => (
            <div className="govuk-summary-card" key={r.reference}>
              <div className="govuk-summary-card__title-wrapper">
                <h2 className="govuk-summary-card__title">
                  {r.respondent} <span className="govuk-body-s">({r.reference})</span>
                </h2>
              </div>
              <div className="govuk-summary-card__content">
                {r.answers.length ? (
                  <SummaryList rows={r.answers.map((a) => ({ key: d.question ? a.label : `${a.label}: ${a.question}`, value: <RedactedText text={a.answer} /> }))} />
                ) : (
                  <p className="govuk-body">No answers to publish.</p>
                )}
              </div>
            </div>
          ))}
          <Pagination page={d.page} pageCount={d.pageCount} search={search} />
        </div>
      </div>
    </PageContainer>
  )
}
