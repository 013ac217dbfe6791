import type { ReactNode } from 'react'
import { cx } from './class-names'
import { describedBy, ErrorMessage, FormGroup, Hint, Label, type LabelSize } from './field-parts'

/** GOV.UK file upload; works without JavaScript in a multipart form. */
export function FileUpload({
  name,
  label,
  labelSize,
  hint,
  error,
  errorDetail,
  accept,
}: {
  name: string
  label: ReactNode
  labelSize?: LabelSize
  hint?: ReactNode
  error?: string
  /** What is wrong inside the file, such as each bad row, shown under the error within the field. */
  errorDetail?: ReactNode
  accept?: string
}) {
  return (
    <FormGroup error={error}>
      <Label htmlFor={name} size={labelSize}>
        {label}
      </Label>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      {error ? errorDetail : null}
      <input className={cx('govuk-file-upload', error && 'govuk-file-upload--error')} id={name} name={name} type="file" accept={accept} aria-describedby={describedBy(name, hint, error)} />
    </FormGroup>
  )
}
