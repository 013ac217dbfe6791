import { describe, expect, test } from 'vitest'
import { RuleError } from '~/lib/result'
import { createNotice, publishNotice, updateNotice } from '~/modules/pipeline/authoring.server'
import { getNotice, noticeInputOf, type NoticeInput } from '~/modules/pipeline/notices.server'
import { atomFeed, noticeRecord, ocdsRelease, pipelineCsv } from '~/modules/pipeline/opendata.server'
import { recentRevisions } from '~/modules/pipeline/revisions.server'
import { noticeInput } from '../support/pipeline'
import { call } from '../support/routes'
import { makeUser, request } from '../support/users'

/** Procurement Act notice types, contact points and what staff editing at once do to each other. */

async function staffActor() {
  const { user, cookie } = await makeUser({ role: 'staff' })
  return { actor: { id: user!.id, email: user!.email }, cookie }
}

async function refusal(promise: Promise<unknown>): Promise<RuleError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof RuleError) return error
    throw error
  }
  throw new Error('expected a rule error')
}

const UK2: Partial<NoticeInput> = {
  noticeType: 'preliminary_market_engagement',
  engagementDetails: 'Two online events and a questionnaire on lot structure.',
  engagementDeadline: '2027-01-29',
  contactName: 'Priya Shah',
  contactEmail: 'priya.shah@dwp.example',
  contactPhone: '0800 169 0190',
}

const FORM = {
  reference: 'PL-T1',
  title: 'Employment support, Wales',
  summary: 'A summary',
  buyer: 'Department for Work and Pensions',
  route: 'caehrs_call_off',
  regions: 'wales',
  cpvCodes: '80000000-4',
  valueMin: '2000000',
  valueMax: '3000000',
  lotCount: '1',
  noticeType: 'pipeline',
  contactName: 'Commercial team',
  contactEmail: 'commercial@dwp.example',
}

