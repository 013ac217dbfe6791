import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { invalid, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { DocumentUploadForm } from '~/modules/files/document-upload-form'
import { checkUpload } from '~/modules/files/files.server'
import { addDocument, MAX_DOCUMENTS, removeDocument } from '~/modules/pipeline/documents.server'
import { DocumentList } from '~/modules/files/attachment-list'
import { getNotice } from '~/modules/pipeline/notices.server'
import { staffNoticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Documents for ${data?.notice.title ?? 'notice'}`, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  return { notice: { id: notice.id, title: notice.title, published: Boolean(notice.publishedAt), documents: notice.documents }, maxDocuments: MAX_DOCUMENTS }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const id = params.id ?? ''
  const formData = await request.formData()
  const title = String(formData.get('title') ?? '').slice(0, 200)
  try {
    if (formData.get('intent') === 'remove') {
      await removeDocument(user, id, String(formData.get('documentId') ?? ''))
      return redirectWithNotice(staffNoticePath(id, 'documents'), 'The document has been removed')
    }
    const upload = await checkUpload(formData.get('file'), 'file')
    if (!upload.ok) return invalid({ errors: upload.errors, values: { title } })
    await addDocument(user, id, { title, upload: upload.value })
    return redirectWithNotice(staffNoticePath(id, 'documents'), 'The document has been added')
  } catch (error) {
    return ruleFailed(error, { values: { title } })
  }
}

export default function NoticeDocuments() {
  const { notice, maxDocuments } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={staffNoticePath(notice.id)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <span className="govuk-caption-l">{notice.title}</span>
          <h1 className="govuk-heading-l">Documents</h1>
          <p className="govuk-body">
            {notice.published
              ? 'Documents are public as soon as you add them. Adding or removing one is listed in the notice’s change log and alerts subscribers.'
              : 'Documents become public when the notice is published.'}
          </p>
          {notice.documents.length ? (
            <DocumentList documents={notice.documents} href={(d) => staffNoticePath(notice.id, `documents/${d.id}`)} remove />
          ) : (
            <p className="govuk-body">No documents yet.</p>
          )}
          <DocumentUploadForm
            count={notice.documents.length}
            max={maxDocuments}
            owner="notice"
            titleExample="Draft specification"
            values={actionData?.values as Record<string, string | undefined> | undefined}
            errors={actionData?.errors}
          />
        </div>
      </div>
    </PageContainer>
  )
}
