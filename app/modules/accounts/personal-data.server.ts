import { eq, sql as dsql } from 'drizzle-orm'
import { db, type DbOrTx } from '~/lib/db.server'
import { auditExport } from '~/lib/export-audit.server'
import { PERSONAL_DATA_SECTIONS } from '~/personal-data.server'
import { users } from '~db/schema'

/** The person's own download of their data; null when the account is gone. The download is audited. */
export async function downloadPersonalData(user: { id: string; email: string }) {
  const data = await exportPersonalData(user.id)
  if (data) await auditExport(user, 'account.export', { type: 'user', id: user.id })
  return data
}

export async function exportPersonalData(userId: string, { now = new Date() } = {}) {
  return db.transaction(
    async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, userId))
      if (!user) return null
      const out: Record<string, unknown> = { exportedAt: now.toISOString() }
      for (const section of PERSONAL_DATA_SECTIONS) out[section.key] = await section.export(tx, user)
      // Tables no domain has described yet still appear, as plain rows, so the download is never incomplete.
      const covered = new Set(PERSONAL_DATA_SECTIONS.flatMap((s) => s.tables))
      const otherRecords: Record<string, unknown[]> = {}
      for (const { table, column } of await referencesToUsers(tx)) {
        if (covered.has(table)) continue
        const rows = await tx.execute<Record<string, unknown>>(dsql`select * from ${dsql.identifier(table)} where ${dsql.identifier(column)} = ${user.id}`)
        if (rows.length) (otherRecords[table] ??= []).push(...rows.map(withoutSecrets))
      }
      if (Object.keys(otherRecords).length) out.otherRecords = otherRecords
      return out
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

/** Every single-column foreign key to users, read from the database so new tables are never missed. */
export async function referencesToUsers(tx: DbOrTx = db) {
  const rows = await tx.execute<{ table: string; column: string }>(dsql`
    select c.conrelid::regclass::text as "table", a.attname as "column"
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'users'::regclass and array_length(c.conkey, 1) = 1
    order by 1, 2`)
  return rows.map((r) => ({ table: r.table.replace(/^public\./, ''), column: r.column }))
}

function withoutSecrets(row: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !/hash|token|secret|password/i.test(key)))
}

export async function eraseHooks() {
  return PERSONAL_DATA_SECTIONS.flatMap((s) => (s.erase ? [s.erase] : []))
}

export async function deletionStatements() {
  return PERSONAL_DATA_SECTIONS.flatMap((s) => (s.onDelete ? [s.onDelete] : []))
}
