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
import { getUser, requireUser, requireVerifiedUser } from '~/lib/auth.server'
import { invalid, valueOf } from '~/lib/forms'
import { invariantResponse } from '~/lib/http.server'
import { pageTitle } from '~/lib/meta'
import { formatDate, formatDateTime } from '~/lib/time'
import { redirectWithNotice } from '~/lib/notice.server'
import { CASE_STUDY_NOTICES, type CaseStudyNotice } from '~/modules/case-studies/notices'
import { deleteDraft, findCaseStudyForViewer, publishCaseStudy, REVISED_FIELDS, type RevisedField } from '~/modules/case-studies/case-studies.server'
import { addComment, discussion, rateCaseStudy, setVerified, validateOutcomes, type ThreadComment } from '~/modules/case-studies/engagement.server'
import { setHidden } from '~/modules/case-studies/moderation.server'
import {
  claimantGroupLabel,
  COMMENT_EDIT_MINUTES,
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
  const found = await findCaseStudyForViewer(params.slug ?? '', user)
  invariantResponse(found, 'Case study not found', { status: 404 })
  const url = new URL(request.url)
  const now = new Date()
  const thread = found.caseStudy.status === 'published' ? await discussion(found.caseStudy.id, user, { now }) : []
  const all = thread.flatMap((c) => [c, ...c.replies])
  const replyTo = all.find((c) => c.id === url.searchParams.get('reply') && !c.hidden) ?? null
  const quote = all.find((c) => c.id === url.searchParams.get('quote') && !c.hidden) ?? null
  const { caseStudy: cs, revisions, ...rest } = found
  return {
    ...rest,
    caseStudy: { ...cs, storyJson: null, storyText: null },
    thread: thread.map((c) => present(c)),
    commentCount: all.filter((c) => !c.hidden).length,
    replyTo: replyTo ? { id: replyTo.id, authorName: replyTo.authorName } : null,
    quote: quote ? { id: quote.id, authorName: quote.authorName, body: quote.body } : null,
    editedAgo: cs.lastEditedAt ? timeAgo(cs.lastEditedAt, now) : null,
    latestChange: revisions[0] ? revisions[0].changedFields.map((f) => REVISED_FIELDS[f as RevisedField] ?? f) : [],
    signInHref: `/sign-in?${new URLSearchParams({ redirectTo: `/what-works/${cs.slug}#discussion` })}`,
  }
}

type PresentedComment = Omit<ThreadComment, 'replies'> & { when: string; editedWhen: string | null; replies: PresentedComment[] }

