import { describe, expect, test } from 'vitest'
import { documentFromPlainText, editableText, plainText, readRichTextField, RichTextError, renderHtml, validateDocument } from '~/lib/rich-text.server'

const doc = (...content: object[]) => ({ type: 'doc', content })
const para = (text: string, marks?: object[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] })

describe('rich text', () => {
  test('renders the stored document to HTML, escaping text', () => {
    const html = renderHtml(validateDocument(doc(para('Jobs & <skills>'), { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Outcomes' }] })))
    expect(html).toContain('<p class="govuk-body">Jobs &amp; &lt;skills&gt;</p>')
    expect(html).toContain('<h2 class="govuk-heading-m">Outcomes</h2>')
  })

  test('refuses nodes and marks outside the fixed list', () => {
    expect(() => validateDocument(doc({ type: 'script', content: [] }))).toThrow(RichTextError)
    expect(() => validateDocument(doc({ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }] }] }))).toThrow(RichTextError)
    expect(() => validateDocument({ type: 'paragraph' })).toThrow(RichTextError)
  })

  test('refuses unsafe links and images without alt text', () => {
    expect(() => validateDocument(doc(para('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])))).toThrow(/Links must start/)
    const image = { type: 'image', attrs: { src: 'https://example.org/a.png', alt: '' } }
    expect(() => validateDocument(doc(image))).toThrow(RichTextError)
    expect(() => validateDocument(doc(image), { images: true })).toThrow(/alt text/)
    const ok = validateDocument(doc({ type: 'image', attrs: { src: 'https://example.org/a.png', alt: 'A chart' } }), { images: true })
    expect(renderHtml(ok, { images: true })).toContain('alt="A chart"')
  })

  test('a safe link renders with the GOV.UK link class', () => {
    const html = renderHtml(validateDocument(doc(para('DWP', [{ type: 'link', attrs: { href: 'https://www.gov.uk/dwp' } }]))))
    expect(html).toContain('href="https://www.gov.uk/dwp"')
    expect(html).toContain('class="govuk-link"')
  })

  test('the textarea fallback reads paragraphs, headings and bullets', () => {
    const parsed = documentFromPlainText('## Who it is for\n\nProviders and experts.\n\n- primes\n- subcontractors')
    expect(parsed.content?.map((n) => n.type)).toEqual(['heading', 'paragraph', 'bulletList'])
    expect(plainText(parsed)).toBe('Who it is for\n\nProviders and experts.\n\n- primes\n- subcontractors')
    expect(editableText(parsed)).toBe('## Who it is for\n\nProviders and experts.\n\n- primes\n- subcontractors')
  })

  test('a form field is read from the editor JSON, else from the textarea, and empty is null', () => {
    const form = new FormData()
    form.set('body', 'Plain words')
    expect(readRichTextField(form, 'body')?.html).toBe('<p class="govuk-body">Plain words</p>')
    form.set('body-json', JSON.stringify(doc(para('From the editor'))))
    expect(readRichTextField(form, 'body')?.text).toBe('From the editor')
    form.set('body-json', '{not json')
    expect(() => readRichTextField(form, 'body')).toThrow(RichTextError)
    const empty = new FormData()
    empty.set('body', '   ')
    expect(readRichTextField(empty, 'body')).toBeNull()
    empty.set('body-json', JSON.stringify({ type: 'doc', content: [] }))
    expect(readRichTextField(empty, 'body')).toBeNull()
  })

  test('a heading line followed directly by its text and bullets keeps them apart, as the demo stories are written', () => {
    const parsed = documentFromPlainText(
      '## The problem\nToo many job starts fell out of work.\n\n## What we did\nThe same adviser stayed.\n- A call in the first week\n- Help with travel costs\n  until the first wage\nAfter the list, a paragraph.',
    )
    expect(parsed.content?.map((n) => n.type)).toEqual(['heading', 'paragraph', 'heading', 'paragraph', 'bulletList', 'paragraph'])
    expect(parsed.content?.[0]?.content).toEqual([{ type: 'text', text: 'The problem' }])
    expect(parsed.content?.[4]?.content?.map((item) => item.content?.[0]?.content?.[0]?.text)).toEqual(['A call in the first week', 'Help with travel costs until the first wage'])
    const html = renderHtml(validateDocument(parsed))
    expect(html).toContain('<h2 class="govuk-heading-m">The problem</h2><p class="govuk-body">Too many job starts fell out of work.</p>')
    expect(html).toContain('<ul class="govuk-list govuk-list--bullet"><li>A call in the first week</li>')
  })

  test('numbered items, quotes, links, bare addresses and bold are read, and survive a round trip through the textarea', () => {
    const text = 'See [the guidance](https://www.gov.uk/guidance) or write to help@example.org.\n\n1. First\n2. Second\n\n> Quoted words\n\nVisit https://www.gov.uk/dwp. It is **important**.'
    const parsed = documentFromPlainText(text)
    expect(parsed.content?.map((n) => n.type)).toEqual(['paragraph', 'orderedList', 'blockquote', 'paragraph'])
    expect(documentFromPlainText(editableText(parsed))).toEqual(parsed)
    const html = renderHtml(validateDocument(parsed))
    expect(html).toContain('<a rel="noopener noreferrer" class="govuk-link" href="https://www.gov.uk/guidance">the guidance</a>')
    expect(html).toContain('<a class="govuk-link" href="mailto:help@example.org">help@example.org</a>')
    expect(html).toContain('href="https://www.gov.uk/dwp">https://www.gov.uk/dwp</a>.')
    expect(html).toContain('<strong>important</strong>')
    expect(html).toContain('<ol class="govuk-list govuk-list--number">')
    expect(html).toContain('<blockquote class="govuk-inset-text">')
    expect(JSON.stringify(documentFromPlainText('[bad](javascript:alert(1))'))).not.toContain('"link"')
  })

  test('the plain text keeps every link address after its words', () => {
    const parsed = documentFromPlainText('Read [the report](https://www.gov.uk/report) and https://www.gov.uk/dwp today.')
    expect(plainText(parsed)).toBe('Read the report (https://www.gov.uk/report) and https://www.gov.uk/dwp today.')
  })

  test('links keep only their address: class, target and title from the browser are dropped', () => {
    const link = (href: string) => ({ type: 'link', attrs: { href, class: 'evil-class', target: '_blank', title: 'x', rel: 'opener' } })
    const stored = validateDocument(doc(para('elsewhere', [link('https://example.org/a')]), para('here', [link('http://localhost:3000/consultations')]), para('mail', [link('mailto:a@example.org')])))
    const html = renderHtml(stored)
    expect(html).not.toMatch(/evil-class|_blank|title=|opener"/)
    expect(html).toContain('<a rel="noopener noreferrer" class="govuk-link" href="https://example.org/a">elsewhere</a>')
    expect(html).toContain('<a class="govuk-link" href="http://localhost:3000/consultations">here</a>')
    expect(html).toContain('<a class="govuk-link" href="mailto:a@example.org">mail</a>')
  })
})
