import { TextInput } from '~/components/text-input'
import { Textarea } from '~/components/textarea'
import { valueOf, type FormValues } from '~/lib/forms'

/** A theme's name and description, as typed when adding one and when changing it. */
export function ThemeFields({ values, errors, theme }: { values?: FormValues; errors?: Record<string, string | undefined>; theme?: { name: string; description: string } }) {
  return (
    <>
      <TextInput name="name" label="Name" labelSize="s" error={errors?.name} defaultValue={valueOf(values, 'name') ?? theme?.name} />
      <Textarea
        name="description"
        label="Description (optional)"
        labelSize="s"
        hint="What answers with this theme say, so that everyone tags alike."
        rows={3}
        error={errors?.description}
        defaultValue={valueOf(values, 'description') ?? theme?.description}
      />
    </>
  )
}
