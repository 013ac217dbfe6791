import { useFetcher } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { HighlightedText } from '~/components/highlighted-text'

type Suggestion = { id: string; url: string; title: string; typeLabel: string }

/**
 * The search text box. Without JavaScript it is a plain input in a GET form;
 * with JavaScript, matches across the hub appear as links in a list below it
 * as the person types, and a live region says how many there are.
 */
export function SearchBox({ defaultValue, label = 'Search the hub', labelClassName = 'govuk-label govuk-label--m' }: { defaultValue: string; label?: string; labelClassName?: string }) {
  const fetcher = useFetcher<{ suggestions: Suggestion[] }>()
  const [text, setText] = useState(defaultValue)
  const [enhanced, setEnhanced] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout>>()

  useEffect(() => {
    setEnhanced(true)
    return () => clearTimeout(timer.current)
  }, [])

  const suggestions = enhanced && text.trim().length >= 2 && text !== defaultValue ? (fetcher.data?.suggestions ?? []) : []
  const status =
    !enhanced || text.trim().length < 2 || text === defaultValue || fetcher.state !== 'idle'
      ? ''
      : suggestions.length
        ? `${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'} below the search box`
        : 'No suggestions'

  return (
    <div className="govuk-form-group">
      <label className={labelClassName} htmlFor="q">
        {label}
      </label>
      <div className="govuk-hint" id="q-hint">
        For example, a programme, a claimant group, a region or an organisation
      </div>
      <input
        className="govuk-input govuk-!-width-two-thirds"
        id="q"
        name="q"
        type="search"
        spellCheck={false}
        autoComplete="off"
        aria-describedby="q-hint"
        defaultValue={defaultValue}
        onChange={(event) => {
          const value = event.currentTarget.value
          setText(value)
          clearTimeout(timer.current)
          if (value.trim().length >= 2) {
            timer.current = setTimeout(() => fetcher.load(`/search/suggestions?${new URLSearchParams({ q: value })}`), 200)
          }
        }}
      />
      <div className="govuk-visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
      {suggestions.length ? (
        <ul className="govuk-list govuk-!-margin-top-2" aria-label="Suggestions">
          {suggestions.map((s) => (
            <li key={`${s.typeLabel}-${s.id}`}>
              <a className="govuk-link" href={s.url}>
                <HighlightedText text={s.title} />
              </a>{' '}
              <span className="govuk-body-s govuk-!-margin-bottom-0">({s.typeLabel})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
