import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { Checkboxes } from '~/components/choices'
import { FilterForm } from '~/components/filter-form'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { Select } from '~/components/select'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { sharedData } from '~/lib/shared-data.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { regionLabel } from '~/modules/organisations/options'
import {
  describeFilters,
  filtersFromSearchParams,
  filtersToSearchParams,
  formatKeyDate,
  formatValueRange,
  REGIONS,
  ROUTE_LABELS,
  ROUTES,
  STATUS_LABELS,
  startYearOptions,
  STATUSES,
  VALUE_BANDS,
} from '~/modules/pipeline/model'
import { StatusTag } from '~/modules/pipeline/notice-view'
import { listItem, searchPipeline, type PipelineSort } from '~/modules/pipeline/finder.server'
import { plural } from '~/lib/plural'
import { SearchFallbackNotice } from '~/modules/search/fallback-notice'
import { withSearchFallback } from '~search/fallback.server'
import { publicPage } from '~/lib/http-cache'
import { noticePath } from '~/lib/paths'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction = () => [
  { title: pageTitle('Commercial pipeline') },
  { name: 'description', content: 'Employment Category contracts and grants coming up, so providers can plan capacity, capability and partnerships.' },
]

const SORTS: Array<{ value: PipelineSort; label: string }> = [
  { value: 'start', label: 'Service start, soonest first' },
  { value: 'updated', label: 'Recently updated' },
  { value: 'value', label: 'Value, highest first' },
]

// Deliberately public: the pipeline is published for everyone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const params = new URL(request.url).searchParams
  const filters = filtersFromSearchParams(params)
  const sort = (SORTS.find((s) => s.value === params.get('sort'))?.value ?? 'start') as PipelineSort
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
  // Published notices only, the same for everyone: kept per process until content changes.
  const { searchFallback, ...result } = await sharedData(`pipeline:${JSON.stringify({ filters, page, sort })}`, () => withSearchFallback(() => searchPipeline(filters, { page, sort })))
  return {
    searchFallback,
    filters,
    sort,
    ...result,
    rows: result.rows.map(listItem),
    startYears: startYearOptions(),
    signedIn: Boolean(user),
    filterQuery: filtersToSearchParams(filters).toString(),
    description: describeFilters(filters),
  }
}

export default function Pipeline() {
  const { filters, sort, rows, total, page, pageCount, signedIn, filterQuery, description, startYears, searchFallback } = useLoaderData<typeof loader>()
  const location = useLocation()
  const suitable = [filters.sme ? 'sme' : '', filters.vcse ? 'vcse' : ''].filter(Boolean)
  return (
    <PageContainer>
      <SearchFallbackNotice show={searchFallback} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Commercial pipeline</h1>
          <p className="govuk-body-l">Contracts and grants the Employment Category expects to commission, so you can plan capacity, capability and partnerships early.</p>
          <p className="govuk-body">
            Every opportunity uses CPV code 80000000-4 as its base code. See the{' '}
            <Link className="govuk-link" to="/pipeline/timeline">
              timeline by quarter
            </Link>{' '}
            or download the pipeline as{' '}
            <a className="govuk-link" href="/pipeline.csv">
              CSV
            </a>
            ,{' '}
            <a className="govuk-link" href="/pipeline.json">
              JSON
            </a>
            ,{' '}
            <a className="govuk-link" href="/pipeline/ocds.json">
              Open Contracting Data Standard JSON
            </a>{' '}
            or follow the{' '}
            <a className="govuk-link" href="/pipeline/feed.atom">
              Atom feed of new and changed notices
            </a>
            .
          </p>
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <FilterForm label="Filter the pipeline" clearTo="/pipeline">
            <TextInput name="q" label="Search notices" labelSize="s" type="search" defaultValue={filters.q ?? ''} spellCheck={false} />
            <Checkboxes name="status" legend="Status" legendSize="s" small values={filters.status} options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
            <Checkboxes name="route" legend="Procurement route" legendSize="s" small values={filters.route} options={ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] }))} />
            <Checkboxes name="region" legend="Region" legendSize="s" small values={filters.region} options={REGIONS.map((r) => ({ value: r.value, label: r.label }))} />
            <Checkboxes name="band" legend="Estimated value" legendSize="s" small values={filters.band} options={VALUE_BANDS.map((b) => ({ value: b.value, label: b.label }))} />
            <Checkboxes name="start" legend="Expected service start" legendSize="s" small values={filters.start} options={startYears} />
            <Checkboxes
              name="suitable"
              legend="Suitable for"
              legendSize="s"
              small
              values={suitable}
              options={[
                { value: 'sme', label: 'Small and medium-sized enterprises (SMEs)' },
                { value: 'vcse', label: 'Voluntary, community and social enterprises (VCSEs)' },
              ]}
            />
            <Select name="sort" label="Sort by" defaultValue={sort} options={SORTS} />
          </FilterForm>
          <h2 className="govuk-heading-m">Get alerts</h2>
          <p className="govuk-body">Get an email when a notice matching this search ({description}) is published, or its status, dates or value change.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/pipeline/alerts/new${filterQuery ? `?${filterQuery}` : ''}`}>
              Get email alerts for this search
            </Link>
            {signedIn ? (
              <>
                {' '}
                or see{' '}
                <Link className="govuk-link" to="/pipeline/alerts">
                  your alerts
                </Link>
              </>
            ) : null}
          </p>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body" role="status">
            {plural(total, 'notice')}
            {filterQuery ? ` matching ${description}` : ''}
          </p>
          {rows.length ? (
            <ul className="govuk-list app-pipeline-list">
              {rows.map((n) => (
                <li key={n.id} className="govuk-!-margin-bottom-6">
                  <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={noticePath(n.slug)}>
                      {n.title}
                    </Link>
                  </h2>
                  <p className="govuk-body govuk-!-margin-bottom-1">{n.summary}</p>
                  <dl className="govuk-summary-list govuk-summary-list--no-border app-compact-summary">
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Status</dt>
                      <dd className="govuk-summary-list__value">
                        <StatusTag status={n.status} />
                      </dd>
                    </div>
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Value</dt>
                      <dd className="govuk-summary-list__value">{formatValueRange(n.valueMinPence, n.valueMaxPence)}</dd>
                    </div>
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Route</dt>
                      <dd className="govuk-summary-list__value">{ROUTE_LABELS[n.route]}</dd>
                    </div>
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Service start</dt>
                      <dd className="govuk-summary-list__value">{formatKeyDate(n.serviceStartDate, n.serviceStartPrecision)}</dd>
                    </div>
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Regions</dt>
                      <dd className="govuk-summary-list__value">{n.regions.map(regionLabel).join(', ') || 'Not yet known'}</dd>
                    </div>
                    {n.lastUpdatedAt ? (
                      <div className="govuk-summary-list__row">
                        <dt className="govuk-summary-list__key">Last updated</dt>
                        <dd className="govuk-summary-list__value">{formatDate(n.lastUpdatedAt)}</dd>
                      </div>
                    ) : null}
                  </dl>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No notices match these filters. Try removing some.</p>
          )}
          <Pagination page={page} pageCount={pageCount} search={location.search} />
        </div>
      </div>
    </PageContainer>
  )
}
