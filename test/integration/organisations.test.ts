import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { MAX_ECHOED_CHARACTERS } from '~/lib/forms'
import { parseDirectoryQuery, searchDirectory } from '~/modules/organisations/directory.server'
import { accessResponse, startResponse } from '~/modules/consultations/responses.server'
import { acceptInvitation, createOrganisation, findInvitation, hashToken, inviteMember, leaveOrganisation, promoteMember } from '~/modules/organisations/organisations.server'
import type { ProfileInput } from '~/modules/organisations/profile-form'
import * as editRoute from '~/routes/organisations.$slug.edit'
import * as profileRoute from '~/routes/organisations.$slug._index'
import * as directoryRoute from '~/routes/organisations._index'
import * as leaveRoute from '~/routes/organisations.$slug.leave'
import * as membersRoute from '~/routes/organisations.$slug.members'
import * as removeRoute from '~/routes/organisations.$slug.members_.remove'
import * as invitationRoute from '~/routes/organisations.invitations.$token'
import * as newRoute from '~/routes/organisations.new'
import * as yoursRoute from '~/routes/organisations.yours'
import * as feedbackRoute from '~/routes/feedback'
import * as staffRoute from '~/routes/staff._index'
import * as homeRoute from '~/routes/_index'
import { HOME_BLOCKS } from '~/modules/home/home-blocks.server'
import { drainOutbox } from '~search/worker.server'
import { createCaseStudy } from '~/modules/case-studies/case-studies.server'
import { createNotice, publishNotice } from '~/modules/pipeline/authoring.server'
import { registerInterest } from '~/modules/pipeline/interest.server'
import { caseStudyInput } from '../support/case-studies'
import { noticeInput } from '../support/pipeline'
import { auditEvents, consultationResponses, mailDeliveries, organisationInvitations, organisationMembers, organisations, searchOutbox, serviceFeedback } from '~db/schema'
import { makeOpenConsultation } from '../support/consultations'
import { memberOf, profile } from '../support/organisations'
import { makeUser, request } from '../support/users'
import { call } from '../support/routes'

const PROFILE_FORM = {
  name: 'Riverside Employment Partnership',
  sector: 'vcse',
  sizeBand: 'medium',
  regions: ['north-west', 'wales'],
  capabilities: ['partnership-working', 'digital-it'],
  merlinStatus: 'working_towards',
  website: 'https://www.riverside.example',
  description: 'Helps people in Cheshire and North Wales into work.',
}

async function organisationWithAdmin(overrides: Partial<ProfileInput> = {}) {
  const admin = await makeUser({ name: 'Ada Admin' })
  const organisation = await createOrganisation(admin.user, profile(overrides))
  return { admin, organisation }
}

