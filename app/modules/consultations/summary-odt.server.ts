import type { JSONContent } from '@tiptap/core'
import { storedZip } from '~/lib/stored-zip'

/**
 * A rich-text document as an OpenDocument text file. Headings are real
 * outline levels under a title, lists are lists and quotations use the
 * Quotations style, so a screen reader can move through it and LibreOffice
 * or Word can export it as a tagged PDF.
 */

const escape = (value: string) =>
  value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // Characters XML 1.0 cannot hold.
    // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')

function inline(nodes: JSONContent[] = []): string {
  return nodes
    .map((n) => {
      if (n.type === 'hardBreak') return '<text:line-break/>'
      if (n.type !== 'text') return ''
      let out = escape(n.text ?? '').replace(/ {2,}/g, (spaces) => ` <text:s text:c="${spaces.length - 1}"/>`)
      if (n.marks?.some((m) => m.type === 'bold')) out = `<text:span text:style-name="Strong">${out}</text:span>`
      if (n.marks?.some((m) => m.type === 'italic')) out = `<text:span text:style-name="Emphasis">${out}</text:span>`
      const link = n.marks?.find((m) => m.type === 'link')?.attrs?.href as string | undefined
      return link ? `<text:a xlink:type="simple" xlink:href="${escape(link)}">${out}</text:a>` : out
    })
    .join('')
}

function block(node: JSONContent, paragraphStyle = 'Text_20_body'): string {
  switch (node.type) {
    case 'heading': {
      const level = Number(node.attrs?.level ?? 2)
      return `<text:h text:style-name="Heading_20_${level}" text:outline-level="${level}">${inline(node.content)}</text:h>`
    }
    case 'paragraph':
      return `<text:p text:style-name="${paragraphStyle}">${inline(node.content)}</text:p>`
    case 'bulletList':
    case 'orderedList':
      return `<text:list text:style-name="${node.type === 'bulletList' ? 'Bullets' : 'Numbers'}">${(node.content ?? [])
        .map((item) => `<text:list-item>${(item.content ?? []).map((c) => block(c, 'List_20_Contents')).join('')}</text:list-item>`)
        .join('')}</text:list>`
    case 'blockquote':
      return (node.content ?? []).map((c) => block(c, 'Quotations')).join('')
    default:
      return ''
  }
}

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'

const paragraphStyle = (name: string, display: string, props: string, text: string, parent = 'Standard') =>
  `<style:style style:name="${name}" style:display-name="${display}" style:family="paragraph" style:parent-style-name="${parent}"><style:paragraph-properties ${props}/><style:text-properties ${text}/></style:style>`

const STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="Arial" fo:font-family="Arial" fo:font-size="12pt" fo:language="en" fo:country="GB"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph"/>
${paragraphStyle('Text_20_body', 'Text body', 'fo:margin-bottom="0.25cm" fo:line-height="135%"', '')}
${paragraphStyle('List_20_Contents', 'List Contents', 'fo:margin-bottom="0.1cm"', '')}
${paragraphStyle('Quotations', 'Quotations', 'fo:margin-left="1cm" fo:margin-right="1cm" fo:margin-bottom="0.25cm" fo:border-left="0.1cm solid #b1b4b6" fo:padding-left="0.3cm"', '')}
${paragraphStyle('Title', 'Title', 'fo:margin-bottom="0.4cm"', 'fo:font-size="24pt" fo:font-weight="bold"')}
${paragraphStyle('Heading_20_2', 'Heading 2', 'fo:margin-top="0.5cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"', 'fo:font-size="18pt" fo:font-weight="bold"')}
${paragraphStyle('Heading_20_3', 'Heading 3', 'fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"', 'fo:font-size="14pt" fo:font-weight="bold"')}
${paragraphStyle('Heading_20_4', 'Heading 4', 'fo:margin-top="0.3cm" fo:margin-bottom="0.1cm" fo:keep-with-next="always"', 'fo:font-size="12pt" fo:font-weight="bold"')}
<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Emphasis" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
<text:list-style style:name="Bullets"><text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:space-before="0.4cm" text:min-label-width="0.5cm"/></text:list-level-style-bullet></text:list-style>
<text:list-style style:name="Numbers"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."><style:list-level-properties text:space-before="0.4cm" text:min-label-width="0.6cm"/></text:list-level-style-number></text:list-style>
</office:styles></office:document-styles>`

export function summaryOdt({ title, subtitle, document }: { title: string; subtitle: string; document: JSONContent }): Buffer {
  const body = (document.content ?? []).map((n) => block(n)).join('\n')
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:body><office:text>
<text:h text:style-name="Title" text:outline-level="1">${escape(title)}</text:h>
<text:p text:style-name="Text_20_body">${escape(subtitle)}</text:p>
${body}
</office:text></office:body></office:document-content>`
  const meta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta><dc:title>${escape(title)}</dc:title><dc:language>en-GB</dc:language><meta:generator>Commissioning Hub</meta:generator></office:meta></office:document-meta>`
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`
  return storedZip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    ['META-INF/manifest.xml', manifest],
    ['content.xml', content],
    ['styles.xml', STYLES],
    ['meta.xml', meta],
  ])
}
