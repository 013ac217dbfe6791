import { and, eq } from 'drizzle-orm'
import { describe, expect, test } from 'vitest'
import { csvLine, parseCsv } from '~/lib/csv'
import { db } from '~/lib/db.server'
import { dashboard, exportResponses } from '~/modules/consultations/analysis.server'
import { addConsultationTheme, bulkTagAnswers, codingFrame } from '~/modules/consultations/coding-frame.server'
import { getStructure } from '~/modules/questionnaires/structure.server'
import { confidentialFieldName, confidentialReasonFieldName, fieldName, otherFieldName } from '~/modules/questionnaires/questions'
import * as enterRoute from '~/routes/staff.consultations.$id.responses.new'
import * as importRoute from '~/routes/staff.consultations.$id.responses.import'
import * as originalRoute from '~/routes/staff.consultations.$id.responses.$responseId_.original'
import * as responseRoute from '~/routes/staff.consultations.$id.responses.$responseId'
import * as openData from '~/routes/open-data'
import * as summaryRoute from '~/routes/staff.consultations.$id.summary'
import * as publicSummary from '~/routes/consultations.$slug.summary'
import * as publicPage from '~/routes/consultations.$slug._index'
import { consultationsHomeBlock, consultationsStaffBlock } from '~/modules/consultations/blocks.server'
import * as summaryDownload from '~/routes/consultations.$slug.summary[.]odt'
import { auditEvents, consultationResponses, storedFiles } from '~db/schema'
import { samplePdf } from '../../db/seed/sample-documents'
import { isUploadPath } from '../../server/body-limit'
import { closeConsultation, crawlPublic, makeOpenConsultation } from '../support/consultations'
import { call, multipart, streamText } from '../support/routes'
import { makeUser, request } from '../support/users'

const today = () => {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()).split('-')
  return { 'receivedAt-day': day, 'receivedAt-month': month, 'receivedAt-year': year }
}

async function setUp() {
  const { user: staffUser, cookie: staff } = await makeUser({ role: 'staff', name: 'Sam Staff' })
  const c = await makeOpenConsultation(null, { title: `Channels ${Date.now()}` })
  const s = (await getStructure(db, c.questionnaireId))!
  const [long, choice, scale] = s.questions
  return { staffUser, staff, c, s, long, choice, scale }
}

