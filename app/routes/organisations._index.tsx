import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { Checkboxes } from '~/components/choices'
import { FilterForm } from '~/components/filter-form'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { Select } from '~/components/select'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { CAPABILITIES, capabilityLabel } from '~/modules/organisations/capabilities'
import { parseDirectoryQuery, searchDirectory } from '~/modules/organisations/directory.server'
import { REGIONS, regionLabel, SECTOR_SHORT, SECTORS, SIZE_BANDS, SIZE_SHORT } from '~/modules/organisations/options'
import { plural } from '~/lib/plural'
import { SearchFallbackNotice } from '~/modules/search/fallback-notice'
import { withSearchFallback } from '~search/fallback.server'
import { shorten } from '~/lib/shorten'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [
  { title: pageTitle('Organisations') },
  { name: 'description', content: 'Who is in the employment-support market and what each provider can offer: primes, specialist subcontractors and VCSE bodies.' },
]

// Deliberately public: the directory is open to everyone.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const query = parseDirectoryQuery(new URL(request.url).searchParams)
  const { searchFallback, ...result } = await withSearchFallback(() => searchDirectory(query))
  return { searchFallback, query, ...result, signedIn: Boolean(user) }
}

export default function OrganisationsDirectory() {
  const { query, items, total, page, pageCount, signedIn, searchFallback } = useLoaderData<typeof loader>()
  const location = useLocation()
  const filtered = Boolean(query.q || query.sectors.length || query.sizes.length || query.region || query.capability)
  return (
    <PageContainer>
      <SearchFallbackNotice show={searchFallback} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Organisations</h1>
          <p className="govuk-body-l">Who is in the market and the services each can offer: find partners for a bid or a supply chain.</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/organisations/new">
              Add your organisation
            </Link>
            {signedIn ? (
              <>
                {' '}
                or see{' '}
                <Link className="govuk-link" to="/organisations/yours">
                  your organisations
                </Link>
              </>
            ) : null}
          </p>
        </div>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <FilterForm label="Filter organisations" clearTo="/organisations" showClear={filtered}>
            <TextInput name="q" label="Search by name or description" labelSize="s" type="search" defaultValue={query.q} spellCheck={false} />
            <Checkboxes name="sector" legend="Sector" legendSize="s" small values={query.sectors} options={SECTORS.map((s) => ({ value: s.value, label: s.label }))} />
            <Checkboxes name="size" legend="Size" legendSize="s" small values={query.sizes} options={SIZE_BANDS.map((s) => ({ value: s.value, label: s.label }))} />
            <Select
              name="region"
              label="Region served"
              labelSize="s"
              defaultValue={query.region ?? ''}
              options={[{ value: '', label: 'Any region' }, ...REGIONS.map((r) => ({ value: r.value, label: r.label }))]}
            />
            <Select
              name="capability"
              label="Capability"
              labelSize="s"
              defaultValue={query.capability ?? ''}
              options={[{ value: '', label: 'Any capability' }, ...CAPABILITIES.map((c) => ({ value: c.key, label: c.label }))]}
              className="govuk-!-width-full"
            />
          </FilterForm>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" aria-live="polite">
            {plural(total, 'organisation')}
            {filtered ? ' found' : ''}
          </h2>
          {items.length ? (
            <ul className="govuk-list">
              {items.map((o) => (
                <li key={o.id} className="govuk-!-margin-bottom-6">
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={organisationPath(o.slug)}>
                      {o.name}
                    </Link>
                  </h3>
                  <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-1">
                    {SECTOR_SHORT[o.sector]} · {SIZE_SHORT[o.sizeBand]} · {o.regions.length === REGIONS.length ? 'All regions' : o.regions.map(regionLabel).join(', ')}
                  </p>
                  <p className="govuk-body govuk-!-margin-bottom-1">{shorten(o.description, 240)}</p>
                  {query.capability ? <p className="govuk-body-s govuk-!-margin-bottom-0">Offers: {capabilityLabel(query.capability)}</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <>
              <p className="govuk-body">No organisations match your search.</p>
              <p className="govuk-body">Try fewer filters, or check the spelling of your search.</p>
            </>
          )}
          <Pagination page={page} pageCount={pageCount} search={location.search} />
          <p className="govuk-body">
            Download the directory as open data:{' '}
            <a className="govuk-link" href="/organisations.csv" download>
              CSV
            </a>{' '}
            or{' '}
            <a className="govuk-link" href="/organisations.json">
              JSON
            </a>
            .
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
