/**
 * Proposing themes for one free-text question from its answers' own words,
 * with no outside service.
 *
 * Each answer becomes runs of content words (stop-words break a run, words
 * are reduced to a simple stem so "provider" and "providers" count as one).
 * Key phrases are the one-, two- and three-word sequences found in many
 * answers, scored as TF-IDF scores a term: common enough to matter, not so
 * common that they say nothing, longer phrases preferred. Phrases whose
 * answers largely coincide (Jaccard similarity) are clustered into one
 * suggestion, which covers every answer holding any of its phrases.
 *
 * A phrase can name a suggestion only if enough answers that are not marked
 * confidential hold it, so a suggestion's name never repeats words found only
 * in confidential text. Everything is deterministic: the same answers always
 * give the same suggestions.
 */
import { words } from './campaign-detection'

export type SuggestionAnswer = { id: string; text: string; confidential: boolean }
export type SuggestedTheme = {
  label: string
  /** The key phrases that define it, most telling first. */
  phrases: string[]
  /** Every answer it covers, in the order given. */
  members: string[]
  /** A few answers to read before deciding: not confidential where possible, those holding most of its phrases first. */
  examples: string[]
}

/** At most this many suggestions for one question. */
export const MAX_SUGGESTIONS = 10
export const EXAMPLES = 3
/** A phrase must be in at least this many answers, and this share of them, to suggest a theme. */
const MIN_ANSWERS = 3
const MIN_SHARE = 0.005
/** A phrase in more than this share of the answers says nothing that tells them apart. */
const MAX_SHARE = 0.5
/** How many of the best phrases are clustered: half single words, half longer phrases. */
const CANDIDATES = 120
/** Phrases whose answers overlap at least this much (Jaccard) are one theme. */
const SAME_THEME = 0.5
/** How many uses of a phrase are read to find the words it is most often written in. */
const SURFACE_SAMPLE = 300

