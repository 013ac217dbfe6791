import { Fragment } from 'react'
import { parseLinkedText } from '~/lib/linked-text'
import { cx } from './class-names'

/**
 * Text someone typed, shown as paragraphs with its links (app/lib/linked-text.ts).
 * Links are marked as user content and open nothing with access to this page.
 */
export function LinkedText({ text, className = 'govuk-body' }: { text: string; className?: string }) {
  return (
    <>
      {parseLinkedText(text).map((lines, p) => (
        <p key={p} className={cx(className, 'app-linked-text')}>
          {lines.map((runs, l) => (
            <Fragment key={l}>
              {l ? <br /> : null}
              {runs.map((run, r) =>
                run.href ? (
                  <a key={r} className="govuk-link" href={run.href} rel="nofollow ugc noopener noreferrer">
                    {run.text}
                  </a>
                ) : (
                  <Fragment key={r}>{run.text}</Fragment>
                ),
              )}
            </Fragment>
          ))}
        </p>
      ))}
    </>
  )
}
