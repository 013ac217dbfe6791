import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { getUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { CAPABILITIES } from '~/modules/organisations/capabilities'
import { merlinLabel, regionLabel, REGIONS, sectorLabel, sizeBandLabel } from '~/modules/organisations/options'
import { getOrganisationBySlug, listMembers, membershipRole } from '~/modules/organisations/organisations.server'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.organisation.name ?? 'Organisation', 'Organisations') },
  ...(data ? [{ name: 'description', content: data.organisation.description.slice(0, 200) }] : []),
]

// Deliberately public: profiles are the directory. Admin links are shown only to the organisation's admins.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = params.slug ? await getOrganisationBySlug(params.slug) : null
  invariantResponse(organisation, 'Organisation not found', { status: 404 })
  const user = await getUser(request)
  const role = user ? await membershipRole(organisation.id, user.id) : null
  const members = await listMembers(organisation.id)
  return {
    organisation,
    // Only names are public; email addresses stay private.
    members: members.map((m) => ({ name: m.name, role: m.role })),
    canManage: role === 'admin' || user?.role === 'admin',
    isMember: role !== null,
  }
}

export default function OrganisationProfile() {
  const { organisation, members, canManage, isMember } = useLoaderData<typeof loader>()
  const regionOrder = REGIONS.map((r) => r.value as string)
  const regions = [...organisation.regions].sort((a, b) => regionOrder.indexOf(a) - regionOrder.indexOf(b))
  const capabilities = CAPABILITIES.filter((c) => organisation.capabilities.includes(c.key))
  return (
    <PageContainer
      before={
        <Breadcrumbs
          items={[
            { href: '/', text: 'Home' },
            { href: '/organisations', text: 'Organisations' },
          ]}
        />
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{sectorLabel(organisation.sector)}</span>
          <h1 className="govuk-heading-l">{organisation.name}</h1>
          {organisation.description.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i} className="govuk-body">
              {paragraph}
            </p>
          ))}
          {canManage ? (
            <ul className="govuk-list">
              <li>
                <Link className="govuk-link" to={organisationPath(organisation.slug, 'edit')}>
                  Change the profile
                </Link>
              </li>
              <li>
                <Link className="govuk-link" to={organisationPath(organisation.slug, 'members')}>
                  Manage members and invitations
                </Link>
              </li>
            </ul>
          ) : null}
          <h2 className="govuk-heading-m">About the organisation</h2>
          <SummaryList
            rows={[
              { key: 'Sector', value: sectorLabel(organisation.sector) },
              { key: 'Size', value: sizeBandLabel(organisation.sizeBand) },
              {
                key: 'Regions served',
                value: regions.length ? (
                  <ul className="govuk-list">
                    {regions.map((r) => (
                      <li key={r}>{regionLabel(r)}</li>
                    ))}
                  </ul>
                ) : (
                  'Not given'
                ),
              },
              { key: 'Merlin Standard', value: merlinLabel(organisation.merlinStatus) },
              {
                key: 'Website',
                value: organisation.website ? (
                  <a className="govuk-link" href={organisation.website} rel="noopener noreferrer external">
                    {organisation.website}
                  </a>
                ) : (
                  'Not given'
                ),
              },
            ]}
          />
          <h2 className="govuk-heading-m">Capabilities</h2>
          {capabilities.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {capabilities.map((c) => (
                <li key={c.key}>
                  <Link className="govuk-link" to={`/organisations?capability=${c.key}`}>
                    {c.label}
                  </Link>
                  {c.emphasis ? (
                    <>
                      {' '}
                      <Tag colour="blue">2013 emphasis</Tag>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">None given.</p>
          )}
          <h2 className="govuk-heading-m">Members</h2>
          {members.length ? (
            <ul className="govuk-list">
              {members.map((m, i) => (
                <li key={i}>
                  {m.name}
                  {m.role === 'admin' ? ' (admin)' : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No members yet.</p>
          )}
          {isMember ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={organisationPath(organisation.slug, 'leave')}>
                Leave this organisation
              </Link>
            </p>
          ) : (
            <p className="govuk-body govuk-hint">To join this organisation, ask one of its admins to invite you.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
