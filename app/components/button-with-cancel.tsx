import type { ButtonHTMLAttributes } from 'react'
import { Link } from '@remix-run/react'
import { Button, ButtonGroup } from './button'

/** A form's one button with a "Cancel" link beside it that leaves without doing anything. */
export function ButtonWithCancel({ cancelTo, ...button }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'warning'; cancelTo: string }) {
  return (
    <ButtonGroup>
      <Button {...button} />
      <Link className="govuk-link" to={cancelTo}>
        Cancel
      </Link>
    </ButtonGroup>
  )
}
