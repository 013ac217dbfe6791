import { describe, expect, test } from 'vitest'
import { RuleError } from '~/lib/result'
import { createNotice, publishNotice, updateNotice } from '~/modules/pipeline/authoring.server'
import { getNotice, noticeInputOf, type NoticeInput } from '~/modules/pipeline/notices.server'
import { atomFeed, noticeRecord, ocdsRelease, pipelineCsv } from '~/modules/pipeline/opendata.server'
import { recentRevisions } from '~/modules/pipeline/revisions.server'
import { noticeInput } from '../support/pipeline'
import { describeFile, detectFileKind, MAX_FILE_BYTES } from '~/modules/files/file-types'
import { checkUpload } from '~/modules/files/files.server'
import { isUploadPath } from '../../server/body-limit'
import { sampleDocx, sampleOdt, samplePdf, sampleXlsx, storedZip } from '../../db/seed/sample-documents'
import { call, file, multipart, PNG } from '../support/routes'
import { makeUser, request } from '../support/users'

/** Procurement Act notice types, contact points and what staff editing at once do to each other. */

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
    const { actor } = await makeUser({ role: 'staff' })
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
    const { cookie } = await makeUser({ role: 'staff' })
    const route = await import('~/routes/staff.pipeline.new')
    const bad = await call(
      route.action,
      request('/staff/pipeline/new', {
        cookie,
        form: {
          ...FORM,
          noticeType: 'preliminary_market_engagement',
          contactName: '',
          contactEmail: 'not an email',
          contactPhone: 'call me',
          'engagementDeadline-month': '1',
          'engagementDeadline-year': '2027',
        },
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
    const { actor } = await makeUser({ role: 'staff' })
    const created = await createNotice(actor, noticeInput(UK2))
    await publishNotice(actor, created.id)
    const notice = (await getNotice(created.id))!
    expect(noticeRecord(notice)).toMatchObject({
      noticeType: 'UK2',
      noticeTypeName: 'Preliminary market engagement notice',
      contactEmail: 'priya.shah@dwp.example',
      engagementRegistrationDeadline: '2027-01-29',
    })
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
    await updateNotice(actor, notice.id, {
      ...noticeInputOf(notice),
      noticeType: 'planned_procurement',
      title: 'Renamed later',
      dates: { ...noticeInputOf(notice).dates, tenderNotice: { date: '2027-06-01', precision: 'month' } },
    })
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
    const { actor, cookie: first } = await makeUser({ role: 'staff' })
    const { cookie: second } = await makeUser({ role: 'staff' })
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

describe('documents', () => {
  test('the kind is read from the content, never the name or the browser’s type', async () => {
    expect(detectFileKind(samplePdf(['Hello']))).toEqual({ ok: true, kind: 'pdf' })
    expect(detectFileKind(sampleOdt())).toEqual({ ok: true, kind: 'odt' })
    expect(detectFileKind(sampleDocx())).toEqual({ ok: true, kind: 'docx' })
    expect(detectFileKind(sampleXlsx())).toEqual({ ok: true, kind: 'xlsx' })
    expect(detectFileKind(Buffer.from('\uFEFFarea,referrals\r\nNorth West,2400\r\n'))).toEqual({ ok: true, kind: 'csv' })
    expect(detectFileKind(PNG)).toEqual({ ok: false, reason: 'unknown' })
    expect(detectFileKind(Buffer.from('<html><script>alert(1)</script></html>'))).toEqual({ ok: false, reason: 'unknown' })
    expect(detectFileKind(Buffer.from('just words'))).toEqual({ ok: false, reason: 'unknown' })
    expect(detectFileKind(Buffer.from([0x61, 0x2c, 0x62, 0x00, 0x0a]))).toEqual({ ok: false, reason: 'unknown' })
    expect(detectFileKind(sampleDocx([['word/vbaProject.bin', 'macro']]))).toEqual({ ok: false, reason: 'macros' })
    expect(detectFileKind(storedZip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet']]))).toEqual({ ok: false, reason: 'unknown' })
    expect(detectFileKind(storedZip([['readme.txt', 'hello']]))).toEqual({ ok: false, reason: 'unknown' })
    expect(detectFileKind(Buffer.from('PK\u0003\u0004broken'))).toEqual({ ok: false, reason: 'unknown' })

    const refused = async (value: File | null) => {
      const result = await checkUpload(value, 'file')
      return result.ok ? null : result.errors.file
    }
    expect(await refused(file(PNG, 'specification.pdf', 'application/pdf'))).toBe('The selected file must be a PDF, ODT, DOCX, XLSX or CSV')
    expect(await refused(file(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41), 'big.csv', 'text/csv'))).toBe('The selected file must be smaller than 10 MB')
    expect(await refused(file('', 'empty.csv'))).toBe('The selected file is empty')
    expect(await refused(null)).toBe('Select a file')
    const renamed = await checkUpload(file(sampleDocx(), 'C:\\Users\\me\\notes.txt', 'text/plain'), 'file')
    expect(renamed.ok && renamed.value.name).toBe('notes.docx')
    expect(describeFile({ kind: 'pdf', size: 240 * 1024 })).toBe('PDF, 240 KB')
    expect(describeFile({ kind: 'xlsx', size: 1536 * 1024 })).toBe('XLSX, 1.5 MB')
    expect(describeFile({ kind: 'csv', size: 900 })).toBe('CSV, 900 bytes')
    // The larger request limit applies to upload forms, posted with JavaScript (Remix adds .data) or without.
    for (const path of ['/staff/pipeline/1/documents', '/staff/pipeline/1/documents.data', '/staff/pipeline/1/documents.data?index']) expect(isUploadPath(path)).toBe(true)
    for (const path of ['/staff/pipeline/1/edit', '/staff/pipeline/1/documents/2', '/documentsx']) expect(isUploadPath(path)).toBe(false)
  })

  test('staff attach documents without JavaScript; they are listed, downloadable and in OCDS, CSV and Atom once published', async () => {
    const { actor, cookie } = await makeUser({ role: 'staff' })
    const { cookie: member } = await makeUser()
    const notice = await createNotice(actor, noticeInput(UK2))
    const path = `/staff/pipeline/${notice.id}/documents`
    const route = await import('~/routes/staff.pipeline.$id_.documents')
    expect((await call(route.action, multipart(path, member, { file: file(samplePdf(['x']), 'x.pdf') }), { id: notice.id })).status).toBe(403)

    const bad = await call(route.action, multipart(path, cookie, { title: 'Specification', file: file(PNG, 'spec.pdf', 'application/pdf') }), { id: notice.id })
    expect(bad.status).toBe(400)
    expect(bad.data).toMatchObject({ errors: { file: 'The selected file must be a PDF, ODT, DOCX, XLSX or CSV' }, values: { title: 'Specification' } })

    const pdf = samplePdf(['Draft specification'])
    const added = await call(route.action, multipart(path, cookie, { title: 'Draft specification', file: file(pdf, 'spec.pdf') }), { id: notice.id })
    expect(added.status).toBe(302)
    const again = await call(route.action, multipart(path, cookie, { title: '', file: file(pdf, 'copy.pdf') }), { id: notice.id })
    expect(again.data.errors.file).toBe('The selected file is already attached to this notice, as “Draft specification”')
    expect((await call(route.action, multipart(path, cookie, { title: '', file: file('area,referrals\r\nWales,1200\r\n', 'areas.csv') }), { id: notice.id })).status).toBe(302)

    const draft = (await getNotice(notice.id))!
    expect(draft.documents.map((d) => [d.title, describeFile(d.file)])).toEqual([
      ['Draft specification', `PDF, ${pdf.length} bytes`],
      ['areas', 'CSV, 28 bytes'],
    ])
    const [spec] = draft.documents
    const publicDownload = await import('~/routes/pipeline.$slug_.documents.$documentId')
    const staffDownload = await import('~/routes/staff.pipeline.$id_.documents.$documentId')
    expect((await call(publicDownload.loader, request(`/pipeline/${draft.slug}/documents/${spec!.id}`), { slug: draft.slug, documentId: spec!.id })).status).toBe(404)
    const forStaff = await call(staffDownload.loader, request(`${path}/${spec!.id}`, { cookie }), { id: notice.id, documentId: spec!.id })
    expect(forStaff.status).toBe(200)
    expect(forStaff.headers.get('Cache-Control')).toBe('private, no-store')

    await publishNotice(actor, notice.id)
    const response = (await publicDownload.loader({
      request: request(`/pipeline/${draft.slug}/documents/${spec!.id}`),
      params: { slug: draft.slug, documentId: spec!.id },
      context: {} as never,
    })) as Response
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="spec.pdf"; filename*=UTF-8''spec.pdf`)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(Buffer.from(await response.arrayBuffer()).equals(pdf)).toBe(true)
    expect((await call(publicDownload.loader, request('/x'), { slug: 'another-notice', documentId: spec!.id })).status).toBe(404)

    const published = (await getNotice(notice.id))!
    const release = ocdsRelease(published)
    expect((release.tender as { documents: unknown[] }).documents[0]).toMatchObject({
      id: spec!.id,
      title: 'Draft specification',
      format: 'application/pdf',
      url: `http://localhost:3000/pipeline/${draft.slug}/documents/${spec!.id}`,
      description: `PDF, ${pdf.length} bytes`,
    })
    expect(pipelineCsv([published])).toContain(`Draft specification (PDF): http://localhost:3000/pipeline/${draft.slug}/documents/${spec!.id}; areas (CSV)`)

    // Removing one from the published notice is a revision: logged, and the feed's new entry lists what is left.
    const removed = await call(route.action, request(path, { cookie, form: { intent: 'remove', documentId: draft.documents[1]!.id } }), { id: notice.id })
    expect(removed.status).toBe(302)
    const entries = (await recentRevisions(200)).filter((e) => e.notice.id === notice.id)
    expect(entries[0]!.revision.changes).toEqual([
      { field: 'documents', label: 'Documents', from: expect.stringContaining('; areas (CSV, 28 bytes)'), to: `Draft specification (PDF, ${pdf.length} bytes)` },
    ])
    const xml = atomFeed(entries)
    expect(xml.match(/<link rel="enclosure" type="text\/csv"/g)).toHaveLength(1)
    expect(xml.match(/<link rel="enclosure" type="application\/pdf" length="\d+" title="Draft specification \(PDF, \d+ bytes\)"/g)).toHaveLength(2)
  })
})
