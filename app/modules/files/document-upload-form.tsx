import type { ReactNode } from 'react'
import { Form } from '@remix-run/react'
import { Button } from '~/components/button'
import { FileUpload } from '~/components/file-upload'
import { TextInput } from '~/components/text-input'
import type { FileKind } from '~db/schema'
import { acceptAttribute, acceptedKindsText, ALL_FILE_KINDS, MAX_FILE_TEXT } from './file-types'

/**
 * The form that adds a document to whatever owns a DocumentList (a
 * consultation, a pipeline notice): an optional title, the owner's own
 * fields, and the file. At the limit it says so instead.
 */
export function DocumentUploadForm({
  count,
  max,
  owner,
  titleExample,
  kinds = ALL_FILE_KINDS,
  values = {},
  errors = {},
  before,
  after,
}: {
  /** How many documents there are now, and the most there may be. */
  count: number
  max: number
  /** What owns the documents, as in "This notice has 20 documents". */
  owner: string
  /** A title as it would be listed, for the hint. */
  titleExample: string
  kinds?: readonly FileKind[]
  values?: Record<string, string | undefined>
  errors?: Record<string, string | undefined>
  /** The owner's fields before the title, and after it. */
  before?: ReactNode
  after?: ReactNode
}) {
  if (count >= max)
    return (
      <p className="govuk-body">
        This {owner} has {max} documents, the most it can have. Remove one to add another.
      </p>
    )
  return (
    // Keyed by the count, so after a document is added with JavaScript (the page is not reloaded) the form starts empty.
    <Form key={count} method="post" encType="multipart/form-data" noValidate>
      <h2 className="govuk-heading-m">Add a document</h2>
      {before}
      <TextInput name="title" label="Title (optional)" hint={`As it will be listed, like ${titleExample}. Leave blank to use the file’s name.`} defaultValue={values.title} error={errors.title} />
      {after}
      <FileUpload name="file" label="Upload a file" hint={`A ${acceptedKindsText(kinds)} file, smaller than ${MAX_FILE_TEXT}.`} error={errors.file} accept={acceptAttribute(kinds)} />
      <Button name="intent" value="upload">
        Add document
      </Button>
    </Form>
  )
}
