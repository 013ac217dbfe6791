import { Link } from '@remix-run/react'
import type { RequestCounts } from './requests.server'
import { REQUEST_KINDS, type ConsultationRequestKind } from './requests'
import { staffConsultationPath } from '~/lib/paths'

/** Staff links to each kind of request for a consultation, with how many wait. */
export function RequestLinks({ consultationId, counts, current }: { consultationId: string; counts: RequestCounts; current?: ConsultationRequestKind }) {
  return (
    <>
      {(['accessible_format', 'process_feedback'] as const).map((kind) => (
        <li key={kind}>
          <Link className="govuk-link" to={`${staffConsultationPath(consultationId, 'requests')}?kind=${REQUEST_KINDS[kind].slug}`} aria-current={kind === current ? 'page' : undefined}>
            {REQUEST_KINDS[kind].staffTitle}
          </Link>{' '}
          ({counts[kind].waiting} waiting, {counts[kind].total} in all)
        </li>
      ))}
    </>
  )
}
