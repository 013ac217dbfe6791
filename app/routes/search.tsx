import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { Button } from '~/components/button'
import { Checkboxes, Radios } from '~/components/choices'
import { HighlightedText } from '~/components/highlighted-text'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { pageTitle } from '~/lib/meta'
import { SearchBox } from '~/modules/search/search-box'
import { parseHubSearch, searchHub, type HubHit } from '~search/hub-search.server'
import { plural } from '~/lib/plural'
import { SearchFallbackNotice } from '~/modules/search/fallback-notice'
import { withSearchFallback } from '~search/fallback.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.q ? `Search results for “${data.q}”` : 'Search') },
  { name: 'description', content: 'Search consultations, pipeline notices, What Works case studies, newsletters, surveys and organisations on the Commissioning Hub.' },
]

/** Deliberately public: the indexes hold only published content. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = parseHubSearch(new URL(request.url).searchParams)
  const found = await withSearchFallback(() => searchHub(params))
  return { q: params.q, type: params.type, filters: params.filters, ...found }
}

function Results({ hits, level = 3 }: { hits: HubHit[]; level?: 3 | 4 }) {
  const Heading = level === 3 ? 'h3' : 'h4'
  return (
    <ul className="govuk-list">
      {hits.map((hit) => (
        <li key={hit.id} className="govuk-!-margin-bottom-6">
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1">
            <Link className="govuk-link" to={hit.url}>
              <HighlightedText text={hit.title} />
            </Link>
          </Heading>
          <p className="govuk-body-s govuk-!-margin-bottom-1">{hit.typeLabel}</p>
          {hit.summary ? (
            <p className="govuk-body govuk-!-margin-bottom-0">
              <HighlightedText text={hit.summary} />
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

export default function Search() {
  const data = useLoaderData<typeof loader>()
  const location = useLocation()
  const total = data.groups.reduce((sum, g) => sum + g.total, 0)
  const chosen = data.groups.find((g) => g.name === data.type)
  const linkTo = (type: string) => `/search?${new URLSearchParams({ ...(data.q ? { q: data.q } : {}), type })}`

  return (
    <PageContainer>
      <SearchFallbackNotice show={data.searchFallback} />
      <h1 className="govuk-heading-l">Search</h1>
      {/* Keyed by the query so the fields show what was searched after each navigation. */}
      <Form method="get" action="/search" key={location.search}>
        <SearchBox defaultValue={data.q} />
        <Button>Search</Button>
        {!data.available ? (
          <div className="govuk-inset-text">Sorry, search is not working at the moment. Try again later.</div>
        ) : (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-third">
              <h2 className="govuk-heading-m">Filter</h2>
              <Radios
                name="type"
                legend="Type"
                legendSize="s"
                small
                value={data.type ?? ''}
                options={[
                  { value: '', label: `Everything (${total.toLocaleString('en-GB')})` },
                  ...data.groups.map((g) => ({ value: g.name, label: `${g.label} (${g.total.toLocaleString('en-GB')})` })),
                ]}
              />
              {data.results?.facets
                .filter((facet) => facet.options.length)
                .map((facet) => (
                  <Checkboxes
                    key={facet.field}
                    name={facet.field}
                    legend={facet.label}
                    legendSize="s"
                    small
                    values={data.filters[facet.field] ?? []}
                    options={facet.options.map((o) => ({ value: o.value, label: `${o.label} (${o.count.toLocaleString('en-GB')})` }))}
                  />
                ))}
              <Button variant="secondary">Apply filters</Button>
            </div>
            <div className="govuk-grid-column-two-thirds">
              {data.results && chosen ? (
                <>
                  <h2 className="govuk-heading-m" id="results-heading">
                    {chosen.label}: {plural(data.results.total, 'result', 'results')}
                    {data.q ? ` matching “${data.q}”` : ''}
                  </h2>
                  {data.results.hits.length ? (
                    <Results hits={data.results.hits} />
                  ) : (
                    <p className="govuk-body">There are no matching results. Try other words, check the spelling or remove some filters.</p>
                  )}
                  <Pagination page={data.results.page} pageCount={data.results.pageCount} search={location.search} />
                </>
              ) : (
                <>
                  <h2 className="govuk-heading-m" id="results-heading">
                    {plural(total, 'result', 'results')}
                    {data.q ? ` matching “${data.q}”` : ''}
                  </h2>
                  {total === 0 ? <p className="govuk-body">There are no matching results. Try other words or check the spelling.</p> : null}
                  {data.groups
                    .filter((g) => g.total > 0)
                    .map((g) => (
                      <section key={g.name} className="govuk-!-margin-bottom-8" aria-labelledby={`group-${g.name}`}>
                        <h3 className="govuk-heading-m" id={`group-${g.name}`}>
                          {g.label} ({g.total.toLocaleString('en-GB')})
                        </h3>
                        <Results hits={g.hits} level={4} />
                        {g.total > g.hits.length ? (
                          <p className="govuk-body">
                            <Link className="govuk-link" to={linkTo(g.name)}>
                              See all {g.total.toLocaleString('en-GB')} {g.label.toLowerCase()}
                            </Link>
                          </p>
                        ) : null}
                      </section>
                    ))}
                </>
              )}
            </div>
          </div>
        )}
      </Form>
    </PageContainer>
  )
}
