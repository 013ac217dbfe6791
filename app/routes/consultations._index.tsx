import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { Button } from '~/components/button'
import { Checkboxes } from '~/components/choices'
import { PageContainer } from '~/components/layout'
import { Pagination } from '~/components/pagination'
import { TextInput } from '~/components/text-input'
import { getUser } from '~/lib/auth.server'
import { pageTitle } from '~/lib/meta'
import { DatesLine, PhaseTag } from '~/modules/consultations/consultation-summary'
import { findConsultations, phaseOf } from '~/modules/consultations/consultations.server'
import { FINDER_PHASES, PHASE_LABELS_PUBLIC, type FinderPhase } from '~/modules/consultations/phases'
import { plural } from '~/lib/plural'
import { SearchFallbackNotice } from '~/modules/search/fallback-notice'
import { withSearchFallback } from '~search/fallback.server'
import { publicPage } from '~/lib/http-cache'
import { consultationPath } from '~/lib/paths'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction = () => [
  { title: pageTitle('Consultations') },
  { name: 'description', content: 'Consultations from the DWP Employment Category: read the proposals, respond as an individual or for your organisation, and see what we did with the responses.' },
]

// Deliberately public: only published consultations are listed.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').slice(0, 200)
  const phases = url.searchParams.getAll('phase').filter((p): p is FinderPhase => (FINDER_PHASES as readonly string[]).includes(p))
  const page = Math.max(1, Math.min(1000, Number(url.searchParams.get('page')) || 1))
  const { searchFallback, ...result } = await withSearchFallback(() => findConsultations({ q, phases, page }))
  return {
    searchFallback,
    signedIn: Boolean(user),
    q,
    phases,
    page,
    total: result.total,
    pageCount: result.pageCount,
    consultations: result.rows.map((c) => ({
      slug: c.slug,
      title: c.title,
      summary: c.summary,
      phase: phaseOf(c),
      opensAt: c.opensAt.toISOString(),
      closesAt: c.closesAt.toISOString(),
    })),
  }
}

export default function Consultations() {
  const { q, phases, page, total, pageCount, consultations, signedIn, searchFallback } = useLoaderData<typeof loader>()
  const { search } = useLocation()
  return (
    <PageContainer>
      <SearchFallbackNotice show={searchFallback} />
      <h1 className="govuk-heading-xl">Consultations</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <Form method="get" role="search" aria-label="Consultations">
            <TextInput name="q" label="Search consultations" labelSize="s" defaultValue={q} type="search" />
            <Checkboxes name="phase" legend="Status" legendSize="s" small options={FINDER_PHASES.map((p) => ({ value: p, label: PHASE_LABELS_PUBLIC[p] }))} values={phases} />
            <Button variant="secondary">Apply filters</Button>
          </Form>
          {signedIn ? (
            <p className="govuk-body">
              <Link className="govuk-link" to="/consultations/yours">
                Your responses and drafts
              </Link>
            </p>
          ) : null}
        </div>
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body" role="status">
            {plural(total, 'consultation')}
          </p>
          <ul className="govuk-list">
            {consultations.map((c) => (
              <li key={c.slug} className="app-result">
                <h2 className="govuk-heading-m govuk-!-margin-bottom-2">
                  <Link className="govuk-link" to={consultationPath(c.slug)}>
                    {c.title}
                  </Link>
                </h2>
                <p className="govuk-body govuk-!-margin-bottom-2">
                  <PhaseTag phase={c.phase} />
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-2">
                  <DatesLine phase={c.phase} opensAt={c.opensAt} closesAt={c.closesAt} />
                </p>
                <p className="govuk-body">{c.summary}</p>
              </li>
            ))}
          </ul>
          {consultations.length ? null : <p className="govuk-body">No consultations match your search.</p>}
          <Pagination page={page} pageCount={pageCount} search={search} />
        </div>
      </div>
    </PageContainer>
  )
}
