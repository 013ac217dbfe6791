import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { Journey, launchBrowser } from '../support/browser'

let browser: Browser

/** The worker indexes the demo content shortly after the app starts; wait for it as a person would. */
async function indexed(query: string) {
  const deadline = Date.now() + 120_000
  for (;;) {
    const res = await fetch(`${inject('baseUrl')}/search/suggestions?${new URLSearchParams({ q: query })}`)
    const body = (await res.json()) as { suggestions: unknown[] }
    if (body.suggestions.length) return
    if (Date.now() > deadline) throw new Error(`Nothing indexed for "${query}" after two minutes`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

beforeAll(async () => {
  browser = await launchBrowser()
  await indexed('Brightwork')
})
afterAll(async () => {
  await browser?.close()
})

/**
 * Types a query in the search page's box. With JavaScript on, suggestions then appear
 * below the box and move what is under it down the page; a person waits for
 * them before aiming at the button, or a click meant for it can land on a
 * suggestion that has just moved into its place.
 */
async function typeQuery(journey: Journey, query: string) {
  await journey.fill('Search the hub', query)
  if (journey.javaScript) await journey.page.getByRole('list', { name: 'Suggestions' }).waitFor()
}

function countIn(label: string) {
  const match = label.match(/\(([\d,]+)\)\s*$/)
  if (!match) throw new Error(`No count in "${label}"`)
  return Number(match[1].replace(/,/g, ''))
}

describe.each([true, false])('search across the hub (JavaScript %s)', (javaScript) => {
  test('a misspelt query from the home page finds the right organisation, highlighted', async () => {
    const journey = await Journey.start(browser, { javaScript })
    await journey.goto('/')
    await journey.fill('Search the hub', 'Brightwrok mental health')
    await journey.page.locator('form[role="search"] button').click()
    await journey.page.waitForURL(/\/search\?/)
    await journey.audit()
    await journey.expectHeading('Search')
    // The organisation is found among its own case studies, which mention it too.
    const organisation = journey.page.getByRole('link', { name: 'Brightwork Mental Health Employment', exact: true })
    await organisation.waitFor()
    expect(await organisation.locator('mark').count()).toBeGreaterThan(0)
    await organisation.click()
    await journey.page.waitForLoadState('load')
    await journey.expectHeading('Brightwork Mental Health Employment')
    await journey.close()
  })

  test('facet counts match the results they lead to', async () => {
    const journey = await Journey.start(browser, { javaScript })
    await journey.goto('/search?q=employmnet&type=organisations')
    const heading = journey.page.locator('#results-heading')
    const total = Number((await heading.textContent())!.match(/([\d,]+) results?/)![1].replace(/,/g, ''))
    expect(total).toBeGreaterThan(1)
    const sectorLabels = await journey.page.locator('fieldset:has(legend:text-is("Sector")) label').allTextContents()
    // Every organisation has one sector, so the sector counts add up to the results.
    expect(sectorLabels.map(countIn).reduce((a, b) => a + b, 0)).toBe(total)
    const label = sectorLabels[0]
    await journey.page.getByLabel(label.trim(), { exact: true }).check()
    await journey.submit('Apply filters')
    await expect.poll(async () => (await heading.textContent()) ?? '').toMatch(new RegExp(`: ${countIn(label)} results?`))
    expect(await journey.page.locator('#main-content .govuk-grid-column-two-thirds ul.govuk-list > li').count()).toBe(countIn(label))
    await journey.close()
  })

  test('a misspelt query finds the right case study, and its claimant group count matches its results', async () => {
    const journey = await Journey.start(browser, { javaScript })
    await journey.goto('/search')
    await typeQuery(journey, 'meeting prision leavers')
    await journey.page.getByRole('radio', { name: /^Case studies/ }).check()
    await journey.submit('Search')
    const first = journey.page.locator('#main-content h3 a').first()
    await expect.poll(() => first.textContent()).toBe('Meeting prison leavers at the gate')
    const groups = journey.page.locator('fieldset:has(legend:text-is("Claimant group")) label')
    const label = (await groups.filter({ hasText: 'Prison leavers' }).first().textContent())!.trim()
    await journey.page.getByLabel(label, { exact: true }).check()
    await journey.submit('Apply filters')
    const heading = journey.page.locator('#results-heading')
    await expect.poll(async () => (await heading.textContent()) ?? '').toMatch(new RegExp(`: ${countIn(label)} results?`))
    expect(await first.textContent()).toBe('Meeting prison leavers at the gate')
    await journey.close()
  })

  test('pages of results keep the query and filters', async () => {
    const journey = await Journey.start(browser, { javaScript })
    await journey.goto('/search?type=organisations')
    const next = journey.page.getByRole('link', { name: /Next/ })
    if (await next.count()) {
      await journey.followLink(/Next/)
      expect(new URL(journey.page.url()).searchParams.get('type')).toBe('organisations')
    }
    await journey.close()
  })
})

test('suggestions appear as you type when JavaScript is on', async () => {
  const journey = await Journey.start(browser, { javaScript: true })
  await journey.goto('/search')
  await journey.page.getByLabel('Search the hub').pressSequentially('brightwo', { delay: 30 })
  const suggestions = journey.page.getByRole('list', { name: 'Suggestions' })
  await suggestions.waitFor()
  expect(await suggestions.getByRole('link', { name: /Brightwork/ }).count()).toBeGreaterThan(0)
  await expect
    .poll(() =>
      journey.page
        .getByRole('status')
        .filter({ hasText: /suggestion/ })
        .count(),
    )
    .toBe(1)
  await journey.audit()
  await journey.close()
})
