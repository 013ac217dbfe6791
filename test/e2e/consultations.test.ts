import { describe, expect, test } from 'vitest'
import { samplePdf } from '../../db/seed/sample-documents'
import { confirmedMember, e2eDatabase, Journey, latestEmail, linkIn, londonDateInDays, sharedBrowser, uniqueEmail } from '../support/browser'
import { signIn } from '../support/pages/sign-in'

const SLUG = 'dwp-commissioning-strategy-2013'
const STAFF = 'staff@demo.commissioning-hub.example'
const MEMBER = 'member@demo.commissioning-hub.example'
// The demo member belongs to Harbour Lane Housing and Work, whose admin is this person.
const HARBOUR_LANE_ADMIN = 'aoife.gallagher@harbourlane.example'

const hub = sharedBrowser()
const sql = e2eDatabase()

async function consultationId() {
  const [row] = await sql<{ id: string }[]>`select id from consultations where slug = ${SLUG}`
  return row.id
}

describe.sequential('the 2013 consultation end to end', () => {
  test('staff reopen it by extending the closing date, with a reason the public sees', async () => {
    const journey = await Journey.start(hub.browser)
    await signIn(journey, STAFF)
    await journey.goto('/staff/consultations')
    await journey.expectHeading('Consultations')
    await journey.step({ link: 'DWP Commissioning Strategy 2013' }, 'DWP Commissioning Strategy 2013')
    await journey.step({ link: /^Extend/ }, 'Extend the closing date')
    const date = londonDateInDays(30)
    await journey.fill('Day', date.day)
    await journey.fill('Month', date.month)
    await journey.fill('Year', date.year)
    await journey.fill('Time (24-hour, UK time)', '23:59')
    await journey.fill('Reason for the extension', 'Reopened so that the hub’s new online response service can be tried end to end.')
    await journey.page.getByRole('button', { name: 'Extend closing date' }).click()
    await journey.page.getByText(/^Extended to/).waitFor()
    await journey.audit()
    await journey.goto(`/consultations/${SLUG}`)
    await journey.page.getByText('Reopened so that the hub’s new online response service').waitFor()
    // Published wording is frozen: there is no edit link for questions.
    await journey.goto(`/staff/consultations/${await consultationId()}`)
    expect(await journey.page.getByRole('link', { name: /^Edit Q1/ }).count()).toBe(0)
    await journey.close()
  })

  describe.each([true, false])('an individual, signed out (JavaScript %s)', (javaScript) => {
    test('finds it, answers section by section, saves and comes back by the emailed link, checks, submits once and gets a reference and acknowledgement', async () => {
      const email = uniqueEmail(javaScript ? 'individual-js' : 'individual-nojs')
      const journey = await Journey.start(hub.browser, { javaScript })
      await journey.goto('/consultations')
      await journey.expectHeading('Consultations')
      await journey.step({ link: 'DWP Commissioning Strategy 2013' }, 'DWP Commissioning Strategy 2013')
      await journey.page.getByText('This consultation applies to England, Wales and Scotland.').first().waitFor()
      expect(await journey.page.getByText('This consultation applies to').count(), 'the nations are said once').toBe(1)
      await journey.step({ button: 'Respond to this consultation' }, 'Your details')

      await journey.step({ button: 'Save and continue' }, 'Your details')
      await journey.expectErrorSummary('Select whether you are responding as an individual or for an organisation')
      await journey.check('As an individual')
      await journey.fill('Your name', javaScript ? 'Jess Script' : 'Noel Script')
      await journey.fill('Your email address', email)
      await journey.check('Publish my response with my name, or my organisation’s name')
      await journey.check('No')
      await journey.step({ button: 'Save and continue' }, 'Market structure and stewardship')

      // An over-long answer is refused with what was typed kept.
      const q1 = /Question Q1:/
      await journey.page.getByLabel(q1).fill('word '.repeat(1001))
      await journey.step({ button: 'Save and continue' }, 'Market structure and stewardship')
      await journey.expectErrorSummary('Your answer to Q1 must be 1000 words or fewer')
      expect((await journey.page.getByLabel(q1).inputValue()).trim().split(/\s+/)).toHaveLength(1001)

      await journey.page.getByLabel(q1).fill('Keep large contract package areas, but protect specialist subcontractors.')
      await journey.page.getByLabel(/Question Q2:/).fill('Publish performance data as Open Data so new entrants can see where to add value.')
      await journey.page.getByText('Ask for your answer to Q3 to be kept confidential').click()
      await journey.check('Keep my answer to Q3 confidential')
      await journey.page.getByLabel(/Question Q3:/).fill('Details of a current subcontract dispute.')
      await journey.fill('Why should your answer to Q3 be kept confidential?', 'It names a subcontractor.')
      await journey.step({ button: 'Save and come back later' }, 'Your answers have been saved')

      const saved = await latestEmail(email, /Continue your response/)
      const resume = linkIn(saved.textBody, /\/consultations\/[^/]+\/resume\//)
      await journey.close()

      const back = await Journey.start(hub.browser, { javaScript })
      await back.goto(resume)
      await back.expectHeading('Market structure and stewardship')
      expect(await back.page.getByLabel(/Question Q1:/).inputValue()).toContain('protect specialist subcontractors')
      await back.step({ button: 'Save and continue' }, 'Driving performance')
      await back.page.getByLabel(/Question Q9:/).fill('Quality should carry most of the weighting.')
      await back.step({ button: 'Save and continue' }, 'Working in partnership')
      await back.step({ button: 'Save and continue' }, 'Check your answers before submitting your response')
      await back.page.getByText('Quality should carry most of the weighting.').waitFor()
      await back.page.getByText('It names a subcontractor.').waitFor()
      // A double click still makes one response.
      await back.page.getByRole('button', { name: 'Submit response' }).dblclick()
      await back.page.getByRole('heading', { name: 'Response submitted' }).waitFor()
      await back.audit()
      const reference = (await back.page.locator('.govuk-panel__body strong').textContent())!.trim()
      expect(reference).toMatch(/^HUB-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
      const [{ count }] = await sql<{ count: number }[]>`select count(*)::int as count from consultation_responses where email = ${email}`
      expect(count).toBe(1)
      const ack = await latestEmail(email, /Response received/)
      expect(ack.subject).toContain(reference)
      expect(ack.textBody).toContain('Quality should carry most of the weighting.')
      await back.close()
    })
  })

  test('an organisation: two members co-draft through a conflict, the admin signs off, and a member’s later change waits for the admin', async () => {
    const nia = await confirmedMember(sql, 'Nia Colleague', { emailPrefix: 'nia' })
    await sql`insert into organisation_members (organisation_id, user_id, role) select id, ${nia.id}, 'member' from organisations where name = 'Harbour Lane Housing and Work'`
    const q4 = /Question Q4:/
    const submittedQ4 = async (id: string) =>
      (
        await sql<{ text: string }[]>`
        select a.text from questionnaire_answers a join consultation_responses r on r.submission_id = a.submission_id
         where r.id = ${id} and a.text like 'Publish the criteria%'`
      )[0]?.text

    // Morgan starts the organisation's response (JavaScript on).
    const morgan = await Journey.start(hub.browser)
    await signIn(morgan, MEMBER)
    await morgan.goto(`/consultations/${SLUG}`)
    await morgan.step({ button: 'Respond to this consultation' }, 'Your details')
    await morgan.check('On behalf of an organisation')
    await morgan.fill('Who does the organisation represent?', 'Housing associations and their tenants in the north west')
    await morgan.fill('How were the views of members assembled? (optional)', 'A tenants’ panel and a staff workshop')
    await morgan.check('Publish my response with my name, or my organisation’s name')
    await morgan.check('No')
    await morgan.step({ button: 'Save and continue' }, 'Market structure and stewardship')
    const base = morgan.page.url().replace(/\/section\/1.*$/, '')
    const responseId = base.split('/').pop()!
    await morgan.page.getByLabel(q4).fill('Publish the criteria for in-house and contracted delivery. Drafted by Morgan.')
    await morgan.step({ button: 'Save and continue' }, 'Driving performance')

    // Nia (JavaScript off) opens the same section; Morgan then revises Q4 before Nia saves her older copy.
    const niaJourney = await Journey.start(hub.browser, { javaScript: false })
    await signIn(niaJourney, nia.email, nia.password)
    await niaJourney.goto(`${base}/section/1`)
    await niaJourney.expectHeading('Market structure and stewardship')
    await morgan.goto(`${base}/section/1`)
    await morgan.page.getByLabel(q4).fill('Publish the criteria for in-house and contracted delivery. Revised by Morgan.')
    await morgan.step({ button: 'Save and continue' }, 'Driving performance')
    await niaJourney.page.getByLabel(q4).fill('Publish the criteria, with worked examples. Nia’s version.')
    await niaJourney.page.getByLabel(/Question Q5:/).fill('Added by Nia.')
    await niaJourney.step({ button: 'Save and continue' }, 'Market structure and stewardship')
    await niaJourney.expectErrorSummary('Morgan Member changed Q4 at')
    await niaJourney.page.getByText('Revised by Morgan.').waitFor()
    expect(await niaJourney.page.getByLabel(q4).inputValue()).toContain('Nia’s version')
    expect(await niaJourney.page.getByLabel(/Question Q5:/).inputValue()).toBe('Added by Nia.')
    await niaJourney.check('Keep my text, as it is above')
    await niaJourney.step({ button: 'Save and continue' }, 'Driving performance')
    await niaJourney.close()

    // Morgan sees Nia's text and asks for sign-off.
    await morgan.goto(`${base}/check`)
    await morgan.page.getByText('Nia’s version').waitFor()
    await morgan.page.getByText('Added by Nia.').waitFor()
    await morgan.step({ button: 'Ask for sign-off' }, 'Your draft response')
    await morgan.page.getByText('We have asked your organisation’s administrators to sign off').waitFor()
    await morgan.page.getByText(/Nia Colleague changed Q4 at/).waitFor()
    const asked = await latestEmail(HARBOUR_LANE_ADMIN, /Sign-off requested/)
    expect(asked.textBody).toContain('Morgan Member has drafted Harbour Lane Housing and Work’s response')

    // The admin (JavaScript off) follows the email, adds an answer and submits.
    const admin = await Journey.start(hub.browser, { javaScript: false })
    await signIn(admin, HARBOUR_LANE_ADMIN)
    await admin.goto(linkIn(asked.textBody, /\/consultations\/.+\/check/))
    await admin.expectHeading('Check your answers before submitting your response')
    await admin.goto(`${base}/section/2`)
    await admin.page.getByLabel(/Question Q10:/).fill('Share what works through an open practice forum. Added by Aoife.')
    await admin.step({ button: 'Save and continue' }, 'Working in partnership')
    await admin.step({ button: 'Save and continue' }, 'Check your answers before submitting your response')
    await admin.step({ button: 'Submit response' }, 'Response submitted')
    const [row] = await sql<{ status: string; count: number }[]>`
      select min(r.status::text) as status, count(*)::int as count from consultation_responses r
        join organisations o on o.id = r.organisation_id where o.name = 'Harbour Lane Housing and Work' and r.consultation_id = ${await consultationId()}`
    expect(row).toEqual({ status: 'submitted', count: 1 })
    expect((await latestEmail(nia.email, /Response received/)).textBody).toContain('Aoife Gallagher submitted Harbour Lane Housing and Work’s response')

    // Morgan proposes a change; it is not the response until the admin submits it.
    await morgan.goto(base)
    await morgan.step({ button: 'Propose changes' }, 'Market structure and stewardship')
    await morgan.page.getByText('You are proposing changes to Harbour Lane Housing and Work’s submitted response').waitFor()
    await morgan.page.getByLabel(q4).fill('Publish the criteria, with worked examples. Nia’s version. Proposed by Morgan after submission.')
    await morgan.step({ button: 'Save and continue' }, 'Driving performance')
    await morgan.goto(`${base}/check`)
    await morgan.expectHeading('Check your changes before submitting them')
    expect(await morgan.page.getByRole('button', { name: 'Submit changed response' }).count()).toBe(0)
    await morgan.step({ button: 'Ask for sign-off' }, 'Your response')
    await morgan.close()
    expect(await submittedQ4(responseId)).toBe('Publish the criteria, with worked examples. Nia’s version.')

    const proposal = await latestEmail(HARBOUR_LANE_ADMIN, /Sign-off requested/)
    expect(proposal.textBody).toContain('proposed changes')
    await admin.goto(linkIn(proposal.textBody, /\/consultations\/.+\/check/))
    await admin.expectHeading('Check your changes before submitting them')
    await admin.step({ button: 'Submit changed response' }, 'Changed response submitted')
    expect(await submittedQ4(responseId)).toBe('Publish the criteria, with worked examples. Nia’s version. Proposed by Morgan after submission.')
    await admin.close()
    // Four people's pages in one journey, each checked by axe, take longer than a single person's.
  }, 300_000)

  test('staff tag answers with themes, export, then write and publish the outcome after closing', async () => {
    const id = await consultationId()
    // Time moves on: the consultation closes.
    await sql`update consultations set closes_at = now() - interval '1 minute' where id = ${id}`
    const journey = await Journey.start(hub.browser)
    await signIn(journey, STAFF)
    await journey.goto(`/staff/consultations/${id}/analysis`)
    await journey.expectHeading('Responses and analysis')
    await journey.step({ link: /^Q1/ }, 'Answers to Q1')
    await journey.fill('Add a theme', 'Specialist capability')
    await journey.step({ button: 'Add theme' }, 'Answers to Q1')
    await journey.fill('Search within answers', 'protect specialist subcontractors')
    await journey.step({ button: 'Apply filters' }, 'Answers to Q1')
    const card = journey.page.locator('.govuk-summary-card').first()
    await card.getByLabel('Specialist capability').check()
    await journey.step(() => card.getByRole('button', { name: /Save themes/ }).click(), 'Answers to Q1')
    await expect
      .poll(
        async () =>
          (await sql<{ count: number }[]>`select count(*)::int as count from answer_themes t join questionnaire_themes q on q.id = t.theme_id where q.name = 'Specialist capability'`)[0].count,
      )
      .toBeGreaterThanOrEqual(1)
    // Every answer matching a filter, on every page, tagged at once.
    await journey.fill('Search within answers', '')
    await journey.page.getByLabel('Theme', { exact: true }).selectOption({ label: 'No theme yet' })
    await journey.step({ button: 'Apply filters' }, 'Answers to Q1')
    const untagged = Number((await journey.page.locator('p[role=status]').textContent())!.match(/\d+/)![0])
    await journey.page.getByLabel('Theme to add or take off').selectOption({ label: 'Specialist capability' })
    await journey.page.getByLabel(/^Select all \d+ answers matching the filters/).check()
    await journey.step({ button: 'Add theme to selected answers' }, 'Answers to Q1')
    await journey.page.getByText(`Theme “Specialist capability” added to ${untagged} answers that did not have it`).waitFor()
    expect(await journey.page.locator('p[role=status]').textContent()).toBe('0 answers')

    // Suggested themes: asked for, made by the worker, and two accepted; each tags the answers it covers.
    await journey.step({ link: 'Suggested themes for Q1' }, 'Suggested themes for Q1')
    await journey.step({ button: 'Suggest themes' }, 'Suggested themes for Q1')
    const accept = journey.page.getByRole('button', { name: /^Accept and tag/ })
    await expect
      .poll(
        async () => {
          await journey.page.reload()
          return accept.count()
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThanOrEqual(2)
    await journey.audit()
    for (let i = 0; i < 2; i++) {
      await journey.step(() => accept.first().click(), 'Suggested themes for Q1')
      await journey.page.getByText(/(added to the coding frame|to the existing theme .+): \d+ answers? tagged with it$/).waitFor()
    }
    expect(await journey.page.getByRole('link', { name: /^Accepted: see the answers tagged/ }).count()).toBe(2)

    // What the organisation's amendment changed, before and after.
    const [amended] = await sql<
      { id: string }[]
    >`select id from consultation_responses where consultation_id = ${id} and amended_at is not null and organisation_name = 'Harbour Lane Housing and Work'`
    await journey.goto(`/staff/consultations/${id}/responses/${amended.id}`)
    await journey.page.getByRole('heading', { name: /^Changes submitted at/ }).waitFor()
    await journey.page.getByText('Proposed by Morgan after submission.').first().waitFor()

    const csv = await journey.page.request.get(`/staff/consultations/${id}/export.csv`)
    expect(csv.headers()['content-type']).toContain('text/csv')
    const text = await csv.text()
    expect(text.split('\r\n')[0]).toContain('Q3_confidential')
    expect(text).toContain('Details of a current subcontract dispute.')
    const json = await (await journey.page.request.get(`/staff/consultations/${id}/export.json`)).json()
    expect(json.responses.length).toBeGreaterThan(20)

    await journey.goto(`/staff/consultations/${id}/outcome`)
    await journey.expectHeading('Outcome report')
    await journey.fill('Summary of the responses and the action we will take', 'Respondents asked us to protect specialist providers and publish more data. We will publish a commercial pipeline.')
    await journey.fill('We will (Q2)', 'Publish the commercial pipeline and performance data as Open Data.')
    await journey.step({ button: 'Publish outcome' }, 'Outcome: what you said and what we will do')
    await journey.page.getByText('Publish the commercial pipeline and performance data as Open Data.').waitFor()
    await journey.close()
  })

  test('staff review the publication queue without JavaScript: a redaction refused, then made, and the response marked ready', async () => {
    const id = await consultationId()
    const journey = await Journey.start(hub.browser, { javaScript: false })
    await signIn(journey, STAFF)
    await journey.goto(`/staff/consultations/${id}`)
    await journey.step({ link: 'Publication queue' }, 'Publication queue')
    await journey.step({ link: /Jess Script/ }, /^Review response HUB-/)
    await journey.step({ link: 'Redact words or the whole answer to Q9' }, 'Redact the answer to Q9')
    await journey.check('Some words')
    await journey.fill('Words to redact', 'words that are not there')
    await journey.fill('Reason for the redaction', 'Names a person who did not respond')
    await journey.step({ button: 'Redact' }, 'Redact the answer to Q9')
    await journey.expectErrorSummary('Those words are not in the answer to Q9. Copy them exactly as they appear')
    expect(await journey.page.getByLabel('Reason for the redaction').inputValue()).toBe('Names a person who did not respond')
    await journey.fill('Words to redact', 'most of the weighting')
    await journey.step({ button: 'Redact' }, /^Review response HUB-/)
    await journey.expectText('Redaction added.')
    await journey.expectText('Quality should carry [redacted].')
    await journey.step({ button: 'Mark as ready to publish' }, /^Review response HUB-/)
    await journey.close()
  })

  test('staff withhold a response, review the rest and release them, with JavaScript', async () => {
    const id = await consultationId()
    const journey = await Journey.start(hub.browser)
    await signIn(journey, STAFF)
    await journey.goto(`/staff/consultations/${id}/publication?show=to-review`)
    await journey.step({ link: /Noel Script/ }, /^Review response HUB-/)
    await journey.step({ button: 'Withhold this response' }, 'Withhold this response')
    await journey.step({ button: 'Withhold response' }, 'Withhold this response')
    await journey.expectErrorSummary('Enter the reason for withholding this response')
    await journey.fill('Reason for withholding it', 'Repeats the allegation in a response we have withheld before')
    await journey.step({ button: 'Withhold response' }, /^Review response HUB-/)
    await journey.expectText('Response withheld: it will not be published.')
    // Whatever else came in while it was open is read and marked ready.
    for (;;) {
      await journey.goto(`/staff/consultations/${id}/publication?show=to-review`)
      const next = journey.page.locator('table a').first()
      if (!(await next.count())) break
      await journey.step(() => next.click(), /^Review response HUB-/)
      await journey.submit('Mark as ready to publish')
    }
    await journey.goto(`/staff/consultations/${id}/publication`)
    await journey.step({ button: 'Release responses' }, 'Release responses')
    await journey.check('Now')
    await journey.step({ button: 'Release responses' }, 'Publication queue')
    await journey.expectText(/now published/)
    const [withheld] = await sql<{ count: number }[]>`
      select count(*)::int as count from consultation_response_reviews v join consultation_responses r on r.id = v.response_id
       where v.decision = 'withhold' and r.name = 'Noel Script' and v.released_at is null`
    expect(withheld.count).toBe(1)
    await journey.close()
  })

  test('the public sees exactly the released responses, with the redaction, and nothing withheld', async () => {
    const id = await consultationId()
    const expected = await sql<{ reference: string }[]>`
      select p.reference from consultation_published_responses p join consultation_responses r on r.id = p.response_id
       where p.consultation_id = ${id} and r.status = 'submitted' and r.publishing_consent <> 'none' and not r.confidential order by p.submitted_at, p.response_id`
    const journey = await Journey.start(hub.browser, { javaScript: false })
    await journey.goto(`/consultations/${SLUG}`)
    await journey.step({ link: 'Read the outcome: what you said and what we will do' }, 'Outcome: what you said and what we will do')
    await journey.step({ link: 'Read the published responses' }, 'Published responses')
    await journey.page.getByText(`These are the ${expected.length} responses`).waitFor()
    await journey.fill('Search the responses', 'carry [redacted]')
    await journey.step({ button: 'Apply filters' }, 'Published responses')
    const jess = journey.page.locator('.govuk-summary-card', { hasText: 'Jess Script' })
    await jess.getByText('[redacted]').waitFor()
    expect(await journey.page.locator('.govuk-summary-card', { hasText: 'Noel Script' }).count()).toBe(0)
    expect(await journey.page.content()).not.toContain('most of the weighting')
    const open = await journey.page.request.get(`/consultations/${SLUG}/responses.json`)
    const data = await open.json()
    expect(data.responses.map((r: { reference: string }) => r.reference)).toEqual(expected.map((r) => r.reference))
    const body = JSON.stringify(data)
    expect(body).not.toContain('Details of a current subcontract dispute.')
    expect(body).not.toContain('most of the weighting')
    expect(body).not.toMatch(/@/)
    const csv = await (await journey.page.request.get(`/consultations/${SLUG}/responses.csv`)).text()
    expect(csv.trim().split('\r\n')).toHaveLength(expected.length + 1)
    expect(csv).not.toContain('Details of a current subcontract dispute.')
    expect(csv).not.toContain('most of the weighting')
    await journey.close()
  })
})

describe.sequential('help to respond and feedback on the process', () => {
  const sent: Record<string, string> = {}
  const FORMS = [
    {
      link: 'Ask for an accessible format or other help to respond',
      heading: 'Ask for an accessible format or other help',
      button: 'Send request',
      missing: 'Tell us what you need',
      field: 'What do you need?',
      done: 'Request sent',
      subject: /accessible format/,
    },
    {
      link: 'Give feedback on how we consult',
      heading: 'Feedback on how we consult',
      button: 'Send feedback',
      missing: 'Enter your feedback',
      field: 'Your feedback',
      done: 'Feedback sent',
      subject: /feedback on how we consult/,
    },
  ]

  describe.each([true, false])('a visitor uses each form (JavaScript %s)', (javaScript) => {
    test.each(FORMS)('$heading: what is missing is refused with the input kept, then it is sent and acknowledged', async (form) => {
      const email = uniqueEmail(javaScript ? 'help-js' : 'help-nojs')
      const name = `Rowan ${javaScript ? 'Script' : 'Plain'}`
      sent[`${form.heading} ${javaScript}`] = email
      const journey = await Journey.start(hub.browser, { javaScript })
      await journey.goto(`/consultations/${SLUG}`)
      await journey.followLink(form.link)
      await journey.expectHeading(form.heading)
      await journey.fill('Your name', name)
      await journey.submit(form.button)
      await journey.expectErrorSummary(form.missing)
      await journey.expectErrorSummary('Enter your email address')
      expect(await journey.page.getByLabel('Your name', { exact: true }).inputValue()).toBe(name)
      await journey.fill('Your email address', email)
      if (form.button === 'Send request') await journey.check('Braille')
      await journey.fill(form.field, `${name} needs a copy in Braille, please.`)
      await journey.submit(form.button)
      await journey.page.getByRole('heading', { name: form.done }).waitFor()
      const ack = await latestEmail(email, form.subject)
      expect(ack.subject).toContain('DWP Commissioning Strategy 2013')
      await journey.close()
    })
  })

  test('staff see who asked, how to reach them and the format, and mark a request handled; the feedback is listed beside it', async () => {
    const id = await consultationId()
    const journey = await Journey.start(hub.browser)
    await signIn(journey, STAFF)
    await journey.goto(`/staff/consultations/${id}`)
    await journey.followLink('Requests for an accessible format or other help')
    await journey.expectHeading('Requests for an accessible format or other help')
    const email = sent['Ask for an accessible format or other help false']
    const card = journey.page.locator('.govuk-summary-card', { hasText: email })
    await card.getByText('Rowan Plain needs a copy in Braille, please.').waitFor()
    await card.getByText('Braille', { exact: true }).waitFor()
    await card.getByText('Waiting').waitFor()
    await journey.submit('Mark as handled the request from Rowan Plain')
    await journey.page.getByText('Marked as handled').waitFor()
    await card.getByText(/^Handled/).waitFor()
    expect(await card.getByRole('button').count()).toBe(0)
    const [audit] = await sql<{ count: number }[]>`
      select count(*)::int as count from audit_events a join consultation_requests r on r.id::text = a.subject_id
       where a.action = 'consultation.request.handled' and r.email = ${email}`
    expect(audit.count).toBe(1)
    await journey.followLink('Feedback on how we consult')
    await journey.expectHeading('Feedback on how we consult')
    await journey.page.locator('.govuk-summary-card', { hasText: sent['Feedback on how we consult true'] }).getByText('Rowan Script needs a copy in Braille, please.').waitFor()
    await journey.close()
  })
  test('staff attach two documents, enter a postal response with its scan, import a file with one bad row, confirm a campaign, tag 50 answers at once and publish a summary that quotes nothing kept back', async () => {
    const id = await consultationId()
    const questions = await sql<{ id: string }[]>`
      select q.id from questionnaire_questions q join questionnaire_sections s on s.id = q.section_id
        join consultations c on c.questionnaire_id = s.questionnaire_id
       where c.id = ${id} order by s.position, q.position`
    // Closed today (as the journey above left it): letters and files received today count.
    await sql`update consultations set closes_at = now() - interval '1 minute' where id = ${id}`
    const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: samplePdf([name]) })
    const radio = (name: string, value: string) => journey.page.locator(`input[name="${name}"][value="${value}"]`).check()
    const today = londonDateInDays(0)
    // Long enough that the summary would quote them first, were they not kept back.
    const padding = ' The local jobcentre, the council and the employment charities should plan the referral routes together, with shared data and a named contact for every participant.'.repeat(3)
    const journey = await Journey.start(hub.browser)
    await signIn(journey, STAFF)

    await journey.goto(`/staff/consultations/${id}/documents`)
    for (const [kind, title] of [
      ['impact_assessment', 'Impact assessment: commissioning strategy 2013'],
      ['welsh', 'Strategaeth Gomisiynu 2013'],
    ]) {
      await radio('kind', kind)
      await journey.fill('Title (optional)', title)
      await journey.page.locator('input[type=file][name=file]').setInputFiles(pdf(`${title}.pdf`))
      await journey.submit('Add document')
      await journey.expectText('The document has been added')
    }
    await journey.goto(`/consultations/${SLUG}`)
    await journey.page.getByRole('link', { name: 'Impact assessment: commissioning strategy 2013' }).waitFor()
    await journey.page.getByRole('link', { name: 'Strategaeth Gomisiynu 2013' }).waitFor()

    // A letter: its author agreed to anonymous publication, but asked for their second answer to be kept confidential.
    await journey.goto(`/staff/consultations/${id}/responses/new`)
    await radio('channel', 'post')
    await journey.page.locator('#receivedAt-day').fill(today.day)
    await journey.page.locator('#receivedAt-month').fill(today.month)
    await journey.page.locator('#receivedAt-year').fill(today.year)
    await journey.page.locator('input[type=file][name=original]').setInputFiles(pdf('letter-from-pat.pdf'))
    await radio('respondentType', 'individual')
    await journey.page.locator('#name').fill('Pat Letterwriter')
    await radio('publishingConsent', 'anonymous')
    await radio('confidential', 'no')
    await journey.page.locator(`[name="q-${questions[0].id}"]`).fill(`QUOTABLE-LETTER-MARKER: small providers need contract packages they can bid for.${padding}${padding}`)
    await journey.page.locator(`[name="q-${questions[1].id}"]`).fill(`CONFIDENTIAL-LETTER-MARKER: our subcontract dispute with a prime provider.${padding}${padding}${padding}`)
    await journey.page.getByText('Ask for your answer to Q2 to be kept confidential').click()
    await journey.check('Keep my answer to Q2 confidential')
    await journey.fill('Why should your answer to Q2 be kept confidential?', 'A current dispute')
    await journey.step({ button: 'Enter response' }, /^Response HUB-/)
    await journey.expectText('It counts like any other response')
    const scan = await journey.page.request.get(`${journey.page.url().split('?')[0]}/original`)
    expect(scan.headers()['content-disposition']).toContain('attachment')

    // A file of 50 responses gathered at an event, none agreeing to publication, and one row that is wrong.
    const header = ['respondent_type', 'name', 'publishing_consent', 'response_confidential', 'channel', 'received_at', ...questions.map((_, i) => `Q${i + 1}`)]
    const row = (i: number, type = 'individual') => [
      type,
      `Event attendee ${i}`,
      'none',
      'no',
      'imported',
      `${today.year}-${today.month.padStart(2, '0')}-${today.day.padStart(2, '0')}`,
      `UNCONSENTED-EVENT-MARKER ${i}: referrals from the jobcentre arrive late.${padding}${padding}${padding}${padding}`,
      ...questions.slice(1).map(() => ''),
    ]
    const csv = (rows: string[][]) => ({ name: 'event-responses.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].map((cells) => cells.map((c) => `"${c}"`).join(',')).join('\r\n')) })
    const good = Array.from({ length: 50 }, (_, i) => row(i + 1))
    await journey.goto(`/staff/consultations/${id}/responses/import`)
    await journey.page.locator('input[type=file][name=file]').setInputFiles(csv([...good.slice(0, 30), row(99, 'robot'), ...good.slice(30)]))
    await journey.submit('Import responses')
    await journey.expectErrorSummary('Row 32:')
    await journey.expectText('Nothing was imported. Correct this row and upload the whole file again')
    for (let upload = 0; upload < 2; upload++) {
      if (upload) await journey.goto(`/staff/consultations/${id}/responses/import`)
      await journey.page.locator('input[type=file][name=file]').setInputFiles(csv(good))
      await journey.step({ button: 'Import responses' }, 'Responses and analysis')
      await journey.expectText(upload ? '0 responses have been imported. 50 rows were already imported and were skipped.' : '50 responses have been imported.')
    }
    const [imported] = await sql<{ count: number }[]>`select count(*)::int as count from consultation_responses where consultation_id = ${id} and channel = 'imported'`
    expect(imported.count).toBe(50)

    // The demo's letter-writing campaign, found by the hub, confirmed; the charts then count it once.
    await journey.goto(`/staff/consultations/${id}/campaigns`)
    await journey.submit(/^Confirm as a campaign/)
    await journey.goto(`/staff/consultations/${id}/analysis`)
    await radio('campaigns', 'once')
    await journey.step({ button: 'Update the charts' }, 'Responses and analysis')
    await journey.expectText(/The confirmed campaign counts once: its \d+ responses count as 1\./)
    await journey.expectText(/\d+ imported from a file/)

    // The 50 imported answers tagged in one go.
    await journey.goto(`/staff/consultations/${id}/questions/${questions[0].id}/answers`)
    await journey.fill('Add a theme', 'Late referrals')
    await journey.step({ button: 'Add theme' }, 'Answers to Q1')
    await journey.fill('Search within answers', 'UNCONSENTED-EVENT-MARKER')
    await journey.step({ button: 'Apply filters' }, 'Answers to Q1')
    await journey.page.getByLabel('Theme to add or take off').selectOption({ label: 'Late referrals' })
    await journey.page.getByLabel(/^Select all 50 answers matching the filters/).check()
    await journey.step({ button: 'Add theme to selected answers' }, 'Answers to Q1')
    await journey.expectText('Theme “Late referrals” added to 50 answers that did not have it')

    await journey.goto(`/staff/consultations/${id}/summary`)
    await radio('campaignCounting', 'once')
    await journey.step({ button: /^Generate/ }, 'Summary of responses')
    await journey.step({ button: 'Save and publish' }, 'Summary of responses')
    await journey.goto(`/consultations/${SLUG}`)
    await journey.step({ link: 'Summary of responses' }, 'Summary of responses')
    const page = await journey.page.locator('main').textContent()
    expect(page).toContain('QUOTABLE-LETTER-MARKER')
    expect(page).toContain('Late referrals: 50 responses')
    expect(page).toMatch(/The confirmed campaign counts once: its \d+ responses count as 1\./)
    const odt = await (await journey.page.request.get(`/consultations/${SLUG}/summary.odt`)).text()
    for (const marker of ['CONFIDENTIAL-LETTER-MARKER', 'UNCONSENTED-EVENT-MARKER']) {
      expect(page).not.toContain(marker)
      expect(odt).not.toContain(marker)
    }
    await journey.close()
  }, 300_000)
})
