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
  test('by month within two years, by year within 30, else by decade; the groups between shown at nought', () => {
    expect(dateGroups([])).toEqual({ unit: 'Year', rows: [] })
    expect(
      dateGroups([
        { month: '2025-11', count: 2 },
        { month: '2026-01', count: 1 },
      ]),
    ).toEqual({
      unit: 'Month',
      rows: [
        { label: 'November 2025', count: 2 },
        { label: 'December 2025', count: 0 },
        { label: 'January 2026', count: 1 },
      ],
    })
    expect(
      dateGroups([
        { month: '2019-12', count: 1 },
        { month: '2021-12', count: 3 },
        { month: '2021-01', count: 1 },
      ]),
    ).toEqual({
      unit: 'Year',
      rows: [
        { label: '2019', count: 1 },
        { label: '2020', count: 0 },
        { label: '2021', count: 4 },
      ],
    })
    expect(
      dateGroups([
        { month: '1968-05', count: 1 },
        { month: '2001-02', count: 2 },
      ]).rows,
    ).toEqual([
      { label: '1960s', count: 1 },
      { label: '1970s', count: 0 },
      { label: '1980s', count: 0 },
      { label: '1990s', count: 0 },
      { label: '2000s', count: 2 },
    ])
    // Too wide a spread for every decade between: only those with answers.
    expect(
      dateGroups([
        { month: '1066-10', count: 1 },
        { month: '2026-03', count: 1 },
      ]).rows.map((r) => r.label),
    ).toEqual(['1060s', '2020s'])
  })
})
