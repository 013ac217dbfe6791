import type { JSONContent } from '@tiptap/core'
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react'
import { Textarea } from './textarea'

const Editor = lazy(() => import('./rich-text-editor.client'))

type Props = {
  name: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  /** The saved document, for the editor. */
  document?: JSONContent | null
  /** The same content as text, for the textarea used without JavaScript (see editableText). */
  text?: string
  images?: boolean
  rows?: number
}

/**
 * A tiptap editor when JavaScript runs; otherwise a textarea that still
 * saves. Both post under the same name, the editor adding `<name>-json`.
 */
export function RichTextEditor({ name, label, hint, error, document, text, images = false, rows = 10 }: Props) {
  const [enhanced, setEnhanced] = useState(false)
  useEffect(() => setEnhanced(true), [])
  const fallback = (
    <Textarea
      name={name}
      label={label}
      labelSize="s"
      hint={
        <>
          {hint}
          {hint ? ' ' : null}
          Leave a blank line between paragraphs. Start a line with “## ” for a heading or “- ” for a bullet point.
        </>
      }
      error={error}
      defaultValue={text ?? ''}
      rows={rows}
    />
  )
  if (!enhanced) return fallback
  return (
    <Suspense fallback={fallback}>
      <Editor name={name} label={label} hint={hint} error={error} document={document ?? null} text={text ?? ''} images={images} />
    </Suspense>
  )
}
