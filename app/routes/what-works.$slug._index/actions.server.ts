import { requireVerifiedUser, type SessionUser } from '~/lib/auth.server'
import { invalid } from '~/lib/forms'
import { redirectWithNotice } from '~/lib/notice.server'
import type { CaseStudy } from '~/modules/case-studies/case-studies.server'
import { deleteDraft, publishCaseStudy } from '~/modules/case-studies/case-studies.server'
import { addComment, rateCaseStudy, setVerified, validateOutcomes } from '~/modules/case-studies/engagement.server'
import { setHidden } from '~/modules/case-studies/moderation.server'
import { CASE_STUDY_NOTICES, type CaseStudyNotice } from '~/modules/case-studies/notices'
import { caseStudyPath } from '~/lib/paths'

/** What every intent of the case study page gets: the request, the signed-in member, the case study and the form's values. */
export type IntentArgs = { request: Request; user: SessionUser; caseStudy: Pick<CaseStudy, 'id' | 'slug'>; values: Record<string, string> }

const done = (caseStudy: IntentArgs['caseStudy'], notice: CaseStudyNotice, hash = '') => redirectWithNotice(`${caseStudyPath(caseStudy.slug)}${hash}`, CASE_STUDY_NOTICES[notice])

async function publish({ request, user, caseStudy, values }: IntentArgs) {
  await requireVerifiedUser(request)
  const result = await publishCaseStudy(user, caseStudy.id)
  if (!result.ok) return invalid({ errors: result.errors, values })
  return done(caseStudy, 'published')
}

async function removeDraft({ request, user, caseStudy, values }: IntentArgs) {
  await requireVerifiedUser(request)
  const result = await deleteDraft(user, caseStudy.id)
  if (!result.ok) return invalid({ errors: result.errors, values })
  return redirectWithNotice('/what-works', CASE_STUDY_NOTICES.deleted)
}

async function rate({ user, caseStudy, values }: IntentArgs) {
  const result = await rateCaseStudy(user, caseStudy.id, values.score)
  if (!result.ok) return invalid({ errors: result.errors, values })
  return done(caseStudy, 'rated', '#rating')
}

async function validate({ user, caseStudy, values }: IntentArgs) {
  const result = await validateOutcomes(user, caseStudy.id, values.note ?? '')
  if (!result.ok) return invalid({ errors: result.errors, values })
  return done(caseStudy, 'validated', '#validation')
}

async function comment({ request, user, caseStudy, values }: IntentArgs) {
  await requireVerifiedUser(request)
  const result = await addComment(user, caseStudy.id, { body: values.body ?? '', parentId: values.parentId || null, quotedCommentId: values.quotedCommentId || null })
  if (!result.ok) return invalid({ errors: result.errors, values })
  return done(caseStudy, 'comment', `#comment-${result.value.id}`)
}

const verify =
  (verified: boolean) =>
  async ({ user, caseStudy }: IntentArgs) => {
    const result = await setVerified(user, caseStudy.id, verified)
    if (!result.ok) return invalid({ errors: result.errors, values: {} })
    return done(caseStudy, verified ? 'verified' : 'unverified')
  }

const hide =
  (hidden: boolean) =>
  async ({ user, caseStudy, values }: IntentArgs) => {
    const result = await setHidden(user, { type: 'case_study', id: caseStudy.id }, hidden, values.reason ?? '')
    if (!result.ok) return invalid({ errors: { moderationReason: result.errors.reason ?? result.errors.form ?? 'Enter the reason' }, values })
    return done(caseStudy, hidden ? 'hidden' : 'restored')
  }

/** Each form on the page names one of these in its `intent` field. */
export const INTENTS = {
  publish,
  delete: removeDraft,
  rate,
  validate,
  comment,
  verify: verify(true),
  unverify: verify(false),
  hide: hide(true),
  restore: hide(false),
}

export const isIntent = (intent: string | undefined): intent is keyof typeof INTENTS => intent !== undefined && Object.hasOwn(INTENTS, intent)
