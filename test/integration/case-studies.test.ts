import { and, eq, like } from 'drizzle-orm'
import { afterEach, describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { ForbiddenError } from '~/lib/result'
import { documentFromPlainText } from '~/lib/rich-text.server'
import { createCaseStudy, findCaseStudyForViewer, publishCaseStudy, updateCaseStudy } from '~/modules/case-studies/case-studies.server'
import type { Actor } from '~/lib/actor'
import { addComment, discussion, editComment, rateCaseStudy, setVerified, validateOutcomes } from '~/modules/case-studies/engagement.server'
import type { CaseStudyInput } from '~/modules/case-studies/input.server'
import { compareCaseStudies, comparisonCsv, facetCounts, listCaseStudies, parseCaseStudyQuery } from '~/modules/case-studies/list.server'
import { dismissReport, hideReported, openReports, reportContent, setHidden } from '~/modules/case-studies/moderation.server'
import { bayesianScore } from '~/modules/case-studies/options'
import { caseStudyPage } from '~/modules/case-studies/page.server'
import { keepSharedDataWith } from '~/lib/shared-data.server'
import { auditEvents, caseStudies, caseStudyRatings, caseStudyRevisions, mailDeliveries, organisationMembers, searchOutbox } from '~db/schema'
import { drainOutbox } from '~search/worker.server'
import { caseStudyInput, publishedCaseStudy } from '../support/case-studies'
import { makeOrganisation, memberOf } from '../support/organisations'
import { makeUser, request } from '../support/users'
import { call } from '../support/routes'
import { caseStudyPath } from '~/lib/paths'

/** The shared case study with a formatted story, two claimant groups and a second outcome, which these tests read back. */
function input(organisationId: string, overrides: Partial<CaseStudyInput> = {}): CaseStudyInput {
  return caseStudyInput(organisationId, {
    story: documentFromPlainText('## What we did\n\nA named mentor called every week.\n\n- Rota changes\n- Travel costs'),
    claimantGroups: ['esa', 'disabled-health'],
    outcomes: [
      { measure: 'job-starts', target: '60', achieved: '72' },
      { measure: 'sustained-26-weeks', target: '', achieved: '41' },
    ],
    ...overrides,
  })
}

const published = (actor: Actor, organisationId: string, overrides: Partial<CaseStudyInput> = {}) => publishedCaseStudy(actor, input(organisationId, overrides))

describe('posting and editing', () => {
  test('a member posts a draft for their own organisation, which stays private until published', async () => {
    const org = await makeOrganisation()
    const { actor } = await memberOf(org)
    const created = await createCaseStudy(actor, input(org.id))
    expect(created.ok).toBe(true)
    if (!created.ok) return
    expect(created.value.status).toBe('draft')
    expect(created.value.storyHtml).toContain('<h2 class="govuk-heading-m">What we did</h2>')
    expect(await findCaseStudyForViewer(created.value.slug, null)).toBeNull()
    const outsider = await makeUser()
    expect(await findCaseStudyForViewer(created.value.slug, outsider.actor)).toBeNull()
    expect((await findCaseStudyForViewer(created.value.slug, actor))?.viewer.canEdit).toBe(true)
    expect((await listCaseStudies(parseCaseStudyQuery(new URLSearchParams()))).total).toBe(0)

    await publishCaseStudy(actor, created.value.id)
    const queued = await db.select().from(searchOutbox).where(eq(searchOutbox.documentId, created.value.id))
    expect(queued.every((row) => row.indexName === 'case_studies')).toBe(true)
    expect(queued.length).toBeGreaterThanOrEqual(2)
    await drainOutbox()
    expect(await findCaseStudyForViewer(created.value.slug, null)).not.toBeNull()
    expect((await listCaseStudies(parseCaseStudyQuery(new URLSearchParams()))).total).toBe(1)
  })

  test('nobody posts for an organisation they do not belong to', async () => {
    const mine = await makeOrganisation()
    const theirs = await makeOrganisation()
    const { actor } = await memberOf(mine)
    const result = await createCaseStudy(actor, input(theirs.id))
    expect(result).toEqual({ ok: false, errors: { organisationId: 'Select an organisation you belong to' } })
  })

  test('values outside the fixed lists and bad figures are refused with clear messages', async () => {
    const org = await makeOrganisation()
    const { actor } = await memberOf(org)
    const result = await createCaseStudy(
      actor,
      input(org.id, {
        claimantGroups: ['esa', 'martians'],
        journeyStages: [],
        regions: ['atlantis'],
        evidenceMethod: 'gut feeling',
        periodFrom: '2014-05-01',
        periodTo: '2014-01-01',
        cohortSize: '50',
        outcomes: [
          { measure: 'job-starts', target: '-3', achieved: '10' },
          { measure: 'sustained-13-weeks', target: '', achieved: '2.5' },
          { measure: 'made-up', target: '', achieved: '1' },
          { measure: 'sustained-26-weeks', target: '', achieved: '51' },
        ],
      }),
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toMatchObject({
      claimantGroups: 'Select only options from the list',
      journeyStages: 'Select the customer journey stages',
      regions: 'Select only options from the list',
      evidenceMethod: 'Select how the evidence was gathered',
      periodTo: 'The date the period ended must be the same as or after the date it started',
      'outcome-0-target': 'Outcome 1 target must be 0 or more',
      'outcome-1-achieved': 'Outcome 2 achieved must be a whole number, like 120',
      'outcome-2-measure': 'Select a measure from the list for outcome 3',
      'outcome-3-achieved': 'Outcome 4 achieved must be no more than the cohort size (50)',
    })
    const none = await createCaseStudy(actor, input(org.id, { outcomes: [], periodFrom: '2014-02-30' }))
    expect(none.ok ? {} : none.errors).toMatchObject({ outcomes: 'Enter at least one outcome, with the number achieved', periodFrom: 'The date the period started must be a real date' })
    expect(await db.select().from(caseStudies)).toHaveLength(0)
  })

  test('rich text with scripts, unknown nodes or javascript: links is refused; what is stored is safe by construction', async () => {
    const org = await makeOrganisation()
    const { actor } = await memberOf(org)
    const script = await createCaseStudy(actor, input(org.id, { story: { type: 'doc', content: [{ type: 'script', content: [{ type: 'text', text: 'alert(1)' }] }] } }))
    expect(script.ok ? null : script.errors.story).toBe('The text contains formatting that is not allowed')
    const link = await createCaseStudy(
      actor,
      input(org.id, {
        story: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] },
      }),
    )
    expect(link.ok ? null : link.errors.story).toBe('Links must start with http://, https:// or mailto:')
    const handler = await createCaseStudy(
      actor,
      input(org.id, { story: { type: 'doc', content: [{ type: 'paragraph', attrs: { onclick: 'alert(1)' }, content: [{ type: 'text', text: '<img src=x onerror=alert(1)>' }] }] } }),
    )
    expect(handler.ok).toBe(true)
    if (!handler.ok) return
    expect(handler.value.storyHtml).not.toMatch(/onclick|<img/)
    expect(handler.value.storyHtml).toContain('&lt;img')
  })

  test('only members of the author organisation edit; published edits keep a revision history readers see', async () => {
    const org = await makeOrganisation()
    const other = await makeOrganisation()
    const author = await memberOf(org)
    const colleague = await memberOf(org)
    const stranger = await memberOf(other)
    const cs = await published(author.actor, org.id)

    await expect(updateCaseStudy(stranger.actor, cs.id, input(org.id, { title: 'Taken over' }))).rejects.toThrow(
      new ForbiddenError('Only members of the organisation that posted this case study can change it'),
    )

    const edited = await updateCaseStudy(
      colleague.actor,
      cs.id,
      input(other.id, { title: 'In-work mentoring for ESA claimants in Greater Manchester', outcomes: [{ measure: 'job-starts', target: '60', achieved: '75' }] }),
    )
    expect(edited.ok).toBe(true)
    if (!edited.ok) return
    // The organisation a case study was posted for cannot be changed by an edit.
    expect(edited.value.organisationId).toBe(org.id)
    const revisions = await db.select().from(caseStudyRevisions).where(eq(caseStudyRevisions.caseStudyId, cs.id))
    expect(revisions).toHaveLength(1)
    expect(revisions[0].changedFields).toEqual(['title', 'outcomes'])
    expect((revisions[0].before as Record<string, unknown>).title).toBe('In-work mentoring for ESA claimants')
    const seen = await findCaseStudyForViewer(cs.slug, null)
    expect(seen?.caseStudy.lastEditedAt).not.toBeNull()
    expect(seen?.revisions[0].changedFields).toEqual(['title', 'outcomes'])

    // Saving without changes leaves no revision.
    await updateCaseStudy(
      colleague.actor,
      cs.id,
      input(org.id, { title: 'In-work mentoring for ESA claimants in Greater Manchester', outcomes: [{ measure: 'job-starts', target: '60', achieved: '75' }] }),
    )
    expect(await db.select().from(caseStudyRevisions).where(eq(caseStudyRevisions.caseStudyId, cs.id))).toHaveLength(1)
  })

  test('new accounts are limited in how many case studies they post a day', async () => {
    const org = await makeOrganisation()
    const { actor } = await memberOf(org)
    for (let i = 0; i < 3; i++) expect((await createCaseStudy(actor, input(org.id))).ok).toBe(true)
    const fourth = await createCaseStudy(actor, input(org.id))
    expect(fourth.ok ? null : fourth.errors.form).toMatch(/New accounts can post up to 3 case studies a day/)
  })
})

