import crypto from 'node:crypto'
import { and, arrayContains, asc, count, eq, ilike, inArray, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { Actor } from '~/lib/actor'
import { recordAudit } from '~/lib/audit.server'
import { parseCsv, toCsv } from '~/lib/csv'
import { db } from '~/lib/db.server'
import { auditExport } from '~/lib/export-audit.server'
import { likePattern } from '~/lib/like'
import { plural } from '~/lib/plural'
import { RuleError } from '~/lib/result'
import { formatDate } from '~/lib/time'
import { subscribers, type Subscriber, type SubscriptionTopic } from '~db/schema'
import { SUBSCRIBER_STATUS_LABELS, SUBSCRIBER_STATUSES, TOPIC_LABELS, TOPICS } from './topics'

/** Staff's view of the subscriber list: finding people, downloading the list, and importing people who agreed elsewhere. */

export const SUBSCRIBER_PAGE_SIZE = 50

export type SubscriberFilter = { q?: string; status?: Subscriber['status'] | null; topic?: SubscriptionTopic | null }

/** The filter a list page or its download was asked for; anything unknown is ignored. */
export function subscriberFilterFrom(params: URLSearchParams): SubscriberFilter {
  const status = params.get('status')
  const topic = params.get('topic')
  return {
    q: (params.get('q') ?? '').trim().slice(0, 254),
    status: (SUBSCRIBER_STATUSES as readonly string[]).includes(status ?? '') ? (status as Subscriber['status']) : null,
    topic: (TOPICS as readonly string[]).includes(topic ?? '') ? (topic as SubscriptionTopic) : null,
  }
}

function where({ q, status, topic }: SubscriberFilter): SQL | undefined {
  return and(
    q ? ilike(subscribers.email, likePattern(q.trim().toLowerCase())) : undefined,
    status ? eq(subscribers.status, status) : undefined,
    topic ? arrayContains(subscribers.topics, [topic]) : undefined,
  )
}

const LISTED = {
  id: subscribers.id,
  email: subscribers.email,
  status: subscribers.status,
  topics: subscribers.topics,
  createdAt: subscribers.createdAt,
  confirmedAt: subscribers.confirmedAt,
  unsubscribedAt: subscribers.unsubscribedAt,
  bouncedAt: subscribers.bouncedAt,
  consentSource: subscribers.consentSource,
  importedAt: subscribers.importedAt,
}

export async function searchSubscribers(filter: SubscriberFilter, page = 1) {
  const condition = where(filter)
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(LISTED)
      .from(subscribers)
      .where(condition)
      .orderBy(asc(subscribers.email))
      .limit(SUBSCRIBER_PAGE_SIZE)
      .offset((page - 1) * SUBSCRIBER_PAGE_SIZE),
    db.select({ total: count() }).from(subscribers).where(condition),
  ])
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / SUBSCRIBER_PAGE_SIZE)) }
}

/** Confirmed subscribers to the newsletter: whom "Send now" would send to. */
export async function newsletterRecipientCount() {
  const [{ total }] = await db
    .select({ total: count() })
    .from(subscribers)
    .where(and(eq(subscribers.status, 'confirmed'), arrayContains(subscribers.topics, ['newsletter'])))
  return total
}

/** The list as CSV, filtered as on the page. Addresses are personal data, so the download is audited first. */
export async function exportSubscribers(actor: Actor, filter: SubscriberFilter) {
  await auditExport(actor, 'subscriber.list.export', { type: 'subscriber', id: 'list' }, { filter })
  const rows = await db.select(LISTED).from(subscribers).where(where(filter)).orderBy(asc(subscribers.email))
  return toCsv(
    ['Email address', 'Status', 'Topics', 'Subscribed', 'Confirmed', 'Unsubscribed', 'Bounced', 'Imported', 'Consent recorded at import'],
    rows.map((r) => [r.email, SUBSCRIBER_STATUS_LABELS[r.status], r.topics.map((t) => TOPIC_LABELS[t]), r.createdAt, r.confirmedAt, r.unsubscribedAt, r.bouncedAt, r.importedAt, r.consentSource]),
  )
}

/** What a topic may be called in an import file: its key or its label, in any case. */
const TOPIC_NAMES = new Map<string, SubscriptionTopic>(TOPICS.flatMap((t) => [[t, t] as const, [TOPIC_LABELS[t].toLowerCase(), t] as const, [t.replace('_', ' '), t] as const]))

const emailSchema = z.email()

export type ImportOutcome = { added: number; topicsAdded: number; unchanged: number }

/**
 * Adds people who agreed elsewhere (a sign-up sheet, an event form) as
 * confirmed subscribers, with the staff member's account of that consent on
 * each row. All or nothing: any bad row refuses the whole file with every
 * bad row named. An address that unsubscribed or bounced is a bad row, as an
 * import must not undo someone's choice to leave. Importing the same file
 * again changes nothing.
 */
