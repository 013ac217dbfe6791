import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

// docs/architecture.md is how a newcomer finds the module behind a page, so it must name every route and module.
const doc = readFileSync('docs/architecture.md', 'utf8')
const named = new Set([...doc.matchAll(/`([^`\s]+)`/g)].map((match) => match[1]))

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

test('every route file or folder in app/routes is named in docs/architecture.md', () => {
  const routes = readdirSync('app/routes')
  expect(routes.length).toBeGreaterThan(100)
  expect(routes.filter((route) => !named.has(route))).toEqual([])
})

test('every module directory under app/modules is named in docs/architecture.md', () => {
  const modules = readdirSync('app/modules', { withFileTypes: true }).filter((entry) => entry.isDirectory())
  expect(modules.length).toBeGreaterThan(5)
  expect(modules.map((entry) => `app/modules/${entry.name}/`).filter((dir) => !named.has(dir))).toEqual([])
})

test('every source file docs/architecture.md names still exists', () => {
  const roots = ['app', 'db', 'search', 'server', 'scripts', 'bench', 'test']
  const basenames = new Set(roots.flatMap(filesUnder).map((path) => path.split('/').pop()))
  for (const entry of readdirSync('app/routes')) basenames.add(entry)
  // A path is from the repository root, after the import aliases (~/, ~search/, ~db/), or inside app/modules.
  const exists = (name: string) => {
    if (!name.includes('/')) return basenames.has(name)
    const path = name.replace(/^~\//, 'app/').replace(/^~(search|db)\//, '$1/')
    return existsSync(path) || existsSync(join('app/modules', path))
  }
  const stale = [...named].filter((name) => /\.tsx?$/.test(name) && !exists(name))
  expect(stale).toEqual([])
})
