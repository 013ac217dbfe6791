import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Button } from '~/components/button'
import { Radios } from '~/components/choices'
import { ErrorSummary } from '~/components/error-summary'
import { PageContainer } from '~/components/layout'
import { BackLink, Details, InsetText, WarningText } from '~/components/misc'
import { RichTextContent } from '~/components/rich-text-content'
import { SummaryList } from '~/components/summary-list'
import { Table } from '~/components/table'
import { Tag } from '~/components/tag'
import { Textarea } from '~/components/textarea'
import { getUser, requireUser } from '~/lib/auth.server'
import { rethrow, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate } from '~/lib/time'
import { findCaseStudyForViewer, REVISED_FIELDS, type RevisedField } from '~/modules/case-studies/case-studies.server'
import { caseStudyPage } from '~/modules/case-studies/page.server'
import {
  claimantGroupLabel,
  EVIDENCE_LEVEL_COUNT,
  evidenceLevel,
  evidenceLevelLabel,
  evidenceMethodLabel,
  interventionTypeLabel,
  journeyStageLabel,
  outcomeMeasureLabel,
  regionLabel,
  timeAgo,
} from '~/modules/case-studies/options'
import { plural } from '~/lib/plural'
import { publicPage } from '~/lib/http-cache'
import { INTENTS, isIntent } from './actions.server'
import { Discussion, present } from './discussion'
import { RatingText } from './rating'
import { StaffTools } from './staff-tools'
import { caseStudyPath } from '~/lib/paths'

// Signed-out visitors all see the same published content: shared and cached (app/lib/http-cache.ts).
export const handle = publicPage

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.caseStudy.title ?? 'Case study', 'What Works') },
  ...(data ? [{ name: 'description', content: data.caseStudy.summary }] : []),
  // Drafts and hidden case studies are shown only to people entitled to see them; never to search engines.
  ...(data && (data.caseStudy.status !== 'published' || data.caseStudy.hiddenAt) ? [{ name: 'robots', content: 'noindex' }] : []),
]

// Deliberately public: published case studies are for everyone; the module decides who sees drafts and hidden ones.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  const now = new Date()
  const found = await caseStudyPage(params.slug ?? '', user, now)
  invariantResponse(found, 'Case study not found', { status: 404 })
  const url = new URL(request.url)
  const all = found.thread.flatMap((c) => [c, ...c.replies])
  const replyTo = all.find((c) => c.id === url.searchParams.get('reply') && !c.hidden) ?? null
  const quote = all.find((c) => c.id === url.searchParams.get('quote') && !c.hidden) ?? null
  const { caseStudy: cs, thread, latestChange, ...rest } = found
  return {
    ...rest,
    caseStudy: { ...cs, storyJson: null, storyText: null },
    thread: thread.map((c) => present(c)),
    commentCount: all.filter((c) => !c.hidden).length,
    replyTo: replyTo ? { id: replyTo.id, authorName: replyTo.authorName } : null,
    quote: quote ? { id: quote.id, authorName: quote.authorName, body: quote.body } : null,
    editedAgo: cs.lastEditedAt ? timeAgo(cs.lastEditedAt, now) : null,
    latestChange: latestChange.map((f) => REVISED_FIELDS[f as RevisedField] ?? f),
    signInHref: `/sign-in?${new URLSearchParams({ redirectTo: `${caseStudyPath(cs.slug)}#discussion` })}`,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const found = await findCaseStudyForViewer(params.slug ?? '', user)
  invariantResponse(found, 'Case study not found', { status: 404 })
  const form = await request.formData()
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  if (!isIntent(values.intent)) throw new Response('Unknown action', { status: 400 })
  return INTENTS[values.intent]({ request, user, caseStudy: found.caseStudy, values }).catch(rethrow)
}

