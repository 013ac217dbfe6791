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

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * Date answers counted by month (`2026-03`), grouped for a chart: by month
 * when they fall within two years, by year within 30 years, else by decade.
 * The groups between the first and the last are all there, those with no
 * answers at nought, so the chart shows the gaps; a spread too wide for that
 * lists only the groups with answers.
 */
export function dateGroups(months: Array<{ month: string; count: number }>) {
  const sorted = [...months].sort((a, b) => a.month.localeCompare(b.month))
  if (!sorted.length) return { unit: 'Year' as const, rows: [] }
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1
  const first = index(sorted[0].month)
  const last = index(sorted[sorted.length - 1].month)
  const unit = last - first < 24 ? ('Month' as const) : last - first < 30 * 12 ? ('Year' as const) : ('Decade' as const)
  const groupOf = (i: number) => (unit === 'Month' ? i : unit === 'Year' ? Math.floor(i / 12) : Math.floor(i / 120))
  const label = (g: number) => (unit === 'Month' ? `${MONTH_NAMES[g % 12]} ${Math.floor(g / 12)}` : unit === 'Year' ? String(g) : `${g * 10}s`)
  const counts = new Map<number, number>()
  for (const m of sorted) counts.set(groupOf(index(m.month)), (counts.get(groupOf(index(m.month))) ?? 0) + m.count)
  const [from, to] = [groupOf(first), groupOf(last)]
  const groups = to - from < 40 ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : [...counts.keys()]
  return { unit, rows: groups.map((g) => ({ label: label(g), count: counts.get(g) ?? 0 })) }
}
