import { getSchema, type JSONContent } from '@tiptap/core'
import { generateHTML } from '@tiptap/html/server'
import { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { config } from './config.server'
import { richTextExtensions } from './rich-text-extensions'

export type RichTextDocument = JSONContent & { type: 'doc' }

/** What is stored for every piece of rich text: the document, its HTML and its plain text. */
export type RichText = { json: RichTextDocument; html: string; text: string }

export const EMPTY_DOCUMENT: RichTextDocument = { type: 'doc', content: [] }

const SAFE_URL = /^(https?:\/\/|mailto:)/i

function schemaFor(images: boolean) {
  return getSchema(richTextExtensions({ images }))
}

export class RichTextError extends Error {}

/**
 * Checks a document from the browser against the fixed schema: unknown nodes
 * or marks, unsafe link targets and images without alt text are refused.
 * HTML from a client is never stored or echoed; only this JSON is.
 */
export function validateDocument(input: unknown, { images = false }: { images?: boolean } = {}): RichTextDocument {
  if (!input || typeof input !== 'object' || (input as JSONContent).type !== 'doc') throw new RichTextError('Rich text must be a document')
  let node: ProseMirrorNode
  try {
    node = ProseMirrorNode.fromJSON(schemaFor(images), input)
    node.check()
  } catch {
    throw new RichTextError('The text contains formatting that is not allowed')
  }
  node.descendants((child) => {
    for (const mark of child.marks) {
      if (mark.type.name === 'link' && !SAFE_URL.test(String(mark.attrs.href ?? ''))) {
        throw new RichTextError('Links must start with http://, https:// or mailto:')
      }
    }
    if (child.type.name === 'image') {
      if (!/^https?:\/\//i.test(String(child.attrs.src ?? ''))) throw new RichTextError('Images must be linked with an address starting https://')
      if (!String(child.attrs.alt ?? '').trim()) throw new RichTextError('Every image needs alt text that describes it')
    }
  })
  return normaliseLinks(node.toJSON()) as RichTextDocument
}

/**
 * Links keep only their address: a class, target or title from the browser
 * is dropped, and links to other sites get rel="noopener noreferrer".
 */
function normaliseLinks(doc: JSONContent): JSONContent {
  const walk = (node: JSONContent): JSONContent => ({
    ...node,
    ...(node.marks
      ? {
          marks: node.marks.map((mark) => {
            if (mark.type !== 'link') return mark
            const href = String(mark.attrs?.href ?? '')
            return { type: 'link', attrs: { href, rel: isElsewhere(href) ? 'noopener noreferrer' : null, target: null, class: null, title: null } }
          }),
        }
      : {}),
    ...(node.content ? { content: node.content.map(walk) } : {}),
  })
  return walk(doc)
}

function isElsewhere(href: string) {
  if (!/^https?:\/\//i.test(href)) return false
  try {
    return new URL(href).origin !== new URL(config().APP_URL).origin
  } catch {
    return true
  }
}

/** GOV.UK typography for every element a document can contain. */
const GOVUK_CLASSES: Array<[RegExp, string]> = [
  [/<h2>/g, '<h2 class="govuk-heading-m">'],
  [/<h3>/g, '<h3 class="govuk-heading-s">'],
  [/<h4>/g, '<h4 class="govuk-heading-s">'],
  [/<p>/g, '<p class="govuk-body">'],
  [/<ul>/g, '<ul class="govuk-list govuk-list--bullet">'],
  [/<ol>/g, '<ol class="govuk-list govuk-list--number">'],
  [/<blockquote>/g, '<blockquote class="govuk-inset-text">'],
  [/<img /g, '<img class="app-rich-text__image" '],
]

/**
 * The one renderer for rich text: the web page, feeds and (through
 * app/lib/email-layout.server.ts) email all start from this HTML.
 */
export function renderHtml(doc: RichTextDocument, { images = false }: { images?: boolean } = {}): string {
  let html = generateHTML(normaliseLinks(doc), richTextExtensions({ images }))
  // A list item holding one paragraph is written as the item itself, as GOV.UK lists are.
  html = html.replace(/<li><p>((?:(?!<\/?p>|<\/?li>).)*)<\/p><\/li>/g, '<li>$1</li>')
  for (const [pattern, replacement] of GOVUK_CLASSES) html = html.replace(pattern, replacement)
  return html
}

/**
 * The document as plain text, for search and for the plain-text part of
 * emails: every link's address follows its words, so nothing clickable is lost.
 */
export function plainText(doc: JSONContent): string {
  const blocks: string[] = []
  const inlineText = (node: JSONContent) => {
    let out = ''
    const children = node.content ?? []
    for (let i = 0; i < children.length; i++) {
      const child = children[i]
      if (child.type === 'hardBreak') out += '\n'
      if (child.type !== 'text') continue
      out += child.text ?? ''
      const href = child.marks?.find((m) => m.type === 'link')?.attrs?.href as string | undefined
      const nextHref = children[i + 1]?.marks?.find((m) => m.type === 'link')?.attrs?.href
      if (href && nextHref !== href) {
        const words = collectLinkText(children, i, href)
        if (words.replace(/^mailto:/, '') !== href.replace(/^mailto:/, '')) out += ` (${href.replace(/^mailto:/, '')})`
      }
    }
    return out
  }
  const walk = (node: JSONContent, prefix = ''): void => {
    if (node.type === 'text') return
    if (['paragraph', 'heading'].includes(node.type ?? '')) {
      blocks.push(prefix + inlineText(node))
      return
    }
    if (node.type === 'image') {
      blocks.push(`[Image: ${node.attrs?.alt ?? ''}]`)
      return
    }
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      const items = (node.content ?? []).map((item, index) => {
        const marker = node.type === 'orderedList' ? `${index + 1}. ` : '- '
        return marker + (item.content ?? []).map((p) => inlineText(p)).join(' ')
      })
      blocks.push(prefix + items.join(`\n${prefix}`))
      return
    }
    const childPrefix = node.type === 'blockquote' ? '> ' : prefix
    ;(node.content ?? []).forEach((child) => walk(child, childPrefix))
  }
  walk(doc)
  return blocks.filter((b) => b.trim()).join('\n\n')
}

/** The words of the link that ends at index `end` (a link may span several differently marked text nodes). */
function collectLinkText(children: JSONContent[], end: number, href: string) {
  let start = end
  while (start > 0 && children[start - 1]?.marks?.some((m) => m.type === 'link' && m.attrs?.href === href)) start--
  return children
    .slice(start, end + 1)
    .map((c) => c.text ?? '')
    .join('')
}

const SAFE_HREF = /^(https?:\/\/[^\s<>"]+|mailto:[^\s<>"]+)$/i
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*([^*\n]+)\*\*|(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]])|([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g

/** Inline text with "[words](address)" and bare addresses as links, and "**words**" in bold. */
function inlineContent(text: string): JSONContent[] {
  const out: JSONContent[] = []
  let last = 0
  for (const match of text.matchAll(INLINE)) {
    const index = match.index ?? 0
    if (index > last) out.push({ type: 'text', text: text.slice(last, index) })
    const [whole, words, address, bold, url, email] = match
    if (words && SAFE_HREF.test(address)) out.push({ type: 'text', text: words, marks: [{ type: 'link', attrs: { href: address } }] })
    else if (bold) out.push({ type: 'text', text: bold, marks: [{ type: 'bold' }] })
    else if (url) out.push({ type: 'text', text: url, marks: [{ type: 'link', attrs: { href: url } }] })
    else if (email) out.push({ type: 'text', text: email, marks: [{ type: 'link', attrs: { href: `mailto:${email}` } }] })
    else out.push({ type: 'text', text: whole })
    last = index + whole.length
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) })
  return out
}

