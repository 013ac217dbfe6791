import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import postgres from 'postgres'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { hashPassword } from '~/modules/accounts/passwords.server'
import { TOTP_STEP_SECONDS, totpCode, totpStep } from '~/modules/accounts/totp.server'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/**
 * The one browser a test file's journeys share: launched before the file's
 * tests and closed after them. Read `.browser` inside a test.
 */
export function sharedBrowser(): { readonly browser: Browser } {
  const shared = {} as { browser: Browser }
  beforeAll(async () => {
    shared.browser = await launchBrowser()
  })
  afterAll(async () => {
    await shared.browser?.close()
  })
  return shared
}

/**
 * The hub's e2e database, for what a test arranges or checks behind the
 * pages; it connects on the first query and is closed after the file's tests.
 */
export function e2eDatabase({ max = 1 } = {}): postgres.Sql {
  const sql = postgres(inject('e2eDatabaseUrl'), { max, onnotice: () => {} })
  afterAll(async () => {
    await sql.end()
  })
  return sql
}

export async function newContext(browser: Browser, { javaScript = true } = {}): Promise<BrowserContext> {
  return browser.newContext({ baseURL: inject('baseUrl'), timezoneId: 'Europe/London', locale: 'en-GB', javaScriptEnabled: javaScript })
}

const auditors = new WeakMap<Browser, Promise<Page>>()

/**
 * axe runs inside the page, which a page with JavaScript off cannot do. Such
 * pages are audited as a copy of their HTML, without scripts, in a page of
 * their own that has JavaScript on.
 */
function auditorFor(browser: Browser): Promise<Page> {
  if (!auditors.has(browser)) {
    auditors.set(
      browser,
      (async () => {
        const context = await browser.newContext({ baseURL: inject('baseUrl'), javaScriptEnabled: true })
        await context.route(/\.m?js(\?.*)?$/, (route) => route.abort())
        const page = await context.newPage()
        await page.goto('/healthz')
        return page
      })(),
    )
  }
  return auditors.get(browser)!
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/**
 * GOV.UK Frontend marks a radio that reveals a question with aria-expanded,
 * which ARIA 1.2 allows on checkboxes but not radios. GOV.UK keeps it on
 * purpose, as screen readers announce it and research found it helps
 * (alphagov/govuk-frontend#979, listed as a known axe finding), so axe is
 * told that one attribute is expected on that one role; every other
 * attribute on every role is still checked.
 */
const axeOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  resultTypes: ['violations'],
  checks: { 'aria-allowed-attr': { options: { radio: ['aria-expanded'] } } },
}

type RemixWindow = Window & { __remixRouter?: { state: { initialized: boolean; location: { key: string }; navigation: { state: string }; revalidation: string } } }

type AxeViolation = { id: string; help: string; nodes: { target: string[] }[] }

