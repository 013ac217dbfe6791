import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { Tag } from '~/components/tag'
import { getUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { CAPABILITIES } from '~/modules/organisations/capabilities'
import { merlinLabel, regionLabel, REGIONS, sectorLabel, sizeBandLabel } from '~/modules/organisations/options'
import { organisationFromAddress } from '~/modules/organisations/guards.server'
import { listMembers, membershipRole } from '~/modules/organisations/organisations.server'
import { publishedCaseStudiesOf } from '~/modules/case-studies/case-studies.server'
import { interestsShownOnProfile } from '~/modules/pipeline/interest.server'
import { STATUS_LABELS } from '~/modules/pipeline/model'
import { formatDate } from '~/lib/time'
import { caseStudyPath, noticePath, organisationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.organisation.name ?? 'Organisation', 'Organisations') },
  ...(data ? [{ name: 'description', content: data.organisation.description.slice(0, 200) }] : []),
]

const INTEREST_AUDIENCE = {
  member: 'Your organisation’s interest is shown to its members and to staff; other providers see it only where you look for partners on a notice they are interested in too.',
  staff: 'Staff see every organisation’s interest. Other providers see it only where this organisation looks for partners on a notice they are interested in too.',
  partner: 'Shown to you because your organisation is interested in these notices too and this organisation is looking for partners on them.',
}

const INTEREST_AS = { prime: 'as prime contractor', subcontractor: 'as subcontractor', either: 'as prime contractor or subcontractor' }

// Deliberately public: profiles are the directory. Admin links are shown only to the organisation's admins.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = await organisationFromAddress(params.slug)
  const user = await getUser(request)
  const role = user ? await membershipRole(organisation.id, user.id) : null
  const [members, caseStudies, interests] = await Promise.all([listMembers(organisation.id), publishedCaseStudiesOf(organisation.id), interestsShownOnProfile(organisation.id, user)])
  return {
    organisation,
    caseStudies,
    interests,
    interestAudience: role !== null ? ('member' as const) : user?.role === 'staff' || user?.role === 'admin' ? ('staff' as const) : ('partner' as const),
    // Only names are public; email addresses stay private.
    members: members.map((m) => ({ name: m.name, role: m.role })),
    canManage: role === 'admin' || user?.role === 'admin',
    isMember: role !== null,
  }
}

export default function OrganisationProfile() {
  const { organisation, members, canManage, isMember, caseStudies, interests, interestAudience } = useLoaderData<typeof loader>()
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
          <h2 className="govuk-heading-m">Case studies</h2>
          {caseStudies.length ? (
            <ul className="govuk-list">
              {caseStudies.map((cs) => (
                <li key={cs.slug} className="govuk-!-margin-bottom-4">
                  <Link className="govuk-link govuk-!-font-weight-bold" to={caseStudyPath(cs.slug)}>
                    {cs.title}
                  </Link>
                  {cs.publishedAt ? <span className="govuk-body-s govuk-hint govuk-!-display-block govuk-!-margin-bottom-1">Published {formatDate(cs.publishedAt)}</span> : null}
                  <span className="govuk-!-display-block">{cs.summary}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">{organisation.name} has not published a case study yet.</p>
          )}
          {interests.length ? (
            <>
              <h2 className="govuk-heading-m">Interest in pipeline notices</h2>
              <p className="govuk-body govuk-hint">{INTEREST_AUDIENCE[interestAudience]}</p>
              <ul className="govuk-list govuk-list--bullet">
                {interests.map((i) => (
                  <li key={i.noticeId}>
                    <Link className="govuk-link" to={noticePath(i.slug)}>
                      {i.title}
                    </Link>{' '}
                    ({STATUS_LABELS[i.status].toLowerCase()}): {INTEREST_AS[i.role]}
                    {i.seekingPartners ? ', looking for partners' : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
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
