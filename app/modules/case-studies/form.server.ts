import { formValues, type FieldErrors } from '~/lib/forms'
import { readRichTextField, RichTextError } from '~/lib/rich-text.server'
import { caseStudyInputFromForm } from './input.server'

/**
 * Reads the case-study form. The story arrives as the editor's JSON or,
 * without JavaScript, as the textarea's text; either way only a document
 * is passed on, for the module to validate and render.
 */
export function readCaseStudyForm(formData: FormData) {
  const values = formValues(formData)
  let story: unknown = null
  let storyError: string | undefined
  try {
    story = readRichTextField(formData, 'story')?.json ?? null
  } catch (error) {
    if (!(error instanceof RichTextError)) throw error
    storyError = error.message
  }
  return {
    values,
    input: caseStudyInputFromForm(values, story),
    withStoryError: (errors: FieldErrors): FieldErrors => (storyError ? { ...errors, story: storyError } : errors),
  }
}
