import { describe, expect, test } from 'vitest'
import { plural } from '~/lib/plural'
import { formatDate, formatDateTime, formatTime, fromLondon } from '~/lib/time'

describe('GOV.UK times and dates', () => {
  test('midnight and midday are words', () => {
    expect(formatTime(fromLondon(2026, 1, 5, 0, 0))).toBe('midnight')
    expect(formatTime(fromLondon(2026, 1, 5, 12, 0))).toBe('midday')
    expect(formatDateTime(fromLondon(2026, 6, 1, 12, 0))).toBe('midday on 1 June 2026')
  })

  test('the hour after midday and after midnight is 12, never 0', () => {
    expect(formatTime(fromLondon(2026, 1, 5, 12, 31))).toBe('12:31pm')
    expect(formatTime(fromLondon(2026, 1, 5, 12, 1))).toBe('12:01pm')
    expect(formatTime(fromLondon(2026, 1, 5, 0, 5))).toBe('12:05am')
  })

  test('whole hours drop the minutes; others keep two digits', () => {
    expect(formatTime(fromLondon(2026, 1, 5, 9, 0))).toBe('9am')
    expect(formatTime(fromLondon(2026, 1, 5, 17, 30))).toBe('5:30pm')
    expect(formatTime(fromLondon(2026, 1, 5, 23, 59))).toBe('11:59pm')
    expect(formatTime(fromLondon(2026, 1, 5, 13, 7))).toBe('1:07pm')
  })

  test('British Summer Time: the same instant reads an hour later in summer, and the clock changes are followed', () => {
    expect(formatDateTime(new Date('2026-07-01T11:00:00Z'))).toBe('midday on 1 July 2026')
    expect(formatDateTime(new Date('2026-01-01T12:00:00Z'))).toBe('midday on 1 January 2026')
    // Clocks go forward at 1am GMT on 29 March 2026, straight to 2am BST.
    expect(formatTime(new Date('2026-03-29T00:59:00Z'))).toBe('12:59am')
    expect(formatTime(new Date('2026-03-29T01:00:00Z'))).toBe('2am')
    // Clocks go back at 2am BST on 25 October 2026 to 1am GMT.
    expect(formatTime(new Date('2026-10-25T00:30:00Z'))).toBe('1:30am')
    expect(formatTime(new Date('2026-10-25T01:30:00Z'))).toBe('1:30am')
    // Late evening UTC in summer is already the next day in London.
    expect(formatDateTime(new Date('2026-06-30T23:30:00Z'))).toBe('12:30am on 1 July 2026')
    expect(formatDate(new Date('2026-06-30T23:30:00Z'))).toBe('1 July 2026')
  })
})

describe('plurals', () => {
  test('one is singular, everything else plural, with thousands separated', () => {
    expect(plural(1, 'response')).toBe('1 response')
    expect(plural(0, 'response')).toBe('0 responses')
    expect(plural(2, 'organisation')).toBe('2 organisations')
    expect(plural(1204, 'person', 'people')).toBe('1,204 people')
    expect(plural(1, 'case study', 'case studies')).toBe('1 case study')
  })
})
