import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useLocation } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { BackLink, InsetText } from '~/components/misc'
import { getUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { interestsOfUser, organisationsOf } from '~/modules/pipeline/interest.server'
import { INTEREST_ROLE_LABELS, isOpen } from '~/modules/pipeline/model'
import { ChangeLog, NoticeDetails } from '~/modules/pipeline/notice-view'
import { getPublishedNotice } from '~/modules/pipeline/notices.server'
import { listRevisions } from '~/modules/pipeline/revisions.server'
import { publicPage } from '~/lib/http-cache'
import { noticePath } from '~/lib/paths'
import { eventWhere, formatEventTime, placesLeftText } from '~/modules/pipeline/events'
import { listEvents } from '~/modules/pipeline/events.server'
import { publishedQuestions, takesQuestions } from '~/modules/pipeline/questions.server'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.notice.title ?? 'Notice', 'Pipeline') },
  ...(data ? [{ name: 'description', content: data.notice.summary }] : []),
]

// Deliberately public: published notices are for everyone; interest is shown to the signed-in person only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const notice = await getPublishedNotice(params.slug ?? '')
  invariantResponse(notice, 'Not found')
  const user = await getUser(request)
  const revisions = await listRevisions(notice.id)
  const mine = user ? await interestsOfUser(user.id, notice.id) : []
  const organisations = user ? await organisationsOf(user.id) : []
  const events = await listEvents(notice.id)
  return {
    notice,
    revisions,
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      when: formatEventTime(e.startsAt, e.endsAt),
      where: eventWhere(e),
      places: e.cancelledAt ? 'Cancelled' : new Date(e.startsAt) <= new Date() ? 'Taken place' : placesLeftText(e.capacity, e.taken),
    })),
    questions: await publishedQuestions(notice.id),
    takesQuestions: takesQuestions(notice.status),
    signedIn: Boolean(user),
    mine: mine.map((m) => ({ id: m.interest.id, name: m.organisation.name, role: m.interest.role, seekingPartners: m.interest.seekingPartners })),
    canRegister: isOpen(notice.status) && organisations.some((o) => !mine.some((m) => m.organisation.id === o.id)),
    hasOrganisation: organisations.length > 0,
  }
}

export default function NoticePage() {
  const { notice, revisions, events, questions, takesQuestions, signedIn, mine, canRegister, hasOrganisation } = useLoaderData<typeof loader>()
  const location = useLocation()
  return (
    <PageContainer before={<BackLink to="/pipeline">Back to the pipeline</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Pipeline notice {notice.reference}</span>
          <h1 className="govuk-heading-l">{notice.title}</h1>
          <p className="govuk-body-l">{notice.summary}</p>
          <p className="govuk-body">
            First published {formatDate(notice.publishedAt!)}. Last updated {formatDate(notice.lastUpdatedAt ?? notice.publishedAt!)}
            {revisions.length > 1 ? (
              <>
                {' '}
                (
                <a className="govuk-link" href="#change-log">
                  see what changed
                </a>
                )
              </>
            ) : null}
            .
          </p>

          {/* A closed notice takes no more interest: the section stays only for those who registered. */}
          {isOpen(notice.status) || mine.length ? (
            <section aria-labelledby="interest-heading" className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-m" id="interest-heading">
                Register interest and find partners
              </h2>
              {mine.length ? (
                <InsetText>
                  <ul className="govuk-list">
                    {mine.map((m) => (
                      <li key={m.name}>
                        {m.name} has registered interest as {INTEREST_ROLE_LABELS[m.role].toLowerCase()}
                        {m.seekingPartners ? ' and is seeking partners' : ''}.{' '}
                        <Link className="govuk-link" to={noticePath(notice.slug, `interest/${m.id}`)}>
                          Change or withdraw<span className="govuk-visually-hidden"> {m.name}’s interest</span>
                        </Link>
                      </li>
                    ))}
                  </ul>
                  <Link className="govuk-link" to={noticePath(notice.slug, 'partners')}>
                    See organisations seeking partners on this notice
                  </Link>
                </InsetText>
              ) : null}
              {!signedIn ? (
                <p className="govuk-body">
                  <Link className="govuk-link" to={`/sign-in?${new URLSearchParams({ redirectTo: location.pathname })}`}>
                    Sign in
                  </Link>{' '}
                  to register your organisation’s interest, say whether you are seeking partners, and see other organisations looking for partners on this notice.
                </p>
              ) : canRegister ? (
                <ButtonLink to={noticePath(notice.slug, 'interest')}>Register interest</ButtonLink>
              ) : !hasOrganisation ? (
                <p className="govuk-body">
                  To register interest, first{' '}
                  <Link className="govuk-link" to="/organisations/new">
                    add your organisation
                  </Link>{' '}
                  or ask its admin to invite you.
                </p>
              ) : !isOpen(notice.status) ? (
                <p className="govuk-body">This notice is closed, so interest can no longer be registered.</p>
              ) : null}
            </section>
          ) : null}

          {events.length ? (
            <section aria-labelledby="events-heading" className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-m" id="events-heading">
                Market engagement events
              </h2>
              <ul className="govuk-list govuk-list--spaced">
                {events.map((e) => (
                  <li key={e.id}>
                    <Link className="govuk-link govuk-!-font-weight-bold" to={noticePath(notice.slug, `events/${e.id}`)}>
                      {e.title}
                    </Link>
                    <br />
                    {e.when}. {e.where}. {e.places}.
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <NoticeDetails notice={notice} documentHref={(d) => noticePath(notice.slug, `documents/${d.id}`)} />

          {questions.length || takesQuestions ? (
            <section aria-labelledby="clarifications" className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-m" id="clarifications">
                Clarification questions
              </h2>
              {questions.length ? (
                <dl className="app-questions">
                  {questions.map((q) => (
                    <div key={q.id} className="govuk-!-margin-bottom-4">
                      <dt className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1 app-pre-wrap">{q.question}</dt>
                      <dd className="govuk-body govuk-!-margin-left-0 app-pre-wrap">{q.answer}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p className="govuk-body">No clarification questions have been answered yet.</p>
              )}
              {takesQuestions ? (
                <p className="govuk-body">
                  <Link className="govuk-link" to={noticePath(notice.slug, 'questions')}>
                    Ask a clarification question
                  </Link>
                  . Questions are answered here for everyone, without saying who asked.
                </p>
              ) : (
                <p className="govuk-body">The deadline for clarification questions on this notice has passed.</p>
              )}
            </section>
          ) : null}

          <h2 className="govuk-heading-m">Download this notice</h2>
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href={noticePath(notice.slug, 'notice.csv')}>
                {notice.reference} as CSV
              </a>
            </li>
            <li>
              <a className="govuk-link" href={noticePath(notice.slug, 'notice.json')}>
                {notice.reference} as JSON
              </a>
            </li>
            <li>
              <a className="govuk-link" href={noticePath(notice.slug, 'ocds.json')}>
                {notice.reference} as Open Contracting Data Standard releases
              </a>
            </li>
          </ul>
          <p className="govuk-body">
            Published under the{' '}
            <a className="govuk-link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
              Open Government Licence v3.0
            </a>
            .
          </p>
          <ChangeLog revisions={revisions} />
        </div>
      </div>
    </PageContainer>
  )
}
