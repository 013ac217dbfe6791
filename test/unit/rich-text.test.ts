import { describe, expect, test } from 'vitest'
import {
  documentFromPlainText,
  editableText,
  plainText,
  readRichTextField,
  RichTextError,
  renderHtml,
  validateDocument,
} from '~/lib/rich-text.server'

const doc = (...content: object[]) => ({ type: 'doc', content })
const para = (text: string, marks?: object[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] })

describe('rich text', () => {
  test('renders the stored document to HTML, escaping text', () => {
    const html = renderHtml(validateDocument(doc(para('Jobs & <skills>'), { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Outcomes' }] })))
    expect(html).toContain('<p>Jobs &amp; &lt;skills&gt;</p>')
    expect(html).toContain('<h2>Outcomes</h2>')
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
    expect(plainText(parsed)).toBe('Who it is for\n\nProviders and experts.\n\n- primes\n\n- subcontractors')
    expect(editableText(parsed)).toBe('## Who it is for\n\nProviders and experts.\n\n- primes\n- subcontractors')
  })

  test('a form field is read from the editor JSON, else from the textarea, and empty is null', () => {
    const form = new FormData()
    form.set('body', 'Plain words')
    expect(readRichTextField(form, 'body')?.html).toBe('<p>Plain words</p>')
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
})
