import { useEffect, useRef } from 'react'

export type FieldErrors = Record<string, string | undefined>

/**
 * GOV.UK error summary. Each message links to its field; the href is the
 * field's id, which for dates is the day input.
 */
export function ErrorSummary({ errors, anchors = {} }: { errors: FieldErrors | null | undefined; anchors?: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null)
  const entries = Object.entries(errors ?? {}).filter((e): e is [string, string] => Boolean(e[1]))
  useEffect(() => {
    if (entries.length) ref.current?.focus()
  }, [entries.length])
  if (!entries.length) return null
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                <a href={`#${anchors[field] ?? field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}