describe('responses received by email or post', () => {
  test('are checked like an online response: every problem listed at once, nothing stored, what was typed kept', async () => {
    const { staff, c, scale } = await setUp()
    const path = `/staff/consultations/${c.id}/responses/new`
    const refused = await call(
      enterRoute.action,
      multipart(path, staff, {
        'receivedAt-day': '1',
        'receivedAt-month': '1',
        'receivedAt-year': '2099',
        respondentType: 'individual',
        name: 'Letter Writer',
        publishingConsent: 'named',
        confidential: 'no',
        [fieldName(scale.id)]: '',
        original: new File([new Uint8Array(samplePdf(['A letter']))], 'letter.pdf'),
      }),
      { id: c.id },
    )
    expect(refused.status).toBe(400)
    expect(refused.data.errors).toMatchObject({
      channel: 'Select how the response was received',
      receivedAt: 'The date received must be today or in the past',
      [fieldName(scale.id)]: expect.stringContaining('Q3'),
      original: 'Select the scanned original again',
    })
    expect(refused.data.values.name).toBe('Letter Writer')

    const early = await call(enterRoute.action, multipart(path, staff, { channel: 'post', 'receivedAt-day': '1', 'receivedAt-month': '1', 'receivedAt-year': '2020' }), { id: c.id })
    expect(early.data.errors.receivedAt).toMatch(/^The date received must be on or after the day the consultation opened/)
    expect(await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))).toEqual([])
  })

  test('counts and exports like any other, with its channel; the audit names who entered it; its original is for staff only', async () => {
    const { staffUser, staff, c, s, long, choice, scale } = await setUp()
    const letter = samplePdf(['Dear Sir, a letter with a private home address: 12 Secret Lane'])
    const entered = await call(
      enterRoute.action,
      multipart(`/staff/consultations/${c.id}/responses/new`, staff, {
        channel: 'post',
        ...today(),
        respondentType: 'organisation',
        organisationName: 'Northern Carers Forum',
        represents: 'Unpaid carers in the north',
        name: 'Letter Writer',
        publishingConsent: 'anonymous',
        confidential: 'no',
        [fieldName(long.id)]: 'Posted views about local delivery.',
        [confidentialFieldName(long.id)]: 'yes',
        [confidentialReasonFieldName(long.id)]: 'Names a client',
        [fieldName(choice.id)]: 'other',
        [otherFieldName(choice.id)]: 'Green',
        [fieldName(scale.id)]: 'agree',
        original: new File([new Uint8Array(letter)], 'scan of letter.pdf'),
      }),
      { id: c.id },
    )
    expect(entered.status).toBe(302)
    const [row] = await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))
    expect(row).toMatchObject({ status: 'submitted', channel: 'post', enteredById: staffUser.id, email: '', organisationName: 'Northern Carers Forum', publishingConsent: 'anonymous' })
    expect(entered.location).toBe(`/staff/consultations/${c.id}/responses/${row.id}`)

    const d = await dashboard(c)
    expect(d.statusCounts.submitted).toBe(1)
    expect(d.byChannel).toEqual([{ channel: 'post', count: 1 }])
    expect(d.charts.find((ch) => ch.question.id === scale.id)!.counts.find((x) => x.value === 'agree')!.count).toBe(1)

    const csv = parseCsv(await streamText(exportResponses(c, s, 'csv')))
    const at = (name: string) => csv[1][csv[0].indexOf(name)]
    expect(at('channel')).toBe('post')
    expect(at('received_at')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(at('Q1')).toBe('Posted views about local delivery.')
    expect(at('Q1_confidential')).toBe('yes')
    expect(at('Q2')).toBe('Other: Green')

    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'consultation.response.enter'), eq(auditEvents.subjectId, c.id)))
    expect(audit).toMatchObject({ actorId: staffUser.id, after: expect.objectContaining({ channel: 'post', reference: row.reference }) })

    const page = await call(responseRoute.loader, new Request(`http://localhost:3000/x`, { headers: { Cookie: staff } }), { id: c.id, responseId: row.id })
    expect(page.text).toContain('Entered by')
    expect(page.text).toContain('Sam Staff')
    expect(page.data.originalHref).toBe(`/staff/consultations/${c.id}/responses/${row.id}/original`)

    const params = { id: c.id, responseId: row.id }
    const asStaff = await call(originalRoute.loader, new Request('http://localhost:3000/x', { headers: { Cookie: staff } }), params)
    expect(asStaff.status).toBe(200)
    expect(asStaff.headers.get('Content-Type')).toBe('application/pdf')
    expect(asStaff.headers.get('Content-Disposition')).toContain('attachment')
    const { cookie: member } = await makeUser()
    expect((await call(originalRoute.loader, new Request('http://localhost:3000/x', { headers: { Cookie: member } }), params)).status).toBe(403)
    expect((await call(originalRoute.loader, new Request('http://localhost:3000/x'), params)).status).toBe(302)
    // Signed out, nowhere public shows the scan or what is only in it.
    const [file] = await db.select({ name: storedFiles.name }).from(storedFiles).where(eq(storedFiles.id, row.originalFileId!))
    const seen = await crawlPublic(c.slug, ['Secret Lane'])
    expect(seen).not.toContain('Secret Lane')
    expect(seen).not.toContain(file.name)
    expect(seen).not.toContain(row.originalFileId!)
  })
})

