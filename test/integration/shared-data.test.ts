import { afterEach, describe, expect, test } from 'vitest'
import { keepSharedDataWith, sharedData } from '~/lib/shared-data.server'

/** The page cache's side of the contract: a generation that content changes move on, or null while nothing may be kept. */
function generations() {
  const source = { generation: 1 as number | null, horizon: Number.POSITIVE_INFINITY }
  keepSharedDataWith({ currentGeneration: () => source.generation, keepUntil: (ttl) => Math.min(Date.now() + ttl, source.horizon) })
  return source
}

function counter(values: unknown[] = []) {
  let reads = 0
  return {
    get reads() {
      return reads
    },
    load: async () => values[reads++] ?? `read ${reads}`,
  }
}

afterEach(() => keepSharedDataWith(undefined))

describe('shared data of signed-in pages', () => {
  test('is read once per content generation and read again after a change', async () => {
    const source = generations()
    const reads = counter()
    expect(await sharedData('k', reads.load)).toBe('read 1')
    expect(await sharedData('k', reads.load)).toBe('read 1')
    expect(reads.reads).toBe(1)
    source.generation = 2
    expect(await sharedData('k', reads.load)).toBe('read 2')
    expect(await sharedData('other', reads.load)).toBe('read 3')
  })

  test('concurrent requests share one read', async () => {
    generations()
    const reads = counter()
    const all = await Promise.all(Array.from({ length: 20 }, () => sharedData('k', reads.load)))
    expect(new Set(all)).toEqual(new Set(['read 1']))
    expect(reads.reads).toBe(1)
  })

  test('nothing is kept without a source, while the source cannot vouch for it, or past a scheduled change', async () => {
    const reads = counter()
    await sharedData('k', reads.load)
    await sharedData('k', reads.load)
    expect(reads.reads).toBe(2)
    const source = generations()
    source.generation = null
    await sharedData('k', reads.load)
    await sharedData('k', reads.load)
    expect(reads.reads).toBe(4)
    source.generation = 3
    source.horizon = Date.now() - 1
    await sharedData('k', reads.load)
    await sharedData('k', reads.load)
    expect(reads.reads).toBe(6)
  })

  test('a read that failed, or that ran across a content change, is not kept', async () => {
    const source = generations()
    await expect(sharedData('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down')
    expect(await sharedData('k', async () => 'after the failure')).toBe('after the failure')

    let finish!: (value: string) => void
    const slow = sharedData('slow', () => new Promise<string>((resolve) => (finish = resolve)))
    source.generation = 2
    finish('read before the change')
    expect(await slow).toBe('read before the change')
    expect(await sharedData('slow', async () => 'read after the change')).toBe('read after the change')
  })
})
