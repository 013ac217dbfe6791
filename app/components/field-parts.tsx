import type { ReactNode } from 'react'
import { cx } from './class-names'

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  )
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  )
}

/** The ids a control's aria-describedby should list, hint first. */
export function describedBy(name: string, hint: ReactNode, error: string | undefined, extra?: string): string | undefined {
  const ids = [hint ? `${name}-hint` : null, error ? `${name}-error` : null, extra ?? null].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

export function FormGroup({ error, children, className, ...data }: { error?: string; children: ReactNode; className?: string } & Record<`data-${string}`, string | number | undefined>) {
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error', className)} {...data}>
      {children}
    </div>
  )
}

export type LabelSize = 's' | 'm' | 'l' | 'xl'

export function Label({ htmlFor, children, size, isPageHeading }: { htmlFor: string; children: ReactNode; size?: LabelSize; isPageHeading?: boolean }) {
  const label = (
    <label className={cx('govuk-label', size && `govuk-label--${size}`)} htmlFor={htmlFor}>
      {children}
    </label>
  )
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label
}

export function Fieldset({
  legend,
  legendSize,
  isPageHeading,
  describedBy: describedByIds,
  children,
}: {
  legend: ReactNode
  legendSize?: LabelSize
  isPageHeading?: boolean
  describedBy?: string
  children: ReactNode
}) {
  return (
    <fieldset className="govuk-fieldset" aria-describedby={describedByIds}>
      <legend className={cx('govuk-fieldset__legend', legendSize && `govuk-fieldset__legend--${legendSize}`)}>{isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}</legend>
      {children}
    </fieldset>
  )
}
