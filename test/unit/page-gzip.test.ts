import { gunzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { pageTemplate, renderGzipPage, renderPage } from '../../server/page-cache'

const NONCE = 'Qm9ndXMgbm9uY2UgMTIzNA=='

function page(html: string) {
  return pageTemplate(html, NONCE, new Headers({ 'Content-Type': 'text/html; charset=utf-8' }))
}

test('a cached page gzipped with a fresh nonce spliced in decodes to the page rendered with that nonce', () => {
  const long = Array.from({ length: 4000 }, (_, i) => `<p class="govuk-body">Paragraph ${i} – “quoted” £${i}</p>`).join('')
  const pages = [`<html><script nonce="${NONCE}">1</script>${long}<script nonce="${NONCE}">2</script></html>`, `${NONCE}<p>starts and ends with the nonce</p>${NONCE}`, '<p>no nonce at all</p>', '']
  for (const html of pages) {
    const template = page(html)
    for (const fresh of ['c2Vjb25kIG5vbmNlIDU2Nzg=', 'dGhpcmQgbm9uY2UgOTAxMg==']) {
      const gzipped = renderGzipPage(template, fresh)
      expect(gunzipSync(gzipped).equals(renderPage(template, fresh))).toBe(true)
      expect(gunzipSync(gzipped).toString()).toBe(html.split(NONCE).join(fresh))
    }
  }
})

test('the gzip body is compressed: a long page is sent in a fraction of its size', () => {
  const html = `<script nonce="${NONCE}"></script>` + '<li class="govuk-list">a repeated line of markup</li>'.repeat(2000)
  const gzipped = renderGzipPage(page(html), 'c2Vjb25kIG5vbmNlIDU2Nzg=')
  expect(gzipped.length).toBeLessThan(html.length / 10)
})
