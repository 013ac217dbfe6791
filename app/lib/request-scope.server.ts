import { AsyncLocalStorage } from 'node:async_hooks'
import { singleton } from './singleton.server'

// One per process: the server entry opens the scope and the Remix build reads it, and each loads this module.
const scope = singleton('request-scope', () => new AsyncLocalStorage<Map<string, unknown>>())

/** Runs one request's loaders and actions with a place to keep what they would otherwise each look up again. */
export function inRequestScope<T>(run: () => T): T {
  return scope.run(new Map(), run)
}

/** The value for `key` computed once per request (outside a request, every time). */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const store = scope.getStore()
  if (!store) return compute()
  if (!store.has(key)) store.set(key, compute())
  return store.get(key) as T
}

/** Forgets a value that a write in this request has made stale. */
export function forgetInRequest(prefix: string) {
  const store = scope.getStore()
  if (store) for (const key of store.keys()) if (key.startsWith(prefix)) store.delete(key)
}
