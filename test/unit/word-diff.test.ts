import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { DiffText } from '~/components/diff-text'
import { diffList, diffWords } from '~/lib/word-diff'

describe('before-and-after diffs', () => {
  test('a replaced phrase reads as one removal then one addition, with the text around it unchanged', () => {
    expect(diffWords('The quick brown fox jumps.', 'The slow red fox jumps high.')).toEqual([
      { kind: 'same', text: 'The ' },
      { kind: 'removed', text: 'quick brown' },
      { kind: 'added', text: 'slow red' },
      { kind: 'same', text: ' fox ' },
      { kind: 'removed', text: 'jumps.' },
      { kind: 'added', text: 'jumps high.' },
    ])
    expect(diffWords('same', 'same')).toEqual([{ kind: 'same', text: 'same' }])
    expect(diffWords('', 'new words')).toEqual([{ kind: 'added', text: 'new words' }])
    expect(diffList(['A', 'B'], ['B', 'C'])).toEqual([
      { kind: 'removed', text: 'A' },
      { kind: 'same', text: 'B' },
      { kind: 'added', text: 'C' },
    ])
  })

  test('joining each side of the diff gives back the two texts exactly, even for long rewrites', () => {
    const before = Array.from({ length: 1500 }, (_, i) => `w${i % 97}`).join(' ')
    const after = Array.from({ length: 1500 }, (_, i) => `w${(i * 7) % 89}`).join('  ')
    for (const [a, b] of [
      [before, after],
      ['Line one.\n\nLine two here.', 'Line one.\n\nLine 2 here, now.'],
    ]) {
      const runs = diffWords(a, b)
      expect(
        runs
          .filter((r) => r.kind !== 'added')
          .map((r) => r.text)
          .join(''),
      ).toBe(a)
      expect(
        runs
          .filter((r) => r.kind !== 'removed')
          .map((r) => r.text)
          .join(''),
      ).toBe(b)
    }
  })

  test('renders removed words in <del> and added ones in <ins>, each announced with visually hidden text', () => {
    const html = renderToStaticMarkup(createElement(DiffText, { runs: diffWords('first 13 weeks', 'first 26 weeks') }))
    expect(html).toBe(
      'first <del class="app-diff-removed"><span class="govuk-visually-hidden">[removed: </span>13<span class="govuk-visually-hidden">]</span></del>' +
        '<ins class="app-diff-added"><span class="govuk-visually-hidden">[added: </span>26<span class="govuk-visually-hidden">]</span></ins> weeks',
    )
    expect(renderToStaticMarkup(createElement(DiffText, { runs: diffWords('<b>x</b>', '<i>x</i>') }))).not.toMatch(/<[bi]>/)
  })
})
