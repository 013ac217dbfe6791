import { describe, expect, test } from 'vitest'
import { dateGroups, oneDecimal, ratingFigures } from '~/modules/consultations/figures'

describe('rating figures', () => {
  test('mean and median of everyone who answered, worked by hand', () => {
    // Scores 2, 4, 4, 7, 9, 10: mean 36 / 6 = 6; median between the 3rd and 4th, (4 + 7) / 2 = 5.5.
    expect(ratingFigures({ '2': 1, '4': 2, '7': 1, '9': 1, '10': 1, '5': 0 })).toEqual({ base: 6, mean: 6, median: 5.5 })
    // Scores 0, 3, 3, 3, 8: mean 17 / 5 = 3.4; median the 3rd, 3.
    expect(ratingFigures({ '8': 1, '0': 1, '3': 3 })).toEqual({ base: 5, mean: 3.4, median: 3 })
    expect(ratingFigures({})).toBeNull()
    expect([oneDecimal(6), oneDecimal(5.5), oneDecimal(3.4444)]).toEqual(['6', '5.5', '3.4'])
  })
})

describe('date groups', () => {
  const grouped = (months: Record<string, number>) => {
    const { unit, rows } = dateGroups(Object.entries(months).map(([month, count]) => ({ month, count })))
    return `${unit}: ${rows.map((r) => `${r.label} ${r.count}`).join(', ')}`
  }
  test('by month within two years, by year within 30, else by decade; the groups between shown at nought', () => {
    expect(grouped({})).toBe('Year: ')
    expect(grouped({ '2025-11': 2, '2026-01': 1 })).toBe('Month: November 2025 2, December 2025 0, January 2026 1')
    expect(grouped({ '2019-12': 1, '2021-12': 3, '2021-01': 1 })).toBe('Year: 2019 1, 2020 0, 2021 4')
    expect(grouped({ '1968-05': 1, '2001-02': 2 })).toBe('Decade: 1960s 1, 1970s 0, 1980s 0, 1990s 0, 2000s 2')
    // Too wide a spread for every decade between: only those with answers.
    expect(grouped({ '1066-10': 1, '2026-03': 1 })).toBe('Decade: 1060s 1, 2020s 1')
  })
})
