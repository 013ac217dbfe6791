import crypto from 'node:crypto'
import zlib from 'node:zlib'
import postgres from 'postgres'
import { logger } from '~/lib/logger.server'

/** Headers of a stored page that are the same for every visitor. */
type StoredHeaders = [name: string, value: string][]

export type CachedPage = {
  /** The page split at each occurrence of the nonce it was rendered with. */
  parts: Buffer[]
  /** Each part compressed once, ending on a byte boundary, so a response's gzip body is these with its nonce spliced in. */
  deflated: Buffer[]
  etag: string
  headers: StoredHeaders
  bytes: number
  expiresAt: number
  generation: number
}

const NOT_STORED = new Set(['set-cookie', 'content-length', 'date', 'content-security-policy', 'etag'])

/** A rendered page with its nonce taken out, so each response can carry a fresh one. */
export function pageTemplate(html: string, nonce: string, headers: Headers): Omit<CachedPage, 'expiresAt' | 'generation'> {
  const pieces = nonce ? html.split(nonce) : [html]
  const parts = pieces.map((p) => Buffer.from(p))
  const hash = crypto.createHash('sha256')
  for (const part of parts) hash.update(part).update('\0')
  const stored: StoredHeaders = []
  headers.forEach((value, name) => {
    if (!NOT_STORED.has(name)) stored.push([name, value])
  })
  // Sync flush ends each part's deflate blocks byte-aligned and without the final bit, so parts and nonces can follow one another.
  const deflated = parts.map((p) => zlib.deflateRawSync(p, { level: 1, finishFlush: zlib.constants.Z_SYNC_FLUSH }))
  return {
    parts,
    deflated,
    // Two responses with this tag differ only in the nonce, which the 304 path keeps (see sendPage).
    etag: `"${hash.digest('base64url').slice(0, 27)}"`,
    headers: stored,
    bytes: [...parts, ...deflated].reduce((n, p) => n + p.length, 0) + 256,
  }
}

export function renderPage(page: Pick<CachedPage, 'parts'>, nonce: string): Buffer {
  if (page.parts.length === 1) return page.parts[0]
  const n = Buffer.from(nonce)
  const chunks: Buffer[] = []
  page.parts.forEach((p, i) => {
    if (i) chunks.push(n)
    chunks.push(p)
  })
  return Buffer.concat(chunks)
}

/** RFC 1952: deflate, no name or time, unknown system. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
/** RFC 1951: an empty block of fixed codes with the final bit set. */
const LAST_BLOCK = Buffer.from([0x03, 0x00])

/**
 * The page with this nonce as a gzip member, without compressing it again:
 * the stored parts' deflate blocks with the nonce between them as a stored
 * (uncompressed) block. Gzip at the fastest level cost more CPU than the rest
 * of answering a cached page.
 */
export function renderGzipPage(page: Pick<CachedPage, 'parts' | 'deflated'>, nonce: string): Buffer {
  const n = Buffer.from(nonce)
  const stored = Buffer.alloc(5)
  stored.writeUInt16LE(n.length, 1)
  stored.writeUInt16LE(~n.length & 0xffff, 3)
  const chunks: Buffer[] = [GZIP_HEADER]
  let crc = 0
  let size = 0
  page.parts.forEach((part, i) => {
    if (i) {
      chunks.push(stored, n)
      crc = zlib.crc32(n, crc)
      size += n.length
    }
    chunks.push(page.deflated[i])
    // Node's crc32 of some empty buffers answers 0 instead of the running value.
    if (part.length) crc = zlib.crc32(part, crc)
    size += part.length
  })
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(size % 2 ** 32, 4)
  chunks.push(LAST_BLOCK, trailer)
  return Buffer.concat(chunks)
}

/** RFC 9110 If-None-Match: weak comparison, a list or "*". */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false
  if (ifNoneMatch.trim() === '*') return true
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}

export type PageCacheOptions = {
  /** Upper bound on the stored pages' size. */
  maxBytes: number
  /** Longest a page is kept; relative times ("edited 3 minutes ago") age by at most this. */
  ttlMs: number
  /** The next moment a page may change without a write (a consultation opening or closing); null when none is scheduled. */
  nextScheduledChange: () => Promise<Date | null>
}

/**
 * Rendered visitor pages of this process, by URL. Every entry belongs to a
 * generation; a notification that content changed starts a new one and
 * empties the cache. Nothing is stored or served unless this process is
 * listening for those notifications (a lost connection may have missed
 * one) and knows when the next scheduled change falls.
 */
export class PageCache {
  private pages = new Map<string, CachedPage>()
  private bytes = 0
  private listening = false
  /** Epoch ms at which every entry expires, whatever its TTL; 0 while being looked up. */
  private horizon = 0
  generation = 0
  hits = 0
  misses = 0

