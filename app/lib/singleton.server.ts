/**
 * The server entry (run by tsx) and the Remix server build (bundled by Vite)
 * can each load a module, so process-wide resources are kept on globalThis to
 * make sure there is exactly one per process.
 */
export function singleton<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as { __singletons?: Map<string, unknown> }
  store.__singletons ??= new Map()
  if (!store.__singletons.has(name)) store.__singletons.set(name, create())
  return store.__singletons.get(name) as T
}
