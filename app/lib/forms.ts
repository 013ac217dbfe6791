// From @remix-run/react, which browsers can load: this module is shared with pages.
import { data } from '@remix-run/react'
import { z } from 'zod'
import { ForbiddenError, RuleError, type FieldErrors } from './result'

export type { FieldErrors }
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

type RuleFailedOptions = {
  /** The field that shows a message the module did not tie to a field. */
  field?: string
  values?: FormValues
  status?: number | ((error: RuleError) => number)
}

/**
 * The one way a page answers a module's refusal: a broken rule becomes the
 * page's error summary with what was typed, a ForbiddenError a 403. Anything
 * else is not the person's to correct and is thrown on.
 */
export function ruleFailed(error: unknown, { field = 'form', values = {}, status = 400 }: RuleFailedOptions = {}) {
  if (!(error instanceof RuleError)) rethrow(error)
  return invalid({ errors: error.fields ?? { [field]: error.message }, values }, { status: typeof status === 'function' ? status(error) : status })
}

/** Throws the error on, a ForbiddenError as the 403 response a loader or action answers with. */
export function rethrow(error: unknown): never {
  if (error instanceof ForbiddenError) throw new Response(error.message, { status: 403 })
  throw error
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