describe('creating an organisation', () => {
  test('the creator becomes its admin; the change is indexed and audited', async () => {
    const { user, cookie } = await makeUser({ name: 'Casey Creator' })
    const outcome = await call(newRoute.action, request('/organisations/new', { cookie, form: PROFILE_FORM }))
    expect(outcome.status).toBe(302)
    expect(outcome.location).toBe('/organisations/riverside-employment-partnership')
    const [organisation] = await db.select().from(organisations)
    expect(organisation).toMatchObject({ name: PROFILE_FORM.name, sector: 'vcse', regions: ['north-west', 'wales'], capabilities: ['partnership-working', 'digital-it'] })
    const members = await db.select().from(organisationMembers)
    expect(members).toEqual([expect.objectContaining({ userId: user.id, role: 'admin', organisationId: organisation.id })])
    expect(await db.select().from(searchOutbox)).toEqual([expect.objectContaining({ indexName: 'organisations', documentId: organisation.id, operation: 'upsert' })])
    expect(await db.select().from(auditEvents)).toEqual([expect.objectContaining({ action: 'organisation.create', actorId: user.id, subjectId: organisation.id })])
    const yours = await call(yoursRoute.loader, request('/organisations/yours', { cookie }))
    expect(yours.data.organisations).toEqual([expect.objectContaining({ name: PROFILE_FORM.name, role: 'admin' })])
  })

  test('a second organisation with the same name gets its own address', async () => {
    const { cookie } = await makeUser()
    await call(newRoute.action, request('/organisations/new', { cookie, form: PROFILE_FORM }))
    const second = await call(newRoute.action, request('/organisations/new', { cookie, form: PROFILE_FORM }))
    expect(second.location).toBe('/organisations/riverside-employment-partnership-2')
    const reserved = await call(newRoute.action, request('/organisations/new', { cookie, form: { ...PROFILE_FORM, name: 'New' } }))
    expect(reserved.location).toBe('/organisations/new-organisation')
  })

  test('forged and missing values are refused with clear messages, keeping what was typed', async () => {
    const { cookie } = await makeUser()
    const outcome = await call(
      newRoute.action,
      request('/organisations/new', {
        cookie,
        form: { ...PROFILE_FORM, sector: 'charity', sizeBand: '', capabilities: ['partnership-working', 'mind-reading'], regions: ['atlantis'], website: 'not a site' },
      }),
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({
      sector: 'Select the organisation’s sector',
      sizeBand: 'Select the organisation’s size',
      regions: 'Select only options from the list',
      capabilities: 'Select only options from the list',
      website: 'Enter website address in the correct format, like https://www.example.org',
    })
    expect(outcome.data.values.name).toBe(PROFILE_FORM.name)
    expect(outcome.data.values.description).toBe(PROFILE_FORM.description)
    const empty = await call(newRoute.action, request('/organisations/new', { cookie, form: { name: ' ' } }))
    expect(empty.data.errors).toMatchObject({
      name: 'Enter the organisation’s name',
      regions: 'Select at least one region the organisation serves',
      capabilities: 'Select at least one capability',
      description: 'Enter a description of the organisation',
    })
    expect(await db.select().from(organisations)).toHaveLength(0)
  })

  test('someone signed out is sent to sign in; an unconfirmed email address cannot create one', async () => {
    const signedOut = await call(newRoute.action, request('/organisations/new', { form: PROFILE_FORM }))
    expect(signedOut.status).toBe(302)
    expect(signedOut.location).toMatch(/^\/sign-in\?/)
    const { user, cookie } = await makeUser()
    const { users } = await import('~db/schema')
    await db.update(users).set({ emailVerifiedAt: null }).where(eq(users.id, user.id))
    const page = await call(newRoute.loader, request('/organisations/new', { cookie }))
    expect(page.data.verified).toBe(false)
    const refused = await call(newRoute.action, request('/organisations/new', { cookie, form: PROFILE_FORM }))
    expect(refused.status).toBeGreaterThanOrEqual(300)
    expect(await db.select().from(organisations)).toHaveLength(0)
  })
})

describe('only an organisation’s admins manage it', () => {
  test('other members, other organisations’ admins and staff get 403; a hub admin may act', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    const member = await memberOf(organisation)
    const outsider = await makeUser()
    const staff = await makeUser({ role: 'staff' })
    const otherAdmin = (await organisationWithAdmin({ name: 'Other Org' })).admin
    const params = { slug: organisation.slug }
    for (const { cookie } of [member, outsider, staff, otherAdmin]) {
      expect((await call(editRoute.loader, request(`/organisations/${organisation.slug}/edit`, { cookie }), params)).status).toBe(403)
      expect((await call(editRoute.action, request(`/organisations/${organisation.slug}/edit`, { cookie, form: { ...PROFILE_FORM } }), params)).status).toBe(403)
      expect((await call(membersRoute.loader, request(`/organisations/${organisation.slug}/members`, { cookie }), params)).status).toBe(403)
      const invite = await call(membersRoute.action, request(`/organisations/${organisation.slug}/members`, { cookie, form: { intent: 'invite', email: 'x@example.com' } }), params)
      expect(invite.status).toBe(403)
      const remove = await call(membersRoute.action, request(`/organisations/${organisation.slug}/members`, { cookie, form: { intent: 'remove', userId: admin.user.id } }), params)
      expect(remove.status).toBe(403)
      const promote = await call(membersRoute.action, request(`/organisations/${organisation.slug}/members`, { cookie, form: { intent: 'promote', userId: member.user.id } }), params)
      expect(promote.status).toBe(403)
    }
    expect(await db.select().from(organisationInvitations)).toHaveLength(0)
    expect(await db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisation.id))).toHaveLength(2)

    const hubAdmin = await makeUser({ role: 'admin' })
    expect((await call(editRoute.loader, request(`/organisations/${organisation.slug}/edit`, { cookie: hubAdmin.cookie }), params)).status).toBe(200)
    const signedOut = await call(editRoute.loader, request(`/organisations/${organisation.slug}/edit`), params)
    expect(signedOut.status).toBe(302)
  })

  test('removing someone is confirmed first, on a page only admins see', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    const member = await memberOf(organisation, { name: 'Mo Member' })
    const path = (userId: string) => `/organisations/${organisation.slug}/members/remove?userId=${userId}`
    const params = { slug: organisation.slug }
    expect((await call(removeRoute.loader, request(path(admin.user.id), { cookie: member.cookie }), params)).status).toBe(403)
    const page = await call(removeRoute.loader, request(path(member.user.id), { cookie: admin.cookie }), params)
    expect(page.data).toMatchObject({ member: { name: 'Mo Member' } })
    // An admin who picks themselves is sent to the page for leaving.
    expect((await call(removeRoute.loader, request(path(admin.user.id), { cookie: admin.cookie }), params)).location).toBe(`/organisations/${organisation.slug}/leave`)
    const stranger = await makeUser()
    expect((await call(removeRoute.loader, request(path(stranger.user.id), { cookie: admin.cookie }), params)).status).toBe(404)
  })

  test('the admin edits the profile; the change is audited with before and after and queued for indexing', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    await db.delete(searchOutbox)
    const outcome = await call(editRoute.action, request(`/organisations/${organisation.slug}/edit`, { cookie: admin.cookie, form: { ...PROFILE_FORM, name: 'Renamed Org' } }), {
      slug: organisation.slug,
    })
    expect(outcome.location).toBe(`/organisations/${organisation.slug}`)
    const [after] = await db.select().from(organisations).where(eq(organisations.id, organisation.id))
    expect(after).toMatchObject({ name: 'Renamed Org', slug: organisation.slug, sector: 'vcse' })
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'organisation.update'))
    expect(audit.before).toMatchObject({ name: 'Test Organisation', sector: 'private' })
    expect(audit.after).toMatchObject({ name: 'Renamed Org', sector: 'vcse' })
    expect(await db.select().from(searchOutbox)).toHaveLength(1)
  })

  test('an unknown organisation is a 404', async () => {
    const { cookie } = await makeUser()
    expect((await call(editRoute.loader, request('/organisations/nope/edit', { cookie }), { slug: 'nope' })).status).toBe(404)
    expect((await call(profileRoute.loader, request('/organisations/nope'), { slug: 'nope' })).status).toBe(404)
  })

  test('the admin removes members and promotes them; the last admin cannot be removed', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    const member = await memberOf(organisation, { name: 'Mo Member' })
    const path = `/organisations/${organisation.slug}/members`
    const params = { slug: organisation.slug }

    const lastAdmin = await call(membersRoute.action, request(path, { cookie: admin.cookie, form: { intent: 'remove', userId: admin.user.id } }), params)
    expect(lastAdmin.status).toBe(400)
    expect(lastAdmin.data.errors.members).toMatch(/only admin/)

    const forged = await call(membersRoute.action, request(path, { cookie: admin.cookie, form: { intent: 'remove', userId: 'not-a-uuid' } }), params)
    expect(forged.status).toBe(400)

    const promoted = await call(membersRoute.action, request(path, { cookie: admin.cookie, form: { intent: 'promote', userId: member.user.id } }), params)
    expect(promoted.location).toBe(path)
    const roles = await db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisation.id))
    expect(roles.every((r) => r.role === 'admin')).toBe(true)

    const removed = await call(membersRoute.action, request(path, { cookie: member.cookie, form: { intent: 'remove', userId: admin.user.id } }), params)
    expect(removed.location).toBe(path)
    expect(await db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisation.id))).toEqual([expect.objectContaining({ userId: member.user.id, role: 'admin' })])
    const actions = (await db.select({ action: auditEvents.action }).from(auditEvents)).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['organisation.promote_member', 'organisation.remove_member']))
  })
})

