import { z } from 'zod'
import { choices, optionalText, requiredText } from '~/lib/fields'
import { formValues, parseForm, type FormFailure } from '~/lib/forms'
import { readRichTextField, RichTextError } from '~/lib/rich-text.server'
import type { NewsletterInput } from './newsletters.server'
import { BLOCKS } from './topics'

const schema = z.object({
  title: requiredText('Enter a title', { max: 200 }),
  summary: optionalText('Summary', 500),
  blocks: choices(BLOCKS),
})

/** Reads the compose form; the body is the editor's document, or the textarea's text without JavaScript. */
export function parseNewsletterForm(formData: FormData): { ok: true; data: NewsletterInput } | ({ ok: false } & FormFailure) {
  const result = parseForm(formData, schema)
  const errors = result.ok ? {} : { ...result.errors }
  let body = null
  try {
    body = readRichTextField(formData, 'body', { images: true })
    if (!body) errors.body = 'Enter the newsletter text'
  } catch (error) {
    if (!(error instanceof RichTextError)) throw error
    errors.body = error.message
  }
  if (!result.ok || !body || Object.keys(errors).length) return { ok: false, errors, values: formValues(formData) }
  return { ok: true, data: { ...result.data, body } }
}
