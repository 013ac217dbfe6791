import type { ReactNode, TextareaHTMLAttributes } from 'react'
import { cx } from './class-names'
import { describedBy, ErrorMessage, FormGroup, Hint, Label, type LabelSize } from './field-parts'

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'defaultValue'> & {
  name: string
  label: ReactNode
  labelSize?: LabelSize
  isPageHeading?: boolean
  hint?: ReactNode
  error?: string
  defaultValue?: string | null
  /** Turns on the GOV.UK character count, which counts as the person types. */
  maxWords?: number
  maxLength?: number
}

export function Textarea({ name, label, labelSize, isPageHeading, hint, error, defaultValue, maxWords, maxLength, rows = 5, id, ...props }: Props) {
  const inputId = id ?? name
  const counted = Boolean(maxWords || maxLength)
  return (
    <FormGroup
      error={error}
      className={counted ? 'govuk-character-count' : undefined}
      data-module={counted ? 'govuk-character-count' : undefined}
      data-maxwords={maxWords}
      data-maxlength={maxWords ? undefined : maxLength}
    >
      <Label htmlFor={inputId} size={labelSize} isPageHeading={isPageHeading}>
        {label}
      </Label>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      <textarea
        className={cx('govuk-textarea', counted && 'govuk-js-character-count', error && 'govuk-textarea--error')}
        id={inputId}
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? undefined}
        aria-describedby={describedBy(name, hint, error, counted ? `${inputId}-info` : undefined)}
        {...props}
      />
      {counted ? (
        <div id={`${inputId}-info`} className="govuk-hint govuk-character-count__message">
          {maxWords ? `You can enter up to ${maxWords} words` : `You can enter up to ${maxLength} characters`}
        </div>
      ) : null}
    </FormGroup>
  )
}
