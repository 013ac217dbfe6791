import type { ReactNode } from 'react'
import { cx } from './class-names'
import { describedBy, ErrorMessage, Fieldset, FormGroup, Hint, type LabelSize } from './field-parts'

export type ChoiceOption = {
  value: string
  label: ReactNode
  hint?: ReactNode
  /** Revealed when chosen (GOV.UK conditional reveal); shown always without JavaScript. */
  conditional?: ReactNode
  divider?: boolean
  exclusive?: boolean
}

/** The options of a yes-or-no question, valued "yes" and "no". */
export const YES_NO: readonly ChoiceOption[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
]

type Props = {
  name: string
  legend: ReactNode
  legendSize?: LabelSize
  isPageHeading?: boolean
  hint?: ReactNode
  error?: string
  options: readonly ChoiceOption[]
  small?: boolean
  inline?: boolean
}

function ChoiceGroup({ type, name, legend, legendSize, isPageHeading, hint, error, options, small, inline, isChecked }: Props & { type: 'radio' | 'checkbox'; isChecked: (value: string) => boolean }) {
  const block = type === 'radio' ? 'govuk-radios' : 'govuk-checkboxes'
  return (
    <FormGroup error={error}>
      <Fieldset legend={legend} legendSize={legendSize} isPageHeading={isPageHeading} describedBy={describedBy(name, hint, error)}>
        {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
        <div className={cx(block, small && `${block}--small`, inline && `${block}--inline`)} data-module={block}>
          {options.map((option, index) => {
            if (option.divider) {
              return (
                <div key={`divider-${index}`} className={`${block}__divider`}>
                  or
                </div>
              )
            }
            // The first option takes the field's name as its id so the error summary can link to it.
            const id = index === 0 ? name : `${name}-${index + 1}`
            const conditionalId = `conditional-${id}`
            return (
              <div key={option.value}>
                <div className={`${block}__item`}>
                  <input
                    className={`${block}__input`}
                    id={id}
                    name={name}
                    type={type}
                    value={option.value}
                    defaultChecked={isChecked(option.value)}
                    aria-describedby={option.hint ? `${id}-item-hint` : undefined}
                    data-aria-controls={option.conditional ? conditionalId : undefined}
                    data-behaviour={option.exclusive ? 'exclusive' : undefined}
                  />
                  <label className={`govuk-label ${block}__label`} htmlFor={id}>
                    {option.label}
                  </label>
                  {option.hint ? (
                    <div id={`${id}-item-hint`} className={`govuk-hint ${block}__hint`}>
                      {option.hint}
                    </div>
                  ) : null}
                </div>
                {option.conditional ? (
                  <div className={cx(`${block}__conditional`, !isChecked(option.value) && `${block}__conditional--hidden`)} id={conditionalId}>
                    {option.conditional}
                  </div>
                ) : null}
              </div>
            )
          })}
        </div>
      </Fieldset>
    </FormGroup>
  )
}

export function Radios({ value, ...props }: Props & { value?: string | null }) {
  return <ChoiceGroup {...props} type="radio" isChecked={(v) => v === value} />
}

export function Checkboxes({ values, ...props }: Props & { values?: readonly string[] | null }) {
  return <ChoiceGroup {...props} type="checkbox" isChecked={(v) => values?.includes(v) ?? false} />
}
