import { auditEvents } from '~db/schema'
import type { DbOrTx } from './db.server'

export type AuditEntry = {
  actor: { id: string; email: string } | null
  action: string
  subjectType: string
  subjectId?: string | null
  before?: unknown
  after?: unknown
}

/**
 * Records who did what to which thing, with before and after. Callers pass
 * the transaction that makes the change, so the record and the change commit
 * together or not at all.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry) {
  await tx.insert(auditEvents).values({
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  })
}
