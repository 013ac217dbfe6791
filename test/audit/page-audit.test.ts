import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import AxeBuilder from '@axe-core/playwright'
import { afterAll, describe, expect, inject, test } from 'vitest'
import { Journey, sharedBrowser, signIn } from '../support/browser'

/**
 * Crawls every page reachable by links, as a visitor, a member and staff,
 * and checks each one as a person (and a validator) would meet it: valid
 * HTML (the W3C Nu HTML Checker), WCAG 2.2 AA (axe-core), no text set in a
 * serif font, no sideways scrolling at 320 pixels wide, and times written
 * the GOV.UK way. It prints a count per check and fails on any finding.
 */

const hub = sharedBrowser()
const require = createRequire(import.meta.url)
const VNU_JAR: string = require('vnu-jar')

/** Links that change something when followed, or that only a message in an inbox leads to. */
const SKIP = [/^\/sign-out/, /\/download$/, /^\/unsubscribe\//, /^\/subscribe\/confirm\//, /^\/verify-email/, /^\/reset-password/, /\/invitations\//, /\/resume\//, /^\/admin\//]
/** Files, not pages. */
const FILES = /\.(csv|json|atom|xml|txt|ico|svg|png|jpe?g|pdf)$/i
/** Pages of one kind (say, every case study) are sampled, not all visited. */
const PER_KIND = 2
const MAX_PAGES = 70

type Finding = { check: string; url: string; detail: string }

/** A path with its slugs and ids as "*", and its query's parameter names: "/what-works/*", "/pipeline?status". */
function kindOf(url: URL) {
  const segments = url.pathname.split('/').map((s, i) => (i > 1 && (/\d/.test(s) || s.length > 15) ? '*' : s))
  return `${segments.join('/')}?${[...new Set(url.searchParams.keys())].sort().join('&')}`
}

/** Times GOV.UK would never print: "0:31pm", "13:05pm", "12:00pm" (midday), "9:00am", "9 am", "9AM". */
const MALFORMED_TIMES = [/\b0:\d\d ?[ap]m\b/i, /\b(1[3-9]|2\d):\d\d ?[ap]m\b/i, /\b12:00 ?[ap]m\b/i, /\b\d{1,2}:00 ?[ap]m\b/i, /\b\d{1,2}(:\d\d)? (am|pm)\b/, /\b\d{1,2}(:\d\d)?(AM|PM)\b/]

const totals: Record<string, number> = { pages: 0, vnu: 0, axe: 0, serif: 0, reflow: 0, times: 0 }
const findings: Finding[] = []
const htmlDir = mkdtempSync(path.join(tmpdir(), 'hub-audit-'))
const files = new Map<string, string>()

afterAll(() => {
  rmSync(htmlDir, { recursive: true, force: true })
})

async function crawl(role: 'visitor' | 'member' | 'staff') {
  const journey = await Journey.start(hub.browser)
  const page = journey.page
  if (role !== 'visitor') await signIn(journey, `${role}@demo.commissioning-hub.example`)
  const origin = new URL(inject('baseUrl')).origin
  const queue = ['/']
  const seen = new Set<string>(queue)
  const kinds = new Map<string, number>()
  let visited = 0
  while (queue.length && visited < MAX_PAGES) {
    const target = queue.shift()!
    await page.setViewportSize({ width: 1280, height: 900 })
    // A link to a download (the personal data file) is not a page.
    const response = await page.goto(target).catch(() => null)
    const type = response?.headers()['content-type'] ?? ''
    if (!response || !response.ok() || !type.startsWith('text/html')) continue
    visited++
    totals.pages++
    const url = `${role} ${target}`
    const file = path.join(htmlDir, `${role}-${totals.pages}.html`)
    writeFileSync(file, await response.body())
    files.set(`file:${file}`, url)

    const axe = await new AxeBuilder({ page })
      .options({ checks: { 'aria-allowed-attr': { options: { radio: ['aria-expanded'] } } } } as Parameters<AxeBuilder['options']>[0])
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze()
    for (const v of axe.violations) findings.push({ check: 'axe', url, detail: `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}` })

    const looks = await page.evaluate((patterns) => {
      const serif: string[] = []
      for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
        const text = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim()
        if (!text) continue
        const box = el.getBoundingClientRect()
        const style = getComputedStyle(el)
        if (box.width < 2 || box.height < 2 || style.visibility === 'hidden') continue
        if (!/sans-serif|monospace/i.test(style.fontFamily)) serif.push(`${el.tagName.toLowerCase()} “${text.slice(0, 40)}” in ${style.fontFamily}`)
      }
      const body = document.body.innerText
      const times = patterns.flatMap((p) => [...body.matchAll(new RegExp(p, 'g'))].map((m) => m[0]))
      return { serif, times }
    }, MALFORMED_TIMES.map((p) => p.source))
    for (const s of looks.serif.slice(0, 5)) findings.push({ check: 'serif', url, detail: s })
    for (const t of looks.times) findings.push({ check: 'times', url, detail: t })

    const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.href))

    await page.setViewportSize({ width: 320, height: 900 })
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth
      if (document.documentElement.scrollWidth <= width) return null
      const wide = [...document.body.querySelectorAll<HTMLElement>('*')].find((el) => el.getBoundingClientRect().right > width + 1 && el.children.length === 0)
      return `${document.documentElement.scrollWidth - width}px too wide${wide ? ` (${wide.tagName.toLowerCase()}.${wide.className} “${wide.textContent?.slice(0, 40)}”)` : ''}`
    })
    if (overflow) findings.push({ check: 'reflow', url, detail: overflow })

    for (const href of links) {
      const next = new URL(href)
      if (next.origin !== origin || FILES.test(next.pathname) || SKIP.some((p) => p.test(next.pathname))) continue
      next.hash = ''
      const key = next.pathname + next.search
      if (seen.has(key)) continue
      seen.add(key)
      const kind = kindOf(next)
      const count = kinds.get(kind) ?? 0
      if (count >= PER_KIND) continue
      kinds.set(kind, count + 1)
      queue.push(key)
    }
  }
  await journey.close()
  return visited
}

