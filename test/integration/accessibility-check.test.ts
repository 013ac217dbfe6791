import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { axeViolations, launchBrowser } from '../support/browser'

/** The check every browser journey and the page audit rely on must be able to fail. */
let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

const page = (body: string) => `<!doctype html><html lang="en"><head><title>Check</title></head><body><main><h1>Check</h1>${body}</main></body></html>`

test('finds WCAG failures, again after the page changes without a new document', async () => {
  const tab = await browser.newPage()
  await tab.setContent(page('<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb;background:#fff">Faint</p>'))
  expect((await axeViolations(tab)).map((v) => v.id).sort()).toEqual(['color-contrast', 'image-alt'])
  await tab.evaluate(() => {
    document.querySelector('main')!.innerHTML = '<h1>Check</h1><label>Name <input></label><button></button>'
  })
  expect((await axeViolations(tab)).map((v) => v.id)).toEqual(['button-name'])
  await tab.close()
})

test('accepts the aria-expanded GOV.UK puts on radios that reveal a question, and nothing else unexpected', async () => {
  const tab = await browser.newPage()
  await tab.setContent(
    page(`<fieldset><legend>Contact</legend>
      <input type="radio" id="a" name="c" aria-controls="more" aria-expanded="false"><label for="a">Email</label>
      <div id="more" hidden><label for="e">Email address</label><input id="e"></div></fieldset>`),
  )
  expect(await axeViolations(tab)).toEqual([])
  await tab.evaluate(() => document.getElementById('a')!.setAttribute('aria-selected', 'true'))
  expect((await axeViolations(tab)).map((v) => v.id)).toEqual(['aria-allowed-attr'])
  await tab.close()
})
