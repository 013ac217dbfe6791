import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { requireStaff } from '~/lib/auth.server'
import { emailContent } from '~/lib/email-layout.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { getNewsletter, previewEmail } from '~/modules/newsletters/newsletters.server'
import { staffNewsletterPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Preview ${data?.as === 'email' ? 'email' : 'web page'}: ${data?.title ?? ''}`, 'Staff') }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request)
  const newsletter = await getNewsletter(params.id ?? '')
  invariantResponse(newsletter, 'Not found', { status: 404 })
  const as = new URL(request.url).searchParams.get('as') === 'email' ? 'email' : 'web'
  const preview = await previewEmail(newsletter)
  // The email's HTML part is shown as its content only: the page keeps its own head and styles.
  const emailBody = emailContent(preview.html)
  return { id: newsletter.id, title: newsletter.title, as, webHtml: preview.web.html, emailBody, text: preview.text }
}

export default function PreviewNewsletter() {
  const { id, title, as, webHtml, emailBody, text } = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to={staffNewsletterPath(id)}>Back</BackLink>}>
      <span className="govuk-caption-l">{as === 'email' ? 'Preview as email' : 'Preview as web page'}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      <nav aria-label="Preview" className="govuk-!-margin-bottom-6">
        <ul className="govuk-list">
          <li>
            {as === 'email' ? (
              <Link className="govuk-link" to="?as=web">
                Preview as web page
              </Link>
            ) : (
              <strong>Web page</strong>
            )}
          </li>
          <li>
            {as === 'web' ? (
              <Link className="govuk-link" to="?as=email">
                Preview as email
              </Link>
            ) : (
              <strong>Email</strong>
            )}
          </li>
        </ul>
      </nav>
      {as === 'web' ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <RichTextContent html={webHtml} />
          </div>
        </div>
      ) : (
        <>
          <h2 className="govuk-heading-m">HTML part</h2>
          <div className="app-email-preview">
            <RichTextContent html={emailBody.replace(/<h1>/g, '<h2>').replace(/<\/h1>/g, '</h2>')} />
          </div>
          <h2 className="govuk-heading-m">Plain-text part</h2>
          <pre className="app-email-preview app-email-preview--text" tabIndex={0}>
            {text}
          </pre>
        </>
      )}
    </PageContainer>
  )
}
