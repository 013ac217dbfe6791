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

/**
 * A document always holds at least one paragraph: an empty one given no
 * blocks made the first toolbar command fail while tiptap repaired it.
 */
function startingDocument(document: JSONContent | null, text: string): JSONContent {
  const blocks = document?.content?.length
    ? document.content
    : text
        .split(/\n\s*\n/)
        .filter((p) => p.trim())
        .map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] }))
  return { type: 'doc', content: blocks.length ? blocks : [{ type: 'paragraph' }] }
}

const LINK_ADDRESS = /^(https?:\/\/[^\s]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+\.[^\s]+)$/i
const IMAGE_ADDRESS = /^https:\/\/[^\s]+\.[^\s]+$/i

type Panel = { kind: 'link' | 'image'; address: string; alt: string; errors: { address?: string; alt?: string } } | null

export default function RichTextEditorClient({ name, label, hint, error, document, text, images }: Props) {
  const [json, setJson] = useState(() => JSON.stringify(startingDocument(document, text)))
  const [panel, setPanel] = useState<Panel>(null)
  const labelId = `${name}-label`
  const editor = useEditor({
    extensions: richTextExtensions({ images }),
    content: startingDocument(document, text),
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
      // Keeps the editor's selection, so the command applies where the cursor was.
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  )

  const setLink = () => {
    if (!editor) return
    if (editor.isActive('link')) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run()
      return
    }
    setPanel({ kind: 'link', address: '', alt: '', errors: {} })
  }

  const addImage = () => setPanel({ kind: 'image', address: '', alt: '', errors: {} })

  const applyPanel = () => {
    if (!editor || !panel) return
    const address = panel.address.trim()
    const alt = panel.alt.trim()
    const errors: { address?: string; alt?: string } = {}
    if (panel.kind === 'link') {
      if (!address) errors.address = 'Enter the link address'
      else if (!LINK_ADDRESS.test(address)) errors.address = 'Enter a link address that starts with https://, http:// or mailto:, like https://www.gov.uk'
    } else {
      if (!address) errors.address = 'Enter the image address'
      else if (!IMAGE_ADDRESS.test(address)) errors.address = 'Enter an image address that starts with https://'
      if (!alt) errors.alt = 'Enter a description of the image for people who cannot see it'
    }
    if (errors.address || errors.alt) {
      setPanel({ ...panel, errors })
      return
    }
    if (panel.kind === 'link') {
      const chain = editor.chain().focus()
      if (editor.state.selection.empty) chain.insertContent({ type: 'text', text: address.replace(/^mailto:/i, ''), marks: [{ type: 'link', attrs: { href: address } }] }).run()
      else chain.extendMarkRange('link').setLink({ href: address }).run()
    } else {
      editor.chain().focus().setImage({ src: address, alt }).run()
    }
    setPanel(null)
  }

  const panelField = (field: 'address' | 'alt', labelText: string, hintText?: string) => {
    const id = `${name}-${panel!.kind}-${field}`
    const fieldError = panel!.errors[field]
    return (
      <FormGroup error={fieldError}>
        <label className="govuk-label govuk-label--s" htmlFor={id}>
          {labelText}
        </label>
        {hintText ? <Hint id={`${id}-hint`}>{hintText}</Hint> : null}
        {fieldError ? <ErrorMessage id={`${id}-error`}>{fieldError}</ErrorMessage> : null}
        <input
          id={id}
          type={field === 'address' ? 'url' : 'text'}
          spellCheck={false}
          autoComplete="off"
          className={cx('govuk-input', fieldError && 'govuk-input--error')}
          aria-describedby={[hintText ? `${id}-hint` : '', fieldError ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
          value={panel![field]}
          // The panel opens on a click on Link, so the address it asks for takes the focus.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus={field === 'address'}
          onChange={(event) => setPanel({ ...panel!, [field]: event.target.value })}
          // Enter adds the link here instead of submitting the page's form.
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              applyPanel()
            }
            if (event.key === 'Escape') setPanel(null)
          }}
        />
      </FormGroup>
    )
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
      {panel ? (
        <div className="app-rich-text-panel" role="group" aria-label={panel.kind === 'link' ? 'Add a link' : 'Add an image'}>
          {panelField(
            'address',
            panel.kind === 'link' ? 'Link address' : 'Image address',
            panel.kind === 'link' ? 'For example, https://www.gov.uk or mailto:name@example.org' : 'The address of an image that is already online, starting https://',
          )}
          {panel.kind === 'image' ? panelField('alt', 'Describe the image', 'For people who cannot see it, for example “Bar chart: job starts rose from 120 to 180”') : null}
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={applyPanel}>
              {panel.kind === 'link' ? 'Add link' : 'Add image'}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => setPanel(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <EditorContent editor={editor} />
      <input type="hidden" name={`${name}-json`} value={json} />
    </FormGroup>
  )
}
