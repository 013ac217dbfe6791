import { createSessionCookie, needsSecondFactor } from '~/lib/auth.server'
import { confirmEnrolment, enrolment, issueFirstRecoveryCodes } from '~/modules/accounts/two-factor.server'
import { totpCode, totpStep } from '~/modules/accounts/totp.server'
import { createUser } from '~/modules/accounts/users.server'
import type { Actor } from '~/lib/actor'
import type { Role } from '~db/schema'

let counter = 0

export const TEST_PASSWORD = 'correct horse battery staple'

/**
 * Sets up an authenticator app for a person as they would on the set-up
 * page: the secret the page shows, then the code it makes now. Returns the
 * secret, so a test can answer later codes, and the recovery codes.
 */
export async function enrolAuthenticator(user: { id: string; email: string }, now = new Date()) {
  const pending = await enrolment(user.id)
  if (pending?.status !== 'pending') throw new Error('Already set up')
  const result = await confirmEnrolment(user, totpCode(pending.secret, totpStep(now)), { now })
  if (!result.ok) throw new Error(Object.values(result.errors).join('; '))
  const recoveryCodes = (await issueFirstRecoveryCodes(user))!
  return { totpSecret: pending.secret, recoveryCodes, lastStep: totpStep(now) }
}

/**
 * A verified user with a live session, for integration tests of loaders and
 * actions. Staff and admins have an authenticator app set up and a session
 * that has passed it, as after signing in with a code. `actor` is who the
 * domain modules act for when this person does something.
 */
export async function makeUser({ role = 'member', name = 'Test Person', email }: { role?: Role; name?: string; email?: string } = {}) {
  counter += 1
  const user = await createUser({
    email: email ?? `person-${counter}-${Date.now()}@example.com`,
    name,
    password: TEST_PASSWORD,
    role,
    verified: true,
  })
  const authenticator = needsSecondFactor(role) ? await enrolAuthenticator(user) : null
  const cookie = (await createSessionCookie(user.id, authenticator ? 'verified' : 'none')).split(';')[0]
  const actor = { id: user.id, email: user.email, name: user.name, role: user.role } satisfies Actor
  return { user, cookie, authenticator, actor }
}

/** A person made by makeUser. */
export type TestUser = Awaited<ReturnType<typeof makeUser>>

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
