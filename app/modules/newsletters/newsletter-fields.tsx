import type { JSONContent } from '@tiptap/core'
import { Checkboxes } from '~/components/choices'
import { RichTextEditor } from '~/components/rich-text-editor'
import { TextInput } from '~/components/text-input'
import { Textarea } from '~/components/textarea'
import { valueOf, valuesOf, type FieldErrors, type FormValues } from '~/lib/forms'
import { BLOCK_LABELS, BLOCKS } from './topics'

export type NewsletterFormDefaults = { title: string; summary: string; bodyJson: JSONContent | null; bodyText: string; blocks: string[] }

function documentFrom(values: FormValues | undefined): JSONContent | null {
  const json = valueOf(values, 'body-json')
  if (!json) return null
  try {
    return JSON.parse(json) as JSONContent
  } catch {
    return null
  }
}

/** The compose form's fields, shared by the new and edit pages; a failed submission refills them. */
export function NewsletterFields({ defaults, errors, values }: { defaults: NewsletterFormDefaults; errors?: FieldErrors; values?: FormValues }) {
  return (
    <>
      <TextInput name="title" label="Title" labelSize="m" error={errors?.title} defaultValue={valueOf(values, 'title') ?? defaults.title} />
      <Textarea
        name="summary"
        label="Summary"
        labelSize="m"
        hint="One or two sentences for the archive, the feed and the email preview."
        error={errors?.summary}
        defaultValue={valueOf(values, 'summary') ?? defaults.summary}
        rows={3}
      />
      <RichTextEditor
        name="body"
        label="Newsletter text"
        hint="Images are added by their web address and need alt text describing them."
        error={errors?.body}
        document={values ? documentFrom(values) : defaults.bodyJson}
        text={valueOf(values, 'body') ?? defaults.bodyText}
        images
        rows={14}
      />
      <Checkboxes
        name="blocks"
        legend="Live content"
        legendSize="m"
        hint="These lists are filled in from the hub when the newsletter is sent. An empty list says so."
        error={errors?.blocks}
        values={valuesOf(values, 'blocks') ?? defaults.blocks}
        options={BLOCKS.map((b) => ({ value: b, label: BLOCK_LABELS[b] }))}
      />
    </>
  )
}