describe('rating', () => {
  test('members of other organisations rate once (changeable); nobody rates their own organisation’s', async () => {
    const org = await makeOrganisation()
    const other = await makeOrganisation()
    const author = await memberOf(org)
    const colleague = await memberOf(org)
    const reader = await memberOf(other)
    const loner = await makeUser()
    const cs = await published(author.actor, org.id)

    expect(await rateCaseStudy(colleague.actor, cs.id, 5)).toEqual({ ok: false, errors: { score: 'You cannot rate a case study posted by your own organisation' } })
    expect((await rateCaseStudy(loner.actor, cs.id, 5)).ok).toBe(false)
    expect(await rateCaseStudy(reader.actor, cs.id, 6)).toEqual({ ok: false, errors: { score: 'Select a rating from 1 to 5 stars' } })
    expect(await rateCaseStudy(reader.actor, cs.id, '0')).toEqual({ ok: false, errors: { score: 'Select a rating from 1 to 5 stars' } })

    expect((await rateCaseStudy(reader.actor, cs.id, 2)).ok).toBe(true)
    const changed = await rateCaseStudy(reader.actor, cs.id, '4')
    expect(changed.ok && changed.value).toMatchObject({ count: 1, mean: 4 })
    expect(await db.select().from(caseStudyRatings)).toHaveLength(1)

    // A member of both organisations still has an interest in the post.
    await db.insert(organisationMembers).values({ organisationId: other.id, userId: colleague.actor.id })
    expect((await rateCaseStudy(colleague.actor, cs.id, 5)).ok).toBe(false)
  })

  test('the shown score is a Bayesian average: one 5-star rating does not outrank twenty 4-star ones', async () => {
    expect(bayesianScore(0, 0)).toBe(3)
    expect(bayesianScore(1, 5)).toBeLessThan(bayesianScore(20, 80))

    const org = await makeOrganisation()
    const raters = await makeOrganisation()
    const author = await memberOf(org)
    const single = await published(author.actor, org.id, { title: 'One glowing review' })
    const many = await published(author.actor, org.id, { title: 'Twenty solid reviews' })
    const people = await Promise.all(Array.from({ length: 20 }, () => memberOf(raters)))
    expect((await rateCaseStudy(people[0].actor, single.id, 5)).ok).toBe(true)
    for (const p of people) expect((await rateCaseStudy(p.actor, many.id, 4)).ok).toBe(true)
    await drainOutbox()

    const list = await listCaseStudies(parseCaseStudyQuery(new URLSearchParams('sort=top-rated')))
    expect(list.items.map((i) => i.title)).toEqual(['Twenty solid reviews', 'One glowing review'])
    expect(list.items[0].rating).toMatchObject({ count: 20, mean: 4 })
    expect(list.items[0].rating.score).toBeCloseTo(3.8)
    expect(list.items[1].rating.score).toBeCloseTo(20 / 6)
  })
})

