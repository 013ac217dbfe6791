/**
 * The one error model and result type of the domain modules. Modules know
 * nothing of HTTP: a broken rule is a RuleError (or a failed Result), an action
 * the person may not take is a ForbiddenError, and `ruleFailed()` in
 * `~/lib/forms` turns either into what the page's error summary shows.
 * Shared with pages, so nothing here may import server code.
 */

/** Messages keyed by the form field that should show them; `form` when no field fits. */
export type FieldErrors = Record<string, string>

/**
 * A failed Result: the messages to show, and `code` naming which rule failed
 * for callers that answer differently (a 429 for `throttled`, say).
 */
export type Failure<Code extends string = string> = { ok: false; errors: FieldErrors; code?: Code }

/** What a module returns when failing is an ordinary outcome the person can correct. */
export type Result<T = undefined, Code extends string = string> = ({ ok: true } & (T extends undefined ? unknown : { value: T })) | Failure<Code>

export function ok(): { ok: true }
export function ok<T>(value: T): { ok: true; value: T }
export function ok<T>(...value: [T?]) {
  return value.length ? { ok: true as const, value: value[0] } : { ok: true as const }
}

export function fail<Code extends string = never>(errors: FieldErrors, code?: Code): Failure<Code> {
  return code === undefined ? { ok: false, errors } : { ok: false, errors, code }
}

/**
 * A rule the request broke, thrown from inside a write so its transaction rolls
 * back. The message is shown to the person as it is. `fields` is set when the
 * module knows which form field is at fault; otherwise the page chooses. `code`
 * names the rule for callers that act on which one it was.
 */
export class RuleError<Code extends string = string> extends Error {
  override readonly name = 'RuleError'
  readonly fields: FieldErrors | undefined
  readonly code: Code | undefined

  constructor(problem: string | FieldErrors, options: { code?: Code } = {}) {
    super(typeof problem === 'string' ? problem : Object.values(problem).join('; '))
    this.fields = typeof problem === 'string' ? undefined : problem
    this.code = options.code
  }
}

/** The person may not do this at all; pages answer 403. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError'
  constructor(message = 'Forbidden') {
    super(message)
  }
}
