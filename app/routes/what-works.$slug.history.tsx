import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { PageContainer } from '~/components/layout'
import { BackLink } from '~/components/misc'
import { SummaryList } from '~/components/summary-list'
import { getUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDateTime } from '~/lib/time'
import { editHistory, findCaseStudyForViewer, REVISED_FIELDS } from '~/modules/case-studies/case-studies.server'
import { claimantGroupLabel, evidenceMethodLabel, interventionTypeLabel, journeyStageLabel, outcomeMeasureLabel, regionLabel, timeAgo } from '~/modules/case-studies/options'
import { DiffText } from '~/components/diff-text'
import { diffList, diffWords } from '~/lib/word-diff'
import { caseStudyPath } from '~/lib/paths'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(`Changes to ${data?.title ?? 'case study'}`, 'What Works') }]

const LISTS: Record<string, (value: string) => string> = {
  claimantGroups: claimantGroupLabel,
  journeyStages: journeyStageLabel,
  interventionTypes: interventionTypeLabel,
  regions: regionLabel,
}

/** A field's value as words a reader knows: a list of items for tags and outcomes, otherwise text. */
function describe(field: string, value: unknown): string | string[] {
  if (field in LISTS) return Array.isArray(value) ? value.map((v) => LISTS[field](String(v))) : []
  if (field === 'outcomes') {
    return Array.isArray(value)
      ? value.map((o: { measure: string; target: number | null; achieved: number }) => `${outcomeMeasureLabel(o.measure)}: ${o.achieved}${o.target === null ? '' : ` (target ${o.target})`}`)
      : []
  }
  if (field === 'evidenceMethod') return value ? evidenceMethodLabel(String(value)) : ''
  return value === null || value === undefined ? '' : String(value)
}

function diff(field: string, before: unknown, after: unknown) {
  const a = describe(field, before)
  const b = describe(field, after)
  return Array.isArray(a) || Array.isArray(b) ? { list: true, runs: diffList([a].flat(), [b].flat()), empty: !a.length && !b.length } : { list: false, runs: diffWords(a, b), empty: !a && !b }
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
    revisions: editHistory(found.caseStudy, found.outcomes, found.revisions).map((r) => ({
      id: r.id,
      when: formatDateTime(r.createdAt),
      ago: timeAgo(r.createdAt, now),
      editorName: r.editorName ?? 'A former member',
      changes: r.changes.map((c) => ({ label: REVISED_FIELDS[c.field], ...diff(c.field, c.before, c.after) })),
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
            <p className="govuk-body">
              Each change shows the words removed <del className="app-diff-removed">struck through</del> and the words added <ins className="app-diff-added">underlined</ins>.
            </p>
          ) : null}
          {data.revisions.length ? (
            data.revisions.map((r) => (
              <div key={r.id}>
                <h2 className="govuk-heading-m">
                  Edited {r.ago} by {r.editorName}
                </h2>
                <p className="govuk-body-s">{r.when}</p>
                <SummaryList
                  rows={r.changes.map((c) => ({
                    key: c.label,
                    value: c.empty ? (
                      'Empty'
                    ) : (
                      <p className={c.list ? 'govuk-body' : 'govuk-body app-pre-wrap'}>
                        <DiffText runs={c.runs} separator={c.list ? ', ' : ''} />
                      </p>
                    ),
                  }))}
                />
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