describe('discussion', () => {
  test('comments, one level of replies, quoting, and notifying the author organisation', async () => {
    const org = await makeOrganisation()
    const other = await makeOrganisation()
    const author = await memberOf(org, { name: 'Ana Author' })
    const colleague = await memberOf(org)
    const reader = await memberOf(other, { name: 'Ravi Reader' })
    const cs = await published(author.actor, org.id)

    const first = await addComment(reader.actor, cs.id, { body: 'How did you fund the mentors?' })
    expect(first.ok).toBe(true)
    if (!first.ok) return
    const reply = await addComment(author.actor, cs.id, { body: 'From the outcome payments.', parentId: first.value.id, quotedCommentId: first.value.id })
    if (!reply.ok) throw new Error('reply failed')
    const deeper = await addComment(reader.actor, cs.id, { body: 'Thanks!', parentId: reply.value.id })
    expect(deeper.ok).toBe(true)

    const thread = await discussion(cs.id, null)
    expect(thread).toHaveLength(1)
    expect(thread[0].replies.map((r) => r.body)).toEqual(['From the outcome payments.', 'Thanks!'])
    expect(thread[0].replies[0]).toMatchObject({ quoteText: 'How did you fund the mentors?', quotedAuthorName: 'Ravi Reader' })

    const mail = await db.select().from(mailDeliveries)
    const recipients = mail.filter((m) => m.subject.startsWith('New comment')).map((m) => m.toAddress)
    // The organisation hears about comments from others, never about its own.
    expect(recipients.sort()).toEqual([author.user.email, colleague.user.email, author.user.email, colleague.user.email].sort())
    expect(recipients).not.toContain(reader.user.email)

    expect(await addComment(reader.actor, cs.id, { body: '   ' })).toEqual({ ok: false, errors: { body: 'Enter your comment' } })
    expect(await addComment(reader.actor, cs.id, { body: 'Hello', parentId: 'not-an-id' })).toEqual({ ok: false, errors: { body: 'The comment you are replying to is not available' } })
    expect((await reportContent(reader.actor, { type: 'comment', id: 'not-an-id' }, 'Spam')).ok).toBe(false)
  })

  test('comments are escaped, not rendered, and editable by their author within 15 minutes', async () => {
    const org = await makeOrganisation()
    const author = await memberOf(org)
    const reader = await makeUser()
    const cs = await published(author.actor, org.id)
    const posted = new Date()
    const c = await addComment(reader.actor, cs.id, { body: '<script>alert(1)</script>' }, { now: posted })
    if (!c.ok) throw new Error('comment failed')
    await expect(editComment(author.actor, c.value.id, 'changed', { now: posted })).rejects.toThrow(new ForbiddenError('You can only change your own comments'))
    expect((await editComment(reader.actor, c.value.id, 'Corrected', { now: new Date(posted.getTime() + 14 * 60_000) })).ok).toBe(true)
    expect(await editComment(reader.actor, c.value.id, 'Too late', { now: new Date(posted.getTime() + 16 * 60_000) })).toEqual({
      ok: false,
      errors: { body: 'Comments can only be changed in the 15 minutes after posting' },
    })
    const [comment] = await discussion(cs.id, null)
    expect(comment.body).toBe('Corrected')
    expect(comment.editedAt).not.toBeNull()

    const page = await import('~/routes/what-works.$slug._index/route')
    const loaded = await page.loader({ request: request(`/what-works/${cs.slug}`), params: { slug: cs.slug }, context: {} } as never)
    expect(JSON.stringify(loaded)).not.toContain('<script>')
  })
})

