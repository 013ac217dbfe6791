import { bigserial, index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { timestamps } from './columns'

export const outboxOperationEnum = pgEnum('outbox_operation', ['upsert', 'delete'])

/**
 * Search changes waiting to reach the engine. Rows are written in the same
 * transaction as the change they describe, so a search outage never loses or
 * blocks a write; the indexing worker drains them.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    indexName: text().notNull(),
    documentId: text().notNull(),
    operation: outboxOperationEnum().notNull(),
    attempts: integer().notNull().default(0),
    lastError: text(),
    availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('search_outbox_available_idx').on(t.availableAt, t.id), index('search_outbox_document_idx').on(t.indexName, t.documentId)],
)

export type SearchOutboxRow = typeof searchOutbox.$inferSelect