describe('leaving an organisation', () => {
  const leave = (organisation: { slug: string }, cookie?: string, post = false) =>
    call(post ? leaveRoute.action : leaveRoute.loader, request(`/organisations/${organisation.slug}/leave`, { cookie, form: post ? {} : undefined }), { slug: organisation.slug })
  const membersOf = (organisationId: string) => db.select().from(organisationMembers).where(eq(organisationMembers.organisationId, organisationId))

  test('a member leaves after confirming; the leaving is audited and the profile re-indexed', async () => {
    const { organisation } = await organisationWithAdmin()
    const member = await memberOf(organisation, { name: 'Mo Member' })
    await db.delete(searchOutbox)
    const page = await leave(organisation, member.cookie)
    expect(page).toMatchObject({ status: 200, data: { organisation: { name: organisation.name }, isAdmin: false } })
    const profile = await call(profileRoute.loader, request(`/organisations/${organisation.slug}`, { cookie: member.cookie }), { slug: organisation.slug })
    expect(profile.data.isMember).toBe(true)

    const left = await leave(organisation, member.cookie, true)
    expect(left.location).toBe('/organisations/yours')
    expect((await membersOf(organisation.id)).map((m) => m.userId)).not.toContain(member.user.id)
    const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.action, 'organisation.leave'))
    expect(audit).toMatchObject({ actorId: member.user.id, subjectId: organisation.id, before: { userId: member.user.id, role: 'member' } })
    expect(await db.select().from(searchOutbox)).toEqual([expect.objectContaining({ indexName: 'organisations', documentId: organisation.id })])
    // Once gone, the page is no longer theirs.
    expect((await leave(organisation, member.cookie)).status).toBe(403)
    expect((await leave(organisation, member.cookie, true)).status).toBe(403)
  })

  test('the last admin cannot leave and is told what to do; an admin may leave while another admin remains', async () => {
    const { admin, organisation } = await organisationWithAdmin({ name: 'Solo Admin Org' })
    const member = await memberOf(organisation, { name: 'Mo Member' })
    expect((await leave(organisation, admin.cookie)).data.isAdmin).toBe(true)

    const refused = await leave(organisation, admin.cookie, true)
    expect(refused.status).toBe(400)
    expect(refused.data.errors.leave).toBe(
      'You are the only admin of Solo Admin Org, so you cannot leave it yet. Make another member an admin first, or ask the Commissioning Hub team for help if there is nobody else',
    )
    expect(await membersOf(organisation.id)).toHaveLength(2)
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'organisation.leave'))).toHaveLength(0)

    await promoteMember(admin.user, organisation.id, member.user.id)
    expect((await leave(organisation, admin.cookie, true)).status).toBe(302)
    expect(await membersOf(organisation.id)).toEqual([expect.objectContaining({ userId: member.user.id, role: 'admin' })])
    // The one admin left is now the last, and is held to the same rule.
    expect((await leave(organisation, member.cookie, true)).status).toBe(400)
  })

  test('two admins leaving at the same moment cannot leave the organisation without one', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    const other = await memberOf(organisation, { role: 'admin' })
    const results = await Promise.all([leaveOrganisation(admin.user, organisation.id), leaveOrganisation(other.user, organisation.id)])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(await membersOf(organisation.id)).toEqual([expect.objectContaining({ role: 'admin' })])
  })

  test('what the leaver drafted for the organisation stays with it, for the members who remain', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    const member = await memberOf(organisation, { name: 'Mo Member' })
    const consultation = await makeOpenConsultation()
    const { response } = await startResponse(consultation, member.user, {
      respondentType: 'organisation',
      name: member.user.name,
      email: member.user.email,
      organisationId: organisation.id,
      organisationName: organisation.name,
      represents: null,
      howViewsAssembled: 'We asked our advisers',
      publishingConsent: 'none',
      confidential: false,
      confidentialReason: null,
    })
    expect((await leave(organisation, member.cookie, true)).status).toBe(302)

    const [kept] = await db.select().from(consultationResponses).where(eq(consultationResponses.id, response.id))
    expect(kept).toMatchObject({ organisationId: organisation.id, status: 'draft' })
    expect(await accessResponse(db, response.id, { user: admin.user, token: null })).toMatchObject({ role: 'org_admin' })
    expect(await accessResponse(db, response.id, { user: member.user, token: null })).toBeNull()
  })

  test('only the organisation’s members reach the page; visitors are asked to sign in', async () => {
    const { organisation } = await organisationWithAdmin()
    const outsider = await makeUser()
    const hubAdmin = await makeUser({ role: 'admin' })
    for (const { cookie } of [outsider, hubAdmin]) {
      expect((await leave(organisation, cookie)).status).toBe(403)
      expect((await leave(organisation, cookie, true)).status).toBe(403)
    }
    const visitor = await leave(organisation)
    expect(visitor.status).toBe(302)
    expect(visitor.location).toMatch(/^\/sign-in\?redirectTo=/)
    expect((await call(leaveRoute.loader, request('/organisations/nope/leave', { cookie: outsider.cookie }), { slug: 'nope' })).status).toBe(404)
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, 'organisation.leave'))).toHaveLength(0)
  })
})

