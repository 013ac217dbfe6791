import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { Table } from '~/components/table'
import { requireUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { SECTOR_SHORT } from '~/modules/organisations/options'
import { organisationsForUser } from '~/modules/organisations/organisations.server'
import { organisationPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Your organisations', 'Organisations') }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { organisations: await organisationsForUser(user.id) }
}

export default function YourOrganisations() {
  const { organisations } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <h1 className="govuk-heading-l">Your organisations</h1>
      {organisations.length ? (
        <Table
          caption="Organisations you belong to"
          captionSize="s"
          rows={organisations}
          rowKey={(o) => o.id}
          firstCellIsHeader
          columns={[
            {
              header: 'Organisation',
              cell: (o) => (
                <Link className="govuk-link" to={organisationPath(o.slug)}>
                  {o.name}
                </Link>
              ),
            },
            { header: 'Sector', cell: (o) => SECTOR_SHORT[o.sector] },
            { header: 'Your role', cell: (o) => (o.role === 'admin' ? 'Admin' : 'Member') },
            {
              header: <span className="govuk-visually-hidden">Manage</span>,
              cell: (o) => (
                <ul className="govuk-list govuk-!-margin-bottom-0">
                  {o.role === 'admin' ? (
                    <li>
                      <Link className="govuk-link" to={organisationPath(o.slug, 'members')}>
                        Manage members<span className="govuk-visually-hidden"> of {o.name}</span>
                      </Link>
                    </li>
                  ) : null}
                  <li>
                    <Link className="govuk-link" to={organisationPath(o.slug, 'leave')}>
                      Leave<span className="govuk-visually-hidden"> {o.name}</span>
                    </Link>
                  </li>
                </ul>
              ),
            },
          ]}
        />
      ) : (
        <p className="govuk-body">You do not belong to any organisations yet. To join one, ask its admin to invite you, or add your own.</p>
      )}
      <ButtonLink to="/organisations/new" variant="secondary">
        Add an organisation
      </ButtonLink>
    </PageContainer>
  )
}
