import { describe, expect, test } from 'vitest'
import { everyDay } from '~/modules/consultations/analysis.server'

describe('responses each day', () => {
  test('lists every day from the first submission to the last, quiet days at nought, across a month and a clock change', () => {
    expect(everyDay([])).toEqual([])
    expect(everyDay([{ day: '2013-10-26', count: 2 }, { day: '2013-10-29', count: 1 }, { day: '2013-11-01', count: 3 }])).toEqual([
      { day: '2013-10-26', count: 2 },
      { day: '2013-10-27', count: 0 },
      { day: '2013-10-28', count: 0 },
      { day: '2013-10-29', count: 1 },
      { day: '2013-10-30', count: 0 },
      { day: '2013-10-31', count: 0 },
      { day: '2013-11-01', count: 3 },
    ])
  })
})
