import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ButtonLink } from '~/components/button'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs, InsetText } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { getUser } from '~/lib/auth.server'
import { sharedData } from '~/lib/shared-data.server'
import { pageTitle } from '~/lib/meta'
import { formatDate, formatDateTime } from '~/lib/time'
import { DatesLine, OutcomeLink, PhaseTag } from '~/modules/consultations/consultation-summary'
import { consultationStructure, listExtensions, NATIONS, phaseOf } from '~/modules/consultations/consultations.server'
import { publishedConsultation } from '~/modules/consultations/web.server'
import { hasPublishedResponses } from '~/modules/consultations/publication.server'
import { responsesOf } from '~/modules/consultations/responses.server'
import { publishedSummary } from '~/modules/consultations/summary.server'
import { listConsultationDocuments } from '~/modules/consultations/documents.server'
import { DocumentList } from '~/modules/files/attachment-list'
import { publicPage } from '~/lib/http-cache'
import { consultationPath, consultationResponsePath } from '~/lib/paths'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.title, 'Consultations') }, { name: 'description', content: data?.summary ?? '' }]

const PAGE_HEADINGS = [
  ['aimedAt', 'Who this consultation is aimed at'],
  ['purpose', 'Purpose of the consultation'],
  ['scope', 'Scope of the consultation'],
  ['howToRespond', 'How to respond'],
  ['confidentiality', 'Freedom of information and confidentiality'],
] as const

// Deliberately public: a published consultation is for everyone to read.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  // The published consultation is the same for everyone: kept per process until content changes.
  const { consultation, structure, extensions, responsesPublished, summary } = await sharedData(`consultation-page:${params.slug}`, async () => {
    const consultation = await publishedConsultation(params.slug)
    const [structure, extensions, responsesPublished, summary] = await Promise.all([
      consultationStructure(consultation),
      listExtensions(consultation.id),
      hasPublishedResponses(consultation.id),
      publishedSummary(consultation.id),
    ])
    return { consultation, structure, extensions, responsesPublished, summary }
  })
  const mine = user ? (await responsesOf(user.id)).filter((r) => r.consultation.slug === consultation.slug && r.status !== 'withdrawn') : []
  return {
    slug: consultation.slug,
    title: consultation.title,
    summary: consultation.summary,
    phase: phaseOf(consultation),
    opensAt: consultation.opensAt.toISOString(),
    closesAt: consultation.closesAt.toISOString(),
    nations: NATIONS.filter((n) => consultation.nations.includes(n.value)).map((n) => n.label),
    pages: PAGE_HEADINGS.map(([key, heading]) => ({ key, heading, html: consultation.pages[key]?.html ?? '' })),
    contactEmail: consultation.contactEmail,
    contactAddress: consultation.contactAddress,
    extensions: extensions.map((e) => ({ id: e.id, reason: e.reason, previous: e.previousClosesAt.toISOString(), next: e.newClosesAt.toISOString() })),
    sections: structure.sections.map((s) => ({ title: s.title, questions: s.questions.map((q) => ({ id: q.id, label: q.label, text: q.text })) })),
    mine: mine.map((r) => ({ id: r.id, status: r.status, organisationName: r.organisationName })),
    responsesPublished,
    summaryPublishedAt: summary?.publishedAt.toISOString() ?? null,
    documents: await listConsultationDocuments(consultation.id),
  }
}

