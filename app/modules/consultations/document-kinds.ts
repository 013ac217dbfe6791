import type { ConsultationDocumentKind } from '~db/schema'

/** What a consultation's documents can be, as staff choose and readers see them. Safe for the browser. */
export const DOCUMENT_KIND_LABELS: Record<ConsultationDocumentKind, string> = {
  consultation_paper: 'Consultation paper',
  impact_assessment: 'Impact assessment',
  easy_read: 'Easy read version',
  welsh: 'Welsh version (Cymraeg)',
  other: 'Other supporting document',
}

export const ACCESSIBILITY_NOTES_MAX = 500

export const DOCUMENT_KIND_OPTIONS = Object.entries(DOCUMENT_KIND_LABELS).map(([value, label]) => ({ value: value as ConsultationDocumentKind, label }))

export function isDocumentKind(value: string): value is ConsultationDocumentKind {
  return value in DOCUMENT_KIND_LABELS
}
