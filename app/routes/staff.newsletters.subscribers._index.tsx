import { Fragment } from 'react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { FilterForm } from '~/components/filter-form'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Pagination } from '~/components/pagination'
import { Select } from '~/components/select'
import { Table } from '~/components/table'
import { Tag, type TagColour } from '~/components/tag'
import { TextInput } from '~/components/text-input'
import { requireStaff } from '~/lib/auth.server'
import { pageNumber } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { plural } from '~/lib/plural'
import { formatDate } from '~/lib/time'
import { searchSubscribers, subscriberFilterFrom } from '~/modules/newsletters/subscriber-list.server'
import { SUBSCRIBER_STATUS_LABELS, SUBSCRIBER_STATUSES, TOPIC_LABELS, TOPICS } from '~/modules/newsletters/topics'

export const meta: MetaFunction = () => [{ title: pageTitle('Subscribers', 'Newsletters', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  const url = new URL(request.url)
  const filter = subscriberFilterFrom(url.searchParams)
  const page = pageNumber(url.searchParams.get('page'))
  const { rows, total, pageCount } = await searchSubscribers(filter, page)
  return {
    filter,
    page,
    pageCount,
    total: plural(total, 'subscriber'),
    rows: rows.map((r) => ({
      id: r.id,
      email: r.email,
      status: r.status,
      topics: r.topics.map((t) => TOPIC_LABELS[t]),
      since: formatDate(r.status === 'unsubscribed' ? (r.unsubscribedAt ?? r.createdAt) : r.status === 'bounced' ? (r.bouncedAt ?? r.createdAt) : (r.confirmedAt ?? r.createdAt)),
      imported: r.importedAt ? `Imported ${formatDate(r.importedAt)}: ${r.consentSource ?? ''}` : null,
    })),
  }
}

const STATUS_COLOURS: Record<string, TagColour> = { pending: 'yellow', confirmed: 'green', unsubscribed: 'grey', bounced: 'red' }
const SINCE: Record<string, string> = { pending: 'Asked', confirmed: 'Confirmed', unsubscribed: 'Left', bounced: 'Bounced' }

export default function Subscribers() {
  const d = useLoaderData<typeof loader>()
  const { search } = useLocation()
  const described = [
    d.filter.q ? `with an address containing “${d.filter.q}”` : '',
    d.filter.status ? `who are ${SUBSCRIBER_STATUS_LABELS[d.filter.status].toLowerCase()}` : '',
    d.filter.topic ? `getting ${TOPIC_LABELS[d.filter.topic].toLowerCase()}` : '',
  ]
    .filter(Boolean)
    .join(', ')
  const query = new URLSearchParams(search)
  query.delete('page')
  return (
    <PageContainer before={<BackLink to="/staff/newsletters">Newsletters</BackLink>}>
      <h1 className="govuk-heading-l">Subscribers</h1>
      <div className="govuk-button-group">
        <ButtonLink to="/staff/newsletters/subscribers/import" variant="secondary">
          Import subscribers
        </ButtonLink>
      </div>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <FilterForm label="Subscribers" clearTo="/staff/newsletters/subscribers" showClear={Boolean(described)}>
            <TextInput name="q" label="Email address contains" type="search" spellCheck={false} defaultValue={d.filter.q} />
            <Select
              name="status"
              label="Status"
              defaultValue={d.filter.status ?? ''}
              options={[{ value: '', label: 'Any status' }, ...SUBSCRIBER_STATUSES.map((s) => ({ value: s, label: SUBSCRIBER_STATUS_LABELS[s] }))]}
            />
            <Select name="topic" label="Topic" defaultValue={d.filter.topic ?? ''} options={[{ value: '', label: 'Any topic' }, ...TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))]} />
          </FilterForm>
        </div>
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body" aria-live="polite">
            {d.total}
            {described ? ` ${described}` : ''}
          </p>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/staff/newsletters/subscribers.csv${query.size ? `?${query}` : ''}`} reloadDocument>
              Download {described ? 'these subscribers' : 'every subscriber'} (CSV)
            </Link>
          </p>
          {d.rows.length ? (
            <Table
              caption="Subscribers"
              captionSize="s"
              smallTextUntilTablet
              rowKey={(row) => row.id}
              firstCellIsHeader
              rows={d.rows}
              columns={[
                { header: 'Email address', cell: (row) => <span className="app-break-anywhere">{breakable(row.email)}</span> },
                {
                  header: 'Status',
                  cell: (row) => (
                    <>
                      <Tag colour={STATUS_COLOURS[row.status]}>{SUBSCRIBER_STATUS_LABELS[row.status]}</Tag>
                      <br />
                      <span className="govuk-body-s">
                        {SINCE[row.status]} {row.since}
                      </span>
                    </>
                  ),
                },
                {
                  header: 'Topics',
                  cell: (row) =>
                    row.topics.length ? (
                      <ul className="govuk-list govuk-body-s">
                        {row.topics.map((t) => (
                          <li key={t}>{t}</li>
                        ))}
                        {row.imported ? <li className="govuk-hint govuk-body-s">{row.imported}</li> : null}
                      </ul>
                    ) : (
                      'None'
                    ),
                },
              ]}
            />
          ) : (
            <p className="govuk-body">No subscribers match. Try fewer filters.</p>
          )}
          <Pagination page={d.page} pageCount={d.pageCount} search={search} />
        </div>
      </div>
    </PageContainer>
  )
}

/** An address that wraps on a phone before its @ and its dots, not in the middle of a word. */
function breakable(email: string) {
  return email.split(/(?=[@.])/).map((part, i) => (
    <Fragment key={i}>
      {i ? <wbr /> : null}
      {part}
    </Fragment>
  ))
}
