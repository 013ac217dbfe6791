import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { LinkedText } from '~/components/linked-text'
import { parseLinkedText } from '~/lib/linked-text'

const render = (text: string) => renderToStaticMarkup(createElement(LinkedText, { text }))

describe('comments with paragraphs and links', () => {
  test('blank lines make paragraphs, single line breaks stay, bare and named links become links', () => {
    const html = render('First point.\nStill the first.\n\n\nSee https://www.gov.uk/jobseekers-allowance. Or [the evaluation](https://example.org/report?id=3&x=1) and mailto:team@example.org')
    expect(html).toBe(
      '<p class="govuk-body app-linked-text">First point.<br/>Still the first.</p>' +
        '<p class="govuk-body app-linked-text">See <a class="govuk-link" href="https://www.gov.uk/jobseekers-allowance" rel="nofollow ugc noopener noreferrer">https://www.gov.uk/jobseekers-allowance</a>. ' +
        'Or <a class="govuk-link" href="https://example.org/report?id=3&amp;x=1" rel="nofollow ugc noopener noreferrer">the evaluation</a> and ' +
        '<a class="govuk-link" href="mailto:team@example.org" rel="nofollow ugc noopener noreferrer">mailto:team@example.org</a></p>',
    )
  })

  test('hostile input stays text: no markup, no script or data links, no attribute breaking out', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[vb](vbscript:msgbox(1))',
      'https://example.org/"onmouseover="alert(1)',
      "[quote](https://example.org/'onmouseover='alert(1))",
      'javascript:alert(1)',
      '[x](//evil.example/path)',
      '[x](https:/\\evil)',
    ].join('\n\n')
    const html = render(hostile)
    // The only elements are paragraphs, line breaks and links, and a link has no attribute but these three.
    expect(new Set([...html.matchAll(/<\/?([a-z]+)/gi)].map((m) => m[1]))).toEqual(new Set(['p', 'a']))
    for (const [tag] of html.matchAll(/<a [^>]*>/g)) expect(tag).toMatch(/^<a class="govuk-link" href="[^"<>]*" rel="nofollow ugc noopener noreferrer">$/)
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('[click](javascript:alert(1))')
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1])
    for (const href of hrefs) expect(new URL(href.replace(/&amp;/g, '&')).protocol).toMatch(/^(https?|mailto):$/)
    // Every link carries the safe rel.
    expect(html.match(/<a /g)?.length).toBe(html.match(/rel="nofollow ugc noopener noreferrer"/g)?.length)
  })

  test('sentence punctuation after an address is not part of it; brackets around one are not either', () => {
    expect(parseLinkedText('(see https://example.org/a_(b)), then stop.')).toEqual([
      [[{ text: '(see ' }, { text: 'https://example.org/a_(b)', href: 'https://example.org/a_(b)' }, { text: '), then stop.' }]],
    ])
    expect(parseLinkedText('   \n\n  ')).toEqual([])
  })
})