describe('invitations', () => {
  async function invite(email = 'colleague@example.com') {
    const { admin, organisation } = await organisationWithAdmin()
    const outcome = await call(membersRoute.action, request(`/organisations/${organisation.slug}/members`, { cookie: admin.cookie, form: { intent: 'invite', email: ` ${email.toUpperCase()} ` } }), {
      slug: organisation.slug,
    })
    expect(outcome.status).toBe(302)
    const [mail] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.toAddress, email))
    const token = mail.textBody.match(/\/organisations\/invitations\/([A-Za-z0-9_-]+)/)![1]
    return { admin, organisation, token, mail }
  }

  test('an emailed, hashed, single-use token joins the invitee to the organisation', async () => {
    const { organisation, token, mail } = await invite()
    expect(mail.subject).toBe('You have been invited to join Test Organisation on the Commissioning Hub')
    const [stored] = await db.select().from(organisationInvitations)
    expect(stored.tokenHash).toBe(hashToken(token))
    expect(stored.tokenHash).not.toContain(token)
    expect(stored.email).toBe('colleague@example.com')
    const days = (stored.expiresAt.getTime() - stored.createdAt.getTime()) / (24 * 60 * 60 * 1000)
    expect(Math.round(days)).toBe(7)

    const page = await call(invitationRoute.loader, request(`/organisations/invitations/${token}`), { token })
    expect(page.data).toMatchObject({ state: 'open', email: 'colleague@example.com', user: null })

    const colleague = await makeUser({ email: 'colleague@example.com', name: 'Col League' })
    const accepted = await call(invitationRoute.action, request(`/organisations/invitations/${token}`, { cookie: colleague.cookie, form: {} }), { token })
    expect(accepted.location).toBe(`/organisations/${organisation.slug}`)
    const membership = await db
      .select()
      .from(organisationMembers)
      .where(and(eq(organisationMembers.organisationId, organisation.id), eq(organisationMembers.userId, colleague.user.id)))
    expect(membership).toEqual([expect.objectContaining({ role: 'member' })])
    const profilePage = await call(profileRoute.loader, request(`/organisations/${organisation.slug}`), { slug: organisation.slug })
    expect(profilePage.data.members.map((m: { name: string }) => m.name)).toContain('Col League')
    expect(JSON.stringify(profilePage.data.members)).not.toContain('@')

    const again = await call(invitationRoute.action, request(`/organisations/invitations/${token}`, { cookie: colleague.cookie, form: {} }), { token })
    expect(again.status).toBe(400)
    expect(again.data.reason).toBe('used')
  })

  test('an invitation for one address cannot be accepted by another account', async () => {
    const { organisation, token } = await invite()
    const someoneElse = await makeUser({ email: 'someone.else@example.com' })
    const page = await call(invitationRoute.loader, request(`/organisations/invitations/${token}`, { cookie: someoneElse.cookie }), { token })
    expect(page.data.user.email).toBe('someone.else@example.com')
    const refused = await call(invitationRoute.action, request(`/organisations/invitations/${token}`, { cookie: someoneElse.cookie, form: {} }), { token })
    expect(refused.data.reason).toBe('wrong_account')
    expect(await db.select().from(organisationMembers).where(eq(organisationMembers.userId, someoneElse.user.id))).toHaveLength(0)
    // The invitation is still there for the person it was sent to.
    expect((await findInvitation(token))?.state).toBe('open')
    void organisation
  })

  test('invitations expire after 7 days; a newer invitation replaces an older one; unknown tokens are refused', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    const colleague = await makeUser({ email: 'late@example.com' })
    const sent = new Date('2026-01-01T09:00:00Z')
    const first = await inviteMember(admin.user, organisation.id, 'late@example.com', { now: sent })
    if (!first.ok) throw new Error(first.errors.email)
    expect(await acceptInvitation(colleague.user, first.token, { now: new Date('2026-01-08T09:00:01Z') })).toMatchObject({ ok: false, code: 'expired' })
    expect((await findInvitation(first.token, { now: new Date('2026-01-08T09:00:01Z') }))?.state).toBe('expired')

    const second = await inviteMember(admin.user, organisation.id, 'late@example.com', { now: new Date('2026-01-02T09:00:00Z') })
    const third = await inviteMember(admin.user, organisation.id, 'late@example.com', { now: new Date('2026-01-03T09:00:00Z') })
    if (!second.ok || !third.ok) throw new Error('invite failed')
    const at = new Date('2026-01-04T09:00:00Z')
    expect(await acceptInvitation(colleague.user, second.token, { now: at })).toMatchObject({ ok: false, code: 'expired' })
    expect(await acceptInvitation(colleague.user, third.token, { now: at })).toMatchObject({ ok: true })
    expect(await acceptInvitation(colleague.user, 'made-up-token')).toMatchObject({ ok: false, code: 'not_found' })
    const page = await call(invitationRoute.loader, request('/organisations/invitations/made-up-token'), { token: 'made-up-token' })
    expect(page.status).toBe(404)
  })

  test('inviting an existing member or a malformed address is refused', async () => {
    const { admin, organisation } = await organisationWithAdmin()
    const path = `/organisations/${organisation.slug}/members`
    const self = await call(membersRoute.action, request(path, { cookie: admin.cookie, form: { intent: 'invite', email: admin.user.email } }), { slug: organisation.slug })
    expect(self.status).toBe(400)
    expect(self.data.errors.email).toBe(`${admin.user.email} is already a member of Test Organisation`)
    const bad = await call(membersRoute.action, request(path, { cookie: admin.cookie, form: { intent: 'invite', email: 'not-an-email' } }), { slug: organisation.slug })
    expect(bad.data.errors.email).toBe('Enter an email address in the correct format, like name@example.com')
    expect(bad.data.values.email).toBe('not-an-email')
    const empty = await call(membersRoute.action, request(path, { cookie: admin.cookie, form: { intent: 'invite', email: '' } }), { slug: organisation.slug })
    expect(empty.data.errors.email).toBe('Enter the email address of the person you want to invite')
    expect(await db.select().from(organisationInvitations)).toHaveLength(0)
  })
})