/**
 * axe-core's WCAG 2.2 AA violations on the page as it is now. axe is
 * evaluated into the page once per document rather than once per check:
 * with JavaScript on, Remix moves between pages without a new document, and
 * loading axe's half a megabyte of script for every check was most of the
 * browser suite's time.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  return page.evaluate(
    (options) => (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe.run(document, options).then((r) => r.violations),
    axeOptions,
  )
}

/** Every page a journey reaches is checked against WCAG 2.2 AA. */
export async function expectAccessible(page: Page, { javaScript = true }: { javaScript?: boolean } = {}) {
  let target = page
  if (!javaScript) {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '')
    target = await auditorFor(page.context().browser()!)
    await target.setContent(html, { waitUntil: 'load' })
  }
  const violations = await axeViolations(target)
  const summary = violations.map((v) => `${v.id} on ${page.url()}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)
  expect(summary).toEqual([])
}

/**
 * A person's journey through the hub: navigation goes through these methods,
 * which wait for the next page and audit it.
 */
export class Journey {
  constructor(
    readonly page: Page,
    readonly javaScript = true,
  ) {}

  /**
   * Each journey comes from an address of its own (the test server trusts
   * X-Forwarded-For from loopback, TRUST_PROXY), so per-address throttling in one journey
   * cannot spill into another test's sign-ins.
   */
  static async start(browser: Browser, { javaScript = true } = {}) {
    const context = await newContext(browser, { javaScript })
    await context.setExtraHTTPHeaders({ 'X-Forwarded-For': benchmarkingAddress() })
    const page = await context.newPage()
    // A busy shared machine can take longer than Playwright's default to answer.
    page.setDefaultTimeout(20_000)
    return new Journey(page, javaScript)
  }

  async close() {
    await this.page.context().close()
  }

  async audit() {
    await expectAccessible(this.page, { javaScript: this.javaScript })
  }

  async goto(path: string) {
    await this.page.goto(path)
    await this.hydrated()
    await this.audit()
  }

  async fill(label: string | RegExp, value: string) {
    await this.page.getByLabel(label, { exact: typeof label === 'string' }).fill(value)
  }

  async check(label: string | RegExp) {
    await this.page.getByLabel(label, { exact: typeof label === 'string' }).check()
  }

  async select(label: string | RegExp, value: string) {
    await this.page.getByLabel(label, { exact: typeof label === 'string' }).selectOption(value)
  }

  private lastClickAt = 0

  /**
   * GOV.UK Frontend ignores a second click on the same button within a
   * second, as double-click protection. With JavaScript on, a form that
   * showed errors keeps its button, so clicks are paced as a person's are.
   */
  async paced<T>(click: () => Promise<T>): Promise<T> {
    const sinceLastClick = Date.now() - this.lastClickAt
    if (this.javaScript && sinceLastClick < 1100) await this.page.waitForTimeout(1100 - sinceLastClick)
    this.lastClickAt = Date.now()
    return click()
  }

  /** Clicks a button or link that leads to another page, then audits the page it lands on. */
  async submit(name: string | RegExp, role: 'button' | 'link' = 'button') {
    const before = await this.routerLocation()
    await this.paced(() => this.clickNamed(role, name))
    await this.settled(before)
    await this.audit()
  }

  /**
   * With JavaScript on, Remix moves to the next page by fetching its data, so
   * no page load (and no second "network idle") marks the end of a step. The
   * router's location changes for every completed navigation, a form shown
   * again with errors included, so a step is done when the location differs
   * from the one before the click and nothing is still loading.
   */
  private async routerLocation(): Promise<string | null> {
    if (!this.javaScript) return null
    return this.page.evaluate(() => (window as RemixWindow).__remixRouter?.state.location.key ?? null).catch(() => null)
  }

  private async settled(before: string | null) {
    await this.page.waitForLoadState('load')
    if (!this.javaScript) return
    await this.page.waitForFunction((before) => {
      const router = (window as RemixWindow).__remixRouter
      return !!router && router.state.navigation.state === 'idle' && router.state.revalidation === 'idle' && router.state.location.key !== before
    }, before)
  }

  /** Waits until React has taken over the page, so what a test does next is done to the live page. */
  private async hydrated() {
    if (!this.javaScript) return
    await this.page.waitForFunction(() => (window as RemixWindow).__remixRouter?.state.initialized === true)
  }

  private clickNamed(role: 'button' | 'link', name: string | RegExp) {
    return this.page
      .getByRole(role, { name, exact: typeof name === 'string' })
      .first()
      .click()
  }

  async followLink(name: string | RegExp) {
    await this.submit(name, 'link')
  }

  /**
   * Clicks the named button or link (or does `click`), waits for the page
   * headed `heading`, then audits it. The heading, not the network, says the
   * step is done: with JavaScript on, Remix navigates client-side, and a form
   * that shows errors stays on its page.
   */
  async step(target: { button: string | RegExp } | { link: string | RegExp } | (() => Promise<unknown>), heading: string | RegExp) {
    const click =
      typeof target === 'function'
        ? target
        : () => {
            const [role, name] = 'button' in target ? (['button', target.button] as const) : (['link', target.link] as const)
            return this.clickNamed(role, name)
          }
    const before = await this.routerLocation()
    await this.paced(click)
    // Waits longer than the page's own timeout: a busy server can be slow to answer a form.
    await this.page
      .getByRole('heading', { level: 1, name: typeof heading === 'string' ? new RegExp(escape(heading)) : heading })
      .first()
      .waitFor({ timeout: 45_000 })
      .catch(async (error) => {
        const found = await this.page.locator('.govuk-error-summary, h1').allTextContents()
        throw new Error(`Expected a page headed ${heading} at ${this.page.url()}, found: ${found.join(' | ')}`, { cause: error })
      })
    await this.settled(before)
    await this.audit()
  }

  /** Fills a GOV.UK date input with a time, whose fields are `${name}-day` to `${name}-time`. */
  async fillDateTime(name: string, at: { day: string; month: string; year: string; time: string }) {
    await this.page.locator(`#${name}-day`).fill(at.day)
    await this.page.locator(`#${name}-month`).fill(at.month)
    await this.page.locator(`#${name}-year`).fill(at.year)
    await this.page.locator(`#${name}-time`).fill(at.time)
  }

  /** Waits, as a person would, for the page to show this text (after a client-side navigation, too). */
  async expectText(text: string | RegExp) {
    await this.page.getByText(text).first().waitFor()
  }

  /** Lists and the directory read the search index, which the indexing worker fills a moment after a change: reload until it shows. */
  async reloadUntilShown(text: string) {
    for (let attempt = 0; attempt < 30 && !(await this.page.getByText(text).count()); attempt++) {
      await this.page.waitForTimeout(500)
      await this.page.reload()
    }
    await this.expectText(text)
  }

  heading() {
    return this.page.getByRole('heading', { level: 1 })
  }

  async expectHeading(text: string | RegExp) {
    await expect.poll(() => this.heading().first().textContent(), { timeout: 15_000 }).toMatch(typeof text === 'string' ? new RegExp(escape(text)) : text)
  }

  async expectErrorSummary(message: string) {
    const summary = this.page.locator('.govuk-error-summary')
    await summary.waitFor()
    expect(await summary.textContent()).toContain(message)
    expect(await this.page.title()).toMatch(/^Error: /)
  }
}

