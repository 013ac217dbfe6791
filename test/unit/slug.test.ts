import { describe, expect, test } from 'vitest'
import { slugify } from '~/lib/slug'

describe('slugify', () => {
  test('keeps letters and digits joined by single hyphens, accents dropped and & spelt out', () => {
    expect(slugify('Restart Scheme: Phase 2 — North East', 'x')).toBe('restart-scheme-phase-2-north-east')
    expect(slugify('Café & Co. Employment Services', 'x')).toBe('cafe-and-co-employment-services')
  })

  test('cuts at the length without leaving a trailing hyphen, and falls back when nothing readable is left', () => {
    expect(slugify('abc def', 'x', 4)).toBe('abc')
    expect(slugify('—!?', 'survey')).toBe('survey')
  })
})
