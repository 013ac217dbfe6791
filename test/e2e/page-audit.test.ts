import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { axeViolations, confirmedMember, e2eDatabase, Journey, sharedBrowser } from '../support/browser'
import { signIn } from '../support/pages/sign-in'

/**
 * Crawls the pages reachable by links, as a visitor, an organisation's
 * administrator (a member who manages an organisation) and staff, and checks
 * each one as a person (and a validator) would meet it: the server answers
 * every link with a page, valid HTML (the W3C Nu HTML Checker), WCAG 2.2 AA
 * (axe-core), a meta description, no text set in a serif font, no sideways
 * scrolling at 320 pixels wide, bars of charts as long as their figures, and
 * times written the GOV.UK way. It prints a count per check and fails on any
 * finding.
 *
 * Each kind of page (one template: every case study is "/what-works/*") is
 * visited once per role, with and without a query, so the crawl's length
 * follows the number of templates, not the amount of content.
 */

const hub = sharedBrowser()
const sql = e2eDatabase()
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'))

/** Links that change something when followed, or that only a message in an inbox leads to. */
const SKIP = [/^\/sign-out/, /\/download$/, /^\/unsubscribe\//, /^\/subscribe\/confirm\//, /^\/verify-email/, /^\/reset-password/, /\/invitations\//, /\/resume\//]
/** Files, not pages. */
const FILES = /\.(csv|json|atom|xml|txt|ico|svg|png|jpe?g|pdf|odt|docx|xlsx|ics)$/i
const MAX_PAGES_PER_ROLE = 90

const CHECKS = ['links', 'vnu', 'axe', 'description', 'serif', 'reflow', 'charts', 'times'] as const
type Check = (typeof CHECKS)[number]
type Finding = { check: Check; url: string; detail: string }
type Role = 'visitor' | 'organisation admin' | 'staff'

/** A path with its slugs and ids as "*", and whether it has a query: "/what-works/*", "/pipeline?". */
export function kindOf(url: URL) {
  const segments = url.pathname.split('/').map((s, i) => (i > 1 && (/\d/.test(s) || s.length > 15) ? '*' : s))
  return `${segments.join('/')}${url.search ? '?' : ''}`
}

/** Times GOV.UK would never print: "0:31pm", "13:05pm", "12:00pm" (midday), "9:00am", "9 am", "9AM". */
const MALFORMED_TIMES = [/\b0:\d\d ?[ap]m\b/i, /\b(1[3-9]|2\d):\d\d ?[ap]m\b/i, /\b12:00 ?[ap]m\b/i, /\b\d{1,2}:00 ?[ap]m\b/i, /\b\d{1,2}(:\d\d)? (am|pm)\b/, /\b\d{1,2}(:\d\d)?(AM|PM)\b/]

const findings: Finding[] = []
/** Seconds spent on each step, summed over the crawls, printed so a slow step shows. */
const spent: Record<string, number> = {}
async function timed<T>(step: string, work: Promise<T>): Promise<T> {
  const started = performance.now()
  try {
    return await work
  } finally {
    spent[step] = (spent[step] ?? 0) + (performance.now() - started) / 1000
  }
}
const htmlDir = mkdtempSync(path.join(tmpdir(), 'hub-audit-'))
/** Each saved page's file, and the role and address it was fetched as. */
const saved = new Map<string, string>()

afterAll(() => {
  rmSync(htmlDir, { recursive: true, force: true })
})

/** What the page shows a person at 1280 pixels: fonts, charts and times. */
function looksOf(page: Page) {
  return page.evaluate(
    (patterns) => {
      const serif: string[] = []
      for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
        const text = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim()
        if (!text) continue
        const box = el.getBoundingClientRect()
        const style = getComputedStyle(el)
        if (box.width < 2 || box.height < 2 || style.visibility === 'hidden') continue
        if (!/sans-serif|monospace/i.test(style.fontFamily)) serif.push(`${el.tagName.toLowerCase()} “${text.slice(0, 40)}” in ${style.fontFamily}`)
      }
      const charts: string[] = []
      for (const bar of document.querySelectorAll<HTMLElement>('.app-chart__bar')) {
        const share = Number(bar.className.match(/app-chart__bar--(\d+)/)?.[1] ?? NaN) / 100
        const track = bar.parentElement!
        const width = bar.getBoundingClientRect().width
        if (!(Math.abs(width - share * track.clientWidth) <= 2)) {
          const label = bar.closest('.app-chart__row')?.querySelector('.app-chart__label')?.textContent
          charts.push(`bar “${label}” for ${share * 100}% is ${Math.round(width)} of ${track.clientWidth}px`)
        }
      }
      const description = document.querySelector<HTMLMetaElement>('meta[name="description"]')?.content.trim() ?? ''
      const body = document.body.innerText
      const times = patterns.flatMap((p) => [...body.matchAll(new RegExp(p, 'g'))].map((m) => m[0]))
      const links = [...document.querySelectorAll<HTMLAnchorElement>('a[href]:not([download])')].map((a) => a.href)
      return { serif, charts, description, times, links }
    },
    MALFORMED_TIMES.map((p) => p.source),
  )
}

