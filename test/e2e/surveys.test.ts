import { describe, expect, test } from 'vitest'
import { confirmedMember, e2eDatabase, Journey, latestEmail, londonDateInDays, newOrganisation, sharedBrowser, widerThanAPhone } from '../support/browser'
import { signIn } from '../support/pages/sign-in'
import { openStaffDashboard } from '../support/pages/staff-dashboard'

const STAFF = 'staff@demo.commissioning-hub.example'

const hub = sharedBrowser()
const sql = e2eDatabase()

/** An organisation with a confirmed administrator, put straight into the database. */
async function organisationWithAdmin(name: string, sector: string, sizeBand: string) {
  const admin = await confirmedMember(sql, `Admin of ${name}`, { emailPrefix: 'survey-admin' })
  await newOrganisation(sql, name, { sector, sizeBand, admin })
  return { ...admin, name }
}

/** Staff copy last year's survey, opening in so many days. Returns the new survey's id and slug. */
async function copyLastYear(staff: Journey, { title, anonymous, opensIn }: { title: string; anonymous: boolean; opensIn: number }) {
  await staff.goto('/staff/surveys/new')
  await staff.expectHeading('Create a survey')
  await staff.check('Copy the questions from “Supplier Survey 2026” (2026)')
  // A mistake first: the errors name what is missing and nothing typed is lost.
  await staff.fill('Title', title)
  await staff.page.locator('#year').fill('2027')
  await staff.check(anonymous ? 'Yes, anonymous' : 'No, attributed')
  await staff.fill('Minimum group size', '2')
  await staff.step({ button: 'Create survey' }, 'Create a survey')
  await staff.expectErrorSummary('Enter opening date')
  expect(await staff.page.getByLabel('Title', { exact: true }).inputValue()).toBe(title)
  await staff.fillDateTime('opensAt', { ...londonDateInDays(opensIn), time: '09:00' })
  await staff.fillDateTime('closesAt', { ...londonDateInDays(30), time: '17:00' })
  await staff.step({ button: 'Create survey' }, title)
  await staff.page.getByText('Linked to last year’s question').first().waitFor()
  const [row] = await sql<{ slug: string; id: string }[]>`select slug, id from surveys where title = ${title}`
  return row
}

/** Staff copy last year's survey, open since yesterday, then invite organisations. */
async function copyAndInvite(staff: Journey, { title, anonymous, invite }: { title: string; anonymous: boolean; invite: string[] }) {
  const survey = await copyLastYear(staff, { title, anonymous, opensIn: -1 })
  for (const name of invite) await staff.check(name)
  await staff.step({ button: 'Invite organisations' }, title)
  await staff.page.getByText(`${invite.length} organisations invited`).waitFor()
  return survey
}

/** An organisation's administrator answers every page, with a mistake on the first. */
async function respond(journey: Journey, slug: string, who: { email: string; password: string; name: string }) {
  await signIn(journey, who.email, who.password)
  const invitation = await latestEmail(who.email, /You are invited to respond/)
  expect(invitation.textBody).toContain(`/surveys/${slug}`)
  await journey.goto(`/surveys/${slug}`)
  await journey.step({ button: /Start now/ }, 'How we are doing')

  await journey.step({ button: 'Save and continue' }, 'How we are doing')
  await journey.expectErrorSummary('Select an answer to Q1')
  await journey.page.getByRole('group', { name: /Q1:/ }).getByLabel('9', { exact: true }).check()
  await journey.page.getByRole('group', { name: /Q2:/ }).getByLabel('Agree', { exact: true }).check()
  await journey.page.getByRole('group', { name: /Q3:/ }).getByLabel('Strongly agree', { exact: true }).check()
  await journey.step({ button: 'Save and continue' }, 'Market stewardship, partnership and performance')

  await journey.page.getByLabel('1st place for Q4').selectOption({ label: 'Working in partnership' })
  await journey.page.getByLabel('2nd place for Q4').selectOption({ label: 'Working in partnership' })
  await journey.page.getByLabel('3rd place for Q4').selectOption({ label: 'Driving performance' })
  await journey.step({ button: 'Save and continue' }, 'Market stewardship, partnership and performance')
  await journey.expectErrorSummary('Choose each option only once when ranking Q4')
  await journey.page.getByLabel('2nd place for Q4').selectOption({ label: 'Market structure and stewardship' })
  await journey.page.getByRole('group', { name: /Q5:/ }).getByLabel('Every month', { exact: true }).check()
  await journey.fill(/^Question Q6:/, 'Keep publishing the pipeline early')
  await journey.page.getByRole('group', { name: /Q7:/ }).getByLabel('8', { exact: true }).check()
  // Saved for later: a confirmation, and an emailed link that opens this page again.
  await journey.step({ button: 'Save and come back later' }, 'Your answers have been saved')
  await journey.expectText(`We have emailed a link to continue your response to ${who.email}`)
  const resume = await latestEmail(who.email, /Continue your response/)
  await journey.goto(new URL(resume.textBody.match(/https?:\/\/\S+\/response\/\S+/)![0]).pathname)
  await journey.expectHeading('Market stewardship, partnership and performance')
  await journey.step({ button: 'Save and continue' }, 'Check your answers before submitting')
  // A ranking is listed one place a line.
  await journey.expectText(/1\. Working in partnership\s+2\. Market structure and stewardship\s+3\. Driving performance/)
  // "Change" comes back to checking answers, not on through the pages.
  await journey.step({ link: /^Change\s*your answer to Q1$/ }, 'How we are doing')
  await journey.step({ button: 'Save and continue' }, 'Check your answers before submitting')
  await journey.step({ button: 'Submit response' }, 'Response submitted')

  // A second response from the same organisation is refused.
  await journey.goto(`/surveys/${slug}`)
  await journey.page.getByText(`${who.name} responded on`).waitFor()
  expect(await journey.page.getByRole('button', { name: /Start now|Continue your response/ }).count()).toBe(0)
}

