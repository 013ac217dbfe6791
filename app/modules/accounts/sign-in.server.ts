import { and, count, eq, gt, inArray, isNull, max, sql as dsql } from 'drizzle-orm'
import { db, type DbOrTx } from '~/lib/db.server'
import { fail, ok, type Failure, type Result } from '~/lib/result'
import { signInAttempts, users, type User } from '~db/schema'
import { hashPassword, verifyPassword } from './passwords.server'
import { normaliseEmail } from './users.server'

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000
/** Wrong passwords for one account from one network address. */
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5
/** Wrong guesses from one network address, whichever accounts they were for. */
export const MAX_FAILURES_PER_ADDRESS = 20
/** Wrong authenticator or recovery codes for one account from anywhere: only someone with the password gets that far. */
export const MAX_CODE_FAILURES_PER_ACCOUNT = 10

export const SIGN_IN_FAILED = 'Enter a correct email address and password'
export const SIGN_IN_THROTTLED = 'You have tried to sign in too many times. Wait 15 minutes, then try again, or reset your password.'
export const PASSWORD_CHECK_THROTTLED = 'You have entered a wrong password too many times. Wait 15 minutes, then try again.'

export type SignInOutcome = { ok: true; user: User } | Failure<'failed' | 'throttled'>
export type AttemptKind = (typeof signInAttempts.kind.enumValues)[number]

// Compared against when the email has no account, so a wrong address takes as long as a wrong password.
let decoyHash: Promise<string> | undefined

export function validIp(ip: string | null | undefined): string | null {
  if (!ip) return null
  const bare = ip.replace(/^::ffff:/, '')
  return /^[\d.]+$|^[\da-f:]+$/i.test(bare) ? bare : null
}

type Guesser = { email: string; ip: string | null }

/**
 * Whether guesses at this account from this address are refused for now.
 * The lock is per account and address together, so someone elsewhere cannot
 * lock the owner out; a success for the account (a sign-in or a password
 * reset) clears it, and refused attempts are not counted, so waiting out the
 * window always works. Takes a lock on the account's guesses until the
 * caller's transaction ends, so a burst cannot slip past the count.
 */
export async function guessesRefused(tx: DbOrTx, { email, ip }: Guesser, now = new Date()): Promise<boolean> {
  await tx.execute(dsql`select pg_advisory_xact_lock(hashtext(${`sign-in:${email}`}))`)
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS)
  const lastSuccess = async (kinds: AttemptKind[]) => {
    const [row] = await tx
      .select({ at: max(signInAttempts.createdAt) })
      .from(signInAttempts)
      .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, true), inArray(signInAttempts.kind, kinds), gt(signInAttempts.createdAt, since)))
    return row?.at && row.at > since ? row.at : since
  }
  // A right password does not reset the count of wrong codes: only a right code or a reset does.
  const [passwordSince, codeSince] = await Promise.all([lastSuccess(['password', 'code', 'reset']), lastSuccess(['code', 'reset'])])
  const sameAddress = ip ? dsql`${signInAttempts.ipAddress} = ${ip}::inet` : isNull(signInAttempts.ipAddress)
  const failures = (kind: AttemptKind, after: Date) => and(eq(signInAttempts.email, email), eq(signInAttempts.kind, kind), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, after))
  const [[{ pair }], [{ codes }]] = await Promise.all([
    tx
      .select({ pair: count() })
      .from(signInAttempts)
      .where(and(failures('password', passwordSince), sameAddress)),
    tx.select({ codes: count() }).from(signInAttempts).where(failures('code', codeSince)),
  ])
  if (pair >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS || codes >= MAX_CODE_FAILURES_PER_ACCOUNT) return true
  if (!ip) return false
  const [{ address }] = await tx
    .select({ address: count() })
    .from(signInAttempts)
    .where(and(dsql`${signInAttempts.ipAddress} = ${ip}::inet`, eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)))
  return address >= MAX_FAILURES_PER_ADDRESS
}

export async function recordAttempt(tx: DbOrTx, { email, ip, kind, succeeded, now = new Date() }: Guesser & { kind: AttemptKind; succeeded: boolean; now?: Date }) {
  await tx.insert(signInAttempts).values({ email, ipAddress: ip, kind, succeeded, createdAt: now })
}

/** Checks a password with throttling (see guessesRefused). */
export async function signIn({ email: rawEmail, password, ip: rawIp, now = new Date() }: { email: string; password: string; ip?: string | null; now?: Date }): Promise<SignInOutcome> {
  const email = normaliseEmail(rawEmail)
  const ip = validIp(rawIp)
  return db.transaction(async (tx) => {
    if (await guessesRefused(tx, { email, ip }, now)) return fail({ email: SIGN_IN_THROTTLED }, 'throttled')
    const [user] = await tx.select().from(users).where(eq(users.email, email))
    decoyHash ??= hashPassword('a password no account has')
    const matches = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await decoyHash, password), false)
    await recordAttempt(tx, { email, ip, kind: 'password', succeeded: matches, now })
    return matches ? ({ ok: true, user } as const) : fail({ email: SIGN_IN_FAILED }, 'failed')
  })
}

/**
 * The current-password check before changing a password or email address or
 * deleting an account: the same guesses, counted and refused like sign-in's,
 * so a stolen session cannot be used to find the password.
 */
export async function checkCurrentPassword(
  userId: string,
  password: string,
  { field, wrong, ip: rawIp, now = new Date() }: { field: string; wrong: string; ip?: string | null; now?: Date },
): Promise<Result<User, 'wrong' | 'throttled'>> {
  const ip = validIp(rawIp)
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId))
    if (!user) return fail({ [field]: wrong }, 'wrong')
    if (await guessesRefused(tx, { email: user.email, ip }, now)) return fail({ [field]: PASSWORD_CHECK_THROTTLED }, 'throttled')
    const matches = await verifyPassword(user.passwordHash, password)
    // Only failures are recorded: a success here is not a sign-in, so it clears no lock.
    if (!matches) await recordAttempt(tx, { email: user.email, ip, kind: 'password', succeeded: false, now })
    return matches ? ok(user) : fail({ [field]: wrong }, 'wrong')
  })
}
