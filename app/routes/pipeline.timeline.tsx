import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Table } from '~/components/table'
import { pageTitle } from '~/lib/meta'
import { financialQuarter, formatKeyDate, formatValueRange, isOpen, ROUTE_LABELS } from '~/modules/pipeline/model'
import { StatusTag } from '~/modules/pipeline/notice-view'
import { allPublishedNotices } from '~/modules/pipeline/notices.server'
import { noticePath } from '~/lib/paths'

export const meta: MetaFunction = () => [
  { title: pageTitle('Pipeline timeline', 'Pipeline') },
  { name: 'description', content: 'A timeline of Employment Category contracts and grants: when each is planned, tendered and awarded.' },
]

// Deliberately public.
export async function loader(_: LoaderFunctionArgs) {
  const notices = (await allPublishedNotices()).filter((n) => isOpen(n.status))
  const now = new Date()
  const horizon = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 18, 1)).toISOString().slice(0, 10)
  const groups = new Map<string, { label: string; items: typeof notices }>()
  const sorted = notices.slice().sort((a, b) => (a.tenderNoticeDate ?? '9999').localeCompare(b.tenderNoticeDate ?? '9999'))
  for (const n of sorted) {
    const date = n.tenderNoticeDate
    const group = !date ? { key: 'unknown', label: 'Tender date not yet known' } : date >= horizon ? { key: 'later', label: 'More than 18 months away' } : financialQuarter(date)
    if (!groups.has(group.key)) groups.set(group.key, { label: group.label, items: [] })
    groups.get(group.key)!.items.push(n)
  }
  return {
    groups: [...groups.entries()].map(([key, g]) => ({
      key,
      label: g.label,
      items: g.items.map((n) => ({
        slug: n.slug,
        title: n.title,
        status: n.status,
        route: ROUTE_LABELS[n.route],
        value: formatValueRange(n.valueMinPence, n.valueMaxPence),
        tender: formatKeyDate(n.tenderNoticeDate, n.tenderNoticePrecision),
        start: formatKeyDate(n.serviceStartDate, n.serviceStartPrecision),
      })),
    })),
  }
}

export default function Timeline() {
  const { groups } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/pipeline">Back to the pipeline</BackLink>}>
      <h1 className="govuk-heading-l">Pipeline timeline</h1>
      <p className="govuk-body">Open notices by the financial-year quarter of their planned tender notice, across the next 18 months and beyond.</p>
      {groups.length ? null : <p className="govuk-body">There are no open notices.</p>}
      {groups.map((g) => (
        <Table
          key={g.key}
          caption={g.label}
          rows={g.items}
          rowKey={(n) => n.slug}
          columns={[
            {
              header: 'Notice',
              cell: (n) => (
                <>
                  <Link className="govuk-link" to={noticePath(n.slug)}>
                    {n.title}
                  </Link>
                  <span className="govuk-hint govuk-!-font-size-16 govuk-!-display-block">{n.route}</span>
                </>
              ),
            },
            { header: 'Status', cell: (n) => <StatusTag status={n.status} /> },
            { header: 'Tender notice', cell: (n) => n.tender },
            { header: 'Service start', cell: (n) => n.start },
            { header: 'Value', cell: (n) => n.value },
          ]}
        />
      ))}
    </PageContainer>
  )
}