function runVnu(): Promise<Finding[]> {
  return promisify(execFile)('java', ['-Xss1024k', '-jar', VNU_JAR, '--format', 'json', '--errors-only', '--skip-non-html', ...[...files.keys()].map((f) => f.slice(5))], {
    maxBuffer: 64 * 1024 * 1024,
  })
    .then(({ stderr }) => stderr)
    .catch((error: { stderr?: string }) => error.stderr ?? '')
    .then((output) => {
      const { messages } = JSON.parse(output || '{"messages":[]}') as { messages: Array<{ type: string; url?: string; message: string; lastLine?: number }> }
      return messages
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map((m) => ({ check: 'vnu', url: files.get(m.url ?? '') ?? m.url ?? '', detail: `${m.message}${m.lastLine ? ` (line ${m.lastLine})` : ''}` }))
    })
}

describe('page audit', () => {
  test('every page reachable by links, as visitor, member and staff, passes every check', { timeout: 900_000 }, async () => {
    const [visitor, member, staff] = await Promise.all([crawl('visitor'), crawl('member'), crawl('staff')])
    const visited = { visitor, member, staff }
    findings.push(...(await runVnu()))
    for (const f of findings) totals[f.check] = (totals[f.check] ?? 0) + 1
    console.log(
      `Page audit: ${totals.pages} pages (visitor ${visited.visitor}, member ${visited.member}, staff ${visited.staff}); findings: ` +
        ['vnu', 'axe', 'serif', 'reflow', 'times'].map((c) => `${c} ${totals[c]}`).join(', '),
    )
    for (const f of findings) console.log(`  [${f.check}] ${f.url}: ${f.detail}`)
    expect(visited.visitor).toBeGreaterThan(20)
    expect(visited.staff).toBeGreaterThan(visited.visitor)
    expect(findings).toEqual([])
  })
})