describe('validation and verification', () => {
  test('members of other organisations validate outcomes once; staff verify, audited', async () => {
    const org = await makeOrganisation()
    const other = await makeOrganisation()
    const author = await memberOf(org)
    const reader = await memberOf(other)
    const staff = await makeUser({ role: 'staff' })
    const cs = await published(author.actor, org.id)

    expect(await validateOutcomes(author.actor, cs.id, '')).toEqual({ ok: false, errors: { note: 'You cannot validate a case study posted by your own organisation' } })
    expect((await validateOutcomes(reader.actor, cs.id, 'Saw the MI extract at the ERSA forum')).ok).toBe(true)
    expect(await validateOutcomes(reader.actor, cs.id, 'again')).toEqual({ ok: false, errors: { note: 'You have already validated these outcomes' } })
    const seen = await findCaseStudyForViewer(cs.slug, null)
    expect(seen?.validations).toHaveLength(1)
    expect(seen?.validations[0].organisationName).toBe(other.name)

    await expect(setVerified(reader.actor, cs.id, true)).rejects.toBeInstanceOf(ForbiddenError)
    expect((await setVerified(staff.actor, cs.id, true)).ok).toBe(true)
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, cs.id))
    expect(audits.map((a) => a.action)).toEqual(['case_study.verify'])
  })
})

