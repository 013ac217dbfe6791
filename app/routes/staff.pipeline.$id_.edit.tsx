import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { JSONContent } from '@tiptap/core'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, WarningText } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { RuleError } from '~/lib/result'
import { editableText } from '~/lib/rich-text.server'
import { redirectWithNotice } from '~/lib/notice.server'
import { lotCountOf } from '~/modules/pipeline/model'
import { parseNoticeForm, withAnotherLot } from '~/modules/pipeline/notice-form.server'
import { NOTICE_ERROR_ANCHORS, NoticeFields, noticeFormValues } from '~/modules/pipeline/notice-fields'
import { getNotice } from '~/modules/pipeline/notices.server'
import { updateNotice } from '~/modules/pipeline/authoring.server'
import { staffNoticePath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Edit ${data?.title ?? 'notice'}`, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const notice = await getNotice(params.id ?? '').catch(() => null)
  invariantResponse(notice, 'Not found')
  return {
    id: notice.id,
    title: notice.title,
    published: Boolean(notice.publishedAt),
    values: { ...noticeFormValues(notice), editVersion: String(notice.editVersion) },
    description: { json: (notice.descriptionJson as JSONContent | null) ?? null, text: editableText(notice.descriptionJson as JSONContent | null) },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'add-lot') return data(withAnotherLot(formData))
  const form = parseNoticeForm(formData)
  if (!form.ok) return invalid(form)
  try {
    await updateNotice(user, params.id ?? '', form.data, { editVersion: formData.get('editVersion') ? Number(formData.get('editVersion')) : undefined })
    return redirectWithNotice(staffNoticePath(params.id ?? ''), 'Your changes have been saved')
  } catch (error) {
    // A second save after a conflict is a deliberate choice to replace the colleague's version.
    const current = error instanceof RuleError && error.code === 'stale' ? await getNotice(params.id ?? '') : null
    return ruleFailed(error, { values: { ...formValues(formData), ...(current ? { editVersion: String(current.editVersion) } : {}) } })
  }
}

export default function EditNotice() {
  const { id, title, published, values, description } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const shown = actionData?.values ?? values
  return (
    <PageContainer before={<BackLink to={staffNoticePath(id)}>Back to the notice</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={NOTICE_ERROR_ANCHORS} />
          <span className="govuk-caption-l">{title}</span>
          <h1 className="govuk-heading-l">Edit notice</h1>
          {published ? <WarningText>This notice is published. Your changes will be listed in its public change log.</WarningText> : null}
          <Form method="post" noValidate>
            <input type="hidden" name="editVersion" value={String(shown.editVersion ?? '')} />
            <NoticeFields values={shown} errors={actionData?.errors} lotCount={lotCountOf(shown)} description={actionData ? undefined : description} />
            <Button name="intent" value="save">
              Save changes
            </Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
