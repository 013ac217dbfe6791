import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Journey, launchBrowser } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe.each([true, false])('the GOV.UK shell (JavaScript %s)', (javaScript) => {
  test('home page, navigation and a 404 page', async () => {
    const journey = await Journey.start(browser, { javaScript })
    await journey.goto('/')
    await journey.expectHeading('Commissioning Hub')
    const menu = journey.page.getByRole('navigation', { name: 'Menu' }).getByRole('link')
    expect(await menu.allTextContents()).toEqual(['Consultations', 'Pipeline', 'What Works', 'Newsletters', 'Surveys', 'Organisations', 'Search'])
    const response = await journey.page.goto('/no-such-page')
    expect(response?.status()).toBe(404)
    await journey.expectHeading('Page not found')
    expect(await journey.page.title()).toBe('Page not found – Commissioning Hub')
    await journey.close()
  })
})
