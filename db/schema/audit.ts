import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { id, timestamps } from './columns'

export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    before: jsonb(),
    after: jsonb(),
    createdAt: timestamps.createdAt,
  },
  (t) => [index('audit_events_actor_id_idx').on(t.actorId), index('audit_events_subject_idx').on(t.subjectType, t.subjectId), index('audit_events_created_at_idx').on(t.createdAt)],
)

export type AuditEvent = typeof auditEvents.$inferSelect
export type NewAuditEvent = typeof auditEvents.$inferInsert