/** Every demo account's password (db/seed/accounts.ts). */
export const DEMO_PASSWORD = 'hub-demo-password-2026'

/** The password of the people tests put straight into the database. */
export const TEST_PASSWORD = 'quiet harbour lantern 42'

/** A member with a confirmed account, put straight into the hub's database as registering and confirming would leave them. */
export async function confirmedMember(sql: postgres.Sql, name: string, { emailPrefix = 'member', password = TEST_PASSWORD } = {}) {
  const email = uniqueEmail(emailPrefix)
  const [user] = await sql<{ id: string }[]>`
    insert into users (email, name, password_hash, role, email_verified_at) values (${email}, ${name}, ${await hashPassword(password)}, 'member', now()) returning id`
  return { id: user.id, email, name, password }
}

/** An organisation put straight into the hub's database; with `admin`, that person is its administrator. */
export async function newOrganisation(
  sql: postgres.Sql,
  name: string,
  { sector = 'vcse', sizeBand = 'small', regions, admin }: { sector?: string; sizeBand?: string; regions?: string[]; admin?: { id: string } } = {},
) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const [org] = await sql<{ id: string }[]>`
    insert into organisations ${sql({ slug, name, sector, size_band: sizeBand, ...(regions ? { regions } : {}) })} returning id`
  if (admin) await sql`insert into organisation_members (organisation_id, user_id, role) values (${org.id}, ${admin.id}, 'admin')`
  return { id: org.id, slug, name }
}

/**
 * The code an authenticator app holding this key shows, or the next one when
 * this step's code has been used already (the hub takes each code once, and
 * one step either side); waits for the step to come round if need be.
 */
export async function authenticatorCode(email: string, key?: string): Promise<string> {
  const sql = postgres(inject('e2eDatabaseUrl'), { max: 1, onnotice: () => {} })
  try {
    const [row] = await sql<{ secret: string | null; last: string | null }[]>`
      select totp_secret as secret, totp_last_step::text as last from users where email = ${email.toLowerCase()}`
    const secret = (key ?? row?.secret ?? '').replace(/\s/g, '')
    if (!secret) throw new Error(`No authenticator key for ${email}`)
    const last = key || row?.last == null ? null : Number(row.last)
    const step = Math.max(totpStep(), last === null ? 0 : last + 1)
    const wait = (step - 1) * TOTP_STEP_SECONDS * 1000 - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait + 500))
    return totpCode(secret, step)
  } finally {
    await sql.end()
  }
}

/**
 * Signs in over HTTP without a browser, answering the authenticator step as
 * signIn does, and returns the session cookie (name=value).
 */
export async function signInByFetch(email: string, password = DEMO_PASSWORD): Promise<string> {
  const base = inject('baseUrl')
  const origin = new URL(base).origin
  const post = (path: string, cookie: string, form: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(form),
    })
  const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0]
  const signedIn = await post('/sign-in', '', { email, password, redirectTo: '/account' })
  let cookie = cookieOf(signedIn)
  const location = signedIn.headers.get('location') ?? ''
  if (location.startsWith('/account/authenticator')) {
    const page = await (await fetch(`${base}/account/authenticator`, { headers: { Cookie: cookie } })).text()
    const key = page.match(/data-totp-key="[^"]*">([^<]+)</)?.[1]
    if (!key) throw new Error('No authenticator key on the set-up page')
    const done = await post('/account/authenticator', cookie, { code: await authenticatorCode(email, key), redirectTo: '/account' })
    cookie = cookieOf(done)
  } else if (location.startsWith('/sign-in/code')) {
    const done = await post('/sign-in/code', cookie, { code: await authenticatorCode(email), redirectTo: '/account' })
    cookie = cookieOf(done)
  }
  if (!cookie) throw new Error(`Signing in as ${email} gave no session`)
  return cookie
}

