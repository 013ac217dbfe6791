import { lucia } from '~/lib/auth.server'
import { createUser } from '~/modules/accounts/users.server'
import type { Role } from '~db/schema'

let counter = 0

/** A verified user with a live session, for integration tests of loaders and actions. */
export async function makeUser({ role = 'member', name = 'Test Person', email }: { role?: Role; name?: string; email?: string } = {}) {
  counter += 1
  const user = await createUser({
    email: email ?? `person-${counter}-${Date.now()}@example.com`,
    name,
    password: 'correct horse battery staple',
    role,
    verified: true,
  })
  const session = await lucia.createSession(user.id, {})
  const cookie = lucia.createSessionCookie(session.id).serialize().split(';')[0]
  return { user, cookie }
}

/** A request as the browser would send it, signed in when given a cookie. */
export function request(path: string, { cookie, method = 'GET', form }: { cookie?: string; method?: string; form?: Record<string, string | string[]> } = {}) {
  const headers = new Headers()
  if (cookie) headers.set('Cookie', cookie)
  let body: URLSearchParams | undefined
  if (form) {
    body = new URLSearchParams()
    for (const [key, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
    headers.set('Content-Type', 'application/x-www-form-urlencoded')
  }
  return new Request(`http://localhost:3000${path}`, { method: form ? 'POST' : method, headers, body })
}
