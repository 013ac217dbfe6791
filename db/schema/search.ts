import { bigserial, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
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

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * The PostgreSQL search engine's documents, used when Meilisearch is not
 * configured. A rebuild writes a new generation beside the live one and
 * switches `search_generations` in one transaction, so searches never see a
 * half-built index.
 */
export const searchDocuments = pgTable(
  'search_documents',
  {
    indexName: text().notNull(),
    generation: integer().notNull(),
    documentId: text().notNull(),
    fields: jsonb().$type<Record<string, unknown>>().notNull(),
    /**
     * The filterable and sortable fields alone: small enough to read for
     * every match when filtering, sorting and counting facets, where reading
     * whole documents (long bodies included) would dominate a search.
     */
    filterValues: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    searchVector: tsvector().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.indexName, t.generation, t.documentId] }), index('search_documents_vector_idx').using('gin', t.searchVector)],
)

/** Which generation of each index searches read. */
export const searchGenerations = pgTable('search_generations', {
  indexName: text().primaryKey(),
  generation: integer().notNull(),
})

/**
 * Words seen in each index, for correcting near misses ("employmnet") with
 * trigram similarity. Never pruned: a stale word only costs a suggestion.
 */
export const searchTerms = pgTable(
  'search_terms',
  {
    indexName: text().notNull(),
    term: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.indexName, t.term] })],
)

export type SearchDocumentRow = typeof searchDocuments.$inferSelect
