import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { DateInput } from '~/components/date-input'
import { FileUpload } from '~/components/file-upload'
import { invalid, ruleFailed, valueOf } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { formatDate } from '~/lib/time'
import { consultationStructure } from '~/modules/consultations/consultations.server'
import { DetailsFields } from '~/modules/consultations/details-form'
import { readOfflineForm } from '~/modules/consultations/offline-form.server'
import { OFFLINE_CHANNELS } from '~/modules/consultations/channels'
import { enterOfflineResponse } from '~/modules/consultations/received.server'
import { ReceivedResponsePage } from '~/modules/consultations/received-pages'
import { receivingWindow } from '~/modules/consultations/received.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { ACCEPTED_KINDS_TEXT, MAX_FILE_TEXT } from '~/modules/files/file-types'
import { QuestionField } from '~/modules/questionnaires/question-field'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle('Enter a response received by email or post', data?.title, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  const structure = await consultationStructure(consultation)
  return {
    ...receivingWindow(consultation),
    sections: structure.sections,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const structure = await consultationStructure(consultation)
  const form = await readOfflineForm(await request.formData(), consultation, structure)
  if (!form.ok) return invalid(form)
  try {
    const response = await enterOfflineResponse(user, consultation, form.entry)
    return redirectWithNotice(`/staff/consultations/${consultation.id}/responses/${response.id}`, `Response ${response.reference} has been entered. It counts like any other response`)
  } catch (error) {
    return ruleFailed(error)
  }
}

export default function EnterOfflineResponse() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const values = actionData?.values
  return (
    <ReceivedResponsePage consultation={d} heading="Enter a response received by email or post" errors={errors}>
      {d.published ? (
        <Form method="post" encType="multipart/form-data" noValidate>
          <p className="govuk-body">
            Enter the response as its author gave it. It counts and is analysed like a response made online, and the record shows you entered it. Responses received from {formatDate(d.opensAt)} to{' '}
            {formatDate(d.closesAt)} can be entered.
          </p>
          <h2 className="govuk-heading-m">How it was received</h2>
          <Radios name="channel" legend="How was the response received?" legendSize="s" value={valueOf(values, 'channel')} error={errors?.channel} options={[...OFFLINE_CHANNELS]} />
          <DateInput
            name="receivedAt"
            legend="Date received"
            legendSize="s"
            hint="For example, 27 9 2013"
            value={{ day: valueOf(values, 'receivedAt-day'), month: valueOf(values, 'receivedAt-month'), year: valueOf(values, 'receivedAt-year') }}
            error={errors?.receivedAt}
          />
          <FileUpload
            name="original"
            label="Scan of the letter, or the email saved as a document"
            hint={`A ${ACCEPTED_KINDS_TEXT} file, smaller than ${MAX_FILE_TEXT}. Only staff can see it.`}
            error={errors?.original}
          />
          <h2 className="govuk-heading-m">About the respondent</h2>
          <DetailsFields values={values} errors={errors} askEmail organisations={[]} onBehalf />
          {d.sections.map((section) => (
            <section key={section.id}>
              <h2 className="govuk-heading-m">{section.title}</h2>
              {section.questions.map((q) =>
                q.type === 'file_upload' ? (
                  <p className="govuk-body" key={q.id}>
                    {q.label}: {q.text} The document sent with the response is part of the original you attach above.
                  </p>
                ) : (
                  <QuestionField key={q.id} question={q} values={values} errors={errors} confidentiality />
                ),
              )}
            </section>
          ))}
          <Button>Enter response</Button>
        </Form>
      ) : (
        <p className="govuk-body">Responses can be entered once the consultation is published.</p>
      )}
    </ReceivedResponsePage>
  )
}
