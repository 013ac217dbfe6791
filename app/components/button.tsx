import type { ButtonHTMLAttributes, ReactNode } from 'react'
import { Link } from '@remix-run/react'
import { cx } from './class-names'

type Variant = 'primary' | 'secondary' | 'warning' | 'inverse'

const variantClass = (variant: Variant) => (variant === 'primary' ? undefined : `govuk-button--${variant}`)

export function Button({ variant = 'primary', isStartButton, className, children, ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; isStartButton?: boolean }) {
  return (
    <button
      type="submit"
      data-prevent-double-click="true"
      data-module="govuk-button"
      {...props}
      className={cx('govuk-button', variantClass(variant), isStartButton && 'govuk-button--start', className)}
    >
      {children}
      {isStartButton ? <StartIcon /> : null}
    </button>
  )
}

export function ButtonLink({
  to,
  variant = 'primary',
  isStartButton,
  children,
  reloadDocument,
}: {
  to: string
  variant?: Variant
  isStartButton?: boolean
  children: ReactNode
  reloadDocument?: boolean
}) {
  return (
    <Link
      to={to}
      role="button"
      draggable={false}
      reloadDocument={reloadDocument}
      data-module="govuk-button"
      className={cx('govuk-button', variantClass(variant), isStartButton && 'govuk-button--start')}
    >
      {children}
      {isStartButton ? <StartIcon /> : null}
    </Link>
  )
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>
}

function StartIcon() {
  return (
    <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  )
}