describe('importing responses from a CSV file', () => {
  test('the entry and import forms may carry a file as large as a document upload', () => {
    for (const path of ['/staff/consultations/1/responses/new', '/staff/consultations/1/responses/import.data']) expect(isUploadPath(path)).toBe(true)
    expect(isUploadPath('/staff/consultations/1/responses/2')).toBe(false)
  })

  const header = [
    'reference',
    'submitted_at',
    'channel',
    'respondent_type',
    'name',
    'email',
    'organisation',
    'represents',
    'publishing_consent',
    'response_confidential',
    'Q1',
    'Q1_confidential',
    'Q1_confidential_reason',
    'Q2',
    'Q3',
  ]
  const line = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')
  const now = () => new Date().toISOString()

  test('lists every bad row with its number and imports nothing; the corrected file imports once, however often it is uploaded', async () => {
    const { staff, c } = await setUp()
    const good = (n: number) => ['', now(), n % 2 ? 'email' : '', 'individual', `Person ${n}`, `p${n}@example.com`, '', '', 'named', 'no', `Views number ${n}`, 'no', '', 'Red', 'Agree']
    const rows = [
      good(1),
      good(2),
      ['', now(), '', 'individual', '', '', '', '', 'named', 'no', 'x', 'no', '', 'Purple', 'Agree'],
      good(4),
      ['', '2020-01-01', '', 'individual', 'Old', '', '', '', 'maybe', 'no', '', 'no', '', '', ''],
    ]
    const path = `/staff/consultations/${c.id}/responses/import`
    const upload = (text: string) => call(importRoute.action, multipart(path, staff, { file: new File([text], 'responses.csv', { type: 'text/csv' }) }), { id: c.id })

    const refused = await upload([line(header), ...rows.map(line)].join('\r\n'))
    expect(refused.status).toBe(400)
    expect(refused.data.problems.map((p: { row: number }) => p.row)).toEqual([4, 6])
    expect(refused.data.errors['row-4']).toMatch(/^Row 4: name: Enter the respondent’s name\. .*Q2: “Purple” is not one of the question’s options/)
    expect(refused.data.errors['row-6']).toContain('publishing_consent is “maybe”: it must be “named”, “anonymous” or “none”')
    expect(refused.data.errors['row-6']).toContain('Q3')
    expect(refused.data.errors['row-6']).toContain('on or after the day the consultation opened')
    expect(await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))).toEqual([])

    const corrected = [line(header), good(1), good(2), good(3), good(4)].map((l) => (Array.isArray(l) ? line(l) : l)).join('\r\n')
    const first = await upload(corrected)
    expect(first.status).toBe(302)
    const again = await upload(corrected)
    expect(again.status).toBe(302)
    const stored = await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, c.id))
    expect(stored).toHaveLength(4)
    expect(stored.map((r) => r.channel).sort()).toEqual(['email', 'email', 'imported', 'imported'])
    expect((await dashboard(c)).statusCounts.submitted).toBe(4)
  })

  test('an export imports into another consultation with the same questions and exports again with the same answers', async () => {
    const { staff, staffUser, c: from, s } = await setUp()
    const [long, choice, scale] = s.questions
    const enter = (name: string, answers: Record<string, string>) =>
      call(
        enterRoute.action,
        multipart(`/staff/consultations/${from.id}/responses/new`, staff, {
          channel: 'email',
          ...today(),
          respondentType: 'individual',
          name,
          email: `${name.toLowerCase().replace(/ /g, '.')}@example.com`,
          publishingConsent: 'named',
          confidential: 'no',
          ...answers,
          original: new File([new Uint8Array(samplePdf([name]))], 'email.pdf'),
        }),
        { id: from.id },
      )
    expect(
      (
        await enter('Ann Able', {
          [fieldName(long.id)]: 'Line one,\n"quoted" and =SUM(A1)',
          [fieldName(choice.id)]: 'other',
          [otherFieldName(choice.id)]: 'Teal; or green',
          [fieldName(scale.id)]: 'disagree',
        })
      ).status,
    ).toBe(302)
    expect(
      (
        await enter('Bob Bell', {
          [fieldName(long.id)]: 'Private reasons',
          [confidentialFieldName(long.id)]: 'yes',
          [confidentialReasonFieldName(long.id)]: 'Personal',
          [fieldName(choice.id)]: 'blue',
          [fieldName(scale.id)]: 'agree',
        })
      ).status,
    ).toBe(302)
    // Tagged answers export their themes, and the JSON opens with the coding frame and its counts.
    const entered = await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, from.id))
    const submissionOf = (name: string) => entered.find((r) => r.name === name)!.submissionId
    const themeIds: Record<string, string> = {}
    for (const name of ['Funding', 'Rural access']) themeIds[name] = (await addConsultationTheme(staffUser, from, { name, description: '' })).id
    await bulkTagAnswers(staffUser, from, long, { themeId: themeIds.Funding, action: 'tag', selection: { submissionIds: [submissionOf('Ann Able'), submissionOf('Bob Bell')] } })
    await bulkTagAnswers(staffUser, from, long, { themeId: themeIds['Rural access'], action: 'tag', selection: { submissionIds: [submissionOf('Ann Able')] } })
    const json = JSON.parse(await streamText(exportResponses(from, s, 'json')))
    expect(json.themes).toEqual([
      { name: 'Funding', description: '', answers: 2, byQuestion: { Q1: 2 } },
      { name: 'Rural access', description: '', answers: 1, byQuestion: { Q1: 1 } },
    ])
    const ann = json.responses.find((r: { name: string }) => r.name === 'Ann Able')
    expect(ann.answers.Q1.themes).toEqual(['Funding', 'Rural access'])
    expect(ann.answers.Q2).not.toHaveProperty('themes')
    const exported = await streamText(exportResponses(from, s, 'csv'))
    expect(parseCsv(exported)[0].filter((h) => h.endsWith('_themes'))).toEqual(['Q1_themes'])
    expect(exported).toContain('Funding; Rural access')

    const { c: to } = await setUp()
    const imported = await call(importRoute.action, multipart(`/staff/consultations/${to.id}/responses/import`, staff, { file: new File([exported], 'export.csv', { type: 'text/csv' }) }), {
      id: to.id,
    })
    expect(imported.status).toBe(302)
    const toStructure = (await getStructure(db, to.questionnaireId))!
    const answers = (csv: string) => {
      const [head, ...rows] = parseCsv(csv).filter((r) => r.length > 1)
      const keep = head.map((h, i) => [h, i] as const).filter(([h]) => /^Q\d/.test(h) || ['name', 'respondent_type', 'publishing_consent', 'response_confidential', 'channel'].includes(h))
      return rows.map((r) => keep.map(([h, i]) => `${h}=${r[i]}`)).sort()
    }
    expect(answers(await streamText(exportResponses(to, toStructure, 'csv')))).toEqual(answers(exported))
    expect(answers(exported).flat()).toContain('Q2=Other: Teal; or green')
    expect(answers(exported).flat()).toContain('Q1_themes=Funding; Rural access')
    expect((await codingFrame(to)).map((t) => [t.name, t.count])).toEqual([
      ['Funding', 2],
      ['Rural access', 1],
    ])
    const [importAudit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'consultation.response.import'), eq(auditEvents.subjectId, to.id)))
    expect(importAudit.after).toMatchObject({ imported: 2, themesAdded: ['Funding', 'Rural access'] })
    // A theme on a blank answer, or a name no theme may have, is a bad row like any other.
    const [head, ...rows] = parseCsv(exported).filter((r) => r.length > 1)
    const column = head.indexOf('Q1_themes')
    const bad = [head, ...rows.map((r, i) => r.map((cell, j) => (j === column ? (i ? 'x'.repeat(101) : cell) : j === head.indexOf('Q1') && !i ? '' : cell)))]
    const { c: third } = await setUp()
    const refused = await call(
      importRoute.action,
      multipart(`/staff/consultations/${third.id}/responses/import`, staff, { file: new File([bad.map((r) => csvLine(r)).join('')], 'bad.csv', { type: 'text/csv' }) }),
      {
        id: third.id,
      },
    )
    expect(refused.status).toBe(400)
    expect(JSON.stringify(refused.data)).toContain('Q1_themes: themes are given for an answer that is blank')
    expect(JSON.stringify(refused.data)).toContain('Q1_themes: The theme name must be 100 characters or fewer')
  })
})

