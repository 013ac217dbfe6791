import { eq } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, test } from 'vitest'
import { db } from '~/lib/db.server'
import { BULK_PRIORITY, queueEmail, queueEmails, sendDueMail, startMailPump, stopMailPump, useSmtpUrl } from '~/lib/email.server'
import { defineJob, sendJob, startJobs, stopJobs } from '~/lib/jobs.server'
import { mailDeliveries } from '~db/schema'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp'

/**
 * Faults in the parts around the app: a job that fails, a mail server that
 * refuses for now or for good. (The search outage is covered in
 * search-outbox.test.ts and a newsletter worker killed mid-send in
 * newsletters.test.ts.)
 */

let smtp: TestSmtpServer | undefined
afterEach(async () => {
  useSmtpUrl(undefined)
  await smtp?.close()
  smtp = undefined
})
afterAll(async () => {
  await stopJobs()
  await stopMailPump()
})

async function until<T>(check: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > deadline) throw new Error('Timed out waiting')
    await new Promise((r) => setTimeout(r, 200))
  }
}

async function delivery(id: string) {
  const [row] = await db.select().from(mailDeliveries).where(eq(mailDeliveries.id, id))
  return row
}

describe('jobs', () => {
  test('a job that throws is retried by the queue until it succeeds', { timeout: 60_000 }, async () => {
    const attempts: number[] = []
    const flaky = defineJob<{ n: number }>({
      name: 'test.faults.flaky',
      pollingIntervalSeconds: 0.5,
      handler: async ({ n }) => {
        attempts.push(n)
        if (attempts.length < 3) throw new Error('Failing on purpose')
      },
    })
    await startJobs([flaky])
    await sendJob('test.faults.flaky', { n: 7 }, { retryLimit: 5, retryDelay: 1, retryBackoff: false })
    await until(async () => attempts.length >= 3, 45_000)
    // A short pause shows that a job which succeeded is not run again.
    await new Promise((r) => setTimeout(r, 2500))
    expect(attempts).toEqual([7, 7, 7])
    await stopJobs()
  })
})

describe('mail server refusing', () => {
  test('a temporary refusal (4xx) is retried and later delivered exactly once', async () => {
    let refuse = true
    smtp = await startSmtpServer({ reject: () => (refuse ? { code: 451, message: '4.3.0 Try again later' } : null) })
    useSmtpUrl(smtp.url)
    const id = (await queueEmail({ to: 'later@example.com', subject: 'Your response', text: 'Thank you', idempotencyKey: 'faults-temporary' }))!
    expect(await sendDueMail()).toEqual(['retry'])
    const waiting = await delivery(id)
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 })
    expect(waiting.lastError).toMatch(/451|Try again/)
    // The first retry waits 30 seconds; until then the pump leaves it.
    expect(waiting.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(25_000)
    expect(await sendDueMail()).toEqual([])
    expect(smtp.received).toHaveLength(0)
    refuse = false
    await db
      .update(mailDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(mailDeliveries.id, id))
    expect(await sendDueMail()).toEqual(['sent'])
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 2 })
    // Sent is sent: the pump never takes the row again.
    expect(await sendDueMail()).toEqual([])
    expect(smtp.to('later@example.com')).toHaveLength(1)
  })

  test('a permanent refusal (5xx) marks the delivery failed and is not retried', async () => {
    let calls = 0
    smtp = await startSmtpServer({
      reject: () => {
        calls += 1
        return { code: 554, message: '5.7.1 Message refused' }
      },
    })
    useSmtpUrl(smtp.url)
    const id = (await queueEmail({ to: 'never@example.com', subject: 'Your response', text: 'Thank you', idempotencyKey: 'faults-permanent' }))!
    expect(await sendDueMail()).toEqual(['failed'])
    expect(await delivery(id)).toMatchObject({ status: 'failed', attempts: 1 })
    expect(await sendDueMail()).toEqual([])
    expect(calls).toBe(1)
    expect(smtp.received).toHaveLength(0)
    expect((await delivery(id)).attempts).toBe(1)
  })

  test('through the running pump: refused twice for now, then delivered once', { timeout: 60_000 }, async () => {
    let refusals = 0
    smtp = await startSmtpServer({ reject: () => (refusals++ < 2 ? { code: 421, message: '4.7.0 Busy' } : null) })
    useSmtpUrl(smtp.url)
    startMailPump()
    const id = (await queueEmail({ to: 'worker@example.com', subject: 'Sign in link', text: 'Hello', idempotencyKey: 'faults-worker' }))!
    // Each refusal sets the next attempt; bring it forward rather than wait the 30 and 60 seconds.
    const sent = await until(async () => {
      const row = await delivery(id)
      if (row.status === 'queued' && row.nextAttemptAt) await db.update(mailDeliveries).set({ nextAttemptAt: new Date() }).where(eq(mailDeliveries.id, id))
      return row.status === 'sent' ? row : null
    }, 50_000)
    expect(sent.attempts).toBe(3)
    expect(smtp.to('worker@example.com')).toHaveLength(1)
    await stopMailPump()
  })

  test('the pump sends a receipt before alerts queued earlier', async () => {
    smtp = await startSmtpServer({})
    useSmtpUrl(smtp.url)
    await queueEmails(
      [1, 2, 3].map((i) => ({ to: `alert-${i}@example.com`, subject: 'New consultation', text: 'Read it', idempotencyKey: `faults-alert-${i}` })),
      { priority: BULK_PRIORITY },
    )
    await queueEmail({ to: 'receipt@example.com', subject: 'Your receipt', text: 'Thank you', idempotencyKey: 'faults-receipt' })
    expect(await sendDueMail(2)).toEqual(['sent', 'sent'])
    expect(smtp.received.map((m) => m.to[0])).toEqual(['receipt@example.com', expect.stringMatching(/^alert-/)])
    expect(await sendDueMail()).toEqual(['sent', 'sent'])
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(['alert-1@example.com', 'alert-2@example.com', 'alert-3@example.com', 'receipt@example.com'])
  })

  test('two pumps at once send each message once', async () => {
    smtp = await startSmtpServer({})
    useSmtpUrl(smtp.url)
    for (let i = 0; i < 30; i++) await queueEmail({ to: `many-${i}@example.com`, subject: 'Your receipt', text: 'Thank you', idempotencyKey: `faults-two-pumps-${i}` })
    const [a, b] = await Promise.all([sendDueMail(20), sendDueMail(20)])
    expect([...a, ...b]).toHaveLength(30)
    expect([...a, ...b].every((o) => o === 'sent')).toBe(true)
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(30)
    expect(smtp.received).toHaveLength(30)
  })
})