describe('supplier surveys end to end', () => {
  test('staff copy last year’s survey, two organisations respond anonymously, results wait for the close, and the summary is previewed, published and taken down', async () => {
    const suffix = Math.random().toString(36).slice(2, 7)
    const charity = await organisationWithAdmin(`Quayside Works ${suffix}`, 'vcse', 'small')
    const company = await organisationWithAdmin(`Lanark Routes ${suffix}`, 'private', 'medium')
    const title = `Supplier Survey 2027 anonymous ${suffix}`

    const staff = await Journey.start(hub.browser)
    await openStaffDashboard(staff, STAFF)
    await staff.page.getByRole('link', { name: 'Manage surveys' }).waitFor()
    const survey = await copyAndInvite(staff, { title, anonymous: true, invite: [charity.name, company.name] })

    // One answers with JavaScript off, the other with it on.
    const first = await Journey.start(hub.browser, { javaScript: false })
    await respond(first, survey.slug, charity)
    await first.close()
    const second = await Journey.start(hub.browser)
    await respond(second, survey.slug, company)
    await second.close()

    // Nothing in the database joins the anonymous answers to the organisations that gave them.
    const linked = await sql`
      select 1 from survey_participations p join survey_responses r on r.submission_id = p.submission_id where p.survey_id = ${survey.id}`
    expect(linked).toHaveLength(0)

    // Staff see how many responded, not which; results wait for the survey to close.
    await staff.goto(`/staff/surveys/${survey.id}`)
    await staff.page.getByText('2 of 2 invited organisations have responded.').waitFor()
    expect(await staff.page.getByText('Responded', { exact: true }).count()).toBe(0)
    await staff.goto(`/staff/surveys/${survey.id}/results`)
    await staff.page.getByText(/Results are shown once the survey has closed/).waitFor()
    expect(await staff.page.locator('svg.app-chart').count()).toBe(0)
    expect((await staff.page.request.get(`/staff/surveys/${survey.id}/results.csv`)).status()).toBe(409)

    await sql`update surveys set closes_at = now() - interval '1 minute' where id = ${survey.id}`
    await staff.goto(`/staff/surveys/${survey.id}/results`)
    await staff.expectHeading('Results')
    await staff.page.getByText('100% response rate: 2 of 2 invited organisations').waitFor()
    expect(await staff.page.locator('div.app-chart').count()).toBeGreaterThan(3)
    await staff.page.getByRole('heading', { name: 'Year on year: 2026 to 2027' }).waitFor()
    const meanRow = staff.page.getByRole('row', { name: /Mean rating/ }).first()
    expect(await meanRow.textContent()).toMatch(/[+−]\d/)

    // A one-organisation group is never shown on its own.
    await staff.select('Break down by', 'sector')
    await staff.step({ button: 'Show results' }, 'Results')
    await staff.select('Show only one sector', 'vcse')
    await staff.step({ button: 'Show results' }, 'Results')
    await staff.page
      .locator('.govuk-error-summary')
      .getByText(/cannot be shown because fewer than 2 responses/)
      .waitFor()

    // Each organisation is its own sector and size, so the download carries neither, nor any date.
    const csv = await (await staff.page.request.get(`/staff/surveys/${survey.id}/results.csv`)).text()
    expect(csv).not.toContain(charity.name)
    expect(csv.split('\r\n')[0]).not.toMatch(/Sector|Size|Submitted on/)
    expect(csv).toContain('Keep publishing the pipeline early')

    await staff.goto(`/staff/surveys/${survey.id}/summary`)
    await staff.expectHeading('Publish a results summary')
    const editor = staff.page.locator('.app-rich-text-editor')
    await editor.waitFor()
    await editor.click()
    await staff.page.keyboard.type(`Suppliers told us partnership matters most ${suffix}.`)
    await staff.page.getByLabel(/^Q1:/).check()
    await staff.page.getByLabel(/^Q4:/).check()
    await staff.step({ button: 'Preview the results page' }, 'Check the results page before publishing')
    await staff.page.getByText(`Suppliers told us partnership matters most ${suffix}.`).waitFor()
    expect(await staff.page.locator('div.app-chart').count()).toBe(2)
    expect((await staff.page.request.get(`/surveys/${survey.slug}/results`)).status()).toBe(404)
    await staff.step({ button: 'Publish results summary' }, `${title}: results`)
    await staff.page.getByText(`Suppliers told us partnership matters most ${suffix}.`).waitFor()

    // The public can read it, signed out, and reach it from the surveys page.
    const visitor = await Journey.start(hub.browser, { javaScript: false })
    await visitor.goto('/surveys')
    await visitor.followLink(`${title}: results`)
    await visitor.expectHeading(`${title}: results`)
    await visitor.goto('/surveys/supplier-survey-2025/results')
    await visitor.expectHeading('Supplier Survey 2025: results')
    // Its ranking and answer tables fit a phone without scrolling sideways.
    expect(await widerThanAPhone(visitor.page)).toEqual([])

    // Taken down again, it is gone from the public.
    await staff.goto(`/staff/surveys/${survey.id}/summary`)
    await staff.step({ button: 'Unpublish the results summary' }, title)
    await staff.page.getByText('The results summary is no longer published').waitFor()
    expect((await visitor.page.request.get(`/surveys/${survey.slug}/results`)).status()).toBe(404)
    await visitor.close()
    await staff.close()
  }, 360_000)
})