/** An address in 198.18.0.0/15, the range set aside for testing networks. */
function benchmarkingAddress() {
  const random = (n: number) => Math.floor(Math.random() * n)
  return `198.${18 + random(2)}.${random(256)}.${1 + random(254)}`
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Reads what the hub sent, from its mail table, as a person would read their inbox. */
export async function latestEmail(to: string, subjectPattern?: RegExp): Promise<{ subject: string; textBody: string; headers: Record<string, string> }> {
  const sql = postgres(inject('e2eDatabaseUrl'), { max: 1, onnotice: () => {} })
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      const rows = await sql<{ subject: string; text_body: string; headers: Record<string, string> }[]>`
        select subject, text_body, headers from mail_deliveries where to_address = ${to.toLowerCase()} order by created_at desc`
      const match = rows.find((r) => !subjectPattern || subjectPattern.test(r.subject))
      if (match) return { subject: match.subject, textBody: match.text_body, headers: match.headers }
      await new Promise((r) => setTimeout(r, 200))
    }
    throw new Error(`No email to ${to}${subjectPattern ? ` matching ${subjectPattern}` : ''}`)
  } finally {
    await sql.end()
  }
}

export function linkIn(body: string, pathPattern: RegExp): string {
  const match = body.match(new RegExp(`https?://[^\\s]*${pathPattern.source}[^\\s]*`))
  if (!match) throw new Error(`No link matching ${pathPattern} in:\n${body}`)
  const url = new URL(match[0])
  return `${url.pathname}${url.search}`
}

/** A moment as typed into a GOV.UK date input with a time, in London. */
export function inLondon(at: Date) {
  const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
  const parts = Object.fromEntries(london.formatToParts(at).map((p) => [p.type, p.value]))
  return { day: parts.day, month: parts.month, year: parts.year, time: `${parts.hour}:${parts.minute}` }
}

/** The day, month and year in London so many days from now (negative for the past), as typed into a date input. */
export function londonDateInDays(days: number) {
  const { day, month, year } = inLondon(new Date(Date.now() + days * 86_400_000))
  return { day, month, year }
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.com`
}

/** Staff draft a consultation, open from an hour ago for 30 days, with one section, and are left on its page; returns its title. */
export async function draftConsultation(staff: Journey, section: string) {
  await staff.goto('/staff/consultations/new')
  const title = `Supporting people leaving prison into work ${Date.now()}`
  await staff.fill('Title', title)
  await staff.fill('Summary', 'How employment support should reach people in the weeks after release.')
  await staff.fill('Contact email address', 'employment.category@dwp.example')
  await staff.check('England')
  await staff.fillDateTime('opensAt', inLondon(new Date(Date.now() - 3_600_000)))
  await staff.fillDateTime('closesAt', inLondon(new Date(Date.now() + 30 * 86_400_000)))
  await staff.step({ button: 'Save draft' }, title)
  await staff.fill('Add a section', section)
  await staff.step({ button: 'Add section' }, title)
  return title
}

/** Staff add a question to the last section of the consultation whose page (headed `title`) they are on. */
export async function addConsultationQuestion(staff: Journey, title: string, text: string, type?: string, options?: string) {
  await staff.step({ link: /Add a question/ }, 'Add a question')
  await staff.fill('Question', text)
  if (type) await staff.check(type)
  if (options) await staff.fill('Options, one on each line', options)
  await staff.step({ button: 'Add question' }, title)
}

/**
 * What is wider than a 320 pixel screen (WCAG 1.4.10): the page itself, or
 * a table that needs scrolling sideways inside its box. Leaves the page at 320.
 */
export async function widerThanAPhone(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: 320, height: 640 })
  return page.evaluate(() => [
    ...(document.documentElement.scrollWidth > 320 ? [`the page is ${document.documentElement.scrollWidth - 320}px too wide`] : []),
    ...[...document.querySelectorAll<HTMLElement>('.app-table-scroll')]
      .filter((box) => box.scrollWidth > box.clientWidth)
      .map((box) => `${box.querySelector('caption')?.textContent ?? 'a table'} is ${box.scrollWidth - box.clientWidth}px too wide`),
  ])
}