function present(c: ThreadComment): PresentedComment {
  return { ...c, when: formatDateTime(c.createdAt), editedWhen: c.editedAt ? formatDateTime(c.editedAt) : null, replies: c.replies.map(present) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const found = await findCaseStudyForViewer(params.slug ?? '', user)
  invariantResponse(found, 'Case study not found', { status: 404 })
  const cs = found.caseStudy
  const form = await request.formData()
  const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]))
  const intent = values.intent
  const here = `/what-works/${cs.slug}`
  const done = (notice: CaseStudyNotice, hash = '') => redirectWithNotice(`${here}${hash}`, CASE_STUDY_NOTICES[notice])

  if (intent === 'publish' || intent === 'delete') {
    await requireVerifiedUser(request)
    if (intent === 'publish') {
      const result = await publishCaseStudy(user, cs.id)
      if (!result.ok) return invalid({ errors: result.errors, values })
      return done('published')
    }
    const result = await deleteDraft(user, cs.id)
    if (!result.ok) return invalid({ errors: result.errors, values })
    return redirectWithNotice('/what-works', CASE_STUDY_NOTICES.deleted)
  }
  if (intent === 'rate') {
    const result = await rateCaseStudy(user, cs.id, values.score)
    if (!result.ok) return invalid({ errors: result.errors, values })
    return done('rated', '#rating')
  }
  if (intent === 'validate') {
    const result = await validateOutcomes(user, cs.id, values.note ?? '')
    if (!result.ok) return invalid({ errors: result.errors, values })
    return done('validated', '#validation')
  }
  if (intent === 'comment') {
    await requireVerifiedUser(request)
    const result = await addComment(user, cs.id, { body: values.body ?? '', parentId: values.parentId || null, quotedCommentId: values.quotedCommentId || null })
    if (!result.ok) return invalid({ errors: result.errors, values })
    return done('comment', `#comment-${result.value.id}`)
  }
  if (intent === 'verify' || intent === 'unverify') {
    const result = await setVerified(user, cs.id, intent === 'verify')
    if (!result.ok) throw new Response('Forbidden', { status: 403 })
    return done(intent === 'verify' ? 'verified' : 'unverified')
  }
  if (intent === 'hide' || intent === 'restore') {
    const result = await setHidden(user, { type: 'case_study', id: cs.id }, intent === 'hide', values.reason ?? '')
    if (!result.ok) {
      if (result.errors.form === 'Only staff can moderate') throw new Response('Forbidden', { status: 403 })
      return invalid({ errors: { moderationReason: result.errors.reason ?? result.errors.form ?? 'Enter the reason' }, values })
    }
    return done(intent === 'hide' ? 'hidden' : 'restored')
  }
  throw new Response('Unknown action', { status: 400 })
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
                <Link className="govuk-link" to={`/what-works/${cs.slug}/edit`}>
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
                <Link className="govuk-link" to={`/what-works/${cs.slug}/history`}>
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
                  The evidence level, from 1 to {EVIDENCE_LEVEL_COUNT}, follows how the figures were gathered: 1 self-reported, 2 management information, 3 an
                  independent evaluation, 4 a randomised or matched comparison. Members of other organisations validate the figures when they have seen the
                  evidence behind them. Staff mark case studies they have checked as verified by the department.
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

              {viewer.signedIn && !viewer.canRate && !viewer.canEdit && !viewer.isStaff ? (
                <p className="govuk-body">Members of provider organisations other than {organisation.name} can rate and validate this case study.</p>
              ) : null}

              {viewer.isStaff ? <StaffTools verified={Boolean(cs.verifiedAt)} hidden={Boolean(cs.hiddenAt)} error={errors?.moderationReason} /> : null}

              <p className="govuk-body">
                {viewer.signedIn ? (
                  <Link className="govuk-link" to={`/what-works/${cs.slug}/report`}>
                    Report this case study
                  </Link>
                ) : null}
              </p>

              <Discussion />
            </>
          ) : null}

          {viewer.canEdit ? (
            <>
              <h2 className="govuk-heading-m">Manage</h2>
              <ul className="govuk-list">
                <li>
                  <Link className="govuk-link" to={`/what-works/${cs.slug}/edit`}>
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

function RatingText({ rating }: { rating: { count: number; mean: number | null; score: number } }) {
  if (!rating.count) return <>Not rated yet.</>
  return (
    <>
      <strong>Usefulness score {rating.score.toFixed(1)} out of 5</strong> from {plural(rating.count, 'rating')} (average rating{' '}
      {rating.mean?.toFixed(1)}). <Link className="govuk-link" to="/what-works/about-scores">How the score is worked out</Link>
    </>
  )
}

function StaffTools({ verified, hidden, error }: { verified: boolean; hidden: boolean; error?: string }) {
  return (
    <Details summary="Staff: verify or moderate this case study" open={Boolean(error)}>
      <Form method="post">
        <input type="hidden" name="intent" value={verified ? 'unverify' : 'verify'} />
        <Button variant="secondary">{verified ? 'Remove “verified by the department”' : 'Mark as verified by the department'}</Button>
      </Form>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value={hidden ? 'restore' : 'hide'} />
        <Textarea name="reason" id="moderationReason" label={hidden ? 'Reason for restoring it' : 'Reason for hiding it'} labelSize="s" hint="The organisation is sent this reason" error={error} rows={2} />
        <Button variant={hidden ? 'secondary' : 'warning'}>{hidden ? 'Restore case study' : 'Hide case study'}</Button>
      </Form>
    </Details>
  )
}

function Discussion() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const errors = actionData?.errors
  const slug = data.caseStudy.slug
  const parentId = data.replyTo?.id ?? valueOf(actionData?.values, 'parentId') ?? ''
  const quotedId = data.quote?.id ?? valueOf(actionData?.values, 'quotedCommentId') ?? ''
  return (
    <section aria-labelledby="discussion">
      <h2 className="govuk-heading-m" id="discussion">
        Discussion ({data.commentCount})
      </h2>
      {data.thread.length ? (
        data.thread.map((c) => (
          <div key={c.id}>
            <Comment comment={c} slug={slug} />
            {c.replies.length ? (
              <div className="govuk-!-margin-left-6">
                {c.replies.map((r) => (
                  <Comment key={r.id} comment={r} slug={slug} parentId={c.id} />
                ))}
              </div>
            ) : null}
          </div>
        ))
      ) : (
        <p className="govuk-body">No comments yet.</p>
      )}
      {data.viewer.signedIn ? (
        <Form method="post" noValidate id="comment-form" key={`${parentId}-${quotedId}`}>
          <input type="hidden" name="intent" value="comment" />
          {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
          {quotedId ? <input type="hidden" name="quotedCommentId" value={quotedId} /> : null}
          {data.quote ? (
            <InsetText>
              <p className="govuk-body-s">Quoting {data.quote.authorName}:</p>
              <p className="govuk-body app-pre-wrap">{data.quote.body}</p>
            </InsetText>
          ) : null}
          <Textarea
            name="body"
            label={data.replyTo ? `Reply to ${data.replyTo.authorName}` : 'Add a comment'}
            labelSize="s"
            hint={`Comments are public. You can change yours for ${COMMENT_EDIT_MINUTES} minutes after posting.`}
            error={errors?.body}
            defaultValue={valueOf(actionData?.values, 'body')}
            rows={4}
          />
          <div className="govuk-button-group">
            <Button>{data.replyTo ? 'Post reply' : 'Post comment'}</Button>
            {parentId || quotedId ? (
              <Link className="govuk-link" to={`/what-works/${slug}#comment-form`}>
                Cancel reply
              </Link>
            ) : null}
          </div>
        </Form>
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to={data.signInHref}>
            Sign in to comment
          </Link>
        </p>
      )}
    </section>
  )
}

function Comment({ comment: c, slug }: { comment: PresentedComment; slug: string; parentId?: string }) {
  const data = useLoaderData<typeof loader>()
  return (
    <article className="govuk-!-margin-bottom-6" id={`comment-${c.id}`} aria-label={`Comment by ${c.authorName}`}>
      <p className="govuk-body-s govuk-!-margin-bottom-1">
        <strong>{c.authorName}</strong>
        {c.organisationNames.length ? <>, {c.organisationNames.join(', ')}</> : null} · {c.when}
        {c.editedWhen ? <> · edited</> : null}
      </p>
      {c.hidden && !c.body ? (
        <p className="govuk-body govuk-hint">This comment was hidden by staff.</p>
      ) : (
        <>
          {c.hidden ? <p className="govuk-body govuk-hint">Hidden by staff. Only staff can see it.</p> : null}
          {c.quoteText ? (
            <blockquote className="govuk-inset-text govuk-!-margin-top-1 govuk-!-margin-bottom-2">
              <p className="govuk-body-s govuk-!-margin-bottom-1">{c.quotedAuthorName} wrote:</p>
              <p className="govuk-body-s app-pre-wrap">{c.quoteText}</p>
            </blockquote>
          ) : null}
          <p className="govuk-body app-pre-wrap govuk-!-margin-bottom-1">{c.body}</p>
        </>
      )}
      {data.viewer.signedIn && !c.hidden ? (
        <ul className="govuk-list govuk-body-s app-inline-list">
          <li>
            <Link className="govuk-link" to={`/what-works/${slug}?reply=${c.id}#comment-form`}>
              Reply<span className="govuk-visually-hidden"> to {c.authorName}</span>
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`/what-works/${slug}?reply=${c.id}&quote=${c.id}#comment-form`}>
              Quote<span className="govuk-visually-hidden"> {c.authorName}</span>
            </Link>
          </li>
          {c.canEdit ? (
            <li>
              <Link className="govuk-link" to={`/what-works/${slug}/comments/${c.id}/edit`}>
                Change<span className="govuk-visually-hidden"> your comment</span>
              </Link>
            </li>
          ) : null}
          <li>
            <Link className="govuk-link" to={`/what-works/${slug}/report?comment=${c.id}`}>
              Report<span className="govuk-visually-hidden"> comment by {c.authorName}</span>
            </Link>
          </li>
        </ul>
      ) : null}
    </article>
  )
}