export default function ConsultationPage() {
  const c = useLoaderData<typeof loader>()
  return (
    <PageContainer
      before={
        <Breadcrumbs
          items={[
            { href: '/', text: 'Home' },
            { href: '/consultations', text: 'Consultations' },
          ]}
        />
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">Consultation</span>
          <h1 className="govuk-heading-xl">{c.title}</h1>
          <p className="govuk-body">
            <PhaseTag phase={c.phase} />
          </p>
          <p className="govuk-body-l">{c.summary}</p>
          <p className="govuk-body">
            <DatesLine phase={c.phase} opensAt={c.opensAt} closesAt={c.closesAt} />
          </p>
          {c.extensions.map((e) => (
            <InsetText key={e.id}>
              The closing date was extended from {formatDateTime(e.previous)} to {formatDateTime(e.next)}. {e.reason}
            </InsetText>
          ))}
          {c.phase === 'outcome' || c.summaryPublishedAt ? (
            <InsetText>
              <h2 className="govuk-heading-m">Outcome</h2>
              <ul className="govuk-list">
                {c.summaryPublishedAt ? (
                  <li>
                    <Link className="govuk-link" to={consultationPath(c.slug, 'summary')}>
                      Summary of responses
                    </Link>{' '}
                    (published {formatDate(c.summaryPublishedAt)}): who responded and what they said
                  </li>
                ) : null}
                {c.phase === 'outcome' ? (
                  <li>
                    <OutcomeLink slug={c.slug} />
                  </li>
                ) : null}
              </ul>
            </InsetText>
          ) : null}
          {c.phase === 'open' ? (
            <>
              {c.mine.length ? (
                <ul className="govuk-list">
                  {c.mine.map((r) => (
                    <li key={r.id}>
                      <Link className="govuk-link" to={consultationResponsePath(c.slug, r.id)} reloadDocument>
                        {r.status === 'submitted' ? 'View or change your response' : 'Continue your draft response'}
                        {r.organisationName ? ` for ${r.organisationName}` : ''}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : null}
              <ButtonLink to={consultationPath(c.slug, 'respond')} isStartButton reloadDocument>
                Respond to this consultation
              </ButtonLink>
            </>
          ) : null}
          {c.phase === 'upcoming' ? <p className="govuk-body">You can respond from {formatDateTime(c.opensAt)}.</p> : null}
          {c.phase === 'closed' || c.phase === 'outcome' ? (
            <p className="govuk-body">
              This consultation has closed.{' '}
              {c.responsesPublished ? (
                <>
                  <Link className="govuk-link" to={consultationPath(c.slug, 'responses')}>
                    Read the published responses
                  </Link>
                  .
                </>
              ) : (
                'We will publish the responses whose authors agreed to publication once we have reviewed them.'
              )}
            </p>
          ) : null}

          {c.documents.length ? (
            <section aria-labelledby="documents">
              <h2 className="govuk-heading-l" id="documents">
                Documents
              </h2>
              <DocumentList documents={c.documents} href={(doc) => consultationPath(c.slug, `documents/${doc.id}`)} />
            </section>
          ) : null}
          <h2 className="govuk-heading-l">About this consultation</h2>
          {c.pages.map((p) =>
            p.html || p.key === 'scope' ? (
              <section key={p.key} aria-labelledby={`page-${p.key}`}>
                <h3 className="govuk-heading-m" id={`page-${p.key}`}>
                  {p.heading}
                </h3>
                {p.key === 'scope' && c.nations.length ? <p className="govuk-body">This consultation applies to {listOf(c.nations)}.</p> : null}
                {p.html ? <RichTextContent html={p.html} /> : null}
              </section>
            ) : null,
          )}
          <h3 className="govuk-heading-m">Duration of the consultation</h3>
          <p className="govuk-body">
            The consultation period begins on {formatDate(c.opensAt)} and runs until {formatDateTime(c.closesAt)}.
          </p>
          {c.contactEmail || c.contactAddress ? (
            <>
              <h3 className="govuk-heading-m">Contact</h3>
              {c.contactEmail ? (
                <p className="govuk-body">
                  Email:{' '}
                  <a className="govuk-link" href={`mailto:${c.contactEmail}`}>
                    {c.contactEmail}
                  </a>
                </p>
              ) : null}
              {c.contactAddress ? <p className="govuk-body app-consultation-text">{c.contactAddress}</p> : null}
            </>
          ) : null}

          <h2 className="govuk-heading-l">Consultation questions</h2>
          {c.sections.map((s) => (
            <section key={s.title}>
              <h3 className="govuk-heading-m">{s.title}</h3>
              <ul className="govuk-list">
                {s.questions.map((q) => (
                  <li key={q.id}>
                    <strong>{q.label}:</strong> {q.text}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
        <div className="govuk-grid-column-one-third">
          <aside className="app-related" aria-labelledby="help-heading">
            <h2 className="govuk-heading-s" id="help-heading">
              Help and feedback
            </h2>
            <ul className="govuk-list govuk-!-font-size-16">
              <li>
                <Link className="govuk-link" to={consultationPath(c.slug, 'accessible-format')}>
                  Ask for an accessible format or other help to respond
                </Link>
              </li>
              <li>
                <Link className="govuk-link" to={consultationPath(c.slug, 'feedback')}>
                  Give feedback on how we consult
                </Link>
              </li>
              {c.responsesPublished ? (
                <li>
                  <Link className="govuk-link" to={consultationPath(c.slug, 'responses')}>
                    Published responses
                  </Link>
                </li>
              ) : null}
            </ul>
          </aside>
        </div>
      </div>
    </PageContainer>
  )
}

function listOf(items: string[]) {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}
