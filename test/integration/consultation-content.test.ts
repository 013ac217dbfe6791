import { describe, expect, test } from 'vitest'
import { findConsultations } from '~/modules/consultations/consultations.server'
import { listConsultationDocuments } from '~/modules/consultations/documents.server'
import { consultationsOpenData } from '~/modules/consultations/open-data.server'
import { sampleDocx, sampleOdt, samplePdf, sampleXlsx } from '../../db/seed/sample-documents'
import { drainOutbox } from '~search/worker.server'
import { makeDraftConsultation } from '../support/consultations'
import { call, file, multipart, PNG } from '../support/routes'
import { makeUser, request } from '../support/users'
import { db } from '~/lib/db.server'
import { publishConsultation } from '~/modules/consultations/consultations.server'

/** What a consultation carries besides its questions: documents, richer question types, routing and reminders. */

describe('consultation documents', () => {
  test('staff attach the paper and an easy-read version; they are listed, served, in open data and found by search once published', async () => {
    const { user: staff, cookie } = await makeUser({ role: 'staff' })
    const { cookie: member } = await makeUser()
    const c = await makeDraftConsultation(staff, { title: 'Support for disabled jobseekers' })
    const path = `/staff/consultations/${c.id}/documents`
    const route = await import('~/routes/staff.consultations.$id.documents._index')
    const paper = samplePdf(['Consultation paper'])
    expect((await call(route.action, multipart(path, member, { kind: 'consultation_paper', file: file(paper, 'paper.pdf') }), { id: c.id })).status).toBe(403)

    // A spreadsheet is a document the hub knows, but not one a consultation publishes; nothing typed is lost.
    const form = { kind: 'consultation_paper', title: 'Consultation paper', accessibilityNotes: 'Tagged PDF with headings' }
    const xlsx = await call(route.action, multipart(path, cookie, { ...form, file: file(sampleXlsx(), 'paper.pdf') }), { id: c.id })
    expect(xlsx.status).toBe(400)
    expect(xlsx.data).toMatchObject({ errors: { file: 'The selected file must be a PDF, ODT or DOCX' }, values: form })
    const png = await call(route.action, multipart(path, cookie, { kind: '', file: file(PNG, 'paper.pdf') }), { id: c.id })
    expect(png.data.errors).toEqual({ kind: 'Select what the document is', file: 'The selected file must be a PDF, ODT or DOCX' })

    expect((await call(route.action, multipart(path, cookie, { ...form, file: file(paper, 'paper.pdf') }), { id: c.id })).status).toBe(302)
    const again = await call(route.action, multipart(path, cookie, { kind: 'other', file: file(paper, 'copy.pdf') }), { id: c.id })
    expect(again.data.errors.file).toBe('The selected file is already attached to this consultation, as “Consultation paper”')
    const odt = sampleOdt()
    expect((await call(route.action, multipart(path, cookie, { kind: 'easy_read', title: '', accessibilityNotes: '', file: file(odt, 'easy-read.odt') }), { id: c.id })).status).toBe(302)
    expect((await call(route.action, multipart(path, cookie, { kind: 'welsh', title: 'Papur ymgynghori', file: file(sampleDocx(), 'cy.docx') }), { id: c.id })).status).toBe(302)

    const listed = await listConsultationDocuments(c.id)
    expect(listed.map((d) => [d.title, d.kindLabel, d.file.kind, d.accessibilityNotes])).toEqual([
      ['Consultation paper', 'Consultation paper', 'pdf', 'Tagged PDF with headings'],
      ['easy-read', 'Easy read version', 'odt', ''],
      ['Papur ymgynghori', 'Welsh version (Cymraeg)', 'docx', ''],
    ])
    const [doc] = listed
    const publicDownload = await import('~/routes/consultations.$slug.documents.$documentId')
    const staffDownload = await import('~/routes/staff.consultations.$id.documents.$documentId')
    // A draft's documents are for staff only.
    expect((await call(publicDownload.loader, request(`/consultations/${c.slug}/documents/${doc!.id}`), { slug: c.slug, documentId: doc!.id })).status).toBe(404)
    expect((await call(staffDownload.loader, request(`${path}/${doc!.id}`, { cookie: member }), { id: c.id, documentId: doc!.id })).status).toBe(403)
    const forStaff = await call(staffDownload.loader, request(`${path}/${doc!.id}`, { cookie }), { id: c.id, documentId: doc!.id })
    expect(forStaff.headers.get('Cache-Control')).toBe('private, no-store')
    expect((await consultationsOpenData()).find((o) => o.slug === c.slug)).toBeUndefined()

    await db.transaction((tx) => publishConsultation(tx, staff, c.id))
    const response = (await publicDownload.loader({ request: request('/x'), params: { slug: c.slug, documentId: doc!.id }, context: {} as never })) as Response
    expect(response.headers.get('Content-Type')).toBe('application/pdf')
    expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="paper.pdf"; filename*=UTF-8''paper.pdf`)
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(Buffer.from(await response.arrayBuffer()).equals(paper)).toBe(true)
    expect((await call(publicDownload.loader, request('/x'), { slug: 'another', documentId: doc!.id })).status).toBe(404)

    const page = await call((await import('~/routes/consultations.$slug._index')).loader, request(`/consultations/${c.slug}`), { slug: c.slug })
    expect(page.data.documents.map((d: { title: string }) => d.title)).toEqual(['Consultation paper', 'easy-read', 'Papur ymgynghori'])
    const open = (await consultationsOpenData()).find((o) => o.slug === c.slug)!
    expect(open.documents[0]).toEqual({
      title: 'Consultation paper',
      kind: 'consultation_paper',
      format: 'PDF',
      mediaType: 'application/pdf',
      bytes: paper.length,
      accessibilityNotes: 'Tagged PDF with headings',
      url: `http://localhost:3000/consultations/${c.slug}/documents/${doc!.id}`,
    })
    await drainOutbox()
    expect((await findConsultations({ q: 'papur ymgynghori' })).rows.map((r) => r.id)).toEqual([c.id])

    // Removing one takes it off the page, the open data and the search entry.
    const welsh = listed[2]!
    expect((await call(route.action, request(path, { cookie, form: { intent: 'remove', documentId: welsh.id } }), { id: c.id })).status).toBe(302)
    const gone = await call(route.action, request(path, { cookie, form: { intent: 'remove', documentId: welsh.id } }), { id: c.id })
    expect(gone.data.errors).toEqual({ form: 'This document has already been removed' })
    expect((await consultationsOpenData()).find((o) => o.slug === c.slug)!.documents.map((d) => d.title)).toEqual(['Consultation paper', 'easy-read'])
    await drainOutbox()
    expect((await findConsultations({ q: 'papur ymgynghori' })).total).toBe(0)
  })
})
