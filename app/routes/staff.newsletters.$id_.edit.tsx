import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import type { JSONContent } from '@tiptap/core'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { editableText } from '~/lib/rich-text.server'
import { NewsletterFields } from '~/modules/newsletters/newsletter-fields'
import { parseNewsletterForm } from '~/modules/newsletters/newsletter-form.server'
import { getNewsletter, updateNewsletter } from '~/modules/newsletters/newsletters.server'
import { staffNewsletterPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('Change newsletter', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  invariantResponse(newsletter.status === 'draft' || newsletter.status === 'scheduled', 'A sent newsletter cannot be changed', { status: 409 })
  return {
    id: newsletter.id,
    defaults: {
      title: newsletter.title,
      summary: newsletter.summary,
      bodyJson: newsletter.bodyJson as JSONContent,
      bodyText: editableText(newsletter.bodyJson as JSONContent),
      blocks: newsletter.blocks,
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const formData = await request.formData()
  const form = parseNewsletterForm(formData)
  if (!form.ok) return invalid(form)
  try {
    await updateNewsletter(params.id ?? '', form.data, user)
  } catch (error) {
    return ruleFailed(error, { field: 'title', values: formValues(formData) })
  }
  return redirect(staffNewsletterPath(params.id ?? ''))
}

export default function EditNewsletter() {
  const { id, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to={staffNewsletterPath(id)}>Back</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">Change newsletter</h1>
          <Form method="post" noValidate>
            <NewsletterFields defaults={defaults} errors={actionData?.errors} values={actionData?.values} />
            <Button>Save changes</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
