import { describe, expect, test } from 'vitest'
import { csvLine, parseCsv } from '~/lib/csv'

describe('reading CSV', () => {
  test('reads quoted commas, doubled quotes and line breaks, CRLF or LF, without a byte-order mark, keeping blank lines', () => {
    expect(parseCsv('\uFEFFa,"b, c","say ""hi"""\r\n"two\nlines",,x\n\nlast')).toEqual([['a', 'b, c', 'say "hi"'], ['two\nlines', '', 'x'], [''], ['last']])
  })

  test('a quote inside an unquoted field is kept; text after a closing quote joins the field; an unclosed quote runs to the end', () => {
    expect(parseCsv('ab"c,"q"r,"open\nstill')).toEqual([['ab"c', 'qr', 'open\nstill']])
  })

  test('a final line end adds no row, a final comma an empty field', () => {
    expect(parseCsv('a,b\r\n')).toEqual([['a', 'b']])
    expect(parseCsv('a,b,')).toEqual([['a', 'b', '']])
    expect(parseCsv('')).toEqual([])
  })

  test('reads back what the hub writes', () => {
    const rows = [
      ['=SUM(A1)', 'line\r\nbreak', 'a "quote"', ''],
      ['plain', '-3', 'x,y', 'último'],
    ]
    expect(parseCsv(rows.map((r) => csvLine(r)).join(''))).toEqual([
      ["'=SUM(A1)", 'line\r\nbreak', 'a "quote"', ''],
      ['plain', "'-3", 'x,y', 'último'],
    ])
  })
})
