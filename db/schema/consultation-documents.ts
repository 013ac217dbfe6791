import { index, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { id, timestamps } from './columns'
import { consultations } from './consultations'
import { storedFiles } from './files'

export const consultationDocumentKindEnum = pgEnum('consultation_document_kind', ['consultation_paper', 'impact_assessment', 'easy_read', 'welsh', 'other'])

/** A document published with a consultation (its paper, impact assessment, easy-read or Welsh version), in the order staff added them. */
export const consultationDocuments = pgTable(
  'consultation_documents',
  {
    id: id(),
    consultationId: uuid()
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    fileId: uuid()
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    kind: consultationDocumentKindEnum().notNull(),
    /** What a reader using assistive technology should know, such as "Tagged PDF; tables have headers". */
    accessibilityNotes: text().notNull().default(''),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('consultation_documents_consultation_id_idx').on(t.consultationId, t.createdAt), uniqueIndex('consultation_documents_file_id_idx').on(t.fileId)],
)

export type ConsultationDocumentKind = (typeof consultationDocumentKindEnum.enumValues)[number]
