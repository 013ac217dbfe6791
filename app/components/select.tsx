import type { ReactNode, SelectHTMLAttributes } from 'react'
import { cx } from './class-names'
import { describedBy, ErrorMessage, FormGroup, Hint, Label, type LabelSize } from './field-parts'

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name' | 'defaultValue'> & {
  name: string
  label: ReactNode
  labelSize?: LabelSize
  hint?: ReactNode
  error?: string
  defaultValue?: string | null
  options: Array<{ value: string; label: string }>
}

export function Select({ name, label, labelSize, hint, error, defaultValue, options, id, className, ...props }: Props) {
  const inputId = id ?? name
  return (
    <FormGroup error={error}>
      <Label htmlFor={inputId} size={labelSize}>
        {label}
      </Label>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      <select
        className={cx('govuk-select', error && 'govuk-select--error', className)}
        id={inputId}
        name={name}
        defaultValue={defaultValue ?? undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormGroup>
  )
}