export async function importSubscribers(actor: Actor, csv: string, consentSource: string, { now = new Date() } = {}): Promise<ImportOutcome> {
  const consent = consentSource.trim()
  if (!consent) throw new RuleError({ consent: 'Enter how the people in the file agreed to get these emails' })
  if (consent.length > 500) throw new RuleError({ consent: 'How the people agreed must be 500 characters or fewer' })
  const rows = parseCsv(csv)
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase())
  const emailColumn = header.findIndex((h) => h === 'email' || h === 'email address')
  if (emailColumn < 0) throw new RuleError({ file: 'The file’s first row must name its columns, with one called “email”' })
  const topicsColumn = header.findIndex((h) => h === 'topics' || h === 'topic')

  const problems: Array<[row: number, problem: string]> = []
  const wanted = new Map<string, { row: number; topics: SubscriptionTopic[] }>()
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2
    if (cells.every((c) => !c.trim())) return
    const email = (cells[emailColumn] ?? '').trim().toLowerCase()
    if (!email) return problems.push([row, `the email address is missing`])
    if (!emailSchema.safeParse(email).success) return problems.push([row, `“${email.slice(0, 80)}” is not an email address`])
    const named = topicsColumn < 0 || !(cells[topicsColumn] ?? '').trim() ? ['newsletter'] : cells[topicsColumn].split(/[;|]/).map((t) => t.trim().toLowerCase())
    const unknown = named.filter((t) => t && !TOPIC_NAMES.has(t))
    if (unknown.length) return problems.push([row, `“${unknown[0].slice(0, 80)}” is not a topic; use ${TOPICS.join(', ')}`])
    const earlier = wanted.get(email)
    if (earlier) return problems.push([row, `${email} is also on row ${earlier.row}`])
    wanted.set(email, { row, topics: [...new Set(named.filter(Boolean).map((t) => TOPIC_NAMES.get(t)!))] })
  })
  if (!wanted.size && !problems.length) throw new RuleError({ file: 'The file has no email addresses below its first row' })

  return db.transaction(async (tx) => {
    const existing = wanted.size
      ? await tx
          .select()
          .from(subscribers)
          .where(inArray(subscribers.email, [...wanted.keys()]))
          .for('update')
      : []
    const byEmail = new Map(existing.map((s) => [s.email, s]))
    for (const [email, { row }] of wanted) {
      const s = byEmail.get(email)
      if (s?.status === 'unsubscribed') problems.push([row, `${email} unsubscribed${s.unsubscribedAt ? ` on ${formatDate(s.unsubscribedAt)}` : ''}; an import cannot subscribe them again`])
      if (s?.status === 'bounced') problems.push([row, `${email} bounced${s.bouncedAt ? ` on ${formatDate(s.bouncedAt)}` : ''}; only its owner can subscribe it again`])
    }
    if (problems.length) {
      problems.sort((a, b) => a[0] - b[0])
      throw new RuleError(
        {
          file: `Nothing was imported. Correct ${plural(problems.length, 'row')} and import the file again`,
          ...Object.fromEntries(problems.map(([row, problem]) => [`row-${row}`, `Row ${row}: ${problem}`])),
        },
        { code: 'bad_rows' },
      )
    }
    const outcome: ImportOutcome = { added: 0, topicsAdded: 0, unchanged: 0 }
    const fresh = [...wanted].filter(([email]) => !byEmail.has(email))
    if (fresh.length) {
      const inserted = await tx
        .insert(subscribers)
        .values(
          fresh.map(([email, { topics }]) => ({
            email,
            topics,
            status: 'confirmed' as const,
            confirmedAt: now,
            token: crypto.randomBytes(32).toString('base64url'),
            consentSource: consent,
            importedAt: now,
            importedById: actor.id,
          })),
        )
        // Someone subscribing by the form at this moment keeps their own row and confirmation.
        .onConflictDoNothing({ target: subscribers.email })
        .returning({ id: subscribers.id })
      outcome.added = inserted.length
    }
    for (const s of existing) {
      const topics = wanted.get(s.email)!.topics
      const merged = [...new Set([...(s.status === 'confirmed' ? s.topics : []), ...topics])]
      if (s.status === 'confirmed' && merged.length === s.topics.length) {
        outcome.unchanged += 1
        continue
      }
      await tx
        .update(subscribers)
        .set({ topics: merged, status: 'confirmed', confirmedAt: s.confirmedAt ?? now, confirmTokenHash: null, consentSource: consent, importedAt: now, importedById: actor.id })
        .where(eq(subscribers.id, s.id))
      outcome.topicsAdded += 1
    }
    await recordAudit(tx, { actor, action: 'subscriber.import', subjectType: 'subscriber', after: { ...outcome, consent } })
    return outcome
  })
}