export default function CaseStudyPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { caseStudy: cs, organisation, outcomes, rating, viewer, validations } = data
  const errors = actionData?.errors
  const level = evidenceLevel(cs.evidenceMethod)
  return (
    <PageContainer before={<BackLink to="/what-works">Back to What Works</BackLink>}>
      <ErrorSummary errors={errors} anchors={{ form: 'main-content' }} />
      {cs.hiddenAt ? (
        <WarningText>
          Staff hid this case study on {formatDate(cs.hiddenAt)}: {cs.hiddenReason}. Only staff and members of {organisation.name} can see it.
        </WarningText>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {cs.status === 'draft' ? (
            <div className="govuk-inset-text">
              <p className="govuk-body govuk-!-font-weight-bold">This is a preview of a draft.</p>
              <p className="govuk-body">Only members of {organisation.name} can see it until it is published.</p>
              <div className="govuk-button-group">
                <Form method="post">
                  <input type="hidden" name="intent" value="publish" />
                  <Button>Publish case study</Button>
                </Form>
                <Link className="govuk-link" to={caseStudyPath(cs.slug, 'edit')}>
                  Change draft
                </Link>
              </div>
            </div>
          ) : null}
          <span className="govuk-caption-l">{organisation.name}</span>
          <h1 className="govuk-heading-l">{cs.title}</h1>
          <p className="govuk-body-s">
            {cs.publishedAt ? <>Published {formatDate(cs.publishedAt)}</> : <>Draft</>}
            {data.authorName ? <> by {data.authorName}</> : null}
            {data.editedAgo ? (
              <>
                {' · '}
                <Link className="govuk-link" to={caseStudyPath(cs.slug, 'history')}>
                  edited {data.editedAgo}
                  <span className="govuk-visually-hidden"> (see what changed)</span>
                </Link>
                {data.latestChange.length ? <>: {data.latestChange.join(', ').toLowerCase()} changed</> : null}
              </>
            ) : null}
          </p>
          <p>
            {cs.verifiedAt ? <Tag colour="green">Verified by the department</Tag> : null} <Tag colour="blue">{evidenceLevelLabel(level)}</Tag>{' '}
            {validations.length ? <Tag colour="turquoise">{`Validated by ${plural(validations.length, 'organisation member')}`}</Tag> : null}
          </p>
          <p className="govuk-body-l">{cs.summary}</p>

          <p className="govuk-body" id="rating">
            <RatingText rating={rating} />
          </p>

          <h2 className="govuk-heading-m">At a glance</h2>
          <SummaryList
            rows={[
              { key: 'Claimant groups', value: cs.claimantGroups.map(claimantGroupLabel).join(', ') },
              { key: 'Customer journey stages', value: cs.journeyStages.map(journeyStageLabel).join(', ') },
              { key: 'Intervention types', value: cs.interventionTypes.map(interventionTypeLabel).join(', ') },
              { key: 'Regions', value: cs.regions.map(regionLabel).join(', ') },
              { key: 'Programme', value: cs.programme },
              { key: 'Period covered', value: `${formatDate(cs.periodFrom)} to ${formatDate(cs.periodTo)}` },
              { key: 'Cohort size', value: cs.cohortSize.toLocaleString('en-GB') },
              {
                key: 'Evidence',
                value: (
                  <>
                    {evidenceMethodLabel(cs.evidenceMethod)} ({evidenceLevelLabel(level).toLowerCase()})
                  </>
                ),
              },
            ]}
          />

          <Table
            caption="Outcomes"
            columns={[
              { header: 'Measure', cell: (o) => outcomeMeasureLabel(o.measure) },
              { header: 'Target', numeric: true, cell: (o) => (o.target === null ? <span className="govuk-visually-hidden">No target</span> : o.target.toLocaleString('en-GB')) },
              { header: 'Achieved', numeric: true, cell: (o) => o.achieved.toLocaleString('en-GB') },
              { header: 'Share of cohort', numeric: true, cell: (o) => (cs.cohortSize ? `${((o.achieved / cs.cohortSize) * 100).toFixed(1)}%` : '') },
            ]}
            rows={outcomes}
            rowKey={(o) => o.id}
            firstCellIsHeader
          />

          {/* A story written in sections has its own headings; one heading above them would repeat their level. */}
          {cs.storyHtml.startsWith('<h2') ? null : <h2 className="govuk-heading-m">The story</h2>}
          <RichTextContent html={cs.storyHtml} />

          {cs.status === 'published' ? (
            <>
              <h2 className="govuk-heading-m" id="validation">
                Validation
              </h2>
              <Details summary="What evidence levels and validation mean">
                <p className="govuk-body">
                  The evidence level, from 1 to {EVIDENCE_LEVEL_COUNT}, follows how the figures were gathered: 1 self-reported, 2 management information, 3 an independent evaluation, 4 a randomised or
                  matched comparison. Members of other organisations validate the figures when they have seen the evidence behind them. Staff mark case studies they have checked as verified by the
                  department.
                </p>
              </Details>
              {validations.length ? (
                <ul className="govuk-list govuk-list--bullet">
                  {validations.map((v) => (
                    <li key={v.userId}>
                      {v.name}, {v.organisationName}, on {formatDate(v.createdAt)}
                      {v.note ? <>: “{v.note}”</> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="govuk-body">No one from another organisation has validated these outcomes yet.</p>
              )}
              {viewer.canValidate ? (
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="validate" />
                  <Textarea
                    name="note"
                    label="What evidence have you seen? (optional)"
                    labelSize="s"
                    hint="Validate the outcome figures only if you have seen the evidence behind them, for example management information or an evaluation report."
                    error={errors?.note}
                    defaultValue={valueOf(actionData?.values, 'note')}
                    rows={3}
                  />
                  <Button variant="secondary">Validate these outcomes</Button>
                </Form>
              ) : null}

              {viewer.canRate ? (
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="rate" />
                  <Radios
                    name="score"
                    legend={data.myRating ? 'Change your rating: how useful is this case study?' : 'How useful is this case study?'}
                    legendSize="m"
                    hint="Rate it from 1 star (not useful) to 5 stars (very useful). You can change your rating later."
                    error={errors?.score}
                    value={valueOf(actionData?.values, 'score') ?? (data.myRating ? String(data.myRating) : undefined)}
                    inline
                    options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: `${plural(n, 'star')}` }))}
                  />
                  <Button variant="secondary">Save rating</Button>
                </Form>
              ) : null}

              {viewer.cannotRateBecause === 'own-organisation' ? (
                <InsetText>
                  <p className="govuk-body">
                    You cannot rate or validate this case study because it was posted by {organisation.name}, an organisation you belong to. Members of other organisations rate and validate it, so
                    that its score and validations are independent of the people who wrote it.
                  </p>
                </InsetText>
              ) : viewer.cannotRateBecause === 'no-organisation' ? (
                <p className="govuk-body">
                  Members of provider organisations other than {organisation.name} can rate and validate this case study.{' '}
                  <Link className="govuk-link" to="/organisations/new">
                    Add your organisation
                  </Link>{' '}
                  or ask its admin to invite you.
                </p>
              ) : null}

              {viewer.isStaff ? <StaffTools verified={Boolean(cs.verifiedAt)} hidden={Boolean(cs.hiddenAt)} error={errors?.moderationReason} /> : null}

              <p className="govuk-body">
                {viewer.signedIn ? (
                  <Link className="govuk-link" to={caseStudyPath(cs.slug, 'report')}>
                    Report this case study
                  </Link>
                ) : null}
              </p>

              <Discussion data={data} actionData={actionData} />
            </>
          ) : null}

          {viewer.canEdit ? (
            <>
              <h2 className="govuk-heading-m">Manage</h2>
              <ul className="govuk-list">
                <li>
                  <Link className="govuk-link" to={caseStudyPath(cs.slug, 'edit')}>
                    Change this case study
                  </Link>
                </li>
                {cs.status === 'draft' ? (
                  <li>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete" />
                      <Button variant="warning">Delete draft</Button>
                    </Form>
                  </li>
                ) : null}
              </ul>
            </>
          ) : null}
        </div>
      </div>
    </PageContainer>
  )
}
