import type { ReactNode } from 'react'
import { cx } from './class-names'
import { describedBy, ErrorMessage, Fieldset, FormGroup, Hint, type LabelSize } from './field-parts'

export type DateParts = { day?: string; month?: string; year?: string; time?: string }

/**
 * GOV.UK date input; with `withTime` it adds a 24-hour time field, for
 * deadlines that are entered in Europe/London.
 */
export function DateInput({
  name,
  legend,
  legendSize,
  hint,
  error,
  value,
  withTime,
  errorParts,
}: {
  name: string
  legend: ReactNode
  legendSize?: LabelSize
  hint?: ReactNode
  error?: string
  value?: DateParts | null
  withTime?: boolean
  /** The fields the error is about (a missing day, say), which alone are marked; all of them when not given. */
  errorParts?: Array<'day' | 'month' | 'year'>
}) {
  const part = (key: 'day' | 'month' | 'year', label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item" key={key}>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={`${name}-${key}`}>
          {label}
        </label>
        <input
          className={cx('govuk-input govuk-date-input__input', `govuk-input--width-${width}`, error && (!errorParts || errorParts.includes(key)) && 'govuk-input--error')}
          id={`${name}-${key}`}
          name={`${name}-${key}`}
          type="text"
          inputMode="numeric"
          defaultValue={value?.[key] ?? ''}
        />
      </div>
    </div>
  )
  return (
    <FormGroup error={error}>
      <Fieldset legend={legend} legendSize={legendSize} describedBy={describedBy(name, hint, error)}>
        {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
        <div className="govuk-date-input" id={name}>
          {part('day', 'Day', 2)}
          {part('month', 'Month', 2)}
          {part('year', 'Year', 4)}
          {withTime ? (
            <div className="govuk-date-input__item">
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={`${name}-time`}>
                  Time (24-hour, UK time)
                </label>
                <input
                  className={cx('govuk-input govuk-date-input__input govuk-input--width-5', error && 'govuk-input--error')}
                  id={`${name}-time`}
                  name={`${name}-time`}
                  type="text"
                  inputMode="numeric"
                  placeholder=""
                  defaultValue={value?.time ?? ''}
                />
              </div>
            </div>
          ) : null}
        </div>
      </Fieldset>
    </FormGroup>
  )
}