const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are aren as at be because been before being below between both but by can cannot could couldn did didn do does doesn doing don down
during each even ever every few for from further get gets getting got had hadn has hasn have haven having he her here hers herself him himself his how however i if in into is isn it its itself
just let lot lots make makes many may me might more most much must mustn my myself need needs no nor not now of off often on once one only or other others our ours ourselves out over own
per perhaps please quite rather really same see seem seems shall shan she should shouldn so some such than that the their theirs them themselves then there these they this those through thus
to too under until up upon us very was wasn way we well were weren what when where whether which while who whom why will with within without won would wouldn yes yet you your yours yourself
yourselves think believe feel agree disagree answer question consultation thing things something anything everything etc able like want wants already still yes also instead`.split(/\s+/),
)

/** A light stem: plural endings only, enough for "costs" and "cost", "charities" and "charity" to count as one. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 4 && word.endsWith('sses')) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

const isContent = (word: string) => word.length > 2 && !STOP_WORDS.has(word) && !/^\d+$/.test(word)

type Phrase = { key: string; size: number; answers: number; score: number; list: number[]; surfaces: Map<string, number> }
type Count = { answers: number; open: number; last: number }

function jaccard(a: number[], b: number[]): number {
  let i = 0
  let j = 0
  let both = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return both / (a.length + b.length - both)
}

const byKey = (a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)

/**
 * Suggested themes for the answers to one question, largest first.
 * `questionText` is the question's wording: phrases that only echo it are
 * worth less, as most answers repeat the question's words.
 */
export function suggestThemes(answers: SuggestionAnswer[], { questionText = '', max = MAX_SUGGESTIONS } = {}): SuggestedTheme[] {
  const sorted = [...answers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const stemIds = new Map<string, number>()
  const idOf = (s: string) => {
    let id = stemIds.get(s)
    if (id === undefined) stemIds.set(s, (id = stemIds.size))
    return id
  }
  // Each answer as stem ids, -1 where a stop-word breaks a run; its words are kept only to name the phrases later.
  const tokens = sorted.map((a) => Int32Array.from(words(a.text), (w) => (isContent(w) ? idOf(stem(w)) : -1)))
  const echoed = new Set(words(questionText).filter(isContent).map(stem))
  const total = sorted.length
  const minAnswers = Math.max(MIN_ANSWERS, Math.ceil(total * MIN_SHARE))

  // Counting grows a phrase one word at a time, and only from phrases frequent enough
  // already: a phrase can be in no more answers than any part of it. Keys are numbers
  // (a two-word phrase is a * V + b) so the hundreds of thousands of them cost little.
  const V = stemIds.size
  const ones = new Map<number, Count>()
  const twos = new Map<number, Count>()
  const threes = new Map<string, Count>()
  const count = <K>(map: Map<K, Count>, key: K, a: number) => {
    let c = map.get(key)
    if (!c) map.set(key, (c = { answers: 0, open: 0, last: -1 }))
    if (c.last === a) return
    c.last = a
    c.answers++
    if (!sorted[a].confidential) c.open++
  }
  const prune = <K>(map: Map<K, Count>) => {
    for (const [key, c] of map) if (c.open < minAnswers) map.delete(key)
  }
  const each = (visit: (t: Int32Array, i: number, a: number) => void) => {
    for (let a = 0; a < total; a++) {
      const t = tokens[a]
      for (let i = 0; i < t.length; i++) if (t[i] >= 0) visit(t, i, a)
    }
  }
  each((t, i, a) => count(ones, t[i], a))
  prune(ones)
  each((t, i, a) => {
    if (t[i + 1] >= 0 && ones.has(t[i]) && ones.has(t[i + 1])) count(twos, t[i] * V + t[i + 1], a)
  })
  prune(twos)
  each((t, i, a) => {
    if (t[i + 1] >= 0 && t[i + 2] >= 0 && twos.has(t[i] * V + t[i + 1]) && twos.has(t[i + 1] * V + t[i + 2])) count(threes, `${t[i]},${t[i + 1]},${t[i + 2]}`, a)
  })
  prune(threes)

  const stemOf = [...stemIds.keys()]
  const candidates: Phrase[] = []
  const consider = (key: string, ids: number[], c: Count) => {
    if (c.answers > total * MAX_SHARE) return
    const echo = ids.every((id) => echoed.has(stemOf[id]))
    const score = c.answers * Math.log(total / c.answers) * (1 + 0.5 * (ids.length - 1)) * (echo ? 0.3 : 1)
    candidates.push({ key, size: ids.length, answers: c.answers, score, list: [], surfaces: new Map() })
  }
  for (const [id, c] of ones) consider(`${id}`, [id], c)
  for (const [key, c] of twos) {
    const ids = [Math.floor(key / V), key % V]
    consider(ids.join(','), ids, c)
  }
  for (const [key, c] of threes) consider(key, key.split(',').map(Number), c)
  candidates.sort((a, b) => b.score - a.score || byKey(a, b))
  // Half the places go to phrases of more than one word, which common single words would otherwise crowd out.
  const words1 = candidates.filter((p) => p.size === 1).slice(0, CANDIDATES / 2)
  const longer = candidates.filter((p) => p.size > 1).slice(0, CANDIDATES / 2)
  const chosen = new Map([...words1, ...longer].sort((a, b) => b.score - a.score || byKey(a, b)).map((p) => [p.key, p]))
  if (!chosen.size) return []

  // Which answers hold each chosen phrase, and the words it is most often written in (from its first
  // few hundred uses: enough to choose, without splitting every answer into words a second time).
  const byOne = new Map<number, Phrase>()
  const byTwo = new Map<number, Phrase>()
  const byThree = new Map<string, Phrase>()
  for (const p of chosen.values()) {
    const ids = p.key.split(',').map(Number)
    if (ids.length === 1) byOne.set(ids[0], p)
    else if (ids.length === 2) byTwo.set(ids[0] * V + ids[1], p)
    else byThree.set(p.key, p)
  }
  for (let a = 0; a < total; a++) {
    const t = tokens[a]
    let surface: string[] | null = null
    const found = (phrase: Phrase | undefined, i: number, n: number) => {
      if (!phrase) return
      if (phrase.list[phrase.list.length - 1] !== a) phrase.list.push(a)
      if (phrase.list.length > SURFACE_SAMPLE) return
      surface ??= words(sorted[a].text)
      const text = surface.slice(i, i + n).join(' ')
      phrase.surfaces.set(text, (phrase.surfaces.get(text) ?? 0) + 1)
    }
    for (let i = 0; i < t.length; i++) {
      if (t[i] < 0) continue
      found(byOne.get(t[i]), i, 1)
      if (!(t[i + 1] >= 0)) continue
      found(byTwo.get(t[i] * V + t[i + 1]), i, 2)
      if (byThree.size && t[i + 2] >= 0 && twos.has(t[i] * V + t[i + 1])) found(byThree.get(`${t[i]},${t[i + 1]},${t[i + 2]}`), i, 3)
    }
  }
  const textOf = (p: Phrase) => {
    let best = ''
    let most = 0
    for (const [text, n] of p.surfaces) if (n > most || (n === most && text < best)) [best, most] = [text, n]
    return best
  }

  // Each phrase, best first, joins the theme whose defining phrase's answers overlap its own the most, or starts one.
  const clusters: Phrase[][] = []
  for (const phrase of chosen.values()) {
    let best = -1
    let bestSimilarity = SAME_THEME
    for (let i = 0; i < clusters.length; i++) {
      const similarity = jaccard(clusters[i][0].list, phrase.list)
      if (similarity >= bestSimilarity && (best < 0 || similarity > bestSimilarity)) [best, bestSimilarity] = [i, similarity]
    }
    if (best >= 0) clusters[best].push(phrase)
    else clusters.push([phrase])
  }

  const themes = clusters.map((phrases) => {
    const held = new Map<number, number>()
    for (const p of phrases) for (const a of p.list) held.set(a, (held.get(a) ?? 0) + 1)
    const members = [...held.keys()].sort((a, b) => a - b)
    // Named by its longest phrase that is nearly as common as the one that defines it.
    const core = phrases[0]
    const naming = phrases.filter((p) => p.answers * 2 >= core.answers).sort((a, b) => b.size - a.size || b.score - a.score || byKey(a, b))[0]
    const label = textOf(naming)
    const ranked = [...members].sort((a, b) => Number(sorted[a].confidential) - Number(sorted[b].confidential) || held.get(b)! - held.get(a)! || a - b)
    // Examples in different words: three copies of one text show one answer, so fewer are shown when the answers repeat each other.
    const examples: number[] = []
    const shown = new Set<string>()
    for (const a of ranked) {
      if (examples.length === EXAMPLES) break
      const text = tokens[a].join(',')
      if (!shown.has(text)) examples.push(a)
      shown.add(text)
    }
    return {
      label: label.charAt(0).toUpperCase() + label.slice(1),
      phrases: [naming, ...phrases.filter((p) => p !== naming)].slice(0, 8).map(textOf),
      members: members.map((a) => sorted[a].id),
      examples: examples.map((a) => sorted[a].id),
      core: core.key,
      cohesive: phrases.length > 1,
    }
  })
  // Answers that share several phrases say the same thing more surely than answers sharing one word, so those come first.
  return themes
    .filter((t) => t.members.length >= minAnswers)
    .sort((a, b) => Number(b.cohesive) - Number(a.cohesive) || b.members.length - a.members.length || (a.core < b.core ? -1 : a.core > b.core ? 1 : 0))
    .slice(0, max)
    .map(({ label, phrases, members, examples }) => ({ label, phrases, members, examples }))
}