describe.each([true, false])('survey questions before the survey opens (JavaScript %s)', (javaScript) => {
  test('staff edit a question, with a mistake first, and move questions up and down', async () => {
    const suffix = Math.random().toString(36).slice(2, 7)
    const title = `Supplier Survey 2027 draft ${javaScript ? 'on' : 'off'} ${suffix}`
    const q1 = 'How likely are you to recommend bidding for Employment Category contracts to another provider?'
    const q2 = 'The Category gives suppliers the chance to feed back on how it is doing'
    const staff = await Journey.start(hub.browser, { javaScript })
    await signIn(staff, STAFF)
    const survey = await copyLastYear(staff, { title, anonymous: false, opensIn: 7 })

    // A mistake first: the errors name what is wrong and nothing typed is lost.
    await staff.step({ link: 'Edit Q1' }, 'Edit Q1')
    expect(await staff.page.getByLabel('Question', { exact: true }).inputValue()).toBe(q1)
    await staff.fill('Question', '')
    await staff.check('Put the options in order')
    await staff.fill('Options, one on each line', 'Only one')
    await staff.step({ button: 'Save question' }, 'Edit Q1')
    await staff.expectErrorSummary('Enter the question')
    await staff.expectErrorSummary('Enter at least 2 options, one on each line')
    expect(await staff.page.getByLabel('Options, one on each line', { exact: true }).inputValue()).toBe('Only one')
    expect(await staff.page.getByLabel('Put the options in order', { exact: true }).isChecked()).toBe(true)

    const reworded = `How likely are you to recommend working with the Category to a peer (${suffix})?`
    await staff.fill('Question', reworded)
    await staff.check('Rating from 0 to 10')
    await staff.fill('Options, one on each line', '')
    await staff.step({ button: 'Save question' }, title)
    await staff.page.getByText('Q1 saved').waitFor()

    // Move down, then back up: the buttons are forms, so they work without JavaScript too.
    const firstPage = staff.page.locator('.govuk-summary-card').first().locator('.govuk-summary-list__row')
    expect(await firstPage.nth(0).textContent()).toContain(reworded)
    await staff.step({ button: 'Move down Q1' }, title)
    await staff.page.getByText('Q1 moved down: it is now Q2').waitFor()
    expect(await firstPage.nth(0).textContent()).toContain(q2)
    expect(await firstPage.nth(1).textContent()).toContain(reworded)
    await staff.step({ button: 'Move up Q2' }, title)
    await staff.page.getByText('Q2 moved up: it is now Q1').waitFor()
    expect(await firstPage.nth(0).textContent()).toContain(reworded)

    const logged = await sql<{ action: string }[]>`select action from audit_events where subject_id = ${survey.id} and action like 'survey.question%' order by created_at`
    expect(logged.map((a) => a.action)).toEqual(['survey.question_changed', 'survey.question_moved', 'survey.question_moved'])
    await staff.close()
  }, 240_000)
})
