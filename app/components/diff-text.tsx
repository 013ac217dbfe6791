import { Fragment } from 'react'
import type { DiffRun } from '~/lib/word-diff'

/**
 * A before-and-after diff in one line of text: removed words struck through
 * in <del>, added ones in <ins>, each announced to screen readers, which
 * do not read the elements' meaning out.
 */
export function DiffText({ runs, separator = '' }: { runs: DiffRun[]; separator?: string }) {
  return (
    <>
      {runs.map((run, i) => (
        <Fragment key={i}>
          {i && separator ? separator : null}
          {run.kind === 'same' ? (
            run.text
          ) : run.kind === 'added' ? (
            <ins className="app-diff-added">
              <span className="govuk-visually-hidden">[added: </span>
              {run.text}
              <span className="govuk-visually-hidden">]</span>
            </ins>
          ) : (
            <del className="app-diff-removed">
              <span className="govuk-visually-hidden">[removed: </span>
              {run.text}
              <span className="govuk-visually-hidden">]</span>
            </del>
          )}
        </Fragment>
      ))}
    </>
  )
}