function inlineLines(lines: string[]): JSONContent[] {
  return lines.flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...inlineContent(line)])
}

/**
 * Text written in a textarea (where the editor does not run) and the demo
 * content, read line by line: "## " starts a heading, "- " or "* " a bullet,
 * "1. " a numbered item, "> " a quote; other lines are paragraphs, which a
 * blank line, a heading or a list ends. "[words](https://…)" and bare
 * addresses become links, "**words**" bold.
 */
export function documentFromPlainText(text: string): RichTextDocument {
  const content: JSONContent[] = []
  let paragraph: string[] = []
  let quote: string[] = []
  let list: { type: 'bulletList' | 'orderedList'; items: string[][] } | null = null
  const flush = () => {
    if (paragraph.length) content.push({ type: 'paragraph', content: inlineLines(paragraph) })
    if (quote.length) content.push({ type: 'blockquote', content: [{ type: 'paragraph', content: inlineLines(quote) }] })
    if (list)
      content.push({
        type: list.type,
        content: list.items.map((item) => ({ type: 'listItem', content: [{ type: 'paragraph', content: inlineContent(item.join(' ')) }] })),
      })
    paragraph = []
    quote = []
    list = null
  }
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd()
    const trimmed = line.trim()
    if (!trimmed) {
      flush()
      continue
    }
    const heading = /^(#{1,4})\s+(.+)$/.exec(trimmed)
    if (heading) {
      flush()
      content.push({ type: 'heading', attrs: { level: Math.max(2, heading[1].length) }, content: inlineContent(heading[2].trim()) })
      continue
    }
    const bullet = /^[-*•]\s+(.+)$/.exec(trimmed)
    const numbered = /^\d{1,3}[.)]\s+(.+)$/.exec(trimmed)
    if (bullet || numbered) {
      const type = bullet ? 'bulletList' : 'orderedList'
      if (paragraph.length || quote.length || (list && list.type !== type)) flush()
      list ??= { type, items: [] }
      list.items.push([(bullet ?? numbered)![1].trim()])
      continue
    }
    const quoted = /^>\s?(.*)$/.exec(trimmed)
    if (quoted) {
      if (paragraph.length || list) flush()
      quote.push(quoted[1])
      continue
    }
    // An indented line continues the list item above it; any other line after a list starts a paragraph.
    if (list && /^\s+/.test(raw)) {
      list.items[list.items.length - 1].push(trimmed)
      continue
    }
    if (list || quote.length) flush()
    paragraph.push(trimmed)
  }
  flush()
  return { type: 'doc', content }
}

