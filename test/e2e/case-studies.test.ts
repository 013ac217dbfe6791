import { readFile } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { confirmedMember, e2eDatabase, Journey, newOrganisation, sharedBrowser } from '../support/browser'
import { CaseStudyPage } from '../support/pages/case-study'
import { signIn } from '../support/pages/sign-in'
import { openStaffDashboard } from '../support/pages/staff-dashboard'

const STAFF = 'staff@demo.commissioning-hub.example'

const hub = sharedBrowser()
const sql = e2eDatabase()

/** A confirmed person, put straight into the hub's database, optionally in a new organisation of their own. */
async function person(name: string, organisation?: string) {
  const member = await confirmedMember(sql, name, { emailPrefix: 'what-works' })
  if (organisation) await newOrganisation(sql, organisation, { regions: ['north-east'], admin: member })
  return member
}

describe.each([true, false])('What Works (JavaScript %s)', (javaScript) => {
  test('a provider posts a case study; another organisation rates, comments and validates; a reported comment is hidden; the list filters, sorts and exports', async () => {
    const suffix = Math.random().toString(36).slice(2, 7)
    const title = `Gate-to-job mentoring for prison leavers ${suffix}`
    const poster = await person(`Priya Poster ${suffix}`, `Tyneside Second Start ${suffix}`)
    const rater = await person(`Rhiannon Rater ${suffix}`, `Valleys Partners ${suffix}`)
    const reporter = await person(`Ravi Reporter ${suffix}`)
    const comment = `Which employers took part, and did they offer guaranteed interviews? ${suffix}`

    // The provider posts, with a mistake first: the figures are checked and nothing typed is lost.
    const provider = await Journey.start(hub.browser, { javaScript })
    await signIn(provider, poster.email, poster.password)
    await provider.goto('/what-works/new')
    await provider.expectHeading('Post a case study')
    await provider.fill('Title', title)
    await provider.fill('Summary', 'Mentors met prison leavers at the gate and stayed with them into work.')
    if (javaScript) {
      const editor = provider.page.locator('.app-rich-text-editor')
      await editor.waitFor()
      await editor.click()
      await provider.page.keyboard.type('A mentor met each person at the gate on release day.')
    } else {
      await provider.fill('Story', '## What we did\n\nA mentor met each person at the gate on release day.\n\n- Housing first\n- Then work')
    }
    await provider.check('Prison leavers')
    await provider.check('Programme engagement')
    await provider.check('In-work mentoring and aftercare')
    await provider.check('North East')
    await provider.fill('Programme', 'Work Programme (payment group 9)')
    await provider.page.locator('#periodFrom-day').fill('1')
    await provider.page.locator('#periodFrom-month').fill('4')
    await provider.page.locator('#periodFrom-year').fill('2014')
    await provider.page.locator('#periodTo-day').fill('31')
    await provider.page.locator('#periodTo-month').fill('3')
    await provider.page.locator('#periodTo-year').fill('2015')
    await provider.fill('Cohort size', '120')
    await provider.select('Outcome 1 measure', 'job-starts')
    await provider.fill('Outcome 1 target (optional)', '30')
    await provider.fill('Outcome 1 achieved', '150')
    await provider.check('Management information')
    await provider.submit('Save and preview')
    await provider.expectErrorSummary('Outcome 1 achieved must be no more than the cohort size (120)')
    expect(await provider.page.getByLabel('Title', { exact: true }).inputValue()).toBe(title)
    expect(await provider.page.getByLabel('Prison leavers', { exact: true }).isChecked()).toBe(true)
    await provider.fill('Outcome 1 achieved', '41')
    await provider.select('Outcome 2 measure', 'sustained-26-weeks')
    await provider.fill('Outcome 2 achieved', '27')
    await provider.submit('Save and preview')
    await provider.expectHeading(title)
    await provider.page.getByText('This is a preview of a draft.').waitFor()
    await provider.submit('Publish case study')
    await provider.page.getByText('Your case study has been published.').waitFor()
    const url = new URL(provider.page.url()).pathname
    expect(url).toMatch(/^\/what-works\/gate-to-job-mentoring/)
    // Nobody rates their own organisation's case study.
    expect(await provider.page.getByRole('button', { name: 'Save rating' }).count()).toBe(0)

    // A member of another organisation rates, comments and validates.
    const reader = await Journey.start(hub.browser, { javaScript })
    await signIn(reader, rater.email, rater.password)
    const readersPage = new CaseStudyPage(reader, url)
    await readersPage.open()
    await readersPage.rate(4)
    await reader.page.getByText('from 1 rating').waitFor()
    await readersPage.comment(comment)
    await reader.page.getByText(comment).waitFor()
    await readersPage.validate('We saw the attachment MI at the ESA forum.')

    // The provider replies, quoting the question.
    const providersPage = new CaseStudyPage(provider, url)
    await providersPage.open()
    await providersPage.reply(rater.name, 'Four local employers, each with a guaranteed interview.')
    await provider.page.getByText(`${rater.name} wrote:`).waitFor()

    // A third person reports the comment; staff hide it.
    const third = await Journey.start(hub.browser, { javaScript })
    await signIn(third, reporter.email, reporter.password)
    const thirdsPage = new CaseStudyPage(third, url)
    await thirdsPage.open()
    await thirdsPage.reportCommentBy(rater.name)
    await third.submit('Send report')
    await third.expectErrorSummary('Enter why you are reporting this')
    await third.fill('Why are you reporting this?', 'It names employers without their permission.')
    await third.submit('Send report')
    await third.page.getByText('Thank you for your report.').waitFor()

    const staff = await Journey.start(hub.browser, { javaScript })
    await openStaffDashboard(staff, STAFF)
    await staff.page.getByText('awaiting moderation').first().waitFor()
    await staff.goto('/staff/what-works/reports')
    await staff.followLink(`Comment by ${rater.name} on ${title}`)
    await staff.expectHeading('Moderate a reported comment')
    await staff.check('Hide the comment')
    await staff.fill('Reason', 'Names employers without their consent.')
    await staff.submit('Save decision')
    await staff.page.getByText('The reported item is hidden').waitFor()

    const visitor = await Journey.start(hub.browser, { javaScript })
    await visitor.goto(url)
    await visitor.page.getByText('This comment was hidden by staff.').waitFor()
    expect(await visitor.page.getByText(comment).count()).toBe(0)
    await visitor.page.getByText('Validated by 1 organisation member').waitFor()

    // The home page's What Works block lists the newest case study.
    await visitor.goto('/')
    await visitor.page.getByRole('link', { name: title }).first().waitFor()

    // The list: facets and sorts keep their state in the address.
    await visitor.goto('/what-works')
    await visitor.check(/^Prison leavers \(\d+\)$/)
    await visitor.select('Sort by', 'newest')
    await visitor.submit('Apply filters')
    await visitor.expectHeading('What Works')
    const search = new URL(visitor.page.url()).searchParams
    expect(search.getAll('claimantGroup')).toEqual(['prison-leavers'])
    expect(search.get('sort')).toBe('newest')
    expect(await visitor.page.getByLabel(/^Prison leavers \(\d+\)$/).isChecked()).toBe(true)
    await visitor.reloadUntilShown(title)
    const titles = await visitor.page.getByRole('list', { name: 'Case studies' }).getByRole('heading').allTextContents()
    expect(titles[0]).toBe(title)
    expect(titles).toContain('Meeting prison leavers at the gate')
    expect(titles).not.toContain('Lone parents: school-hours jobs brokered with local employers')

    // The comparison of the filtered list downloads as CSV.
    await visitor.followLink('Compare the outcomes of these case studies')
    await visitor.expectHeading('Compare outcomes')
    const [download] = await Promise.all([visitor.page.waitForEvent('download'), visitor.page.getByRole('link', { name: 'CSV' }).first().click()])
    expect(download.suggestedFilename()).toBe('what-works-comparison.csv')
    const csv = await readFile((await download.path())!, 'utf8')
    expect(csv.split('\r\n')[0]).toMatch(/^case_study_url,title,organisation,programme,claimant_groups/)
    expect(csv).toContain(`${title},Tyneside Second Start ${suffix},Work Programme (payment group 9),Prison leavers,Programme engagement`)
    expect(csv).toContain('Job starts,30,41,34.2')
    expect(csv).not.toContain('Lone parents: school-hours')

    for (const j of [provider, reader, third, staff, visitor]) await j.close()
    // Five people and some twenty-five audited pages: longer than the default on a shared machine.
  }, 480_000)
})
