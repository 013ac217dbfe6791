import type { Extensions } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import Link from '@tiptap/extension-link'
import StarterKit from '@tiptap/starter-kit'

/**
 * The one list of what rich text may contain, shared by the editor in the
 * browser and the renderer on the server: headings, paragraphs, lists,
 * quotes, links and (where allowed) images with alt text.
 */
export function richTextExtensions({ images = false }: { images?: boolean } = {}): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      link: false,
    }),
    Link.configure({
      openOnClick: false,
      autolink: true,
      protocols: ['http', 'https', 'mailto'],
      HTMLAttributes: { class: 'govuk-link', rel: null, target: null },
    }),
    ...(images ? [Image.configure({ inline: false, allowBase64: false })] : []),
  ]
}
