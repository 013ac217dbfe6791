import { describe, expect, test } from 'vitest'
import { isUuid } from '~/lib/ids'

describe('isUuid', () => {
  test('accepts a row id in either case', () => {
    expect(isUuid('3f2b8c1e-9d4a-4e6b-8a1f-0c2d3e4f5a6b')).toBe(true)
    expect(isUuid('3F2B8C1E-9D4A-4E6B-8A1F-0C2D3E4F5A6B')).toBe(true)
  })

  test('refuses what PostgreSQL would fail on', () => {
    for (const value of ['', 'not-an-id', '------------------------------------', '3f2b8c1e9d4a4e6b8a1f0c2d3e4f5a6b----', "3f2b8c1e-9d4a-4e6b-8a1f-0c2d3e4f5a6b' or 1=1", null, undefined, 42]) {
      expect(isUuid(value)).toBe(false)
    }
  })
})
