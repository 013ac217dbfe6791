import type { DbOrTx, Tx } from '~/lib/db.server'
import type { User } from '~db/schema'

/**
 * One domain's part of "Download your data" and "Delete your account".
 * Each domain that stores something about a person exports its sections,
 * and app/personal-data.server.ts lists them.
 */
export type PersonalDataSection = {
  /** The key of this section in the downloaded JSON. */
  key: string
  /** Tables holding rows about the person that this section exports; a test checks every table referencing users is listed by some section. */
  tables: string[]
  export: (tx: DbOrTx, user: User) => Promise<unknown>
  /**
   * Runs in the deletion's transaction before the user row goes. Rows that
   * reference users with ON DELETE CASCADE or SET NULL need no hook unless
   * something else should happen to them.
   */
  erase?: (tx: Tx, user: User) => Promise<void>
  /** One sentence for the deletion page: what happens to this kind of thing. */
  onDelete?: string
}
