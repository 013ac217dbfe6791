import { recordAudit, type AuditEntry } from './audit.server'
import { db } from './db.server'

/**
 * Every download of data that is not open data leaves an audit record of
 * who took what, before the first byte is sent.
 */
export async function auditExport(actor: AuditEntry['actor'], action: string, subject: { type: string; id: string }, details?: Record<string, unknown>) {
  await recordAudit(db, { actor: actor ? { id: actor.id, email: actor.email } : null, action, subjectType: subject.type, subjectId: subject.id, after: details ?? null })
}
