import { sharedData } from '~/lib/shared-data.server'
import { caseStudyBySlug, caseStudyContent, findCaseStudyForViewer, isStaffRole, maySee, viewerFacts, viewerRights, type Viewer } from './case-studies.server'
import { discussion, threadForViewer } from './engagement.server'

/** A published, visible case study as everyone sees it, with its discussion as a member sees it (hidden comments without their words). */
async function publicCaseStudy(slug: string) {
  const row = await caseStudyBySlug(slug)
  if (!row || !maySee(row.caseStudy, null, [])) return null
  const cs = row.caseStudy
  const [{ outcomes, revisions, rating, validations }, thread] = await Promise.all([caseStudyContent(cs, { latestRevisionOnly: true }), discussion(cs.id, null)])
  return {
    caseStudy: cs,
    organisation: { name: row.organisationName, slug: row.organisationSlug },
    authorName: row.authorName,
    outcomes,
    latestChange: revisions[0]?.changedFields ?? [],
    rating,
    validations,
    thread,
  }
}

/**
 * Everything a case study's page shows this viewer, or null when they may
 * not see it. A published, visible case study is the same for everyone but
 * for what the viewer may do, so it is kept per process until content
 * changes (decision 161) and only the viewer's organisations and rating are
 * read for each request. Drafts, hidden case studies and the words of hidden
 * comments (for staff) are read afresh, with the viewer's rights.
 */
export async function caseStudyPage(slug: string, viewer: Viewer, now = new Date()) {
  const shared = await sharedData(`case-study:${slug}`, () => publicCaseStudy(slug))
  if (shared) {
    const { caseStudy: cs, thread, ...content } = shared
    const staff = isStaffRole(viewer?.role)
    const [{ organisationIds, myRating }, staffThread] = await Promise.all([viewerFacts(cs.id, viewer), staff ? discussion(cs.id, viewer, { now }) : null])
    return {
      caseStudy: cs,
      ...content,
      thread: staffThread ?? threadForViewer(thread, viewer, now),
      myRating,
      viewer: viewerRights(cs, content.validations, viewer, organisationIds),
    }
  }
  const found = await findCaseStudyForViewer(slug, viewer)
  if (!found) return null
  const { revisions, ...rest } = found
  const thread = found.caseStudy.status === 'published' ? await discussion(found.caseStudy.id, viewer, { now }) : []
  return { ...rest, latestChange: revisions[0]?.changedFields ?? [], thread }
}
