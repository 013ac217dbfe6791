import { singleton } from './singleton.server'

/**
 * What tells shared data whether it may be kept: the process's page cache,
 * which hears every content change from the database (decision 160).
 */
export type ContentGenerations = {
  /** The generation whose content may be kept now, or null while nothing may be. */
  currentGeneration(): number | null
  keepUntil(ttlMs: number): number
}

type Entry = { expiresAt: number; value: Promise<unknown> }

const MAX_ENTRIES = 500
const TTL_MS = 60_000

const state = singleton('shared-data', () => ({ source: undefined as ContentGenerations | undefined, generation: -1, entries: new Map<string, Entry>() }))

/** The server entry hands over its page cache's generations; without them (tests calling loaders, jobs, development) nothing is kept. */
export function keepSharedDataWith(source: ContentGenerations | undefined) {
  state.source = source
  state.entries.clear()
}

/**
 * Data that is the same for everyone who may see it (published content, public
 * lists), kept per process until the next content change, so signed-in pages,
 * which are rendered for each request, do not read it again. Callers must pass
 * only what every visitor may see, keyed by everything it depends on, and must
 * not change what they get back: it is shared with other requests.
 */
export function sharedData<T>(key: string, load: () => Promise<T>): Promise<T> {
  const source = state.source
  const generation = source?.currentGeneration() ?? null
  if (!source || generation === null) return load()
  const entries = state.entries
  if (generation !== state.generation) {
    // Everything kept belongs to an earlier generation now.
    entries.clear()
    state.generation = generation
  }
  const found = entries.get(key)
  const now = Date.now()
  if (found && found.expiresAt > now) {
    // Most recently used last, so eviction takes the oldest first.
    entries.delete(key)
    entries.set(key, found)
    return found.value as Promise<T>
  }
  const value = load()
  // Concurrent requests for the same key share one read; a failed read is not kept.
  entries.set(key, { expiresAt: source.keepUntil(TTL_MS), value })
  // A read that ran across a content change is never served after it: the next call sees the new generation and starts afresh.
  value.catch(() => {
    if (entries.get(key)?.value === value) entries.delete(key)
  })
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  return value
}
