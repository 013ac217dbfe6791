/**
 * The mean and median of a rating question from how many people gave each
 * score: the base is everyone who answered it.
 */
export function ratingFigures(counts: Record<string, number>) {
  const scores = Object.entries(counts)
    .map(([value, n]) => ({ score: Number(value), n }))
    .filter((s) => Number.isFinite(s.score) && s.n > 0)
    .sort((a, b) => a.score - b.score)
  const base = scores.reduce((sum, s) => sum + s.n, 0)
  if (!base) return null
  const mean = scores.reduce((sum, s) => sum + s.score * s.n, 0) / base
  // The score at a 0-based rank in the sorted list of everyone's scores.
  const at = (rank: number) => {
    let seen = 0
    for (const s of scores) {
      seen += s.n
      if (rank < seen) return s.score
    }
    return scores[scores.length - 1].score
  }
  const median = base % 2 ? at((base - 1) / 2) : (at(base / 2 - 1) + at(base / 2)) / 2
  return { base, mean, median }
}

/** A figure as people read it: at most one decimal place, none when whole. */
export function oneDecimal(n: number) {
  return n.toLocaleString('en-GB', { maximumFractionDigits: 1 })
}
