import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'

/** Calling Remix loaders and actions directly, as Remix would, and reading what the browser would get. */

type Params = Record<string, string>
type Handler = (args: { request: Request; params: Params; context: never }) => unknown

/** What a loader or action answered, returned or thrown. `data` holds JSON data; `text` the body as text. */
export type Outcome = { status: number; data: any; headers: Headers; location: string | null; text: string }

/** The arguments Remix passes a loader or action; the context is what server/index.ts gives every request. */
export function args(request: Request, params: Params = {}, { ip = '192.0.2.10' }: { ip?: string } = {}) {
  return { request, params, context: { clientIp: ip, cspNonce: '', requestId: 'test' } as never }
}

/** Settles a loader's or action's promise into what the browser would get. */
export async function outcome(promise: unknown): Promise<Outcome> {
  let result: unknown
  try {
    result = await promise
  } catch (thrown) {
    // Thrown responses, and data() thrown with a status, are answers too.
    if (thrown instanceof Response || isWrapped(thrown)) result = thrown
    else throw thrown
  }
  if (result instanceof Response) {
    const text = await result.text()
    const data = result.headers.get('Content-Type')?.includes('json') && text ? JSON.parse(text) : null
    return { status: result.status, data, headers: result.headers, location: result.headers.get('Location'), text }
  }
  if (isWrapped(result)) {
    return { status: result.init?.status ?? 200, data: result.data, headers: new Headers(result.init?.headers), location: null, text: JSON.stringify(result.data) }
  }
  return { status: 200, data: result, headers: new Headers(), location: null, text: JSON.stringify(result) }
}

/** Calls a loader or action with a request and reports what the browser would get. */
export function call(handler: unknown, request: Request, params: Params = {}, options: { ip?: string } = {}): Promise<Outcome> {
  return outcome((handler as Handler)(args(request, params, options)))
}

/** The status a loader's or action's answer carries. */
export async function status(promise: unknown): Promise<number> {
  return (await outcome(promise)).status
}

function isWrapped(value: unknown): value is { type: 'DataWithResponseInit'; data: unknown; init?: ResponseInit | null } {
  return Boolean(value && typeof value === 'object' && (value as { type?: string }).type === 'DataWithResponseInit')
}

export const ROUTES_DIR = path.resolve('app/routes')

/** Route modules as Remix's flat routes reads them: files, and folders holding a route.tsx. `id` is the route's name, `file` its module under app/routes. */
export function routeModules(): { id: string; file: string }[] {
  return readdirSync(ROUTES_DIR)
    .flatMap((entry) => {
      if (statSync(path.join(ROUTES_DIR, entry)).isDirectory()) {
        const inside = readdirSync(path.join(ROUTES_DIR, entry)).find((f) => /^route\.(tsx?|jsx?)$/.test(f))
        return inside ? [{ id: entry, file: path.join(entry, inside) }] : []
      }
      return /\.(tsx?|jsx?)$/.test(entry) ? [{ id: entry.replace(/\.(tsx?|jsx?)$/, ''), file: entry }] : []
    })
    .sort((a, b) => a.id.localeCompare(b.id))
}

/** A multipart form post, as a browser sends a form with a file. */
export function multipart(path: string, cookie: string, fields: Record<string, string | File>) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  return new Request(`http://localhost:3000${path}`, { method: 'POST', headers: { Cookie: cookie }, body })
}

export const file = (bytes: Uint8Array | string, name: string, type = 'application/octet-stream') => new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type })

/** A streamed download's body, as text. */
export const streamText = (stream: ReadableStream<Uint8Array>) => new Response(stream).text()

/** The first bytes of a PNG: a file no document form accepts. */
export const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])
