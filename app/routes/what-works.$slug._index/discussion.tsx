import { Form, Link } from '@remix-run/react'
import { Button } from '~/components/button'
import { LinkedText } from '~/components/linked-text'
import { InsetText } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { valueOf, type FieldErrors, type FormValues } from '~/lib/forms'
import { formatDateTime } from '~/lib/time'
import type { ThreadComment } from '~/modules/case-studies/engagement.server'
import { COMMENT_EDIT_MINUTES, COMMENT_FORMAT_HINT } from '~/modules/case-studies/options'
import { caseStudyPath } from '~/lib/paths'

export type PresentedComment = Omit<ThreadComment, 'replies'> & { when: string; editedWhen: string | null; replies: PresentedComment[] }

/** A comment with its times as the page shows them. */
export function present(c: ThreadComment): PresentedComment {
  return { ...c, when: formatDateTime(c.createdAt), editedWhen: c.editedAt ? formatDateTime(c.editedAt) : null, replies: c.replies.map(present) }
}

type DiscussionData = {
  caseStudy: { slug: string }
  thread: PresentedComment[]
  commentCount: number
  replyTo: { id: string; authorName: string } | null
  quote: { id: string; authorName: string; body: string } | null
  viewer: { signedIn: boolean }
  signInHref: string
}

/** The comments, with replies one level deep, and the form to add one; quoting and replying work by links, so without JavaScript too. */
export function Discussion({ data, actionData }: { data: DiscussionData; actionData: { errors?: FieldErrors; values?: FormValues } | undefined }) {
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
            <Comment comment={c} slug={slug} signedIn={data.viewer.signedIn} />
            {c.replies.length ? (
              <div className="govuk-!-margin-left-6">
                {c.replies.map((r) => (
                  <Comment key={r.id} comment={r} slug={slug} signedIn={data.viewer.signedIn} />
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
            hint={`Comments are public. ${COMMENT_FORMAT_HINT} You can change yours for ${COMMENT_EDIT_MINUTES} minutes after posting.`}
            error={errors?.body}
            defaultValue={valueOf(actionData?.values, 'body')}
            rows={4}
          />
          <div className="govuk-button-group">
            <Button>{data.replyTo ? 'Post reply' : 'Post comment'}</Button>
            {parentId || quotedId ? (
              <Link className="govuk-link" to={`${caseStudyPath(slug)}#comment-form`}>
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

function Comment({ comment: c, slug, signedIn }: { comment: PresentedComment; slug: string; signedIn: boolean }) {
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
              <LinkedText text={c.quoteText} className="govuk-body-s" />
            </blockquote>
          ) : null}
          <LinkedText text={c.body} />
        </>
      )}
      {signedIn && !c.hidden ? (
        <ul className="govuk-list govuk-body-s app-inline-list">
          <li>
            <Link className="govuk-link" to={`${caseStudyPath(slug)}?reply=${c.id}#comment-form`}>
              Reply<span className="govuk-visually-hidden"> to {c.authorName}</span>
            </Link>
          </li>
          <li>
            <Link className="govuk-link" to={`${caseStudyPath(slug)}?reply=${c.id}&quote=${c.id}#comment-form`}>
              Quote<span className="govuk-visually-hidden"> {c.authorName}</span>
            </Link>
          </li>
          {c.canEdit ? (
            <li>
              <Link className="govuk-link" to={caseStudyPath(slug, `comments/${c.id}/edit`)}>
                Change<span className="govuk-visually-hidden"> your comment</span>
              </Link>
            </li>
          ) : null}
          <li>
            <Link className="govuk-link" to={`${caseStudyPath(slug, 'report')}?comment=${c.id}`}>
              Report<span className="govuk-visually-hidden"> comment by {c.authorName}</span>
            </Link>
          </li>
        </ul>
      ) : null}
    </article>
  )
}
