import type { FormFailure, FormValues } from '~/lib/forms'

/** Passwords are never sent back to the page, whatever else is refilled. */
export function withoutPasswords(values: FormValues): FormValues {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)))
}

export function failure(errors: FormFailure['errors'], values: FormValues): FormFailure {
  return { errors, values: withoutPasswords(values) }
}

const submissionIds = new WeakMap<object, number>()
let lastSubmissionId = 0

/**
 * A React key that changes with every answer from the server. Keyed on it, a
 * password input is rebuilt empty after each submission, even when the page
 * updated in place with JavaScript.
 */
export function submissionKey(actionData: object | null | undefined): string {
  if (!actionData) return 'initial'
  if (!submissionIds.has(actionData)) submissionIds.set(actionData, ++lastSubmissionId)
  return `submission-${submissionIds.get(actionData)}`
}