describe('notice types', () => {
  test('a UK2 notice needs how to take part and a registration deadline; a UK3 notice needs its tender notice date', async () => {
    const { actor } = await staffActor()
    const uk2 = await refusal(createNotice(actor, noticeInput({ noticeType: 'preliminary_market_engagement' })))
    expect(uk2.fields).toMatchObject({
      engagementDetails: 'Enter how suppliers can take part in the market engagement',
      engagementDeadline: 'Enter the date by which suppliers must register to take part',
    })
    const uk3 = await refusal(createNotice(actor, noticeInput({ noticeType: 'planned_procurement' })))
    expect(uk3.fields?.tenderNotice).toBe('A planned procurement notice must give the planned tender notice date')
    const ok = await createNotice(actor, noticeInput({ noticeType: 'planned_procurement', dates: { ...noticeInput().dates, tenderNotice: { date: '2027-05-12', precision: 'day' } } }))
    expect(ok.noticeType).toBe('planned_procurement')
  })

  test('the staff form checks the type, the contact point and the deadline, keeping what was typed', async () => {
    const { cookie } = await staffActor()
    const route = await import('~/routes/staff.pipeline.new')
    const bad = await call(
      route.action,
      request('/staff/pipeline/new', {
        cookie,
        form: { ...FORM, noticeType: 'preliminary_market_engagement', contactName: '', contactEmail: 'not an email', contactPhone: 'call me', 'engagementDeadline-month': '1', 'engagementDeadline-year': '2027' },
      }),
    )
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toEqual({
      contactName: 'Enter the name of the contact point',
      contactEmail: 'Enter the contact email address in the correct format, like commercial@dwp.gov.uk',
      contactPhone: 'Enter a telephone number, like 0800 169 0190 or +44 800 169 0190',
      engagementDeadline: 'Registration deadline date must include a day',
    })
    expect(bad.data.values).toMatchObject({ title: FORM.title, contactPhone: 'call me' })
    const noType = await call(route.action, request('/staff/pipeline/new', { cookie, form: { ...FORM, noticeType: 'contract_award' } }))
    expect(noType.data.errors.noticeType).toBe('Select the notice type')
    const saved = await call(
      route.action,
      request('/staff/pipeline/new', {
        cookie,
        form: {
          ...FORM,
          noticeType: 'preliminary_market_engagement',
          engagementDetails: 'Come to the event',
          'engagementDeadline-day': '29',
          'engagementDeadline-month': '1',
          'engagementDeadline-year': '2027',
          contactPhone: '+44 800 169 0190',
        },
      }),
    )
    expect(saved.status).toBe(302)
    const notice = await getNotice(saved.location!.split('/').at(-1)!)
    expect(notice).toMatchObject({ noticeType: 'preliminary_market_engagement', engagementDeadline: '2027-01-29', contactEmail: 'commercial@dwp.example', contactPhone: '+44 800 169 0190' })
  })

  test('type, engagement and contact point are on the page and in CSV, JSON, OCDS and Atom', async () => {
    const { actor } = await staffActor()
    const created = await createNotice(actor, noticeInput(UK2))
    await publishNotice(actor, created.id)
    const notice = (await getNotice(created.id))!
    expect(noticeRecord(notice)).toMatchObject({ noticeType: 'UK2', noticeTypeName: 'Preliminary market engagement notice', contactEmail: 'priya.shah@dwp.example', engagementRegistrationDeadline: '2027-01-29' })
    const [header, row] = pipelineCsv([notice]).split('\r\n')
    expect(header).toContain('noticeType,noticeTypeName,status,summary,description,')
    expect(header).toContain(',contactName,contactEmail,contactTelephone,lots,kpis,')
    expect(row).toContain('UK2,Preliminary market engagement notice')
    expect(row).toContain('Priya Shah,priya.shah@dwp.example,0800 169 0190')
    const release = ocdsRelease(notice)
    expect(release.parties[0]).toMatchObject({ roles: ['buyer'], contactPoint: { name: 'Priya Shah', email: 'priya.shah@dwp.example', telephone: '0800 169 0190' } })
    expect(release.planning.milestones[0]).toMatchObject({ id: 'engagementRegistration', type: 'engagement', dueDate: '2027-01-29T00:00:00Z' })

    const page = await import('~/routes/pipeline.$slug')
    const loaded = await call(page.loader, request(`/pipeline/${notice.slug}`), { slug: notice.slug })
    expect(loaded.data.notice).toMatchObject({ noticeType: 'preliminary_market_engagement', contactName: 'Priya Shah' })

    // The Atom entry for the first publication keeps describing the notice as it was then.
    await updateNotice(actor, notice.id, { ...noticeInputOf(notice), noticeType: 'planned_procurement', title: 'Renamed later', dates: { ...noticeInputOf(notice).dates, tenderNotice: { date: '2027-06-01', precision: 'month' } } })
    const entries = (await recentRevisions(200)).filter((e) => e.notice.id === notice.id)
    const xml = atomFeed(entries)
    expect(xml).toContain(`<title>New: ${notice.title}</title>`)
    expect(xml).toContain('UK2 Preliminary market engagement notice. Employment support')
    expect(xml).toContain('<title>Updated: Renamed later</title>')
    expect(xml).toContain('Notice type: UK2 Preliminary market engagement notice → UK3 Planned procurement notice')
  })
})

describe('two staff editing one notice', () => {
  test('the second save from a stale form is refused with both versions kept; saving again replaces it deliberately', async () => {
    const { actor, cookie: first } = await staffActor()
    const { cookie: second } = await staffActor()
    const notice = await createNotice(actor, noticeInput({ reference: `PL-${Date.now()}` }))
    const edit = await import('~/routes/staff.pipeline.$id_.edit')
    const formOf = async (cookie: string) => (await call(edit.loader, request(`/staff/pipeline/${notice.id}/edit`, { cookie }), { id: notice.id })).data.values as Record<string, string>
    const a = await formOf(first)
    const b = await formOf(second)
    expect(a.editVersion).toBe('0')

    const savedA = await call(edit.action, request(`/staff/pipeline/${notice.id}/edit`, { cookie: first, form: { ...a, title: 'Title from A', lotCount: '1' } }), { id: notice.id })
    expect(savedA.status).toBe(302)
    const stale = await call(edit.action, request(`/staff/pipeline/${notice.id}/edit`, { cookie: second, form: { ...b, summary: 'Summary from B', lotCount: '1' } }), { id: notice.id })
    expect(stale.status).toBe(400)
    expect(stale.data.errors.form).toMatch(/^Someone else saved changes to this notice at .+, after you opened it\. Your changes have not been saved/)
    expect(stale.data.values).toMatchObject({ summary: 'Summary from B', editVersion: '1' })
    expect((await getNotice(notice.id))!).toMatchObject({ title: 'Title from A', summary: notice.summary })

    const again = await call(edit.action, request(`/staff/pipeline/${notice.id}/edit`, { cookie: second, form: stale.data.values }), { id: notice.id })
    expect(again.status).toBe(302)
    expect((await getNotice(notice.id))!).toMatchObject({ summary: 'Summary from B', editVersion: 2 })
  })
})
