import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CapabilityBlockGrid } from '~/components/capability-block'
import { PageContainer } from '~/components/layout'
import { requireStaff } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { loadBlocks } from '~/modules/home/home-blocks.server'
import { STAFF_BLOCKS } from '~/modules/home/staff-blocks.server'

export const meta: MetaFunction = () => [{ title: pageTitle('Staff dashboard') }]

const ADMIN_LINKS = [
  { href: '/admin/users', text: 'Users and roles' },
  { href: '/admin/audit', text: 'Audit log' },
  { href: '/admin/mailbox', text: 'Development mailbox' },
]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request)
  const blocks = await loadBlocks(STAFF_BLOCKS, { signedIn: true })
  return { blocks, name: user.name, isAdmin: user.role === 'admin' }
}

export default function StaffDashboard() {
  const { blocks, name, isAdmin } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <span className="govuk-caption-l">{name}</span>
      <h1 className="govuk-heading-xl">Staff dashboard</h1>
      <p className="govuk-body-l">What needs attention across the hub.</p>
      {isAdmin ? (
        <>
          <h2 className="govuk-heading-m">Administration</h2>
          <ul className="govuk-list">
            {ADMIN_LINKS.map((link) => (
              <li key={link.href}>
                <Link className="govuk-link" to={link.href}>
                  {link.text}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      <h2 className="govuk-heading-l">What needs attention</h2>
      <CapabilityBlockGrid blocks={blocks} headingLevel={3} />
    </PageContainer>
  )
}
