import express from 'express'
import type { AddressInfo } from 'node:net'
import pino from 'pino'
import { describe, expect, test } from 'vitest'
import { parseConfig } from '~/lib/config.server'
import { redactUrl, requestLogger } from '../../server/request-log'
import { requestId } from '../../server/security'

/** The server's request logger and proxy setting on a small Express app, logging into an array. */
async function withServer(trustProxy: ReturnType<typeof parseConfig>['TRUST_PROXY'], run: (base: string, lines: string[]) => Promise<void>, level = 'info') {
  const lines: string[] = []
  const logger = pino({ level }, { write: (line: string) => lines.push(line) })
  const app = express()
  app.set('trust proxy', trustProxy)
  app.use(requestId)
  app.use(requestLogger(logger))
  app.all('*', (req, res) => {
    res
      .status(req.path === '/fail' ? 500 : 200)
      .type('text/plain')
      .send(req.ip)
  })
  const server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, lines)
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
}

const TOKEN = 'Zq3xVbN8pL2mK7wR4tY9uE1iO6aS5dF0gH-jK_lX'

describe('request logs', () => {
  test('a logged request line carries no reset, resume, subscription, invitation or confirmation token', async () => {
    const paths = [
      `/reset-password?token=${TOKEN}`,
      `/verify-email?token=${TOKEN}`,
      `/consultations/employment-support-strategy/resume/${TOKEN}`,
      `/subscriptions/${TOKEN}`,
      `/subscriptions/${TOKEN}/data`,
      `/unsubscribe/${TOKEN}?list=newsletter`,
      `/subscribe/confirm/${TOKEN}`,
      `/organisations/invitations/${TOKEN}`,
      `/sign-in?redirectTo=${encodeURIComponent(`/organisations/invitations/${TOKEN}`)}`,
      `/sign-in?redirectTo=${encodeURIComponent(`/reset-password?token=${TOKEN}`)}`,
      `/anything?TOKEN=${TOKEN}&page=2`,
    ]
    await withServer(false, async (base, lines) => {
      const ids: string[] = []
      for (const path of paths) {
        const response = await fetch(`${base}${path}`)
        expect(response.status).toBe(200)
        ids.push(response.headers.get('x-request-id')!)
      }
      await new Promise((r) => setTimeout(r, 50))
      expect(lines).toHaveLength(paths.length)
      // Each line names the request by the id its answer carried, so a reported id finds its line.
      expect(lines.map((line) => JSON.parse(line).req.id).sort()).toEqual(ids.sort())
      for (const line of lines) {
        expect(line).not.toContain(TOKEN)
        expect(line).not.toContain(TOKEN.slice(0, 12))
        expect(JSON.parse(line).req.url).toContain('[redacted]')
      }
    })
  })

  test('a server error is logged at error level, and when info is not logged nothing else is', async () => {
    const fetchAll = async (base: string) => {
      for (const path of ['/fine', '/assets/app.css', '/fail']) await (await fetch(`${base}${path}`)).text()
      await new Promise((r) => setTimeout(r, 50))
    }
    await withServer(false, async (base, lines) => {
      await fetchAll(base)
      expect(lines.map((line) => JSON.parse(line))).toMatchObject([
        { level: 30, msg: 'request completed', req: { method: 'GET', url: '/fine' }, res: { statusCode: 200 }, responseTime: expect.any(Number) },
        { level: 50, msg: 'request errored', req: { method: 'GET', url: '/fail' }, res: { statusCode: 500 } },
      ])
    })
    await withServer(
      false,
      async (base, lines) => {
        await fetchAll(base)
        expect(lines.map((line) => JSON.parse(line))).toMatchObject([{ level: 50, msg: 'request errored', req: { url: '/fail' } }])
        expect(lines).toHaveLength(1)
      },
      'warn',
    )
  })

  test('addresses without secrets are logged as they came', () => {
    for (const url of ['/consultations?q=mentoring&page=2', '/subscriptions/erased', '/consultations/a-slug/response/2b7c2f4e-2f0e-4f5e-9d3c-6a1b8c9d0e1f/section/2', '/pipeline']) {
      expect(redactUrl(url)).toBe(url)
    }
    expect(redactUrl('/unsubscribe/abc?list=newsletter')).toBe('/unsubscribe/[redacted]?list=newsletter')
  })
})

describe('TRUST_PROXY', () => {
  test('parses nobody, hop counts, addresses, ranges and names, and refuses anything else', () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(false)
    expect(parseConfig({ TRUST_PROXY: 'none' }).TRUST_PROXY).toBe(false)
    expect(parseConfig({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2)
    expect(parseConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::1' }).TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8', '2001:db8::1'])
    expect(() => parseConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/)
    expect(() => parseConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/)
  })

  test('X-Forwarded-For is ignored by default and believed only from a trusted proxy', async () => {
    const spoofed = { 'X-Forwarded-For': '198.51.100.7' }
    await withServer(parseConfig({}).TRUST_PROXY, async (base) => {
      expect(await (await fetch(base, { headers: spoofed })).text()).toBe('127.0.0.1')
    })
    await withServer(parseConfig({ TRUST_PROXY: '192.0.2.0/24' }).TRUST_PROXY, async (base) => {
      expect(await (await fetch(base, { headers: spoofed })).text()).toBe('127.0.0.1')
    })
    await withServer(parseConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY, async (base) => {
      expect(await (await fetch(base, { headers: spoofed })).text()).toBe('198.51.100.7')
    })
  })
})
