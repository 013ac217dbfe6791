import { matchRoutes, type AgnosticRouteObject as RouteObject } from '@remix-run/router'
import { describe, expect, test } from 'vitest'

// The patched router (patches/@remix-run+router+1.23.3.patch, decision 200) keeps each path's matches per route tree.
const routes: RouteObject[] = [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'home', index: true },
      { id: 'case-study', path: 'what-works/:slug' },
      { id: 'case-study-history', path: 'what-works/:slug/history' },
      { id: 'cookies', path: 'cookies' },
    ],
  },
]

describe('route matching', () => {
  test('a path matched before is answered with the same matches', () => {
    const first = matchRoutes(routes, '/what-works/employer-led-training')
    expect(first?.map((m) => m.route.id)).toEqual(['root', 'case-study'])
    expect(matchRoutes(routes, '/what-works/employer-led-training')).toBe(first)
  })

  test('paths with different parameters get their own matches', () => {
    const one = matchRoutes(routes, '/what-works/one')
    const two = matchRoutes(routes, '/what-works/two')
    expect(one?.at(-1)?.params).toEqual({ slug: 'one' })
    expect(two?.at(-1)?.params).toEqual({ slug: 'two' })
    expect(matchRoutes(routes, '/what-works/one/history')?.at(-1)?.route.id).toBe('case-study-history')
    expect(matchRoutes(routes, '/no-such-page')).toBeNull()
    expect(matchRoutes(routes, '/no-such-page')).toBeNull()
  })

  test('another route tree with the same paths is matched against its own routes', () => {
    const other: RouteObject[] = [{ id: 'other-root', path: '', children: [{ id: 'other-cookies', path: 'cookies' }] }]
    expect(matchRoutes(routes, '/cookies')?.at(-1)?.route.id).toBe('cookies')
    expect(matchRoutes(other, '/cookies')?.at(-1)?.route.id).toBe('other-cookies')
  })

  test('matches are kept for a bounded number of paths', () => {
    const kept = matchRoutes(routes, '/what-works/kept')
    for (let i = 0; i < 5001; i++) matchRoutes(routes, `/what-works/visitor-made-${i}`)
    const again = matchRoutes(routes, '/what-works/kept')
    expect(again).not.toBe(kept)
    expect(again?.at(-1)?.params).toEqual({ slug: 'kept' })
  })
})