describe('reporting and moderation', () => {
  test('anyone signed in reports a comment; staff hide it with a reason, audited, and the author is told', async () => {
    const org = await makeOrganisation()
    const author = await memberOf(org)
    const troll = await makeUser()
    const reporter = await makeUser()
    const staff = await makeUser({ role: 'staff' })
    const cs = await published(author.actor, org.id)
    const c = await addComment(troll.actor, cs.id, { body: 'Buy cheap watches' })
    if (!c.ok) throw new Error('comment failed')

    expect(await reportContent(reporter.actor, { type: 'comment', id: c.value.id }, '')).toEqual({ ok: false, errors: { reason: 'Enter why you are reporting this' } })
    expect((await reportContent(reporter.actor, { type: 'comment', id: c.value.id }, 'Spam')).ok).toBe(true)
    const [report] = await openReports()
    expect(report).toMatchObject({ commentBody: 'Buy cheap watches', reason: 'Spam' })

    await expect(hideReported(reporter.actor, report.id, 'Spam')).rejects.toBeInstanceOf(ForbiddenError)
    expect(await hideReported(staff.actor, report.id, '')).toEqual({ ok: false, errors: { reason: 'Enter the reason for hiding it' } })
    expect((await hideReported(staff.actor, report.id, 'Advertising is not allowed')).ok).toBe(true)
    expect(await openReports()).toHaveLength(0)

    const [shown] = await discussion(cs.id, null)
    expect(shown).toMatchObject({ hidden: true, body: '' })
    expect((await discussion(cs.id, staff.actor))[0].body).toBe('Buy cheap watches')
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, c.value.id))
    expect(audit).toMatchObject({ action: 'case_study_comment.hide', actorId: staff.actor.id })
    const told = await db
      .select()
      .from(mailDeliveries)
      .where(and(eq(mailDeliveries.toAddress, troll.user.email)))
    expect(told.map((m) => m.subject)).toContain('Your comment has been hidden')

    expect((await setHidden(staff.actor, { type: 'comment', id: c.value.id }, false, 'Reviewed again')).ok).toBe(true)
    expect((await discussion(cs.id, null))[0].body).toBe('Buy cheap watches')
  })

  test('hidden and draft case studies are never shown, listed or exported; staff can restore', async () => {
    const org = await makeOrganisation()
    const author = await memberOf(org)
    const reporter = await makeUser()
    const staff = await makeUser({ role: 'staff' })
    const visible = await published(author.actor, org.id, { title: 'Employer breakfasts' })
    const reported = await published(author.actor, org.id, { title: 'Questionable claims' })
    await createCaseStudy(author.actor, input(org.id, { title: 'Still a draft' }))

    await reportContent(reporter.actor, { type: 'case_study', id: reported.id }, 'The figures look invented')
    const [report] = await openReports()
    await dismissReport(staff.actor, report.id, 'Figures match the MI')
    expect(await openReports()).toHaveLength(0)
    expect((await setHidden(staff.actor, { type: 'case_study', id: reported.id }, true, 'Figures withdrawn by the prime')).ok).toBe(true)

    const outbox = await db.select().from(searchOutbox).where(eq(searchOutbox.documentId, reported.id))
    expect(outbox.length).toBeGreaterThan(0)
    await drainOutbox()
    const query = parseCaseStudyQuery(new URLSearchParams())
    expect((await listCaseStudies(query)).items.map((i) => i.title)).toEqual(['Employer breakfasts'])
    expect((await compareCaseStudies(query)).map((i) => i.title)).toEqual(['Employer breakfasts'])
    expect(await findCaseStudyForViewer(reported.slug, reporter.actor)).toBeNull()
    expect(await findCaseStudyForViewer(reported.slug, staff.actor)).not.toBeNull()
    expect((await rateCaseStudy(reporter.actor, reported.id, 3)).ok).toBe(false)
    const audits = await db.select({ action: auditEvents.action }).from(auditEvents).where(like(auditEvents.action, 'case_study%'))
    expect(audits.map((a) => a.action).sort()).toEqual(['case_study.hide', 'case_study_report.dismiss'])

    expect((await setHidden(staff.actor, { type: 'case_study', id: reported.id }, false, 'Corrected figures supplied')).ok).toBe(true)
    await drainOutbox()
    expect((await listCaseStudies(query)).total).toBe(2)
    void visible
  })
})

describe('browse and compare', () => {
  test('facets narrow the list, text searches it, and the comparison lists standardised fields per case study', async () => {
    const org = await makeOrganisation({ name: 'Northern Pathways' })
    const author = await memberOf(org)
    const other = await makeOrganisation()
    const reader = await memberOf(other)
    const a = await published(author.actor, org.id, {
      title: 'Prison leavers met at the gate',
      claimantGroups: ['prison-leavers'],
      journeyStages: ['programme-engagement'],
      regions: ['north-east'],
      evidenceMethod: 'independent_evaluation',
    })
    await published(author.actor, org.id, { title: 'Lone parents and school-hours jobs', claimantGroups: ['lone-parents'], journeyStages: ['pre-work-support'], regions: ['london'] })
    await addComment(reader.actor, a.id, { body: 'Useful' })
    await drainOutbox()

    const q = (s: string) => parseCaseStudyQuery(new URLSearchParams(s))
    expect((await listCaseStudies(q('claimantGroup=prison-leavers'))).items.map((i) => i.title)).toEqual(['Prison leavers met at the gate'])
    expect((await listCaseStudies(q('claimantGroup=prison-leavers&claimantGroup=lone-parents'))).total).toBe(2)
    expect((await listCaseStudies(q('claimantGroup=prison-leavers&region=london'))).total).toBe(0)
    expect((await listCaseStudies(q('evidence=3'))).items.map((i) => i.title)).toEqual(['Prison leavers met at the gate'])
    expect((await listCaseStudies(q('stage=pre-work-support'))).total).toBe(1)
    expect((await listCaseStudies(q('q=gate'))).total).toBe(1)
    expect((await listCaseStudies(q('q=Northern Pathways'))).total).toBe(2)
    expect((await listCaseStudies(q('sort=most-discussed'))).items[0].title).toBe('Prison leavers met at the gate')
    expect((await listCaseStudies(q('sort=newest'))).items[0].title).toBe('Lone parents and school-hours jobs')
    const facets = await facetCounts(q('claimantGroup=prison-leavers'))
    // A facet ignores its own choice, so the other claimant groups still show what they would add.
    expect(facets.claimantGroups).toMatchObject({ 'prison-leavers': 1, 'lone-parents': 1 })
    expect(facets.regions).toEqual({ 'north-east': 1 })
    expect(facets.evidenceLevels).toEqual({ '3': 1 })
    expect(q('claimantGroup=martians&sort=sideways')).toMatchObject({ claimantGroups: [], sort: 'top-rated' })

    const rows = await compareCaseStudies(q('claimantGroup=prison-leavers'))
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ cohortSize: 200, periodFrom: '2013-04-01', periodTo: '2014-03-31', evidenceLevel: 3 })
    const csv = comparisonCsv(rows, 'http://hub.test')
    const lines = csv.trim().split('\r\n')
    expect(lines[0]).toMatch(/^case_study_url,title,organisation,programme,claimant_groups,journey_stages/)
    expect(lines).toHaveLength(3)
    expect(lines[1]).toContain('Job starts,60,72,36.0')
    expect(lines[2]).toContain('Sustained in work for 26 weeks,,41,20.5')
  })
})

