import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { invalid } from '~/lib/forms'
import { pageTitle } from '~/lib/meta'
import { NewsletterFields } from '~/modules/newsletters/newsletter-fields'
import { parseNewsletterForm } from '~/modules/newsletters/newsletter-form.server'
import { createNewsletter } from '~/modules/newsletters/newsletters.server'
import { staffNewsletterPath } from '~/lib/paths'

export const meta: MetaFunction = () => [{ title: pageTitle('New newsletter', 'Staff') }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request)
  const form = parseNewsletterForm(await request.formData())
  if (!form.ok) return invalid(form)
  const newsletter = await createNewsletter(form.data, user)
  return redirect(staffNewsletterPath(newsletter.id))
}

export default function NewNewsletter() {
  const actionData = useActionData<typeof action>()
  return (
    <PageContainer before={<BackLink to="/staff/newsletters">Newsletters</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors} />
          <h1 className="govuk-heading-l">New newsletter</h1>
          <Form method="post" noValidate>
            <NewsletterFields
              defaults={{ title: '', summary: '', bodyJson: null, bodyText: '', blocks: ['open_consultations', 'new_pipeline_notices', 'top_case_studies'] }}
              errors={actionData?.errors}
              values={actionData?.values}
            />
            <Button>Save draft</Button>
          </Form>
        </div>
      </div>
    </PageContainer>
  )
}
