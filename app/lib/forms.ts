// From @remix-run/react, which browsers can load: this module is shared with pages.
import { data } from '@remix-run/react'
import { z } from 'zod'

export type FieldErrors = Record<string, string>
export type FormValues = Record<string, string | string[]>

export type FormFailure = { errors: FieldErrors; values: FormValues }
export type ParseResult<T> = ({ ok: true; data: T } & Partial<FormFailure>) | ({ ok: false } & FormFailure)

/** Keeps repeated fields (checkboxes) as arrays and drops files. */
export function formValues(formData: FormData): FormValues {
  const values: FormValues = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string')
    values[key] = all.length > 1 ? all : (all[0] ?? '')
  }
  return values
}

/**
 * Validates a form against a zod schema. Errors are keyed by the first path
 * segment, which is the field's name and the id the error summary links to.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S): ParseResult<z.output<S>> {
  const values = formValues(formData)
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: issuesToErrors(result.error.issues), values: echoable(values) }
}

/**
 * The longest value a failed form sends back to the page: the longest any
 * field accepts (a long consultation answer), so what a person typed within
 * the limits comes back whole, while a huge value (a request body may be up
 * to 1 MB) is not reflected in full. The field's error states its own limit.
 */
export const MAX_ECHOED_CHARACTERS = 100_000

export function echoable(values: FormValues): FormValues {
  const cap = (v: string) => (v.length > MAX_ECHOED_CHARACTERS ? v.slice(0, MAX_ECHOED_CHARACTERS) : v)
  const out: FormValues = {}
  for (const [key, value] of Object.entries(values)) out[key] = Array.isArray(value) ? value.map(cap) : cap(value)
  return out
}

export function issuesToErrors(issues: z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form')
    errors[key] ??= issue.message
  }
  return errors
}

/** The 400 response a failed form returns; the page re-renders with what was typed. */
export function invalid(failure: FormFailure, init: { status?: number } = {}) {
  return data({ ok: false as const, errors: failure.errors, values: echoable(failure.values) }, { status: init.status ?? 400 })
}

/** Reads a value of a failed submission back as a string. */
export function valueOf(values: FormValues | undefined, name: string): string | undefined {
  const v = values?.[name]
  return Array.isArray(v) ? v[0] : v
}

export function valuesOf(values: FormValues | undefined, name: string): string[] | undefined {
  const v = values?.[name]
  if (v === undefined) return undefined
  return Array.isArray(v) ? v : v === '' ? [] : [v]
}
