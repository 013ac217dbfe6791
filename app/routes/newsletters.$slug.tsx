import type { LoaderFunctionArgs, MetaFunction, LinksFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { NEWSLETTER_FEED_LINK } from '~/modules/newsletters/topics'
import { formatDate } from '~/lib/time'
import { getSentNewsletter } from '~/modules/newsletters/newsletters.server'
import { publicPage } from '~/lib/http-cache'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

// Feed readers and browsers find the archive's feed from any newsletter page.
export const links: LinksFunction = () => [NEWSLETTER_FEED_LINK]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.title, 'Newsletters') }, { name: 'description', content: data?.summary ?? '' }]

// Deliberately public: only sent issues are found; the page shows what went out, frozen when it was sent.
export async function loader({ params }: LoaderFunctionArgs) {
  const issue = await getSentNewsletter(params.slug ?? '')
  invariantResponse(issue, 'Not found', { status: 404 })
  return { title: issue.title, summary: issue.summary, sentAt: issue.sentAt!.toISOString(), html: issue.issueHtml ?? issue.bodyHtml }
}

export default function NewsletterIssue() {
  const issue = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to="/newsletters">All newsletters</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Employment Category Newsletter</span>
          <h1 className="govuk-heading-xl">{issue.title}</h1>
          <p className="govuk-body-s">Sent {formatDate(issue.sentAt)}</p>
          <RichTextContent html={issue.html} />
          <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
          <p className="govuk-body">Get the next issue by email.</p>
          <ButtonLink to="/subscribe">Subscribe</ButtonLink>
        </div>
      </div>
    </PageContainer>
  )
}