describe('what a profile lists', () => {
  test('published case studies for everyone; pipeline interest only for its members, staff and partners interested in the same notice', async () => {
    const { admin, organisation } = await organisationWithAdmin({ name: 'Valleys Employment Trust' })
    const published = await createCaseStudy(admin.user, caseStudyInput(organisation.id, { title: 'Published mentoring' }), { publish: true })
    const draft = await createCaseStudy(admin.user, caseStudyInput(organisation.id, { title: 'Draft mentoring' }))
    expect(published.ok && draft.ok).toBe(true)

    const staff = await makeUser({ role: 'staff' })
    const staffActor = { id: staff.user.id, email: staff.user.email }
    const notice = await createNotice(staffActor, noticeInput())
    await publishNotice(staffActor, notice.id)
    const other = await createNotice(staffActor, noticeInput({ title: 'Another notice' }))
    await publishNotice(staffActor, other.id)
    const interest = { organisationId: organisation.id, role: 'subcontractor' as const, capabilitiesOffered: [], capabilitiesSought: [], note: '' }
    await registerInterest(admin.user.id, notice.id, { ...interest, seekingPartners: true })
    await registerInterest(admin.user.id, other.id, { ...interest, seekingPartners: false })

    const partner = await makeUser({ name: 'Pat Partner' })
    const partnerOrg = await createOrganisation(partner.user, profile({ name: 'Partner Prime Ltd' }))
    const stranger = await makeUser({ name: 'Sam Stranger' })
    await createOrganisation(stranger.user, profile({ name: 'Unrelated Ltd' }))

    const view = async (cookie?: string) => (await call(profileRoute.loader, request(`/organisations/${organisation.slug}`, { cookie }), { slug: organisation.slug })).data
    const visitor = await view()
    expect(visitor.caseStudies.map((cs: { title: string }) => cs.title)).toEqual(['Published mentoring'])
    expect(visitor.interests).toEqual([])
    expect((await view(stranger.cookie)).interests).toEqual([])
    expect((await view(admin.cookie)).interests.map((i: { title: string }) => i.title).sort()).toEqual(['Another notice', notice.title].sort())
    expect((await view(staff.cookie)).interests).toHaveLength(2)
    // A partner sees nothing until its own organisation is interested in the notice, then only where this one seeks partners.
    expect((await view(partner.cookie)).interests).toEqual([])
    await registerInterest(partner.user.id, notice.id, { ...interest, organisationId: partnerOrg.id, seekingPartners: false })
    await registerInterest(partner.user.id, other.id, { ...interest, organisationId: partnerOrg.id, seekingPartners: false })
    const partnerView = await view(partner.cookie)
    expect(partnerView.interests.map((i: { title: string }) => i.title)).toEqual([notice.title])
    expect(partnerView.interestAudience).toBe('partner')
  })
})