describe('the summary of responses', () => {
  test('quotes only consented, non-confidential, unredacted answers; two staff editing at once: the stale save is refused; published as a page and an ODT', async () => {
    const { staff, c, long, choice, scale } = await setUp()
    const { cookie: other } = await makeUser({ role: 'staff', name: 'Olu Other' })
    const enter = (name: string, consent: string, answer: string, extra: Record<string, string> = {}) =>
      call(
        enterRoute.action,
        multipart(`/staff/consultations/${c.id}/responses/new`, staff, {
          channel: 'post',
          ...today(),
          respondentType: 'individual',
          name,
          publishingConsent: consent,
          confidential: 'no',
          [fieldName(long.id)]: answer,
          [fieldName(choice.id)]: 'red',
          [fieldName(scale.id)]: 'agree',
          original: new File([new Uint8Array(samplePdf([name]))], 'letter.pdf'),
          ...extra,
        }),
        { id: c.id },
      )
    await enter('Quotable Person', 'anonymous', 'QUOTABLE-MARKER the local delivery plan works well for carers in our town.')
    await enter('Private Person', 'none', 'UNCONSENTED-MARKER this must never be quoted because no consent was given.')
    await enter('Secret Person', 'named', 'CONFIDENTIAL-MARKER this answer was asked to be kept confidential by its author.', {
      [confidentialFieldName(long.id)]: 'yes',
      [confidentialReasonFieldName(long.id)]: 'Private',
    })
    await enter('Whole Secret', 'named', 'WHOLE-CONFIDENTIAL-MARKER the whole response is confidential for this respondent.', { confidential: 'yes', confidentialReason: 'Private' })
    const path = `/staff/consultations/${c.id}/summary`
    const post = (cookie: string, form: Record<string, string>) => call(summaryRoute.action, request(path, { cookie, form }), { id: c.id })

    expect((await post(staff, { intent: 'generate' })).status).toBe(302)
    const opened = await call(summaryRoute.loader, request(path, { cookie: staff }), { id: c.id })
    const draft = opened.data.draft
    expect(draft.text).toContain('QUOTABLE-MARKER')
    expect(draft.text).toContain('We received 4 responses')
    expect(draft.text).toContain('Post: 4 (100%)')
    expect(draft.text).toMatch(/Agree: 4 \(100%\)/)
    for (const marker of ['UNCONSENTED-MARKER', 'CONFIDENTIAL-MARKER', 'WHOLE-CONFIDENTIAL-MARKER', 'Private Person', 'Secret Person', 'Quotable Person']) expect(draft.text).not.toContain(marker)

    // Both open the draft; one saves, then the other's save from the older page is refused and their text kept.
    const version = String(draft.version)
    expect((await post(other, { intent: 'save', version, summary: `${draft.text}\n\nAdded by Olu.` })).status).toBe(302)
    const stale = await post(staff, { intent: 'save', version, summary: 'My rewrite from the old page.' })
    expect(stale.status).toBe(400)
    expect(stale.data.errors.summary).toMatch(/^Olu Other saved the summary at .*after you opened this page/)
    expect(stale.data.values.summary).toBe('My rewrite from the old page.')
    const current = (await call(summaryRoute.loader, request(path, { cookie: staff }), { id: c.id })).data.draft
    expect(current.text).toContain('Added by Olu.')

    // Not before closing; then published, public, and downloadable as an ODT holding the same words.
    const early = await post(staff, { intent: 'publish', version: String(current.version), summary: current.text })
    expect(early.status).toBe(400)
    const closed = await closeConsultation(c.id)
    const staffBlock = async () => (await consultationsStaffBlock({ signedIn: true }))!
    const waiting = (await staffBlock()).figures!.find((f) => f.label === 'closed without a published summary of responses')!
    expect(waiting).toEqual({ value: 1, label: 'closed without a published summary of responses', href: `/staff/consultations/${c.id}/summary` })
    const latest = (await call(summaryRoute.loader, request(path, { cookie: staff }), { id: c.id })).data.draft
    const published = await post(staff, { intent: 'publish', version: String(latest.version), summary: latest.text })
    expect(published.status).toBe(302)
    const page = await call(publicSummary.loader, request(`/consultations/${closed.slug}/summary`), { slug: closed.slug })
    expect(page.data.html).toContain('QUOTABLE-MARKER')
    expect(page.data.html).toContain('<blockquote')
    const odt = await call(summaryDownload.loader, request(`/consultations/${closed.slug}/summary.odt`), { slug: closed.slug })
    expect(odt.headers.get('Content-Type')).toBe('application/vnd.oasis.opendocument.text')
    expect(odt.text.startsWith('PK')).toBe(true)
    expect(odt.text).toContain('mimetypeapplication/vnd.oasis.opendocument.text')
    expect(odt.text).toContain('text:outline-level="3"')
    expect(odt.text).toContain('QUOTABLE-MARKER')
    expect(odt.text).toContain('Added by Olu.')
    // The summary has its place: the consultation's page, the home page, the staff dashboard.
    const consultationPage = await call(publicPage.loader, request(`/consultations/${closed.slug}`), { slug: closed.slug })
    expect(consultationPage.data.summaryPublishedAt).not.toBeNull()
    expect((await consultationsHomeBlock({ signedIn: false }))!.extraLinks).toContainEqual({ href: `/consultations/${closed.slug}/summary`, text: `Summary of responses: ${closed.title}` })
    expect((await staffBlock()).figures!.find((f) => f.label === 'closed without a published summary of responses')!.value).toBe(0)
    expect((await staffBlock()).extraLinks).toContainEqual({ href: `/staff/consultations/${c.id}/summary`, text: `Latest summary of responses: ${closed.title}` })
    const listed = await call(openData.loader, request('/open-data'))
    expect(listed.data.consultations.find((x: { slug: string }) => x.slug === closed.slug).files).toEqual([{ label: 'summary of responses (ODT)', href: `/consultations/${closed.slug}/summary.odt` }])
    const seen = await crawlPublic(closed.slug, ['MARKER'])
    for (const marker of ['UNCONSENTED-MARKER', 'CONFIDENTIAL-MARKER', 'WHOLE-CONFIDENTIAL-MARKER']) {
      expect(seen).not.toContain(marker)
      expect(page.text).not.toContain(marker)
      expect(odt.text).not.toContain(marker)
    }
  })
})