export function richTextFromDocument(doc: RichTextDocument, options: { images?: boolean } = {}): RichText {
  return { json: doc, html: renderHtml(doc, options), text: plainText(doc) }
}

/**
 * Reads a rich-text field as the editor posts it (`<name>-json`) or, without
 * JavaScript, as the textarea posts it (`<name>`). Returns null when empty.
 */
export function readRichTextField(formData: FormData | Record<string, unknown>, name: string, options: { images?: boolean } = {}): RichText | null {
  const get = (key: string) => (formData instanceof FormData ? formData.get(key) : formData[key])
  const json = get(`${name}-json`)
  let doc: RichTextDocument
  if (typeof json === 'string' && json.trim()) {
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch {
      throw new RichTextError('The text could not be read; try again')
    }
    // An editor left empty posts a document with no blocks, which the schema
    // cannot hold; it means the same as an empty textarea.
    const blocks = (parsed as JSONContent | null)?.content
    if ((parsed as JSONContent | null)?.type === 'doc' && (!blocks || blocks.length === 0)) return null
    doc = validateDocument(parsed, options)
  } else {
    const text = get(name)
    doc = documentFromPlainText(typeof text === 'string' ? text : '')
  }
  if (!plainText(doc).trim() && !doc.content?.some((n) => n.type === 'image')) return null
  return richTextFromDocument(doc, options)
}

/** The textarea's text for an existing document, in the conventions documentFromPlainText reads. */
export function editableText(doc: JSONContent | null | undefined): string {
  if (!doc) return ''
  const inline = (node: JSONContent) =>
    (node.content ?? [])
      .map((c) => {
        if (c.type === 'hardBreak') return '\n'
        if (c.type !== 'text') return ''
        const text = c.text ?? ''
        const href = c.marks?.find((m) => m.type === 'link')?.attrs?.href as string | undefined
        const bold = c.marks?.some((m) => m.type === 'bold')
        const shown = bold ? `**${text}**` : text
        if (!href || href === text || href === `mailto:${text}`) return shown
        return `[${shown}](${href})`
      })
      .join('')
  const blocks: string[] = []
  for (const node of doc.content ?? []) {
    if (node.type === 'heading') blocks.push(`${'#'.repeat(Number(node.attrs?.level ?? 2))} ${inline(node)}`)
    else if (node.type === 'bulletList' || node.type === 'orderedList')
      blocks.push((node.content ?? []).map((item, i) => `${node.type === 'orderedList' ? `${i + 1}.` : '-'} ${(item.content ?? []).map(inline).join(' ')}`).join('\n'))
    else if (node.type === 'blockquote') blocks.push((node.content ?? []).map((p) => `> ${inline(p).replace(/\n/g, '\n> ')}`).join('\n>\n'))
    else if (node.type === 'paragraph') blocks.push(inline(node))
  }
  return blocks.join('\n\n')
}