describe('the directory', () => {
  async function market() {
    const { admin } = await organisationWithAdmin({
      name: 'Northern Prime Ltd',
      sector: 'private',
      sizeBand: 'large',
      regions: ['north-east', 'scotland'],
      capabilities: ['supply-chain-management', 'digital-it'],
    })
    await createOrganisation(
      admin.user,
      profile({
        name: 'Harbour Homeless Charity',
        sector: 'vcse',
        sizeBand: 'small',
        regions: ['north-west'],
        capabilities: ['disadvantage-specialism'],
        merlinStatus: 'working_towards',
        description: 'Supports people sleeping rough into employment.',
      }),
    )
    await createOrganisation(
      admin.user,
      profile({
        name: 'Council Skills Service',
        sector: 'public',
        sizeBand: 'medium',
        regions: ['north-west', 'north-east'],
        capabilities: ['labour-market-knowledge', 'digital-it'],
        merlinStatus: 'not_applicable',
      }),
    )
    await createOrganisation(
      admin.user,
      profile({ name: 'Digital Bridges CIC', sector: 'vcse', sizeBand: 'micro', regions: ['london'], capabilities: ['digital-it'], description: 'Teaching online job searching.' }),
    )
    // The directory reads the search index, which the outbox worker fills.
    await drainOutbox()
  }
  const names = async (query: string) => (await searchDirectory(parseDirectoryQuery(new URLSearchParams(query)))).items.map((o) => o.name)

  test('filters by sector, size, region and capability, and combines them', async () => {
    await market()
    expect(await names('')).toEqual(['Council Skills Service', 'Digital Bridges CIC', 'Harbour Homeless Charity', 'Northern Prime Ltd'])
    expect(await names('sector=vcse')).toEqual(['Digital Bridges CIC', 'Harbour Homeless Charity'])
    expect(await names('sector=vcse&sector=public')).toEqual(['Council Skills Service', 'Digital Bridges CIC', 'Harbour Homeless Charity'])
    expect(await names('size=large')).toEqual(['Northern Prime Ltd'])
    expect(await names('region=north-west')).toEqual(['Council Skills Service', 'Harbour Homeless Charity'])
    expect(await names('capability=digital-it')).toEqual(['Council Skills Service', 'Digital Bridges CIC', 'Northern Prime Ltd'])
    expect(await names('capability=digital-it&region=north-east&sector=private')).toEqual(['Northern Prime Ltd'])
  })

  test('several regions, capabilities and Merlin statuses at once; each count is what ticking that box as well would show', async () => {
    await market()
    const search = (query: string) => searchDirectory(parseDirectoryQuery(new URLSearchParams(query)))
    expect(await names('region=london&region=scotland')).toEqual(['Digital Bridges CIC', 'Northern Prime Ltd'])
    expect(await names('capability=disadvantage-specialism&capability=labour-market-knowledge')).toEqual(['Council Skills Service', 'Harbour Homeless Charity'])
    expect(await names('merlin=working_towards&merlin=not_applicable')).toEqual(['Council Skills Service', 'Harbour Homeless Charity'])
    expect(await names('merlin=accredited')).toEqual(['Digital Bridges CIC', 'Northern Prime Ltd'])

    const all = await search('')
    expect(all.counts.merlin).toEqual({ accredited: 2, working_towards: 1, not_applicable: 1 })
    expect(all.counts.regions).toEqual({ 'north-east': 2, 'north-west': 2, scotland: 1, london: 1 })
    expect(all.counts.capabilities['digital-it']).toBe(3)
    expect(all.counts.sectors).toEqual({ private: 1, public: 1, vcse: 2 })

    // A group's own choices do not narrow its counts (so another region shows what it would add); the other groups' do.
    const filtered = await search('region=north-west&sector=vcse')
    expect(filtered.total).toBe(1)
    expect(filtered.counts.regions).toEqual({ 'north-west': 1, london: 1 })
    expect(filtered.counts.sectors).toEqual({ public: 1, vcse: 1 })
    expect(filtered.counts.merlin).toEqual({ working_towards: 1 })
    expect(filtered.counts.capabilities).toEqual({ 'disadvantage-specialism': 1 })
    // Text narrows every count.
    expect((await search('q=harbour')).counts.sectors).toEqual({ vcse: 1 })
  })

  test('the page says how many were found, with counts beside each filter and an empty state', async () => {
    await market()
    const page = await call(directoryRoute.loader, request('/organisations?region=north-west&region=london&merlin=accredited'))
    expect(page.data.total).toBe(1)
    expect(page.data.items.map((o: { name: string }) => o.name)).toEqual(['Digital Bridges CIC'])
    expect(page.data.query).toMatchObject({ regions: ['north-west', 'london'], merlin: ['accredited'] })
    expect(page.data.counts.merlin).toEqual({ accredited: 1, working_towards: 1, not_applicable: 1 })
    const none = await call(directoryRoute.loader, request('/organisations?capability=financial-strength'))
    expect(none.data.total).toBe(0)
    expect(none.data.items).toEqual([])
  })

  test('text search matches names and descriptions, by substring and word forms', async () => {
    await market()
    expect(await names('q=harbour')).toEqual(['Harbour Homeless Charity'])
    expect(await names('q=sleeping%20rough')).toEqual(['Harbour Homeless Charity'])
    expect(await names('q=searches')).toEqual(['Digital Bridges CIC'])
    expect(await names('q=100%25')).toEqual([])
    expect(await names('q=council&sector=vcse')).toEqual([])
    expect(await names('q=homelss')).toEqual(['Harbour Homeless Charity'])
  })

  test('pages hold 20 organisations, in name order', async () => {
    const { admin } = await organisationWithAdmin({ name: 'Org 00' })
    for (let i = 1; i < 25; i++) await createOrganisation(admin.user, profile({ name: `Org ${String(i).padStart(2, '0')}` }))
    await drainOutbox()
    const first = await searchDirectory(parseDirectoryQuery(new URLSearchParams('')))
    expect(first).toMatchObject({ total: 25, page: 1, pageCount: 2 })
    expect(first.items).toHaveLength(20)
    const second = await searchDirectory(parseDirectoryQuery(new URLSearchParams('page=2')))
    expect(second.items.map((o) => o.name)).toEqual(['Org 20', 'Org 21', 'Org 22', 'Org 23', 'Org 24'])
  })

  test('unknown filter values are ignored; pages past the end show the last page', async () => {
    await market()
    expect(parseDirectoryQuery(new URLSearchParams('sector=charity&size=huge&region=atlantis&capability=x&page=-3'))).toEqual({
      q: '',
      sectors: [],
      sizes: [],
      merlin: [],
      regions: [],
      capabilities: [],
      page: 1,
    })
    const result = await searchDirectory(parseDirectoryQuery(new URLSearchParams('page=99')))
    expect(result).toMatchObject({ page: 1, pageCount: 1, total: 4 })
  })
})

