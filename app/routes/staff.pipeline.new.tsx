import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { redirectWithNotice } from '~/lib/notice.server'
import { lotCountOf } from '~/modules/pipeline/model'
import { parseNoticeForm, withAnotherLot } from '~/modules/pipeline/notice-form.server'
import { NEW_NOTICE_VALUES, NOTICE_ERROR_ANCHORS, NoticeFields } from '~/modules/pipeline/notice-fields'
import { createNotice } from '~/modules/pipeline/authoring.server'
import { staffNoticePath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('New pipeline notice', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const formData = await request.formData()
  if (formData.get('intent') === 'add-lot') return data(withAnotherLot(formData))
  const form = parseNoticeForm(formData)
  if (!form.ok) return invalid(form)
  try {
    const notice = await createNotice(user, form.data)
    return redirectWithNotice(staffNoticePath(notice.id), 'The notice has been saved as a draft')
  } catch (error) {
    return ruleFailed(error, { values: formValues(formData) })
  }
}

export default function NewNotice() {
  const actionData = useActionData<typeof action>()
  const values = actionData?.values ?? NEW_NOTICE_VALUES
  return (
    <PageContainer before={<BackLink to="/staff/pipeline">Back to pipeline notices</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} anchors={NOTICE_ERROR_ANCHORS} />
          <span className="govuk-caption-l">Pipeline</span>
          <h1 className="govuk-heading-l">New pipeline notice</h1>
          <p className="govuk-body">The notice is saved as a draft. Only staff can see it until you publish it.</p>
          <Form method="post" noValidate>
            <NoticeFields values={values} errors={actionData?.errors} lotCount={lotCountOf(values)} />
            <Button name="intent" value="save">
              Save draft
            </Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
