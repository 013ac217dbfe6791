import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { FilterForm } from '~/components/filter-form'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { Select } from '~/components/select'
import { Tag } from '~/components/tag'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { sharedData } from '~/lib/shared-data.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { caseStudyQueryString, facetCounts, listCaseStudies, parseCaseStudyQuery } from '~/modules/case-studies/list.server'
import { CLAIMANT_GROUPS, claimantGroupLabel, EVIDENCE_METHODS, evidenceLevelLabel, INTERVENTION_TYPES, JOURNEY_STAGES, journeyStageLabel, REGION_OPTIONS, SORTS } from '~/modules/case-studies/options'
import { plural } from '~/lib/plural'
import { SearchFallbackNotice } from '~/modules/search/fallback-notice'
import { withSearchFallback } from '~search/fallback.server'
import { publicPage } from '~/lib/http-cache'
import { caseStudyPath } from '~/lib/paths'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction = () => [
  { title: pageTitle('What Works') },
  { name: 'description', content: 'Case studies from providers on what helps people into work, with standardised outcomes you can compare and download.' },
]

// Deliberately public: published case studies are for everyone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const url = new URL(request.url)
  const query = parseCaseStudyQuery(url.searchParams)
  // Published case studies only, the same for everyone: kept per process until content changes.
  const { result, facets, searchFallback } = await sharedData(`what-works:${JSON.stringify(query)}`, () =>
    withSearchFallback(async () => {
      const [result, facets] = await Promise.all([listCaseStudies(query), facetCounts(query)])
      return { result, facets }
    }),
  )
  return { searchFallback, query, ...result, facets, signedIn: Boolean(user), exportQuery: caseStudyQueryString({ ...query, page: 1 }) }
}

export default function WhatWorks() {
  const { query, items, total, page, pageCount, signedIn, exportQuery, facets, searchFallback } = useLoaderData<typeof loader>()
  const counted = (counts: Record<string, number>, options: ReadonlyArray<{ value: string; label: string }>) => options.map((o) => ({ value: o.value, label: `${o.label} (${counts[o.value] ?? 0})` }))
  const location = useLocation()
  const filtered = Boolean(query.text || query.claimantGroups.length || query.journeyStages.length || query.interventionTypes.length || query.regions.length || query.evidenceLevels.length)
  const suffix = exportQuery ? `?${exportQuery}` : ''
  return (
    <PageContainer>
      <SearchFallbackNotice show={searchFallback} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">What Works</h1>
          <p className="govuk-body-l">Providers share what helps people into work, with outcomes recorded the same way so you can compare them.</p>
          <ButtonLink to="/what-works/new">Post a case study</ButtonLink>
          {signedIn ? (
            <p className="govuk-body">
              <Link className="govuk-link" to="/what-works/yours">
                Your organisations’ case studies and drafts
              </Link>
            </p>
          ) : (
            <p className="govuk-body">You need to sign in, as a member of a provider organisation, to post, rate or comment.</p>
          )}
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <FilterForm label="Filter case studies" clearTo="/what-works" showClear={filtered || query.sort !== 'top-rated'}>
            <TextInput name="q" label="Search case studies" labelSize="s" type="search" defaultValue={query.text} spellCheck={false} />
            <Select name="sort" label="Sort by" labelSize="s" defaultValue={query.sort} options={SORTS.map((s) => ({ value: s.value, label: s.label }))} />
            <Checkboxes name="claimantGroup" legend="Claimant group" legendSize="s" small values={query.claimantGroups} options={counted(facets.claimantGroups, CLAIMANT_GROUPS)} />
            <Checkboxes name="stage" legend="Customer journey stage" legendSize="s" small values={query.journeyStages} options={counted(facets.journeyStages, JOURNEY_STAGES)} />
            <Checkboxes name="intervention" legend="Intervention type" legendSize="s" small values={query.interventionTypes} options={counted(facets.interventionTypes, INTERVENTION_TYPES)} />
            <Checkboxes name="region" legend="Region" legendSize="s" small values={query.regions} options={counted(facets.regions, REGION_OPTIONS)} />
            <Checkboxes
              name="evidence"
              legend="Evidence level"
              legendSize="s"
              small
              values={query.evidenceLevels.map(String)}
              options={counted(
                facets.evidenceLevels,
                EVIDENCE_METHODS.map((m) => ({ value: String(m.level), label: `${m.level}: ${m.label}` })),
              )}
            />
          </FilterForm>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" aria-live="polite">
            {plural(total, 'case study', 'case studies')}
            {filtered ? ' found' : ''}
          </h2>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/what-works/compare${suffix}`}>
              Compare the outcomes of these case studies
            </Link>{' '}
            or download them as{' '}
            <a className="govuk-link" href={`/what-works/compare.csv${suffix}`} download>
              CSV
            </a>{' '}
            or{' '}
            <a className="govuk-link" href={`/what-works/compare.json${suffix}`}>
              JSON
            </a>
            .
          </p>
          {items.length ? (
            <ul className="govuk-list" aria-label="Case studies">
              {items.map((c) => (
                <li key={c.id} className="govuk-!-margin-bottom-6">
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={caseStudyPath(c.slug)}>
                      {c.title}
                    </Link>
                  </h3>
                  <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-1">
                    {c.organisationName}
                    {c.publishedAt ? <> · {formatDate(c.publishedAt)}</> : null} · {c.claimantGroups.map(claimantGroupLabel).join(', ')} · {c.journeyStages.map(journeyStageLabel).join(', ')}
                  </p>
                  <p className="govuk-body govuk-!-margin-bottom-1">{c.summary}</p>
                  <p className="govuk-body-s govuk-!-margin-bottom-0">
                    {c.rating.count ? (
                      <>
                        Score {c.rating.score.toFixed(1)} from {plural(c.rating.count, 'rating')}
                      </>
                    ) : (
                      'Not rated yet'
                    )}{' '}
                    · {plural(c.commentCount, 'comment')} · {evidenceLevelLabel(c.evidenceLevel)}
                    {c.validationCount ? <> · validated {plural(c.validationCount, 'time')}</> : null} {c.verifiedAt ? <Tag colour="green">Verified by the department</Tag> : null}
                  </p>
                </li>
              ))}
            </ul>
          ) : (
            <>
              <p className="govuk-body">No case studies match your search.</p>
              <p className="govuk-body">Try fewer filters, or check the spelling of your search.</p>
            </>
          )}
          <Pagination page={page} pageCount={pageCount} search={location.search} />
          <p className="govuk-body-s">
            <Link className="govuk-link" to="/what-works/about-scores">
              How scores and evidence levels work
            </Link>
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