describe('home page, staff dashboard and feedback', () => {
  test('the home page shows a block per capability, with the organisations count and newest', async () => {
    await organisationWithAdmin({ name: 'Newest Org' })
    const outcome = await call(homeRoute.loader, request('/'))
    const blocks = outcome.data.blocks as Array<{ id: string; figures?: Array<{ value: number }>; items?: Array<{ title: string }> }>
    // Each capability's block is tested in its own module; here, that the page lays out one per capability.
    expect(HOME_BLOCKS).toHaveLength(8)
    expect(blocks.map((b) => b.id)).toContain('organisations')
    const organisationsBlock = blocks.find((b) => b.id === 'organisations')!
    expect(organisationsBlock.figures?.[0].value).toBe(1)
    expect(organisationsBlock.items?.map((i) => i.title)).toEqual(['Newest Org'])
  })

  test('the staff dashboard is for staff only, with admin links for admins', async () => {
    const member = await makeUser()
    expect((await call(staffRoute.loader, request('/staff', { cookie: member.cookie }))).status).toBe(403)
    const staff = await makeUser({ role: 'staff' })
    const staffPage = await call(staffRoute.loader, request('/staff', { cookie: staff.cookie }))
    expect(staffPage.data.isAdmin).toBe(false)
    expect(staffPage.data.blocks.map((b: { id: string }) => b.id)).toEqual(expect.arrayContaining(['organisations', 'feedback']))
    const admin = await makeUser({ role: 'admin' })
    expect((await call(staffRoute.loader, request('/staff', { cookie: admin.cookie }))).data.isAdmin).toBe(true)
  })

  test('feedback is stored; bad input is refused and kept', async () => {
    const bad = await call(feedbackRoute.action, request('/feedback', { form: { satisfaction: 'ecstatic', comments: 'x'.repeat(1201) } }))
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({
      satisfaction: 'Select how you feel about the Commissioning Hub',
      comments: 'How we could improve the hub must be 1200 characters or fewer',
    })
    expect(bad.data.values.comments).toHaveLength(1201)
    // A huge value is refused with its limit and not reflected in full.
    const huge = await call(feedbackRoute.action, request('/feedback', { form: { satisfaction: 'satisfied', comments: 'y'.repeat(600_000) } }))
    expect(huge.status).toBe(400)
    expect(huge.data.errors.comments).toBe('How we could improve the hub must be 1200 characters or fewer')
    expect(huge.data.values.comments.length).toBe(MAX_ECHOED_CHARACTERS)
    const good = await call(feedbackRoute.action, request('/feedback', { form: { satisfaction: 'satisfied', comments: 'Easy to find the pipeline.', from: '/pipeline' } }))
    // Back to the page it was about, with the thanks in the signed notice cookie, not the address.
    expect(good.location).toBe('/pipeline')
    expect(good.headers.get('Set-Cookie')).toMatch(/^hub_notice=/)
    expect(await db.select().from(serviceFeedback)).toEqual([expect.objectContaining({ satisfaction: 'satisfied', comments: 'Easy to find the pipeline.', fromPath: '/pipeline' })])
    const offsite = await call(feedbackRoute.action, request('/feedback', { form: { satisfaction: 'satisfied', comments: 'Hi', from: '//evil.example' } }))
    expect(offsite.status).toBe(302)
    const rows = await db.select().from(serviceFeedback)
    expect(rows.find((r) => r.comments === 'Hi')?.fromPath).toBeNull()
  })
})
