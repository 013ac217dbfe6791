import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { FileUpload } from '~/components/file-upload'
import { PageContainer } from '~/components/layout'
import { BackLink, Details } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { requireStaff } from '~/lib/auth.server'
import { ruleFailed, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { plural } from '~/lib/plural'
import { importSubscribers } from '~/modules/newsletters/subscriber-list.server'
import { TOPICS } from '~/modules/newsletters/topics'

export const meta: MetaFunction = () => [{ title: pageTitle('Import subscribers', 'Newsletters', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return null
}

const MAX_FILE_BYTES = 512 * 1024

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const formData = await request.formData()
  const consent = String(formData.get('consent') ?? '')
  const values = { consent, confirmed: formData.get('confirmed') === 'yes' ? 'yes' : '' }
  const errors: Record<string, string> = {}
  const file = formData.get('file')
  if (!(file instanceof File) || !file.size) errors.file = 'Choose a CSV file of subscribers'
  else if (file.size > MAX_FILE_BYTES) errors.file = 'The file must be smaller than 500 KB'
  if (!consent.trim()) errors.consent = 'Enter how the people in the file agreed to get these emails'
  if (!values.confirmed) errors.confirmed = 'Confirm that everyone in the file agreed to get these emails'
  if (Object.keys(errors).length) return data({ ok: false as const, errors, values }, { status: 400 })
  try {
    const outcome = await importSubscribers(user, await (file as File).text(), consent)
    const parts = [
      `${plural(outcome.added, 'subscriber')} added`,
      outcome.topicsAdded ? `${plural(outcome.topicsAdded, 'existing subscriber')} given more topics` : '',
      outcome.unchanged ? `${plural(outcome.unchanged, 'address', 'addresses')} already subscribed, so left as they were` : '',
    ].filter(Boolean)
    return redirectWithNotice('/staff/newsletters/subscribers', `Import finished: ${parts.join('; ')}.`)
  } catch (error) {
    return ruleFailed(error, { field: 'file', values })
  }
}

export default function ImportSubscribers() {
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const rowErrors = Object.entries(errors ?? {}).filter(([key]) => key.startsWith('row-'))
  return (
    <PageContainer before={<BackLink to="/staff/newsletters/subscribers">Subscribers</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} anchors={Object.fromEntries(rowErrors.map(([key]) => [key, 'file']))} />
          <h1 className="govuk-heading-l">Import subscribers</h1>
          <p className="govuk-body">
            Add people who agreed to get these emails somewhere other than this site, such as a sign-up sheet at an event. They are added as confirmed subscribers and get no confirmation email, so
            only import people whose agreement you can show.
          </p>
          <p className="govuk-body">Nobody who has unsubscribed or whose address bounced can be added again by an import. If any row cannot be imported, nothing is.</p>
          <Details summary="What the file must look like">
            <p className="govuk-body">
              A CSV file whose first row names the columns. One column is called <code>email</code>. An optional <code>topics</code> column lists topics separated by semicolons, from{' '}
              {TOPICS.join(', ')}; without it, people get the newsletter.
            </p>
            <pre className="app-pre">{'email,topics\nsam.jones@example.org,newsletter; pipeline\nalex@example.com,'}</pre>
          </Details>
          <Form method="post" encType="multipart/form-data" noValidate>
            <FileUpload
              name="file"
              label="CSV file"
              hint="Up to 500 KB."
              error={errors?.file}
              accept=".csv,text/csv"
              errorDetail={
                rowErrors.length ? (
                  <ul className="govuk-list govuk-error-message" aria-label="Rows that could not be imported">
                    {rowErrors.map(([key, message]) => (
                      <li key={key}>{String(message)}</li>
                    ))}
                  </ul>
                ) : null
              }
            />
            <Textarea
              name="consent"
              label="How did these people agree to get these emails?"
              labelSize="m"
              hint="This is kept with each person’s subscription. For example: ticked “Send me the Employment Category Newsletter” on the sign-up sheet at the Provider Forum, 12 March 2026."
              error={errors?.consent}
              defaultValue={valueOf(actionData?.values, 'consent') ?? ''}
              maxLength={500}
              rows={3}
            />
            <Checkboxes
              name="confirmed"
              legend="Consent"
              legendSize="s"
              error={errors?.confirmed}
              values={valueOf(actionData?.values, 'confirmed') ? ['yes'] : []}
              options={[{ value: 'yes', label: 'Everyone in the file agreed to get the emails for the topics listed' }]}
            />
            <Button>Import subscribers</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
