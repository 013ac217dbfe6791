import type { InputHTMLAttributes, ReactNode } from 'react'
import { cx } from './class-names'
import { describedBy, ErrorMessage, FormGroup, Hint, Label, type LabelSize } from './field-parts'

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'defaultValue'> & {
  name: string
  label: ReactNode
  labelSize?: LabelSize
  isPageHeading?: boolean
  hint?: ReactNode
  error?: string
  defaultValue?: string | number | null
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30 | 'full' | 'three-quarters' | 'two-thirds' | 'one-half' | 'one-third'
  prefix?: string
  suffix?: string
}

export function TextInput({ name, label, labelSize, isPageHeading, hint, error, defaultValue, width, prefix, suffix, id, className, ...props }: Props) {
  const inputId = id ?? name
  const widthClass = typeof width === 'number' ? `govuk-input--width-${width}` : width ? `govuk-!-width-${width}` : undefined
  const input = (
    <input
      className={cx('govuk-input', widthClass, error && 'govuk-input--error', className)}
      id={inputId}
      name={name}
      type="text"
      defaultValue={defaultValue ?? undefined}
      aria-describedby={describedBy(name, hint, error)}
      {...props}
    />
  )
  return (
    <FormGroup error={error}>
      <Label htmlFor={inputId} size={labelSize} isPageHeading={isPageHeading}>
        {label}
      </Label>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      {prefix || suffix ? (
        <div className="govuk-input__wrapper">
          {prefix ? (
            <div className="govuk-input__prefix" aria-hidden="true">
              {prefix}
            </div>
          ) : null}
          {input}
          {suffix ? (
            <div className="govuk-input__suffix" aria-hidden="true">
              {suffix}
            </div>
          ) : null}
        </div>
      ) : (
        input
      )}
    </FormGroup>
  )
}
