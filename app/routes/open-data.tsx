import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { Details } from '~/components/misc'
import { pageTitle } from '~/lib/meta'
import { consultationPath } from '~/lib/paths'
import { CAPABILITIES } from '~/modules/organisations/capabilities'
import { DATASETS } from '~/modules/open-data/datasets'
import { consultationsOpenData } from '~/modules/consultations/open-data.server'

// Deliberately public: only what the consultations' own public pages already publish.
export async function loader() {
  const all = await consultationsOpenData()
  return {
    consultations: all
      .map((c) => ({
        slug: c.slug,
        title: c.title,
        files: [
          ...(c.publishedResponses
            ? [
                { label: 'published responses (CSV)', href: consultationPath(c.slug, 'responses.csv') },
                { label: 'published responses (JSON)', href: consultationPath(c.slug, 'responses.json') },
              ]
            : []),
          ...(c.summaryOfResponses ? [{ label: 'summary of responses (ODT)', href: consultationPath(c.slug, 'summary.odt') }] : []),
        ],
      }))
      .filter((c) => c.files.length),
  }
}

export const meta: MetaFunction = () => [
  { title: pageTitle('Open data') },
  { name: 'description', content: 'Machine-readable data from the Commissioning Hub: the commercial pipeline, organisations, case-study outcomes and published responses.' },
]

export default function OpenData() {
  const { consultations } = useLoaderData<typeof loader>()
  return (
    <PageContainer>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Open data</h1>
          <p className="govuk-body-l">What the hub publishes, in formats a computer can read.</p>
          <p className="govuk-body">
            Everything here is published under the{' '}
            <a className="govuk-link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">
              Open Government Licence v3.0
            </a>
            . It is the same information as the hub’s pages, updated as soon as the pages change. Links are stable, so you can fetch them on a schedule.
          </p>
          {DATASETS.map((dataset) => (
            <section key={dataset.id} aria-labelledby={`dataset-${dataset.id}`}>
              <h2 className="govuk-heading-m" id={`dataset-${dataset.id}`}>
                {dataset.title}
              </h2>
              <p className="govuk-body">{dataset.description}</p>
              {dataset.updated ? <p className="govuk-body">{dataset.updated}</p> : null}
              <ul className="govuk-list">
                {dataset.formats.map((format) => (
                  <li key={format.href}>
                    <a className="govuk-link" href={format.href}>
                      {dataset.title} ({format.label})
                    </a>
                  </li>
                ))}
              </ul>
              {dataset.id === 'consultation-responses' ? (
                <ul className="govuk-list">
                  {consultations.flatMap((c) =>
                    c.files.map((f) => (
                      <li key={f.href}>
                        <a className="govuk-link" href={f.href}>
                          {c.title}: {f.label}
                        </a>
                      </li>
                    )),
                  )}
                </ul>
              ) : null}
            </section>
          ))}
          <h2 className="govuk-heading-m">Codes used in the data</h2>
          <Details summary="Provider capability keys">
            <dl className="govuk-summary-list govuk-summary-list--no-border">
              {CAPABILITIES.map((c) => (
                <div className="govuk-summary-list__row" key={c.key}>
                  <dt className="govuk-summary-list__key">
                    <code>{c.key}</code>
                  </dt>
                  <dd className="govuk-summary-list__value">{c.label}</dd>
                </div>
              ))}
            </dl>
          </Details>
          <p className="govuk-body">
            If you need data that is not here, or a different format,{' '}
            <Link className="govuk-link" to="/feedback">
              tell us
            </Link>
            .
          </p>
        </div>
      </div>
    </PageContainer>
  )
}
