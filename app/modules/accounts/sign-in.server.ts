import { and, count, eq, gt, max, sql as dsql } from 'drizzle-orm'
import { db } from '~/lib/db.server'
import { signInAttempts, users, type User } from '~db/schema'
import { hashPassword, verifyPassword } from './passwords.server'
import { normaliseEmail } from './users.server'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_ADDRESS = 20

export const SIGN_IN_FAILED = 'Enter a correct email address and password'
export const SIGN_IN_THROTTLED = 'You have tried to sign in too many times. Wait 15 minutes, then try again.'

export type SignInOutcome = { ok: true; user: User } | { ok: false; reason: 'failed' | 'throttled' }

// Compared against when the email has no account, so a wrong address takes as long as a wrong password.
let decoyHash: Promise<string> | undefined

function validIp(ip: string | null | undefined): string | null {
  if (!ip) return null
  const bare = ip.replace(/^::ffff:/, '')
  return /^[\d.]+$|^[\da-f:]+$/i.test(bare) ? bare : null
}

/**
 * Checks a password with throttling. Failures count per email address (since
 * its last success) and per network address, both over 15 minutes. Refused
 * attempts are not counted, so waiting out the window always works.
 */
export async function signIn({ email: rawEmail, password, ip: rawIp, now = new Date() }: { email: string; password: string; ip?: string | null; now?: Date }): Promise<SignInOutcome> {
  const email = normaliseEmail(rawEmail)
  const ip = validIp(rawIp)
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS)
  return db.transaction(async (tx) => {
    // Attempts for one address queue up here, so a burst cannot slip past the count.
    await tx.execute(dsql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`)
    const [lastSuccess] = await tx
      .select({ at: max(signInAttempts.createdAt) })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, true), gt(signInAttempts.createdAt, since)))
    const accountSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since
    const [{ value: accountFailures }] = await tx
      .select({ value: count() })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, accountSince)))
    let addressFailures = 0
    if (ip) {
      ;[{ value: addressFailures }] = await tx
        .select({ value: count() })
        .from(signInAttempts)
        .where(and(dsql`${signInAttempts.ipAddress} = ${ip}::inet`, eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)))
    }
    if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS) return { ok: false, reason: 'throttled' } as const

    const [user] = await tx.select().from(users).where(eq(users.email, email))
    decoyHash ??= hashPassword('a password no account has')
    const matches = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await decoyHash, password), false)
    await tx.insert(signInAttempts).values({ email, ipAddress: ip, succeeded: matches, createdAt: now })
    return matches ? ({ ok: true, user } as const) : ({ ok: false, reason: 'failed' } as const)
  })
}
