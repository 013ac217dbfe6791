import type { IncomingMessage } from 'node:http'
import { describe, expect, test } from 'vitest'
import { acceptsGzip, pageKey } from '../../server/visitor-pages'

describe('which coding a cached page is sent in', () => {
  test.each([
    [undefined, false],
    ['', false],
    ['gzip, deflate, br', true],
    ['br', false],
    ['gzip;q=0', false],
    ['identity', false],
    ['*', true],
    ['*;q=0.5, identity', false],
    ['gzip;q=0.2, identity;q=0.8', false],
    ['gzip;q=0.8, identity;q=0.8', true],
    ['deflate;q=0.5, gzip;q=0.4', true],
    ['GZIP', true],
    ['x-gzip', true],
  ])('Accept-Encoding %j → gzip %s', (header, gzip) => {
    expect(acceptsGzip(header)).toBe(gzip)
  })
})

describe('the page cache key', () => {
  const request = (headers: Record<string, string>, remoteAddress = '10.0.0.5') => ({ headers, url: '/what-works?page=2', socket: { remoteAddress } }) as unknown as IncomingMessage

  test('is the address as the visitor asked for it', () => {
    expect(pageKey(request({ host: 'hub.example' }), () => false)).toBe('http://hub.example/what-works?page=2')
  })

  test('takes the protocol from a trusted proxy only, and only its first value', () => {
    const forwarded = request({ host: 'hub.example', 'x-forwarded-proto': 'https, http' })
    expect(pageKey(forwarded, () => false)).toBe('http://hub.example/what-works?page=2')
    expect(pageKey(forwarded, (address, hop) => address === '10.0.0.5' && hop === 0)).toBe('https://hub.example/what-works?page=2')
  })
})
