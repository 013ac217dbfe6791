import type { LoaderFunctionArgs, MetaFunction, LinksFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { pageTitle } from '~/lib/meta'
import { NEWSLETTER_FEED_LINK } from '~/modules/newsletters/topics'
import { formatDate } from '~/lib/time'
import { listSentNewsletters } from '~/modules/newsletters/newsletters.server'
import { publicPage } from '~/lib/http-cache'
import { newsletterPath } from '~/lib/paths'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

// Feed readers and browsers find the archive's feed from any newsletter page.
export const links: LinksFunction = () => [NEWSLETTER_FEED_LINK]

export const meta: MetaFunction = () => [
  { title: pageTitle('Newsletters') },
  { name: 'description', content: 'Every issue of the Employment Category Newsletter, sent quarterly to current and potential suppliers.' },
]

// Deliberately public: the archive shows only issues that have been sent.
export async function loader(_args: LoaderFunctionArgs) {
  const issues = await listSentNewsletters()
  return { issues: issues.map((i) => ({ slug: i.slug, title: i.title, summary: i.summary, sentAt: i.sentAt!.toISOString() })) }
}

export default function NewsletterArchive() {
  const { issues } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Newsletters</h1>
          <p className="govuk-body-l">The Employment Category Newsletter goes to current and potential suppliers every quarter.</p>
          <ButtonLink to="/subscribe">Subscribe by email</ButtonLink>
          <p className="govuk-body">
            Or follow the{' '}
            <a className="govuk-link" href="/newsletters/feed.atom" type="application/atom+xml">
              newsletter Atom feed
            </a>{' '}
            in a feed reader.
          </p>
          <h2 className="govuk-heading-m">Past issues</h2>
          {issues.length ? (
            <ul className="govuk-list">
              {issues.map((issue) => (
                <li key={issue.slug} className="govuk-!-margin-bottom-5">
                  <h3 className="govuk-heading-s govuk-!-margin-bottom-1">
                    <Link className="govuk-link" to={newsletterPath(issue.slug)}>
                      {issue.title}
                    </Link>
                  </h3>
                  <p className="govuk-body-s govuk-!-margin-bottom-1">Sent {formatDate(issue.sentAt)}</p>
                  {issue.summary ? <p className="govuk-body">{issue.summary}</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No newsletters have been sent yet.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
