import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { JOBS } from '~/jobs.server'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : []
  })
}

test('every job a module defines is in the list the worker runs', () => {
  const defined = ['app', 'search'].flatMap(sourceFiles).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/defineJob(?:<[^>]*>)?\(\{\s*name: '([^']+)'/g)].map((match) => match[1]))
  expect(defined.length).toBeGreaterThan(5)
  expect(JOBS.map((job) => job.name).sort()).toEqual(defined.sort())
})
