import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { Checkboxes } from '~/components/choices'
import { FilterForm } from '~/components/filter-form'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { CAPABILITIES, capabilityLabel } from '~/modules/organisations/capabilities'
import { parseDirectoryQuery, searchDirectory } from '~/modules/organisations/directory.server'
import { MERLIN_SHORT, MERLIN_STATUSES, REGIONS, regionLabel, SECTOR_SHORT, SECTORS, SIZE_BANDS, SIZE_SHORT } from '~/modules/organisations/options'
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
  const { query, items, total, page, pageCount, signedIn, searchFallback, counts } = useLoaderData<typeof loader>()
  const location = useLocation()
  const filtered = Boolean(query.q || query.sectors.length || query.sizes.length || query.merlin.length || query.regions.length || query.capabilities.length)
  // Each count is what ticking that box as well would show, given the search and the other groups' filters.
  const counted = (group: Record<string, number>, options: ReadonlyArray<{ value: string; label: string }>) =>
    options.map((o) => ({ value: o.value, label: `${o.label} (${(group[o.value] ?? 0).toLocaleString('en-GB')})` }))
  const chosenCapabilities = (capabilities: string[]) => query.capabilities.filter((c) => capabilities.includes(c))
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
            <Checkboxes name="merlin" legend="Merlin Standard" legendSize="s" small values={query.merlin} options={counted(counts.merlin, MERLIN_STATUSES)} />
            <Checkboxes name="region" legend="Region served" legendSize="s" hint="Serving any of the regions you choose." small values={query.regions} options={counted(counts.regions, REGIONS)} />
            <Checkboxes
              name="capability"
              legend="Capability"
              legendSize="s"
              hint="Offering any of the capabilities you choose."
              small
              values={query.capabilities}
              options={counted(
                counts.capabilities,
                CAPABILITIES.map((c) => ({ value: c.key, label: c.label })),
              )}
            />
            <Checkboxes name="sector" legend="Sector" legendSize="s" small values={query.sectors} options={counted(counts.sectors, SECTORS)} />
            <Checkboxes name="size" legend="Size" legendSize="s" small values={query.sizes} options={counted(counts.sizes, SIZE_BANDS)} />
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
                    {o.merlinStatus === 'not_applicable' ? null : <> · {MERLIN_SHORT[o.merlinStatus]}</>}
                  </p>
                  <p className="govuk-body govuk-!-margin-bottom-1">{shorten(o.description, 240)}</p>
                  {chosenCapabilities(o.capabilities).length ? (
                    <p className="govuk-body-s govuk-!-margin-bottom-0">Offers: {chosenCapabilities(o.capabilities).map(capabilityLabel).join('; ')}</p>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : !filtered ? (
            <p className="govuk-body">No organisations have joined the directory yet.</p>
          ) : (
            <>
              <p className="govuk-body">No organisations match your search.</p>
              <p className="govuk-body">
                Try fewer filters, or check the spelling of your search. The number beside each filter says how many organisations it would show.{' '}
                <Link className="govuk-link" to="/organisations">
                  See every organisation
                </Link>
                .
              </p>
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