/** At 320 pixels wide (WCAG 1.4.10), the page scrolls only downwards. */
async function overflowAt320(page: Page) {
  await page.setViewportSize({ width: 320, height: 900 })
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth <= width) return null
    const wide = [...document.body.querySelectorAll<HTMLElement>('*')].find((el) => el.getBoundingClientRect().right > width + 1 && el.children.length === 0)
    return `${document.documentElement.scrollWidth - width}px too wide${wide ? ` (${wide.tagName.toLowerCase()}.${wide.className} “${wide.textContent?.slice(0, 40)}”)` : ''}`
  })
  await page.setViewportSize({ width: 1280, height: 900 })
  return overflow
}

async function crawl(role: Role, email?: string, password?: string) {
  const journey = await Journey.start(hub.browser)
  const page = journey.page
  await page.setViewportSize({ width: 1280, height: 900 })
  if (email) await signIn(journey, email, password)
  const origin = new URL(inject('baseUrl')).origin
  const queue: Array<{ target: string; from: string }> = [{ target: '/', from: '/' }]
  const kinds = new Set([kindOf(new URL('/', origin))])
  let visited = 0
  while (queue.length && visited < MAX_PAGES_PER_ROLE) {
    const { target, from } = queue.shift()!
    const url = `${role} ${target}`
    const response = await timed('load', page.goto(target))
    const type = response?.headers()['content-type'] ?? ''
    if (!response?.ok()) {
      findings.push({ check: 'links', url: `${role} ${from}`, detail: `links to ${target}, which answers ${response?.status()}` })
      continue
    }
    // A link to a download (the personal data file) is not a page.
    if (!type.startsWith('text/html')) continue
    visited++
    const file = path.join(htmlDir, `${saved.size + 1}.html`)
    saved.set(file, url)
    writeFileSync(file, await response.body())

    for (const v of await timed('axe', axeViolations(page))) findings.push({ check: 'axe', url, detail: `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}` })

    const looks = await timed('looks', looksOf(page))
    if (!looks.description) findings.push({ check: 'description', url, detail: 'no meta description' })
    for (const s of looks.serif.slice(0, 5)) findings.push({ check: 'serif', url, detail: s })
    for (const c of looks.charts) findings.push({ check: 'charts', url, detail: c })
    for (const t of looks.times) findings.push({ check: 'times', url, detail: t })
    const overflow = await timed('reflow', overflowAt320(page))
    if (overflow) findings.push({ check: 'reflow', url, detail: overflow })

    for (const href of looks.links) {
      const next = new URL(href)
      if (next.origin !== origin || FILES.test(next.pathname) || SKIP.some((p) => p.test(next.pathname))) continue
      const kind = kindOf(next)
      if (kinds.has(kind)) continue
      kinds.add(kind)
      queue.push({ target: next.pathname + next.search, from: target })
    }
  }
  await journey.close()
  return visited
}

/** All pages in one run of the checker: starting Java is most of its time. */
function runVnu(): Promise<Finding[]> {
  return new Promise((resolve, reject) => {
    execFile('java', ['-Xss1024k', '-jar', VNU_JAR, '--format', 'json', '--errors-only', ...saved.keys()], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error && !stderr.trimStart().startsWith('{')) return reject(new Error(`The Nu HTML Checker did not run (Java is default-jre-headless): ${error.message}`))
      const { messages } = JSON.parse(stderr || '{"messages":[]}') as { messages: Array<{ type: string; url?: string; message: string; lastLine?: number }> }
      resolve(
        messages
          .filter((m) => m.type === 'error' || m.type === 'non-document-error')
          .map((m) => {
            const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : ''
            return { check: 'vnu' as const, url: saved.get(file) ?? m.url ?? '', detail: `${m.message}${m.lastLine ? ` (line ${m.lastLine})` : ''}` }
          }),
      )
    })
  })
}

describe('page audit', () => {
  test('every kind of page reachable by links, as visitor, organisation admin and staff, passes every check', { timeout: 600_000 }, async () => {
    // A staff account of its own, which sets up its authenticator on first sign-in and so never waits for a fresh code.
    const staff = await confirmedMember(sql, 'Audit Staff', { emailPrefix: 'audit-staff' })
    await sql`update users set role = 'staff' where id = ${staff.id}`
    const started = Date.now()
    const [visitor, orgAdmin, staffPages] = await Promise.all([crawl('visitor'), crawl('organisation admin', 'orgadmin@demo.commissioning-hub.example'), crawl('staff', staff.email, staff.password)])
    const crawled = Date.now()
    findings.push(...(await runVnu()))
    const counts = CHECKS.map((c) => `${c} ${findings.filter((f) => f.check === c).length}`).join(', ')
    console.log(
      `Page audit: ${saved.size} pages (visitor ${visitor}, organisation admin ${orgAdmin}, staff ${staffPages}) crawled in ${Math.round((crawled - started) / 1000)}s, ` +
        `checked as HTML in ${Math.round((Date.now() - crawled) / 1000)}s (browser time: ${Object.entries(spent)
          .map(([step, seconds]) => `${step} ${Math.round(seconds)}s`)
          .join(', ')}); findings: ${counts}`,
    )
    for (const f of findings) console.log(`  [${f.check}] ${f.url}: ${f.detail}`)
    expect(visitor).toBeGreaterThan(20)
    expect(orgAdmin).toBeGreaterThan(visitor)
    expect(staffPages).toBeGreaterThan(orgAdmin)
    expect(findings).toEqual([])
  })
})
