import crypto from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { DbOrTx } from '~/lib/db.server'
import { accountTokens } from '~db/schema'

export type TokenPurpose = 'verify_email' | 'reset_password'

export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 60 * 60 * 1000,
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

/**
 * Issues a token for one purpose and one address. Only its hash is stored;
 * the plain token exists only in the link sent to that address.
 */
export async function issueToken(tx: DbOrTx, { userId, purpose, email, now = new Date() }: { userId: string; purpose: TokenPurpose; email: string; now?: Date }) {
  const token = crypto.randomBytes(32).toString('base64url')
  const [row] = await tx
    .insert(accountTokens)
    .values({ userId, purpose, email, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]) })
    .returning({ id: accountTokens.id })
  return { token, id: row.id }
}

export type TokenCheck = { status: 'valid'; token: typeof accountTokens.$inferSelect } | { status: 'expired' | 'used'; token: typeof accountTokens.$inferSelect } | { status: 'invalid' }

/** Reads a token without using it, so a form can be shown for a link that still works. */
export async function checkToken(tx: DbOrTx, token: string | null | undefined, purpose: TokenPurpose, now = new Date()): Promise<TokenCheck> {
  if (!token || token.length > 200) return { status: 'invalid' }
  const [row] = await tx
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
  if (!row) return { status: 'invalid' }
  if (row.usedAt) return { status: 'used', token: row }
  if (row.expiresAt <= now) return { status: 'expired', token: row }
  return { status: 'valid', token: row }
}

/**
 * Marks a token used. The conditional update means two requests racing with
 * the same link cannot both succeed.
 */
export async function consumeToken(tx: DbOrTx, token: string | null | undefined, purpose: TokenPurpose, now = new Date()): Promise<TokenCheck> {
  const check = await checkToken(tx, token, purpose, now)
  if (check.status !== 'valid') return check
  const [used] = await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.id, check.token.id), isNull(accountTokens.usedAt)))
    .returning()
  if (!used) return { status: 'used', token: check.token }
  return { status: 'valid', token: used }
}

/** A new link makes earlier unused ones for the same purpose worthless. */
export async function retireTokens(tx: DbOrTx, userId: string, purpose: TokenPurpose, now = new Date()) {
  await tx
    .update(accountTokens)
    .set({ usedAt: now })
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)))
}
