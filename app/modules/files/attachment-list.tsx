import { Form } from '@remix-run/react'
import type { FileKind } from '~db/schema'
import { describeFile } from './file-types'

export type DocumentView = {
  id: string
  title: string
  file: { name: string; kind: FileKind; size: number }
  /** What the document is, such as "Impact assessment". */
  kindLabel?: string
  accessibilityNotes?: string
}

/** Attachments as GOV.UK lists them: the title as a link, then its type and size, and what a reader of an alternative format should know. */
export function DocumentList({ documents, href, remove }: { documents: DocumentView[]; href: (d: DocumentView) => string; remove?: boolean }) {
  return (
    <ul className="govuk-list app-documents">
      {documents.map((d) => (
        <li key={d.id} className="govuk-!-margin-bottom-4">
          <a className="govuk-link" href={href(d)} download={d.file.name}>
            {d.title}
          </a>
          <br />
          <span className="govuk-body-s">{[d.kindLabel, describeFile(d.file)].filter(Boolean).join(' · ')}</span>
          {d.accessibilityNotes ? (
            <>
              <br />
              <span className="govuk-body-s">Accessibility: {d.accessibilityNotes}</span>
            </>
          ) : null}
          {remove ? (
            <Form method="post" className="govuk-!-margin-top-1">
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="documentId" value={d.id} />
              <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">
                Remove<span className="govuk-visually-hidden"> {d.title}</span>
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  )
}
