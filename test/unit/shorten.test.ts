import { describe, expect, test } from 'vitest'
import { shorten } from '~/lib/shorten'

describe('shorten', () => {
  test('cuts at the end of a word, without trailing punctuation, and marks the cut', () => {
    expect(shorten('invest in training for our own advisers and our partners’ staff, so that', 60)).toBe('invest in training for our own advisers and our partners’…')
    expect(shorten('one two, three four', 12)).toBe('one two…')
  })

  test('leaves short text alone, and cuts a single long word where it must', () => {
    expect(shorten('short', 60)).toBe('short')
    expect(shorten('a'.repeat(100), 20)).toBe(`${'a'.repeat(19)}…`)
  })
})
