import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { FileUpload } from '~/components/file-upload'
import { Table } from '~/components/table'
import { invalid } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { plural } from '~/lib/plural'
import { redirectWithNotice } from '~/lib/notice.server'
import { formatDate } from '~/lib/time'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { importResponses, type ImportProblem } from '~/modules/consultations/import.server'
import { ReceivedResponsePage } from '~/modules/consultations/received-pages'
import { receivingWindow } from '~/modules/consultations/received.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { MAX_FILE_TEXT } from '~/modules/files/file-types'
import { checkUpload } from '~/modules/files/files.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Import responses', data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const structure = await consultationStructure(consultation)
  return {
    ...receivingWindow(consultation),
    questions: structure.questions.map((q) => q.label),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const upload = await checkUpload((await request.formData()).get('file'), 'file')
  if (!upload.ok) return invalid({ errors: upload.errors, values: {} })
  if (upload.value.kind !== 'csv') return invalid({ errors: { file: 'The selected file must be a CSV file' }, values: {} })
  const result = await importResponses(user, consultation, upload.value.bytes.toString('utf8'), upload.value.name)
  if (!result.ok) {
    const errors: Record<string, string> = {}
    result.fileErrors.forEach((message, i) => (errors[i ? `file-${i}` : 'file'] = message))
    for (const p of result.problems) errors[`row-${p.row}`] = `Row ${p.row}: ${p.reasons.join('. ')}`
    return data({ ok: false as const, errors, problems: result.problems, badRows: result.badRows }, { status: 400 })
  }
  const skipped = result.skipped ? ` ${plural(result.skipped, 'row was', 'rows were')} already imported and ${result.skipped === 1 ? 'was' : 'were'} skipped.` : ''
  return redirectWithNotice(`/staff/consultations/${consultation.id}/analysis`, `${plural(result.imported, 'response has', 'responses have')} been imported.${skipped}`)
}

export default function ImportResponses() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const failed = actionData as { problems?: ImportProblem[]; badRows?: number } | undefined
  const problems = failed?.problems ?? []
  const badRows = failed?.badRows ?? 0
  const anchors = Object.fromEntries(problems.map((p) => [`row-${p.row}`, `row-${p.row}`]))
  return (
    <ReceivedResponsePage consultation={d} heading="Import responses" errors={actionData?.errors} anchors={anchors}>
      {problems.length ? (
        <>
          <h2 className="govuk-heading-m">Rows to correct</h2>
          <p className="govuk-body">
            Nothing was imported. Correct {badRows === 1 ? 'this row' : `these ${badRows.toLocaleString('en-GB')} rows`} and upload the whole file again
            {badRows > problems.length ? ` (the first ${problems.length} are listed)` : ''}.
          </p>
          <Table
            caption="Rows that could not be imported"
            rowKey={(p) => String(p.row)}
            rows={problems}
            firstCellIsHeader
            columns={[
              { header: 'Row', cell: (p) => <span id={`row-${p.row}`}>{p.row}</span>, numeric: true },
              { header: 'What to correct', cell: (p) => p.reasons.join('. ') },
            ]}
          />
        </>
      ) : null}
      {d.published ? (
        <Form method="post" encType="multipart/form-data" noValidate>
          <p className="govuk-body">
            Upload a CSV file with the columns of this consultation’s responses export: the respondent’s details, then for each question ({d.questions.join(', ')}) its answer, whether it is
            confidential and why, and for a free-text question the themes it is tagged with (separated by semicolons). Themes the coding frame does not have yet are added to it. Each row is checked as
            the online form checks a response. If any row has a problem, nothing is imported.
          </p>
          <p className="govuk-body">
            A row is recognised by its reference, or when it has none by its whole content, so uploading the same file again adds nothing twice. The date received (received_at, or submitted_at) must
            be from {formatDate(d.opensAt)} to {formatDate(d.closesAt)}. Rows with a channel of email or post keep it; others are counted as imported.
          </p>
          <FileUpload name="file" label="Upload a CSV file" hint={`Smaller than ${MAX_FILE_TEXT}.`} error={actionData?.errors?.file} accept=".csv,text/csv" />
          <Button>Import responses</Button>
        </Form>
      ) : (
        <p className="govuk-body">Responses can be imported once the consultation is published.</p>
      )}
    </ReceivedResponsePage>
  )
}
