import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { JSONContent } from '@tiptap/core'
import { Button } from '~/components/button'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, Details } from '~/components/misc'
import { requireStaff } from '~/lib/auth.server'
import { formValues, invalid, ruleFailed, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { editableText } from '~/lib/rich-text.server'
import { NewsletterFields } from '~/modules/newsletters/newsletter-fields'
import { parseNewsletterForm } from '~/modules/newsletters/newsletter-form.server'
import { getNewsletter, updateNewsletter } from '~/modules/newsletters/newsletters.server'
import { newsletterPath, staffNewsletterPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.sentAt ? 'This newsletter has been sent' : 'Change newsletter', 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  return {
    id: newsletter.id,
    title: newsletter.title,
    slug: newsletter.slug,
    sentAt: newsletter.status === 'draft' || newsletter.status === 'scheduled' ? null : (newsletter.sentAt ?? newsletter.updatedAt).toISOString(),
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
  const { id, title, slug, sentAt, defaults } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (sentAt) {
    return (
      <PageContainer before={<BackLink to={staffNewsletterPath(id)}>Back</BackLink>}>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <span className="govuk-caption-l">{title}</span>
            <h1 className="govuk-heading-l">This newsletter has been sent</h1>
            {actionData?.values ? (
              <>
                <p className="govuk-body">Your changes were not saved: it went out while you were editing it.</p>
                <Details summary="The changes you made">
                  <p className="govuk-body">
                    <strong>Title:</strong> {valueOf(actionData.values, 'title')}
                  </p>
                  <p className="govuk-body">
                    <strong>Summary:</strong> {valueOf(actionData.values, 'summary')}
                  </p>
                  <p className="govuk-body app-preserve-lines">{valueOf(actionData.values, 'body')}</p>
                </Details>
              </>
            ) : null}
            <p className="govuk-body">It went out at {formatDateTime(sentAt)}, so it can no longer be changed. Subscribers have the version that was sent.</p>
            <ul className="govuk-list">
              <li>
                <Link className="govuk-link" to={staffNewsletterPath(id)}>
                  See how the send went
                </Link>
              </li>
              <li>
                <Link className="govuk-link" to={newsletterPath(slug)}>
                  Read it in the public archive
                </Link>
              </li>
              <li>
                <Link className="govuk-link" to="/staff/newsletters/new">
                  Create a newsletter
                </Link>
              </li>
            </ul>
          </div>
        </div>
      </PageContainer>
    )
  }
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