describe('pages', () => {
  test('the case-study page rates through its action and refuses a rating of one’s own post with the field’s message', async () => {
    const org = await makeOrganisation()
    const other = await makeOrganisation()
    const author = await memberOf(org)
    const reader = await memberOf(other)
    const cs = await published(author.actor, org.id)
    const page = await import('~/routes/what-works.$slug._index/route')
    const call = (cookie: string, form: Record<string, string>) =>
      page.action({ request: request(`/what-works/${cs.slug}`, { cookie, form }), params: { slug: cs.slug }, context: {} } as never).catch((r: unknown) => r)
    const ok = (await call(reader.cookie, { intent: 'rate', score: '4' })) as Response
    expect(ok.status).toBe(302)
    const own = (await call(author.cookie, { intent: 'rate', score: '5' })) as { data: { errors: Record<string, string> }; init: { status: number } }
    expect(own.init.status).toBe(400)
    expect(own.data.errors.score).toBe('You cannot rate a case study posted by your own organisation')

    await drainOutbox()
    const csv = await (await import('~/routes/what-works.compare[.]csv')).loader({ request: request('/what-works/compare.csv'), params: {}, context: {} } as never)
    expect(csv.headers.get('Content-Type')).toMatch(/text\/csv/)
    expect(await csv.text()).toContain('In-work mentoring for ESA claimants')
  })

  test('the edit page is only for the author organisation, and readers see when and what was edited', async () => {
    const org = await makeOrganisation()
    const other = await makeOrganisation()
    const author = await memberOf(org)
    const stranger = await memberOf(other)
    const cs = await published(author.actor, org.id)
    const edit = await import('~/routes/what-works.$slug.edit')
    const args = (cookie: string) => ({ request: request(`/what-works/${cs.slug}/edit`, { cookie }), params: { slug: cs.slug }, context: {} }) as never
    const refused = (await edit.loader(args(stranger.cookie)).catch((r: unknown) => r)) as Response
    expect(refused.status).toBe(403)
    const loaded = await edit.loader(args(author.cookie))
    expect(loaded.values).toMatchObject({ title: cs.title, 'periodFrom-day': '1', 'periodFrom-month': '4', 'periodFrom-year': '2013', 'outcome-0-measure': 'job-starts', 'outcome-0-achieved': '72' })

    await updateCaseStudy(author.actor, cs.id, input(org.id, { summary: 'A new summary.' }), { now: new Date(Date.now() - 3 * 86_400_000) })
    const page = await import('~/routes/what-works.$slug._index/route')
    const shown = await page.loader({ request: request(`/what-works/${cs.slug}`), params: { slug: cs.slug }, context: {} } as never)
    expect(shown.editedAgo).toBe('3 days ago')
    expect(shown.latestChange).toEqual(['Summary'])
  })

  test('a write the person may not make answers 403 from every page that takes it, and changes nothing', async () => {
    const org = await makeOrganisation()
    const other = await makeOrganisation()
    const author = await memberOf(org)
    const stranger = await memberOf(other)
    const cs = await published(author.actor, org.id)
    const page = await import('~/routes/what-works.$slug._index/route')
    const edit = await import('~/routes/what-works.$slug.edit')
    const onPage = (form: Record<string, string>) => call(page.action, request(caseStudyPath(cs.slug), { cookie: stranger.cookie, form }), { slug: cs.slug })
    // Moderating and verifying are for staff; publishing and deleting for the author organisation.
    expect((await onPage({ intent: 'hide', reason: 'Not mine to hide' })).status).toBe(403)
    expect((await onPage({ intent: 'verify' })).status).toBe(403)
    expect((await onPage({ intent: 'publish' })).status).toBe(403)
    expect((await onPage({ intent: 'delete' })).status).toBe(403)
    const edited = await call(edit.action, request(caseStudyPath(cs.slug, 'edit'), { cookie: stranger.cookie, form: { title: 'Taken over' } }), { slug: cs.slug })
    expect(edited.status).toBe(403)
    const [after] = await db.select().from(caseStudies).where(eq(caseStudies.id, cs.id))
    expect(after).toMatchObject({ title: cs.title, status: 'published', hiddenAt: null, verifiedAt: null })
  })

  test('a colleague in the author organisation is told why they cannot rate; someone in no organisation is told how they could', async () => {
    const org = await makeOrganisation({ name: 'Northstar Employment' })
    const other = await makeOrganisation()
    const author = await memberOf(org)
    const colleague = await memberOf(org)
    const reader = await memberOf(other)
    const loner = await makeUser()
    const staff = await makeUser({ role: 'staff' })
    const cs = await published(author.actor, org.id)
    const page = await import('~/routes/what-works.$slug._index/route')
    const viewer = async (cookie?: string) => (await page.loader({ request: request(caseStudyPath(cs.slug), { cookie }), params: { slug: cs.slug }, context: {} } as never)).viewer
    expect(await viewer(colleague.cookie)).toMatchObject({ canRate: false, canEdit: true, cannotRateBecause: 'own-organisation' })
    expect(await viewer(loner.cookie)).toMatchObject({ canRate: false, cannotRateBecause: 'no-organisation' })
    expect(await viewer(reader.cookie)).toMatchObject({ canRate: true, cannotRateBecause: null })
    expect(await viewer(staff.cookie)).toMatchObject({ canRate: false, cannotRateBecause: null })
    expect(await viewer()).toMatchObject({ canRate: false, cannotRateBecause: null })
  })

  test('the edit history shows each change before and after, words removed in <del> and added in <ins>, announced to screen readers', async () => {
    const org = await makeOrganisation()
    const author = await memberOf(org)
    const cs = await published(author.actor, org.id)
    const later = (days: number) => ({ now: new Date(Date.now() - days * 86_400_000) })
    await updateCaseStudy(author.actor, cs.id, input(org.id, { summary: 'Weekly mentor contact in the first 26 weeks of work.', claimantGroups: ['esa', 'jsa'] }), later(3))
    await updateCaseStudy(
      author.actor,
      cs.id,
      input(org.id, { summary: 'Weekly mentor contact in the first 26 weeks of work.', claimantGroups: ['esa', 'jsa'], title: 'In-work mentoring for JSA and ESA claimants' }),
      later(1),
    )
    const history = await import('~/routes/what-works.$slug.history')
    const data = await history.loader({ request: request(caseStudyPath(cs.slug, 'history')), params: { slug: cs.slug }, context: {} } as never)
    const [newest, oldest] = data.revisions
    expect(newest.changes).toEqual([
      {
        label: 'Title',
        list: false,
        empty: false,
        runs: [
          { kind: 'same', text: 'In-work mentoring for ' },
          { kind: 'added', text: 'JSA and ' },
          { kind: 'same', text: 'ESA claimants' },
        ],
      },
    ])
    // The older edit's "after" is what the newer one started from, not the case study as it is now.
    expect(oldest.changes.map((c: { label: string }) => c.label)).toEqual(['Summary', 'Claimant groups'])
    expect(oldest.changes[0].runs).toEqual([
      { kind: 'same', text: 'Weekly mentor contact in the first ' },
      { kind: 'removed', text: '13' },
      { kind: 'added', text: '26' },
      { kind: 'same', text: ' weeks of work.' },
    ])
    expect(oldest.changes[1]).toMatchObject({
      list: true,
      runs: [
        { kind: 'removed', text: 'Disabled people and people with health conditions' },
        { kind: 'same', text: 'Employment and Support Allowance' },
        { kind: 'added', text: "Jobseeker's Allowance" },
      ],
    })
  })

  test('posting through the form refuses a story with a javascript: link and keeps what was typed', async () => {
    const org = await makeOrganisation()
    const author = await memberOf(org)
    const page = await import('~/routes/what-works.new')
    const story = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] })
    const response = (await page.action({
      request: request('/what-works/new', { cookie: author.cookie, form: { organisationId: org.id, title: 'Kept title', 'story-json': story } }),
      params: {},
      context: {},
    } as never)) as { data: { errors: Record<string, string>; values: Record<string, string> } }
    expect(response.data.errors.story).toBe('Links must start with http://, https:// or mailto:')
    expect(response.data.values.title).toBe('Kept title')
  })
})

