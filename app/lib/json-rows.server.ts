import { sql } from 'drizzle-orm'
import type { DbOrTx } from './db.server'

/**
 * Inserts many rows given with the table's own column names, all of them in
 * one JSON parameter that PostgreSQL turns into rows of the table's types.
 * A statement with a parameter per value (a thousand imported responses
 * have tens of thousands) takes longer to build and plan than to run.
 */
export async function insertJsonRows(tx: DbOrTx, table: string, rows: Array<Record<string, unknown>>, { skipConflicts = false } = {}) {
  if (!rows.length) return
  const columns = sql.raw(
    Object.keys(rows[0])
      .map((c) => `"${c}"`)
      .join(', '),
  )
  await tx.execute(
    sql`insert into ${sql.identifier(table)} (${columns}) select ${columns} from jsonb_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::jsonb)${skipConflicts ? sql` on conflict do nothing` : sql``}`,
  )
}
