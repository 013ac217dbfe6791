import { customType, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

/** The kinds of document the hub accepts, as their content shows them to be. */
export type FileKind = 'pdf' | 'odt' | 'docx' | 'xlsx' | 'csv'

/**
 * An uploaded document, its bytes kept in PostgreSQL so every app process
 * serves it and a database backup holds it. Owners (a pipeline notice, a
 * consultation) link to it from their own tables.
 */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: id(),
    /** The name it was uploaded with, its extension corrected to the kind found. */
    name: text().notNull(),
    kind: text().$type<FileKind>().notNull(),
    mediaType: text().notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    content: bytea().notNull(),
    uploadedById: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('stored_files_uploaded_by_id_idx').on(t.uploadedById)],
)

export type StoredFile = typeof storedFiles.$inferSelect