describe('demo content', () => {
  test('the demo case studies pass the same rules as everyone’s and come with ratings, comments and validations', async () => {
    const { seedAccounts } = await import('~db/seed/accounts')
    const { seedOrganisations } = await import('~db/seed/organisations')
    const { seedCaseStudies } = await import('~db/seed/case-studies')
    const accounts = await seedAccounts()
    await seedOrganisations(accounts)
    const ids = await seedCaseStudies(accounts)
    expect(ids.length).toBeGreaterThanOrEqual(12)
    await drainOutbox()
    const list = await listCaseStudies(parseCaseStudyQuery(new URLSearchParams()))
    expect(list.total).toBe(ids.length)
    expect(list.items.some((i) => i.commentCount > 0 && i.rating.count > 0 && i.validationCount > 0)).toBe(true)
    expect(await db.select().from(caseStudyRevisions)).toHaveLength(1)
  })
})

describe('a case study page kept between requests (decision 161)', () => {
  afterEach(() => keepSharedDataWith(undefined))

  /** The page cache's side of shared data: a generation that a content change moves on. */
  function contentGenerations() {
    const source = { generation: 1 }
    keepSharedDataWith({ currentGeneration: () => source.generation, keepUntil: (ttl) => Date.now() + ttl })
    return source
  }

  test('what one viewer may do or has done never reaches another, and only staff read a hidden comment', async () => {
    const generations = contentGenerations()
    const org = await makeOrganisation()
    const author = await memberOf(org)
    const rater = await memberOf(await makeOrganisation(), { name: 'Rhian Rater' })
    const other = await memberOf(await makeOrganisation())
    const { actor: staff } = await makeUser({ role: 'staff' })
    const cs = await published(author.actor, org.id)
    expect(await rateCaseStudy(rater.actor, cs.id, 4)).toMatchObject({ ok: true })
    const mine = await addComment(rater.actor, cs.id, { body: 'We tried this in Leeds.' })
    const spam = await addComment(other.actor, cs.id, { body: 'Cheap loans at example.com' })
    if (!mine.ok || !spam.ok) throw new Error('comment failed')
    expect(await setHidden(staff, { type: 'comment', id: spam.value.id }, true, 'Advertising')).toMatchObject({ ok: true })
    generations.generation++

    // Each viewer in turn, the first read kept for the others; then in the other order after a change.
    for (const order of [
      ['other', 'rater', 'author', 'staff', 'visitor'],
      ['staff', 'rater', 'visitor', 'author', 'other'],
    ] as const) {
      const viewers = { other: other.actor, rater: rater.actor, author: author.actor, staff, visitor: null }
      const pages = Object.fromEntries(await Promise.all(order.map(async (who) => [who, await caseStudyPage(cs.slug, viewers[who])] as const)))
      const [first, second] = [(who: string) => pages[who]!.thread[0], (who: string) => pages[who]!.thread[1]]
      expect(pages.rater!.myRating).toBe(4)
      for (const who of ['other', 'author', 'staff', 'visitor']) expect(pages[who]!.myRating, who).toBeNull()
      expect(first('rater').canEdit).toBe(true)
      for (const who of ['other', 'author', 'staff', 'visitor']) expect(first(who).canEdit, who).toBe(false)
      expect(second('staff').body).toBe('Cheap loans at example.com')
      for (const who of ['other', 'rater', 'author', 'visitor']) expect(second(who).body, who).toBe('')
      expect(pages.author!.viewer).toMatchObject({ canEdit: true, canRate: false, cannotRateBecause: 'own-organisation' })
      expect(pages.rater!.viewer).toMatchObject({ canEdit: false, canRate: true })
      expect(pages.staff!.viewer).toMatchObject({ canEdit: false, isStaff: true })
      expect(pages.visitor!.viewer).toMatchObject({ canEdit: false, canRate: false, signedIn: false })
      generations.generation++
    }
  })

  test('is kept until content changes, and a draft or hidden case study is read afresh with the viewer’s rights', async () => {
    const generations = contentGenerations()
    const org = await makeOrganisation()
    const author = await memberOf(org)
    const { actor: staff } = await makeUser({ role: 'staff' })
    const cs = await published(author.actor, org.id)
    expect((await caseStudyPage(cs.slug, null))?.caseStudy.title).toBe(cs.title)
    // A write the hub's triggers did not hear of (made here behind its back) is not seen until the next change is.
    await db.update(caseStudies).set({ title: 'Renamed behind the cache' }).where(eq(caseStudies.id, cs.id))
    expect((await caseStudyPage(cs.slug, null))?.caseStudy.title).toBe(cs.title)
    generations.generation++
    expect((await caseStudyPage(cs.slug, null))?.caseStudy.title).toBe('Renamed behind the cache')

    expect(await setHidden(staff, { type: 'case_study', id: cs.id }, true, 'Names a claimant')).toMatchObject({ ok: true })
    generations.generation++
    expect(await caseStudyPage(cs.slug, null)).toBeNull()
    expect(await caseStudyPage(cs.slug, (await makeUser()).actor)).toBeNull()
    expect((await caseStudyPage(cs.slug, author.actor))?.viewer.canEdit).toBe(true)
    expect((await caseStudyPage(cs.slug, staff))?.caseStudy.hiddenAt).not.toBeNull()

    const draft = await createCaseStudy(author.actor, input(org.id, { title: 'A draft kept private' }))
    if (!draft.ok) throw new Error('draft failed')
    expect(await caseStudyPage(draft.value.slug, null)).toBeNull()
    expect((await caseStudyPage(draft.value.slug, author.actor))?.caseStudy.status).toBe('draft')
    expect(await caseStudyPage(draft.value.slug, staff)).toBeNull()
  })
})
