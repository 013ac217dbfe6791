/**
 * What changed between two versions of a text, word by word, for a
 * before-and-after view: runs of unchanged, removed and added words in
 * reading order (a longest-common-subsequence diff).
 */

export type DiffRun = { kind: 'same' | 'added' | 'removed'; text: string }

/** Above this many comparisons (two texts of about 1,000 words each) the middle is shown as replaced whole. */
const MAX_CELLS = 1_000_000

/** Words and the spaces between them, so joining the tokens gives back the text exactly. */
export function wordTokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? []
}

type Step = { kind: DiffRun['kind']; token: string }

/** Each token of both lists, in reading order, as unchanged, removed or added. */
function diffSteps(before: readonly string[], after: readonly string[]): Step[] {
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let endBefore = before.length
  let endAfter = after.length
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--
    endAfter--
  }
  const a = before.slice(start, endBefore)
  const b = after.slice(start, endAfter)
  const steps: Step[] = before.slice(0, start).map((token) => ({ kind: 'same' as const, token }))

  if (a.length * b.length > MAX_CELLS) {
    steps.push(...a.map((token) => ({ kind: 'removed' as const, token })), ...b.map((token) => ({ kind: 'added' as const, token })))
  } else {
    // lengths[i][j]: the longest common subsequence of a[i..] and b[j..].
    const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    let i = 0
    let j = 0
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        steps.push({ kind: 'same', token: a[i] })
        i++
        j++
      } else if (i < a.length && (j === b.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
        steps.push({ kind: 'removed', token: a[i++] })
      } else {
        steps.push({ kind: 'added', token: b[j++] })
      }
    }
  }
  steps.push(...before.slice(endBefore).map((token) => ({ kind: 'same' as const, token })))
  return steps
}

/**
 * Word-by-word diff of two texts. A change reads as what was removed, then
 * what replaced it; a space between two changed words joins them, so "the
 * quick" replaced by "a slow" is one removal and one addition.
 */
export function diffWords(before: string, after: string): DiffRun[] {
  const steps = diffSteps(wordTokens(before), wordTokens(after))
  const runs: DiffRun[] = []
  let removed = ''
  let added = ''
  const flush = () => {
    if (removed) runs.push({ kind: 'removed', text: removed })
    if (added) runs.push({ kind: 'added', text: added })
    removed = added = ''
  }
  steps.forEach((step, index) => {
    if (step.kind === 'removed') removed += step.token
    else if (step.kind === 'added') added += step.token
    else if ((removed || added) && /^\s+$/.test(step.token) && steps[index + 1] && steps[index + 1].kind !== 'same') {
      if (removed) removed += step.token
      if (added) added += step.token
    } else {
      flush()
      const last = runs[runs.length - 1]
      if (last?.kind === 'same') last.text += step.token
      else runs.push({ kind: 'same', text: step.token })
    }
  })
  flush()
  return runs
}

/** Item-by-item diff of two lists (tags, regions): each item unchanged, removed or added. */
export function diffList(before: readonly string[], after: readonly string[]): DiffRun[] {
  return diffSteps(before, after).map((step) => ({ kind: step.kind, text: step.token }))
}
