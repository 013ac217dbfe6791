import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useLocation } from '@remix-run/react'
import { Button } from '~/components/button'
import { DateInput } from '~/components/date-input'
import { ErrorSummary } from '~/components/error-summary'
import { BackLink, Details } from '~/components/misc'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { Select } from '~/components/select'
import { Table } from '~/components/table'
import { TextInput } from '~/components/text-input'
import { requireAdmin } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime, parseDateInput } from '~/lib/time'
import { listAuditEvents } from '~/modules/accounts/admin.server'
import { plural } from '~/lib/plural'
import { pageNumber } from '~/lib/http.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data && Object.keys(data.errors).length ? 'Error: ' : ''}${pageTitle('Audit log', 'Admin')}` }]

const DAY_MS = 24 * 60 * 60 * 1000

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request)
  const params = new URL(request.url).searchParams
  const values = Object.fromEntries(params)
  const text = (name: string) => (params.get(name) ?? '').trim().slice(0, 200)
  const errors: Record<string, string> = {}
  const dateFilter = (name: string, label: string) => {
    if (![`${name}-day`, `${name}-month`, `${name}-year`].some((k) => params.get(k)?.trim())) return undefined
    const parsed = parseDateInput(values, name, label)
    if (!parsed.ok) {
      errors[name] = parsed.message
      return undefined
    }
    return parsed.date
  }
  const from = dateFilter('from', 'From date')
  const to = dateFilter('to', 'To date')
  const filter = { action: text('action'), actor: text('actor'), subjectType: text('subjectType') }
  const page = pageNumber(params.get('page'))
  // "To" includes the whole of that day in London.
  const result = await listAuditEvents({ ...filter, from, to: to ? new Date(to.getTime() + DAY_MS) : undefined, page })
  return { ...result, filter, values, errors, page }
}

function json(value: unknown) {
  return value === null || value === undefined ? '' : JSON.stringify(value, null, 1)
}

export default function AdminAudit() {
  const { rows, total, pageCount, subjectTypes, filter, values, errors, page } = useLoaderData<typeof loader>()
  const { search } = useLocation()
  const parts = (name: string) => ({ day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] })
  return (
    <PageContainer before={<BackLink to="/admin/users">Back to users</BackLink>}>
      <ErrorSummary errors={errors} anchors={{ from: 'from-day', to: 'to-day' }} />
      <h1 className="govuk-heading-l">Audit log</h1>
      <Form method="get" noValidate>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <TextInput name="action" label="Action" hint="For example, user.role_change" spellCheck={false} defaultValue={filter.action} />
            <TextInput name="actor" label="Done by (email address)" spellCheck={false} defaultValue={filter.actor} />
            <Select name="subjectType" label="Type of thing changed" defaultValue={filter.subjectType} options={[{ value: '', label: 'Any' }, ...subjectTypes.map((t) => ({ value: t, label: t }))]} />
          </div>
          <div className="govuk-grid-column-one-half">
            <DateInput name="from" legend="From" legendSize="s" hint="For example, 27 3 2026" error={errors.from} value={parts('from')} />
            <DateInput name="to" legend="To" legendSize="s" hint="Includes this day" error={errors.to} value={parts('to')} />
          </div>
        </div>
        <Button variant="secondary">Filter</Button>
      </Form>
      <p className="govuk-body">{plural(total, 'record')}</p>
      {rows.length ? (
        <Table
          caption="Audit records, newest first"
          captionSize="s"
          rowKey={(row) => row.id}
          rows={rows}
          columns={[
            { header: 'When', cell: (row) => formatDateTime(row.createdAt) },
            { header: 'Who', cell: (row) => row.actorEmail ?? 'The hub' },
            { header: 'Action', cell: (row) => <code>{row.action}</code> },
            { header: 'Subject', cell: (row) => `${row.subjectType}${row.subjectId ? ` ${row.subjectId}` : ''}` },
            {
              header: 'Change',
              cell: (row) =>
                row.before !== null || row.after !== null ? (
                  <Details summary="Before and after">
                    <p className="govuk-body-s govuk-!-margin-bottom-1">Before</p>
                    <pre className="app-pre">{json(row.before) || 'Nothing'}</pre>
                    <p className="govuk-body-s govuk-!-margin-bottom-1">After</p>
                    <pre className="app-pre">{json(row.after) || 'Nothing'}</pre>
                  </Details>
                ) : (
                  'None recorded'
                ),
            },
          ]}
        />
      ) : null}
      <Pagination page={page} pageCount={pageCount} search={search} />
    </PageContainer>
  )
}
