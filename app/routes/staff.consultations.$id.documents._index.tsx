import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { invalid, ruleFailed } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { staffConsultationPath } from '~/lib/paths'
import { redirectWithNotice } from '~/lib/notice.server'
import { ACCESSIBILITY_NOTES_MAX, DOCUMENT_KIND_OPTIONS } from '~/modules/consultations/document-kinds'
import { addConsultationDocument, checkDocumentFields, listConsultationDocuments, MAX_CONSULTATION_DOCUMENTS, removeConsultationDocument } from '~/modules/consultations/documents.server'
import { requireStaffConsultation } from '~/modules/consultations/staff.server'
import { DocumentList } from '~/modules/files/attachment-list'
import { DocumentUploadForm } from '~/modules/files/document-upload-form'
import { DOCUMENT_KINDS } from '~/modules/files/file-types'
import { checkUpload } from '~/modules/files/files.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Documents for ${data?.title ?? 'consultation'}`, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation } = await requireStaffConsultation(request, params.id)
  return {
    id: consultation.id,
    title: consultation.title,
    published: consultation.status === 'published',
    documents: await listConsultationDocuments(consultation.id),
    maxDocuments: MAX_CONSULTATION_DOCUMENTS,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, consultation } = await requireStaffConsultation(request, params.id)
  const base = staffConsultationPath(consultation.id, 'documents')
  const formData = await request.formData()
  const values = {
    title: String(formData.get('title') ?? '').slice(0, 200),
    kind: String(formData.get('kind') ?? ''),
    accessibilityNotes: String(formData.get('accessibilityNotes') ?? '').slice(0, 2000),
  }
  try {
    if (formData.get('intent') === 'remove') {
      await removeConsultationDocument(user, consultation.id, String(formData.get('documentId') ?? ''))
      return redirectWithNotice(base, 'The document has been removed')
    }
    // Every field's error at once: the typed fields are checked even when the file is wrong.
    const upload = await checkUpload(formData.get('file'), 'file', DOCUMENT_KINDS)
    const errors = { ...checkDocumentFields(values), ...(upload.ok ? {} : upload.errors) }
    if (!upload.ok || Object.keys(errors).length) return invalid({ errors, values })
    await addConsultationDocument(user, consultation.id, { ...values, upload: upload.value })
    return redirectWithNotice(base, 'The document has been added')
  } catch (error) {
    return ruleFailed(error, { values })
  }
}

export default function ConsultationDocuments() {
  const d = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>
  const errors = (actionData?.errors ?? {}) as Record<string, string | undefined>
  return (
    <PageContainer before={<BackLink to={staffConsultationPath(d.id)}>Back to the consultation</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-l">Documents</h1>
          <p className="govuk-body">
            {d.published
              ? 'This consultation is published: documents are public as soon as you add them, listed on its page and in the open data.'
              : 'Documents become public when the consultation is published.'}
          </p>
          {d.documents.length ? <DocumentList documents={d.documents} href={(doc) => staffConsultationPath(d.id, `documents/${doc.id}`)} remove /> : <p className="govuk-body">No documents yet.</p>}
          <DocumentUploadForm
            count={d.documents.length}
            max={d.maxDocuments}
            owner="consultation"
            titleExample="Consultation paper: employment support for disabled people"
            kinds={DOCUMENT_KINDS}
            values={values}
            errors={errors}
            before={<Radios name="kind" legend="What is the document?" legendSize="s" options={DOCUMENT_KIND_OPTIONS} value={values.kind ?? null} error={errors.kind} />}
            after={
              <Textarea
                name="accessibilityNotes"
                label="Accessibility notes (optional)"
                hint="What a reader using assistive technology should know, like Tagged PDF with headings; tables have header rows. Say how to ask for another format if the document is not fully accessible."
                defaultValue={values.accessibilityNotes}
                error={errors.accessibilityNotes}
                maxLength={ACCESSIBILITY_NOTES_MAX}
                rows={3}
              />
            }
          />
        </div>
      </div>
    </PageContainer>
  )
}
