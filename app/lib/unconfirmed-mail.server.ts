import { createHmac } from 'node:crypto'
import { lt, sql as dsql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { mailRequests, users } from '~db/schema'
import { config } from './config.server'
import { db, type DbOrTx } from './db.server'
import { defineJob } from './jobs.server'
import { RuleError } from './result'

/**
 * Limits on email to addresses nobody has confirmed, so the hub cannot be
 * used to flood someone's inbox or to relay text to strangers (decision 123).
 */
export const MAIL_LIMIT_WINDOW_MINUTES = 60
/** Requests for one inbox, from anyone. */
export const MAX_MAIL_PER_RECIPIENT = 5
/** Requests from one network address, to any inboxes. */
export const MAX_MAIL_PER_CLIENT = 30
/** Requests by one signed-in account, to any inboxes. */
export const MAX_MAIL_PER_SENDER = 30

export const RECIPIENT_LIMITED = `We cannot send any more emails to this address for now. Wait 1 hour, then try again.`
export const CLIENT_LIMITED = `You have asked us to send too many emails. Wait 1 hour, then try again.`

/** The longest piece of typed text (a name, an answer) an email to an unconfirmed address repeats. */
export const MAX_ECHOED_TO_UNCONFIRMED = 100

export type MailRequester = { ip?: string | null; senderId?: string | null }
export type MailKind =
  | 'registration'
  | 'verification'
  | 'email_change'
  | 'password_reset'
  | 'subscription'
  | 'consultation_resume'
  | 'consultation_acknowledgement'
  | 'consultation_withdrawal'
  | 'consultation_request'
  | 'organisation_invitation'

/**
 * Keyed with COOKIE_SECRET: an address's hash cannot be recomputed from the
 * table alone (a plain hash of an IPv4 address is reversed by trying all
 * four billion), yet equal inputs still match.
 */
function keyed(kind: 'recipient' | 'client' | 'sender', value: string) {
  return createHmac('sha256', config().COOKIE_SECRET!).update(`${kind}:${value}`).digest('base64url')
}

/**
 * Counts a request to email `to`, an address not yet confirmed, or refuses
 * it with the message to show. A refused request is not counted, so waiting
 * always works. Counted before anything looks up the address, so the answer
 * is the same whether or not it has an account. A request it lets through
 * holds locks on the inbox and the client until the transaction ends, so a
 * burst cannot slip past the count.
 */
export async function allowMailTo(tx: DbOrTx, to: string, kind: MailKind, requester: MailRequester, now = new Date()): Promise<MailAllowance> {
  return countMailRequest(tx, to, kind, requester, now, { exemptConfirmed: false })
}

/**
 * allowMailTo for email that goes whole to an address its account has
 * confirmed: such an address is not counted (`confirmed` says which), in the
 * same statement as the first count, as a submission on a consultation's
 * last day needs.
 */
export async function allowMailUnlessConfirmed(tx: DbOrTx, to: string, kind: MailKind, requester: MailRequester, now = new Date()): Promise<MailAllowance> {
  return countMailRequest(tx, to, kind, requester, now, { exemptConfirmed: true })
}

export type MailAllowance = { ok: true; confirmed: boolean } | { ok: false; message: string }

async function countMailRequest(tx: DbOrTx, to: string, kind: MailKind, { ip, senderId }: MailRequester, now: Date, { exemptConfirmed }: { exemptConfirmed: boolean }): Promise<MailAllowance> {
  const address = to.trim().toLowerCase()
  const recipientHash = keyed('recipient', address)
  const clientHash = ip ? keyed('client', ip) : null
  const senderHash = senderId ? keyed('sender', senderId) : null
  const since = new Date(now.getTime() - MAIL_LIMIT_WINDOW_MINUTES * 60_000)
  // One count per limit, each on its own (hash, time) index, so the plan kept for the statement suits every request.
  const within = (column: AnyPgColumn, hash: string | null) => dsql`(select count(*)::int from ${mailRequests} where ${column} = ${hash} and ${mailRequests.createdAt} > ${since.toISOString()})`
  const counts = dsql`${within(mailRequests.recipientHash, recipientHash)} as recipient, ${within(mailRequests.clientHash, clientHash)} as client, ${within(mailRequests.senderHash, senderHash)} as sender`
  type Counts = { recipient: number; client: number; sender: number; confirmed?: boolean }
  const refusalFrom = (c: Counts) => {
    if (c.recipient >= MAX_MAIL_PER_RECIPIENT) return { ok: false as const, message: RECIPIENT_LIMITED }
    if (c.client >= MAX_MAIL_PER_CLIENT || c.sender >= MAX_MAIL_PER_SENDER) return { ok: false as const, message: CLIENT_LIMITED }
    return null
  }
  const recount = dsql`select ${counts}`
  const [first] = await tx.execute<Counts>(
    exemptConfirmed ? dsql`select exists (select 1 from ${users} where ${users.email} = ${address} and ${users.emailVerifiedAt} is not null) as confirmed, ${counts}` : recount,
  )
  if (first.confirmed) return { ok: true, confirmed: true }
  // Counts only fall as the window moves, so a request already over a limit is refused without taking the
  // locks: a crowd behind one network address (an office, a mobile network) is not queued one by one behind them.
  const early = refusalFrom(first)
  if (early) return early
  // Taken in one statement, always in the same order (inbox, client, account), so two requests cannot deadlock.
  const locks = [recipientHash, clientHash, senderHash].filter((key) => key !== null).map((key) => dsql`pg_advisory_xact_lock(hashtext(${`mail:${key}`}))`)
  await tx.execute(dsql`select ${dsql.join(locks, dsql`, `)}`)
  const [counted] = await tx.execute<Counts>(recount)
  const refused = refusalFrom(counted)
  if (refused) return refused
  await tx.insert(mailRequests).values({ kind, recipientHash, clientHash, senderHash, createdAt: now })
  return { ok: true, confirmed: false }
}

/** Requests are kept a day, far longer than any limit's window looks back. */
export const MAIL_REQUESTS_KEPT_HOURS = 24

/** Forgets requests older than a day: an hourly job's work, so no request waits on it. */
export async function forgetOldMailRequests(now = new Date()) {
  const forgotten = await db
    .delete(mailRequests)
    .where(lt(mailRequests.createdAt, new Date(now.getTime() - MAIL_REQUESTS_KEPT_HOURS * 60 * 60_000)))
    .returning({ id: mailRequests.id })
  return forgotten.length
}

export const forgetOldMailRequestsJob = defineJob<object>({
  name: 'mail.forget-old-requests',
  schedule: '7 * * * *',
  handler: async () => {
    await forgetOldMailRequests()
  },
})

/** allowMailTo in a transaction of its own, for a request that writes nothing else before it is counted. */
export function allowMailToNow(to: string, kind: MailKind, requester: MailRequester, now = new Date()) {
  return db.transaction((tx) => allowMailTo(tx, to, kind, requester, now))
}

/** allowMailTo for a write that throws its refusals: the message goes to `field` on the page the request came from. */
export async function assertMailAllowed(tx: DbOrTx, to: string, kind: MailKind, requester: MailRequester, { field = 'email', now = new Date() }: { field?: string; now?: Date } = {}) {
  const allowed = await allowMailTo(tx, to, kind, requester, now)
  if (!allowed.ok) throw new RuleError({ [field]: allowed.message }, { code: 'mail_limited' })
}

/** Pages answer a refusal by the mail limits with 429, any other broken rule with 400. */
export const mailLimitedStatus = (error: RuleError) => (error.code === 'mail_limited' ? 429 : 400)

/**
 * The one rule for typed text in email to an address nobody has confirmed:
 * each piece (a name, an answer, a reason) is repeated up to 100
 * characters, so the hub cannot carry someone's message to a stranger.
 */
export function echoToUnconfirmed(text: string | null | undefined): string {
  const value = (text ?? '').replace(/\s+/g, ' ').trim()
  return value.length > MAX_ECHOED_TO_UNCONFIRMED ? `${value.slice(0, MAX_ECHOED_TO_UNCONFIRMED - 1)}…` : value
}
