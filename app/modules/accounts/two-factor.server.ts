import crypto from 'node:crypto'
import type { Actor } from '~/lib/actor'
import { and, count, eq, isNull } from 'drizzle-orm'
import { recordAudit } from '~/lib/audit.server'
import { db } from '~/lib/db.server'
import { fail, ok, type Result } from '~/lib/result'
import { recoveryCodes, users } from '~db/schema'
import { sendRecoveryCodeUsedNotice } from './emails.server'
import { guessesRefused, recordAttempt, validIp } from './sign-in.server'
import { groupedSecret, matchTotp, newTotpSecret, otpauthUri } from './totp.server'

export const RECOVERY_CODE_COUNT = 10
export const ISSUER = 'Commissioning Hub'

export const CODE_MISSING = 'Enter the 6-digit code from your authenticator app'
export const CODE_FORMAT = 'The code must be 6 numbers, like 123456'
export const CODE_WRONG = 'The code is not correct or has already been used. Enter the code your app shows now'
export const CODE_THROTTLED = 'You have entered too many wrong codes. Wait 15 minutes, then try again, or reset your password.'
export const RECOVERY_CODE_MISSING = 'Enter one of your recovery codes'
export const RECOVERY_CODE_WRONG = 'The recovery code is not correct or has already been used'

// No 0/o, 1/l/i: recovery codes are read off paper and typed.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

function newRecoveryCode() {
  let code = ''
  for (const byte of crypto.randomBytes(10)) code += RECOVERY_ALPHABET[byte % RECOVERY_ALPHABET.length]
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

function normaliseRecoveryCode(code: string) {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** Salted with the account, so one code's hash matches nobody else's. */
function hashRecoveryCode(userId: string, code: string) {
  return crypto
    .createHash('sha256')
    .update(`${userId}:${normaliseRecoveryCode(code)}`)
    .digest('hex')
}

export type Enrolment = { status: 'enrolled'; enabledAt: Date; recoveryCodesLeft: number } | { status: 'pending'; secret: string; groupedSecret: string; uri: string }

/**
 * The authenticator app set-up for this account: when set up, since when and
 * how many recovery codes are left; otherwise the secret to add to the app,
 * made on the first visit and kept until it is confirmed, so a second tab or
 * a reload shows the same one.
 */
export async function enrolment(userId: string): Promise<Enrolment | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!user) return null
    if (user.totpEnabledAt) {
      const [{ left }] = await tx
        .select({ left: count() })
        .from(recoveryCodes)
        .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
      return { status: 'enrolled', enabledAt: user.totpEnabledAt, recoveryCodesLeft: left }
    }
    let secret = user.totpSecret
    if (!secret) {
      secret = newTotpSecret()
      await tx.update(users).set({ totpSecret: secret }).where(eq(users.id, userId))
    }
    return { status: 'pending', secret, groupedSecret: groupedSecret(secret), uri: otpauthUri({ secret, account: user.email, issuer: ISSUER }) }
  })
}

async function replaceRecoveryCodes(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], userId: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, code) })))
  return codes
}

/** Confirms the set-up with a code from the app, which proves the app holds the secret. */
export async function confirmEnrolment(actor: Actor, code: string, { now = new Date() }: { now?: Date } = {}): Promise<Result> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update')
    if (!user?.totpSecret) return fail({ code: CODE_WRONG })
    if (user.totpEnabledAt) return fail({ code: 'Your authenticator app is already set up' })
    const step = matchTotp(user.totpSecret, code, { now })
    if (step === null) return fail({ code: CODE_WRONG })
    await tx.update(users).set({ totpEnabledAt: now, totpLastStep: step }).where(eq(users.id, user.id))
    await recordAudit(tx, { actor, action: 'account.authenticator_set_up', subjectType: 'user', subjectId: user.id })
    return ok()
  })
}

/**
 * The recovery codes of a newly set-up app, made the first time the page is
 * shown after set-up and returned that once: only their hashes are kept, so
 * afterwards (null) they can only be replaced.
 */
export async function issueFirstRecoveryCodes(actor: Actor): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update')
    if (!user?.totpEnabledAt) return null
    const [{ issued }] = await tx.select({ issued: count() }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))
    if (issued > 0) return null
    return replaceRecoveryCodes(tx, user.id)
  })
}

/** New recovery codes in place of all the old ones, for a session that has passed the second factor. */
export async function renewRecoveryCodes(actor: Actor): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.id)).for('update')
    if (!user?.totpEnabledAt) return null
    const codes = await replaceRecoveryCodes(tx, user.id)
    await recordAudit(tx, { actor, action: 'account.recovery_codes_renewed', subjectType: 'user', subjectId: user.id })
    return codes
  })
}

export type CodeCheck = Result<undefined, 'wrong' | 'throttled'>

type Attempt = { userId: string; code: string; ip?: string | null; now?: Date }

/**
 * Checks an authenticator code at sign-in. Each accepted code moves the
 * account's last used step on, so the same code (or an earlier one) is
 * refused afterwards; wrong codes count towards the sign-in lock.
 */
export async function checkAuthenticatorCode({ userId, code, ip: rawIp, now = new Date() }: Attempt): Promise<CodeCheck> {
  const ip = validIp(rawIp)
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!user?.totpSecret || !user.totpEnabledAt) return fail({ code: CODE_WRONG }, 'wrong')
    if (await guessesRefused(tx, { email: user.email, ip }, now)) return fail({ code: CODE_THROTTLED }, 'throttled')
    const step = matchTotp(user.totpSecret, code, { now, lastUsedStep: user.totpLastStep })
    await recordAttempt(tx, { email: user.email, ip, kind: 'code', succeeded: step !== null, now })
    if (step === null) return fail({ code: CODE_WRONG }, 'wrong')
    await tx.update(users).set({ totpLastStep: step }).where(eq(users.id, user.id))
    return ok()
  })
}

/** Uses up one recovery code in place of the app; the owner is told by email and the use is audited. */
export async function redeemRecoveryCode({ userId, code, ip: rawIp, now = new Date() }: Attempt): Promise<CodeCheck> {
  const ip = validIp(rawIp)
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
    if (!user?.totpEnabledAt) return fail({ code: RECOVERY_CODE_WRONG }, 'wrong')
    if (await guessesRefused(tx, { email: user.email, ip }, now)) return fail({ code: CODE_THROTTLED }, 'throttled')
    const [used] = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(user.id, code)), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id })
    await recordAttempt(tx, { email: user.email, ip, kind: 'code', succeeded: Boolean(used), now })
    if (!used) return fail({ code: RECOVERY_CODE_WRONG }, 'wrong')
    const [{ left }] = await tx
      .select({ left: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)))
    await sendRecoveryCodeUsedNotice(tx, { to: user.email, name: user.name, remaining: left, key: used.id })
    await recordAudit(tx, { actor: { id: user.id, email: user.email }, action: 'account.recovery_code_used', subjectType: 'user', subjectId: user.id, after: { recoveryCodesLeft: left } })
    return ok()
  })
}
