import { describe, expect, test } from 'vitest'
import { oneDecimal, ratingFigures } from '~/modules/consultations/figures'

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
