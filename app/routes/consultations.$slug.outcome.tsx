import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Breadcrumbs } from '~/components/misc'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { outcomeFor } from '~/modules/consultations/analysis.server'
import { hasPublishedResponses } from '~/modules/consultations/publication.server'
import { OutcomeCounts } from '~/modules/consultations/outcome-counts'
import { publishedConsultation } from '~/modules/consultations/web.server'
import { consultationPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle('Outcome: what you said and what we will do', data?.title) },
  { name: 'description', content: `What people said in response to ${data?.title ?? 'the consultation'}, and what the Employment Category will do as a result.` },
]

// Deliberately public once the outcome is published.
export async function loader({ params }: LoaderFunctionArgs) {
  const consultation = await publishedConsultation(params.slug)
  invariantResponse(consultation.outcomePublishedAt, 'Outcome not published')
  const outcome = await outcomeFor(consultation)
  return {
    slug: consultation.slug,
    title: consultation.title,
    publishedAt: consultation.outcomePublishedAt.toISOString(),
    intro: consultation.outcomeIntro,
    responsesPublished: await hasPublishedResponses(consultation.id),
    total: outcome.total,
    note: outcome.note,
    perQuestion: outcome.perQuestion.map((p) => ({ ...p, question: { id: p.question.id, label: p.question.label, text: p.question.text } })),
  }
}

export default function Outcome() {
  const d = useLoaderData<typeof loader>()
  return (
    <PageContainer
      before={
        <Breadcrumbs
          items={[
            { href: '/consultations', text: 'Consultations' },
            { href: consultationPath(d.slug), text: d.title },
          ]}
        />
      }
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.title}</span>
          <h1 className="govuk-heading-xl">Outcome: what you said and what we will do</h1>
          <p className="govuk-body-s">
            Published {formatDate(d.publishedAt)}. {d.note}
          </p>
          <p className="govuk-body-l app-consultation-text">{d.intro}</p>
          {d.perQuestion.map((p) => (
            <section key={p.question.id} aria-labelledby={`outcome-${p.question.id}`}>
              <h2 className="govuk-heading-m" id={`outcome-${p.question.id}`}>
                {p.question.label}: {p.question.text}
              </h2>
              <OutcomeCounts total={d.total} item={p} />
              {p.youSaid ? (
                <>
                  <h3 className="govuk-heading-s">You said</h3>
                  <p className="govuk-body app-consultation-text">{p.youSaid}</p>
                </>
              ) : null}
              {p.weDid ? (
                <>
                  <h3 className="govuk-heading-s">We will</h3>
                  <p className="govuk-body app-consultation-text">{p.weDid}</p>
                </>
              ) : null}
            </section>
          ))}
          {d.responsesPublished ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={consultationPath(d.slug, 'responses')}>
                Read the published responses
              </Link>
            </p>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}
