import type { FormFailure, FormValues } from '~/lib/forms'

/** Passwords are never sent back to the page, whatever else is refilled. */
export function withoutPasswords(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)))
}

export function failure(errors: FormFailure['errors'], values: FormValues): FormFailure {
  return { errors, values: withoutPasswords(values) }
}