  constructor(private options: PageCacheOptions) {}

  get ready() {
    return this.listening && this.horizon > Date.now()
  }

  get size() {
    return this.pages.size
  }

  setListening(listening: boolean) {
    this.listening = listening
    this.invalidate()
  }

  /** Content changed (or may have): forget every page and look up the next scheduled change again. */
  invalidate() {
    const generation = ++this.generation
    this.pages.clear()
    this.bytes = 0
    this.horizon = 0
    if (!this.listening) return
    this.options.nextScheduledChange().then(
      (next) => {
        if (this.generation === generation) this.horizon = next ? next.getTime() : Number.POSITIVE_INFINITY
      },
      (error: unknown) => logger.warn({ err: error }, 'page cache: reading the next scheduled change failed'),
    )
  }

  /** The generation whose content may be kept now, or null while nothing may be (not listening, or the next scheduled change unknown). */
  currentGeneration(): number | null {
    if (this.horizon && this.horizon <= Date.now()) this.invalidate()
    return this.ready ? this.generation : null
  }

  /** The latest moment anything kept now may be served: a scheduled change (a consultation closing) ends it early. */
  keepUntil(ttlMs: number) {
    return Math.min(Date.now() + ttlMs, this.horizon)
  }

  get(key: string): CachedPage | undefined {
    if (this.currentGeneration() === null) return undefined
    const page = this.pages.get(key)
    if (!page) {
      this.misses++
      return undefined
    }
    if (page.generation !== this.generation || page.expiresAt <= Date.now()) {
      this.delete(key)
      this.misses++
      return undefined
    }
    // Most recently used last, so eviction takes the oldest first.
    this.pages.delete(key)
    this.pages.set(key, page)
    this.hits++
    return page
  }

  /** Stores a page rendered while `generation` was current; a page rendered across a change is dropped. */
  set(key: string, template: Omit<CachedPage, 'expiresAt' | 'generation'>, generation: number) {
    if (!this.ready || generation !== this.generation || template.bytes > this.options.maxBytes / 8) return
    this.delete(key)
    this.pages.set(key, { ...template, generation, expiresAt: this.keepUntil(this.options.ttlMs) })
    this.bytes += template.bytes
    for (const [oldest, page] of this.pages) {
      if (this.bytes <= this.options.maxBytes) break
      this.pages.delete(oldest)
      this.bytes -= page.bytes
    }
  }

  private delete(key: string) {
    const page = this.pages.get(key)
    if (!page) return
    this.pages.delete(key)
    this.bytes -= page.bytes
  }

  /** What is stored, for the tests' inspection and the process's status. */
  snapshot() {
    return {
      generation: this.generation,
      ready: this.ready,
      hits: this.hits,
      misses: this.misses,
      pages: [...this.pages].map(([key, page]) => ({ key, html: page.parts.map((p) => p.toString()).join('{nonce}') })),
    }
  }
}

const CHANNEL = 'content_changed'

/**
 * Keeps one connection listening for content changes (see the
 * notify_content_changed trigger) and reconnects when it drops, telling
 * the cache whether it can trust what it holds.
 */
export function contentChangeListener(databaseUrl: string) {
  let stopped = false
  let cache: PageCache | undefined
  let retry: NodeJS.Timeout | undefined
  const client = postgres(databaseUrl, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: null,
    fetch_types: false,
    onnotice: () => {},
    onnotify: () => cache?.invalidate(),
    onclose: () => {
      cache?.setListening(false)
      if (!stopped) retry ??= setTimeout(connect, 1000)
    },
  } as postgres.Options<Record<string, never>>)

  async function connect() {
    retry = undefined
    try {
      await client.unsafe(`listen ${CHANNEL}`)
      cache?.setListening(true)
    } catch (error) {
      logger.warn({ err: error }, 'page cache: listening for content changes failed; retrying')
      cache?.setListening(false)
      if (!stopped) retry ??= setTimeout(connect, 1000)
    }
  }

  const nextScheduledChange = async () => {
    const [row] = await client<{ next: Date | null }[]>`
      select min(t) as next from (
        select opens_at as t from consultations union all
        select closes_at from consultations union all
        select opens_at from surveys union all
        select closes_at from surveys
      ) scheduled where t > now()`
    return row.next ? new Date(row.next) : null
  }

  return {
    nextScheduledChange,
    start(target: PageCache) {
      cache = target
      return connect()
    },
    async stop() {
      stopped = true
      clearTimeout(retry)
      cache?.setListening(false)
      await client.end({ timeout: 2 }).catch(() => {})
    },
  }
}
