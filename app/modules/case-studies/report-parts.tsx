import { InsetText } from '~/components/misc'
import { Textarea } from '~/components/textarea'
import { valueOf, type FormValues } from '~/lib/forms'

/** A reported comment as its author wrote it, line breaks kept: the reporter and the moderator see the same thing. */
export function QuotedComment({ body }: { body: string }) {
  return (
    <InsetText>
      <p className="govuk-body app-pre-wrap">{body}</p>
    </InsetText>
  )
}

/** Why someone reports, or why a moderator decides: the one reason box both forms ask for, kept as typed when the form comes back with an error. */
export function ReasonField({
  label,
  hint,
  rows,
  maxLength,
  form,
}: {
  label: string
  hint: string
  rows: number
  maxLength?: number
  form: { errors?: Record<string, string>; values?: FormValues } | undefined
}) {
  return <Textarea name="reason" label={label} labelSize="s" hint={hint} error={form?.errors?.reason} defaultValue={valueOf(form?.values, 'reason')} rows={rows} maxLength={maxLength} />
}
