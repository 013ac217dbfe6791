import type { JSONContent } from '@tiptap/core'
import { EditorContent, useEditor, useEditorState } from '@tiptap/react'
import { useState, type ReactNode } from 'react'
import { richTextExtensions } from '~/lib/rich-text-extensions'
import { cx } from './class-names'
import { ErrorMessage, FormGroup, Hint } from './field-parts'

type Props = {
  name: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  document: JSONContent | null
  text: string
  images: boolean
}

function textToDocument(text: string): JSONContent {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim())
  return { type: 'doc', content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })) }
}

export default function RichTextEditorClient({ name, label, hint, error, document, text, images }: Props) {
  const [json, setJson] = useState(() => JSON.stringify(document ?? textToDocument(text)))
  const labelId = `${name}-label`
  const editor = useEditor({
    extensions: richTextExtensions({ images }),
    content: document ?? textToDocument(text),
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id: name,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': labelId,
        ...(hint || error ? { 'aria-describedby': [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') } : {}),
        class: cx('govuk-textarea', 'app-rich-text-editor', 'app-rich-text', error && 'govuk-textarea--error'),
      },
    },
    onUpdate: ({ editor: e }) => setJson(JSON.stringify(e.getJSON())),
  })
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      bullets: e?.isActive('bulletList') ?? false,
      numbers: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  })

  const tool = (text: string, pressed: boolean | undefined, run: () => void) => (
    <button
      type="button"
      className="govuk-button govuk-button--secondary app-rich-text-toolbar__button"
      aria-pressed={pressed}
      onClick={run}
    >
      {text}
    </button>
  )

  const setLink = () => {
    if (!editor) return
    if (editor.isActive('link')) {
      editor.chain().focus().unsetLink().run()
      return
    }
    const href = window.prompt('Link address (starting https://)')
    if (href && /^(https?:\/\/|mailto:)/i.test(href)) editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
  }

  const addImage = () => {
    if (!editor) return
    const src = window.prompt('Image address (starting https://)')
    if (!src || !/^https:\/\//i.test(src)) return
    const alt = window.prompt('Describe the image for people who cannot see it (alt text)')
    if (alt?.trim()) editor.chain().focus().setImage({ src, alt: alt.trim() }).run()
  }

  return (
    <FormGroup error={error}>
      <span id={labelId} className="govuk-label govuk-label--s">
        {label}
      </span>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      <div className="app-rich-text-toolbar" role="toolbar" aria-label={`Formatting for ${typeof label === 'string' ? label : name}`}>
        {tool('Heading', state?.h2, () => editor?.chain().focus().toggleHeading({ level: 2 }).run())}
        {tool('Subheading', state?.h3, () => editor?.chain().focus().toggleHeading({ level: 3 }).run())}
        {tool('Bold', state?.bold, () => editor?.chain().focus().toggleBold().run())}
        {tool('Italic', state?.italic, () => editor?.chain().focus().toggleItalic().run())}
        {tool('Bullets', state?.bullets, () => editor?.chain().focus().toggleBulletList().run())}
        {tool('Numbered list', state?.numbers, () => editor?.chain().focus().toggleOrderedList().run())}
        {tool('Quote', state?.quote, () => editor?.chain().focus().toggleBlockquote().run())}
        {tool(state?.link ? 'Remove link' : 'Link', state?.link, setLink)}
        {images ? tool('Image', undefined, addImage) : null}
      </div>
      <EditorContent editor={editor} />
      <input type="hidden" name={`${name}-json`} value={json} />
    </FormGroup>
  )
}
