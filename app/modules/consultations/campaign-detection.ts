/**
 * Finding organised campaigns among responses: many responses whose free
 * text is the same words, or the same words lightly edited.
 *
 * Each text becomes the set of its three-word phrases; MinHash signatures
 * estimate how much two such sets overlap, and locality-sensitive hashing
 * brings texts that overlap a lot into the same bucket without comparing
 * every pair. Everything here is deterministic: the same texts always give
 * the same groups.
 */

/** Responses with fewer words than this are left out: "I agree" from many people is not a campaign. */
export const MIN_WORDS = 12
/** A group smaller than this is not reported as a campaign. */
export const MIN_CAMPAIGN_SIZE = 5
/** Two texts whose phrase sets overlap at least this much (Jaccard) belong together. */
export const SIMILARITY = 0.6

const BANDS = 20
const ROWS = 4
const HASHES = BANDS * ROWS
const SHINGLE = 3

export type CampaignText = { id: string; text: string }
export type DetectedGroup = {
  /** The text most members share word for word (or, if none do, the first member's). */
  sharedText: string
  /** A stable identity for the group, from its shared text's words. */
  fingerprint: string
  members: Array<{ id: string; identical: boolean }>
}

export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

/** FNV-1a, 32 bits. */
function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A 32-bit mix (from MurmurHash3's finaliser), giving each of the signature's hash functions from a seed. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => mix(i + 1, 0x9e3779b9))

function shingles(tokens: string[]): Uint32Array {
  const hashes = tokens.map(hashString)
  const out = new Uint32Array(Math.max(tokens.length - SHINGLE + 1, 0))
  for (let i = 0; i < out.length; i++) out[i] = mix(mix(hashes[i], hashes[i + 1]), hashes[i + 2])
  return out
}

/** One cheap multiply-and-shift per hash function: a full mix per phrase and function would be most of the work. */
function signature(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(HASHES)
  for (let k = 0; k < HASHES; k++) {
    const seed = SEEDS[k]
    let min = 0xffffffff
    for (let i = 0; i < set.length; i++) {
      let h = Math.imul(set[i] ^ seed, 0x9e3779b1)
      h = (h ^ (h >>> 15)) >>> 0
      if (h < min) min = h
    }
    sig[k] = min
  }
  return sig
}

function estimatedSimilarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++
  return same / HASHES
}

class DisjointSets {
  private readonly parent: Int32Array
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i)
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]]
      i = this.parent[i]
    }
    return i
  }
  union(a: number, b: number) {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb)
  }
}

/** Groups of near-identical texts, largest first. */
export function detectCampaigns(texts: CampaignText[], { minSize = MIN_CAMPAIGN_SIZE } = {}): DetectedGroup[] {
  const items: Array<{ id: string; text: string; normalised: string; signature: Uint32Array }> = []
  for (const t of texts) {
    const tokens = words(t.text)
    if (tokens.length < MIN_WORDS) continue
    items.push({ id: t.id, text: t.text, normalised: tokens.join(' '), signature: signature(shingles(tokens)) })
  }

  // Each member of a bucket is compared with the bucket's first member only, so a
  // campaign of thousands costs thousands of comparisons, not millions.
  const sets = new DisjointSets(items.length)
  for (let band = 0; band < BANDS; band++) {
    const firstInBucket = new Map<string, number>()
    for (let i = 0; i < items.length; i++) {
      const sig = items[i].signature
      let key = `${band}`
      for (let r = 0; r < ROWS; r++) key += `:${sig[band * ROWS + r]}`
      const first = firstInBucket.get(key)
      if (first === undefined) firstInBucket.set(key, i)
      else if (estimatedSimilarity(items[first].signature, sig) >= SIMILARITY) sets.union(first, i)
    }
  }

  const groups = new Map<number, number[]>()
  for (let i = 0; i < items.length; i++) {
    const root = sets.find(i)
    const list = groups.get(root)
    if (list) list.push(i)
    else groups.set(root, [i])
  }

  const detected: DetectedGroup[] = []
  for (const members of groups.values()) {
    if (members.length < minSize) continue
    const counts = new Map<string, number>()
    for (const i of members) counts.set(items[i].normalised, (counts.get(items[i].normalised) ?? 0) + 1)
    let shared = items[members[0]].normalised
    for (const [normalised, count] of counts) if (count > counts.get(shared)! || (count === counts.get(shared) && normalised < shared)) shared = normalised
    const sharedItem = items[members.find((i) => items[i].normalised === shared)!]
    detected.push({
      sharedText: sharedItem.text,
      fingerprint: hashString(shared).toString(16).padStart(8, '0') + hashString(`${shared.length}:${shared}`).toString(16).padStart(8, '0'),
      members: members.map((i) => ({ id: items[i].id, identical: items[i].normalised === shared })),
    })
  }
  return detected.sort((a, b) => b.members.length - a.members.length || a.fingerprint.localeCompare(b.fingerprint))
}
