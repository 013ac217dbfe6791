import { desc } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { deliveryHtml, emailContent, emailHtmlFor, htmlFromText, linkAddresses } from '~/lib/email-layout.server'
import { documentFromPlainText, richTextFromDocument } from '~/lib/rich-text.server'
import { sendPasswordChangedNotice, sendVerificationEmail } from '~/modules/accounts/emails.server'
import { reminderEmail } from '~/modules/consultations/reminders.server'
import { emailHtml, emailText } from '~/modules/newsletters/render.server'
import { alertHtml, alertText } from '~/modules/newsletters/topic-alerts.server'
import { mailDeliveries } from '~db/schema'
import { axeViolations, launchBrowser } from '../support/browser'

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

async function queued() {
  const [row] = await db.select().from(mailDeliveries).orderBy(desc(mailDeliveries.createdAt)).limit(1)
  return { html: deliveryHtml(row!), text: row!.textBody }
}

const ISSUE_BODY = `## What is coming up
The market engagement event for the [Contract Package Area review](https://www.gov.uk/government/publications/cpa-review) is on 12 March.
- Register by 5 March at https://www.gov.uk/guidance/register-for-events-with-a-very-long-address-that-must-wrap-at-320-pixels
- Questions to category.team@example.org

## From providers
> Payment timetables matter most to our subcontractors.`

/** The kinds of email the hub sends, each made by the code that sends it. */
async function examples() {
  await sendVerificationEmail(db, { to: 'ada@example.org', name: 'Ada', token: 'tok-1', tokenId: 'id-1' })
  const verification = await queued()
  await sendPasswordChangedNotice(db, { to: 'ada@example.org', name: 'Ada', key: 'k-1' })
  const notice = await queued()
  const alert = {
    subject: 'New consultation: Employment support strategy',
    heading: 'Employment support strategy',
    summary: 'We want your views on how the Category buys employment support.',
    facts: ['Closes: 11:59pm on 5 March 2027'],
    url: 'http://localhost:3000/consultations/strategy',
    linkText: 'Read the consultation',
  }
  const body = richTextFromDocument(documentFromPlainText(ISSUE_BODY))
  const issue = {
    title: 'Employment Category Newsletter: spring 2026',
    summary: 'Spring’s pipeline, two consultations and the survey results.',
    slug: 'spring-2026',
    sentAt: new Date('2026-03-02T10:00:00Z'),
    html: body.html,
    text: body.text,
  }
  const reminder = reminderEmail(
    {
      id: 'response-1',
      reference: 'HUB-ABCD-2345',
      userId: null,
      respondentType: 'organisation',
      organisationName: 'Northern Employment Partnership',
      to: 'ada@example.org',
      title: 'Employment support strategy',
      closesAt: new Date('2027-03-05T23:59:00Z'),
    },
    'http://localhost:3000/consultations/employment-support-strategy/resume/Jq3v9xK2mZ8pL4rT7wY1bN6cH0dF5gA-sE_uI',
  )
  return [
    { name: 'verification (transactional with a link)', ...verification },
    { name: 'consultation closing reminder', html: emailHtmlFor(reminder), text: reminder.text },
    { name: 'password changed (text only)', ...notice },
    { name: 'topic alert', html: alertHtml(alert, 'consultations', 'sub-token'), text: alertText(alert, 'consultations', 'sub-token') },
    { name: 'newsletter', html: emailHtml(issue, 'sub-token'), text: emailText(issue, 'sub-token') },
  ]
}

describe('emails', () => {
  test('every email is a laid-out HTML document, and its plain-text part gives the address of every link', async () => {
    for (const email of await examples()) {
      expect(email.html, email.name).toMatch(/^<!doctype html>/)
      expect(email.html, email.name).toContain('Commissioning Hub</td>')
      expect(email.html, email.name).not.toMatch(/class="/)
      for (const address of linkAddresses(email.html)) expect(email.text, `${email.name}: ${address}`).toContain(address)
    }
  })

  test('text-only messages get their addresses linked and their bullet lines listed', () => {
    expect(htmlFromText('Open this link:\n\nhttps://hub.example/verify?token=a&b=1.\n\n- one\n- two')).toBe(
      '<p>Open this link:</p>\n<p><a href="https://hub.example/verify?token=a&amp;b=1">https://hub.example/verify?token=a&amp;b=1</a>.</p>\n<ul><li>one</li><li>two</li></ul>',
    )
  })

  test('the newsletter keeps its links and structure in both parts; a staff preview gets the content without inline styles', async () => {
    const newsletter = (await examples()).find((e) => e.name === 'newsletter')!
    expect(newsletter.text).toContain('Contract Package Area review (https://www.gov.uk/government/publications/cpa-review)')
    expect(newsletter.text).toContain('category.team@example.org')
    expect(newsletter.html).toMatch(/<h2 style="[^"]*font-size: 24px[^"]*">What is coming up<\/h2>/)
    // The summary is the preheader: first in the body, hidden, so inboxes show it beside the subject.
    expect(newsletter.html).toMatch(/<body[^>]*>\n<div style="display: none; max-height: 0; overflow: hidden">Spring’s pipeline, two consultations and the survey results\.<\/div>/)
    const content = emailContent(newsletter.html)
    expect(content).toContain('<h2>What is coming up</h2>')
    expect(content).not.toContain('style=')
  })

  test('rendered in Chromium, every email passes axe (WCAG 2.2 AA), uses no serif font and does not scroll sideways at 320 pixels', async () => {
    const context = await browser.newContext({ javaScriptEnabled: true })
    const page = await context.newPage()
    try {
      for (const email of await examples()) {
        for (const width of [600, 320]) {
          await page.setViewportSize({ width, height: 800 })
          await page.setContent(email.html, { waitUntil: 'load' })
          expect(
            (await axeViolations(page)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
            `${email.name} at ${width}`,
          ).toEqual([])
          const layout = await page.evaluate(() => {
            const serif = [...document.body.querySelectorAll<HTMLElement>('*')]
              .filter((el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
              .filter((el) => !/sans-serif/i.test(getComputedStyle(el).fontFamily))
              .map((el) => el.tagName)
            return { serif, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth }
          })
          expect(layout.serif, `${email.name} at ${width}`).toEqual([])
          expect(layout.overflow, `${email.name} at ${width}`).toBeLessThanOrEqual(0)
        }
      }
    } finally {
      await context.close()
    }
  })
})
