import { getSchema, type JSONContent } from '@tiptap/core'
import { generateHTML } from '@tiptap/html/server'
import { Node as ProseMirrorNode } from '@tiptap/pm/model'
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
  return node.toJSON() as RichTextDocument
}

export function renderHtml(doc: RichTextDocument, { images = false }: { images?: boolean } = {}): string {
  return generateHTML(doc, richTextExtensions({ images }))
}

export function plainText(doc: JSONContent): string {
  const blocks: string[] = []
  const walk = (node: JSONContent, prefix = ''): void => {
    if (node.type === 'text') return
    const inline = (node.content ?? [])
      .map((child) => (child.type === 'text' ? (child.text ?? '') : child.type === 'hardBreak' ? '\n' : ''))
      .join('')
    if (['paragraph', 'heading'].includes(node.type ?? '')) {
      blocks.push(prefix + inline)
      return
    }
    if (node.type === 'image') {
      blocks.push(`[Image: ${node.attrs?.alt ?? ''}]`)
      return
    }
    const childPrefix = node.type === 'bulletList' ? '- ' : node.type === 'blockquote' ? '> ' : ''
    ;(node.content ?? []).forEach((child, index) => walk(child, node.type === 'orderedList' ? `${index + 1}. ` : childPrefix || prefix))
  }
  walk(doc)
  return blocks.filter((b) => b.trim()).join('\n\n')
}

/**
 * The textarea that stands in for the editor without JavaScript: blank
 * lines separate paragraphs, "## " starts a heading and "- " a bullet.
 */
export function documentFromPlainText(text: string): RichTextDocument {
  const content: JSONContent[] = []
  for (const block of text.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const trimmed = block.trim()
    if (!trimmed) continue
    const heading = /^(#{2,4})\s+(.*)$/s.exec(trimmed)
    if (heading) {
      content.push({ type: 'heading', attrs: { level: heading[1].length }, content: [{ type: 'text', text: heading[2].replace(/\n/g, ' ') }] })
      continue
    }
    const lines = trimmed.split('\n')
    if (lines.every((line) => /^[-*]\s+/.test(line))) {
      content.push({
        type: 'bulletList',
        content: lines.map((line) => ({ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: line.replace(/^[-*]\s+/, '') }] }] })),
      })
      continue
    }
    content.push({ type: 'paragraph', content: lines.flatMap((line, i) => [...(i ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]) })
  }
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
    (node.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : c.type === 'hardBreak' ? '\n' : '')).join('')
  const blocks: string[] = []
  for (const node of doc.content ?? []) {
    if (node.type === 'heading') blocks.push(`${'#'.repeat(Number(node.attrs?.level ?? 2))} ${inline(node)}`)
    else if (node.type === 'bulletList' || node.type === 'orderedList')
      blocks.push((node.content ?? []).map((item) => `- ${(item.content ?? []).map(inline).join(' ')}`).join('\n'))
    else if (node.type === 'blockquote') blocks.push((node.content ?? []).map(inline).join('\n\n'))
    else if (node.type === 'paragraph') blocks.push(inline(node))
  }
  return blocks.join('\n\n')
}
