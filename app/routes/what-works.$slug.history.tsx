import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { getUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { findCaseStudyForViewer, REVISED_FIELDS, type RevisedField } from '~/modules/case-studies/case-studies.server'
import { claimantGroupLabel, evidenceMethodLabel, interventionTypeLabel, journeyStageLabel, outcomeMeasureLabel, regionLabel, timeAgo } from '~/modules/case-studies/options'
import { shorten } from '~/lib/shorten'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Changes to ${data?.title ?? 'case study'}`, 'What Works') }]

function describe(field: string, value: unknown): string {
  const list = (labeller: (v: string) => string) => (Array.isArray(value) ? value.map((v) => labeller(String(v))).join(', ') : String(value ?? ''))
  switch (field) {
    case 'claimantGroups':
      return list(claimantGroupLabel)
    case 'journeyStages':
      return list(journeyStageLabel)
    case 'interventionTypes':
      return list(interventionTypeLabel)
    case 'regions':
      return list(regionLabel)
    case 'evidenceMethod':
      return evidenceMethodLabel(String(value))
    case 'outcomes':
      return Array.isArray(value)
        ? value
            .map((o: { measure: string; target: number | null; achieved: number }) => `${outcomeMeasureLabel(o.measure)}: ${o.achieved}${o.target === null ? '' : ` (target ${o.target})`}`)
            .join('; ')
        : ''
    case 'story': {
      const text = String(value ?? '')
      return shorten(text, 600)
    }
    default:
      return String(value ?? '')
  }
}

// Deliberately public: the history of a published case study is part of it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const found = await findCaseStudyForViewer(params.slug ?? '', user)
  invariantResponse(found, 'Case study not found', { status: 404 })
  const now = new Date()
  return {
    slug: found.caseStudy.slug,
    title: found.caseStudy.title,
    publishedAt: found.caseStudy.publishedAt,
    revisions: found.revisions.map((r) => ({
      id: r.id,
      when: formatDateTime(r.createdAt),
      ago: timeAgo(r.createdAt, now),
      editorName: r.editorName ?? 'A former member',
      changes: r.changedFields.map((f) => ({ label: REVISED_FIELDS[f as RevisedField] ?? f, before: describe(f, (r.before as Record<string, unknown>)[f]) })),
    })),
  }
}

export default function CaseStudyHistory() {
  const data = useLoaderData<typeof loader>()
  return (
    <PageContainer before={<BackLink to={caseStudyPath(data.slug)}>Back to the case study</BackLink>}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{data.title}</span>
          <h1 className="govuk-heading-l">Changes since publication</h1>
          {data.revisions.length ? (
            data.revisions.map((r) => (
              <div key={r.id}>
                <h2 className="govuk-heading-m">
                  Edited {r.ago} by {r.editorName}
                </h2>
                <p className="govuk-body-s">{r.when}</p>
                <SummaryList rows={r.changes.map((c) => ({ key: c.label, value: <>Before: {c.before || 'empty'}</> }))} />
              </div>
            ))
          ) : (
            <p className="govuk-body">This case study has not been changed since it was published.</p>
          )}
        </div>
      </div>
    </PageContainer>
  )
}
