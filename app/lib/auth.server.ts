import { redirect } from '@remix-run/node'
import { Lucia, TimeSpan, type Session } from 'lucia'
import { type Role, type Session as SessionRow, type User } from '~db/schema'
import { config } from './config.server'
import { forgetInRequest, oncePerRequest } from './request-scope.server'
import { HashedSessionIds } from './session-ids.server'
import { SessionStore } from './session-store.server'
import { singleton } from './singleton.server'

export type SecondFactor = SessionRow['secondFactor']

export const lucia = singleton('lucia', () => {
  const production = config().NODE_ENV === 'production'
  return new Lucia(new HashedSessionIds(new SessionStore()), {
    // Sessions last 30 days and are renewed when used in their second half.
    sessionExpiresIn: new TimeSpan(30, 'd'),
    sessionCookie: {
      // __Host-: the browser takes the cookie only from this host, over HTTPS, for every path, so no subdomain can set or shadow it.
      name: production ? '__Host-hub_session' : 'hub_session',
      attributes: { secure: production, sameSite: 'lax' },
    },
    getSessionAttributes: (attributes) => ({ secondFactor: attributes.secondFactor ?? 'none' }),
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      role: attributes.role,
      emailVerifiedAt: attributes.emailVerifiedAt,
      totpEnabled: Boolean(attributes.totpEnabledAt),
    }),
  })
})

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia
    DatabaseUserAttributes: Pick<User, 'email' | 'name' | 'role' | 'emailVerifiedAt' | 'totpEnabledAt'>
    DatabaseSessionAttributes: { secondFactor?: SecondFactor }
    UserId: string
  }
}

/**
 * The person signed in. `role` is what they may do in this session: staff
 * and admins count as members until the session has passed the second
 * factor, and `heldRole` is the role their account holds.
 */
export type SessionUser = { id: string; email: string; name: string; role: Role; heldRole: Role; emailVerifiedAt: Date | null; totpEnabled: boolean }

type Authenticated = { user: SessionUser; session: Session; headers: Headers }

const NEEDS_SECOND_FACTOR: ReadonlySet<Role> = new Set(['staff', 'admin'])

export function needsSecondFactor(role: Role) {
  return NEEDS_SECOND_FACTOR.has(role)
}

type SessionRead = { session: Session; user: NonNullable<Awaited<ReturnType<typeof lucia.validateSession>>['user']>; setCookie?: string } | { session: null; user: null; setCookie?: string }

async function validate(request: Request): Promise<SessionRead> {
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (!sessionId) return { session: null, user: null }
  const { session, user } = await lucia.validateSession(sessionId)
  if (!session) return { session: null, user: null, setCookie: lucia.createBlankSessionCookie().serialize() }
  return { session, user: user!, setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : undefined }
}

// The root loader and the page's loaders each ask who is signed in: one read per request serves them all. An action
// and the loaders after it are told apart by method, and every session write below forgets the read.
const SESSION_READ = 'session:'

async function readSession(request: Request, headers: Headers) {
  const cookie = request.headers.get('cookie') ?? ''
  const { session, user, setCookie } = await oncePerRequest(`${SESSION_READ}${request.method} ${cookie}`, () => validate(request))
  if (setCookie) headers.append('Set-Cookie', setCookie)
  return session ? { session, user: user! } : { session: null, user: null }
}

/**
 * Reads the session cookie; a renewed session's cookie is returned in
 * headers. A session still waiting for its authenticator code counts as
 * signed out everywhere except the code pages.
 */
export async function authenticate(request: Request): Promise<Authenticated | { user: null; session: null; headers: Headers }> {
  const headers = new Headers()
  const { session, user } = await readSession(request, headers)
  if (!session || session.secondFactor === 'awaiting') return { user: null, session: null, headers }
  const limited = needsSecondFactor(user.role) && session.secondFactor !== 'verified'
  return {
    user: { id: user.id, email: user.email, name: user.name, role: limited ? 'member' : user.role, heldRole: user.role, emailVerifiedAt: user.emailVerifiedAt, totpEnabled: user.totpEnabled },
    session,
    headers,
  }
}

/**
 * The person part-way through signing in: their password was right and
 * their authenticator code is next (or, for a session from before they set
 * up the app, needed now for staff pages).
 */
export async function awaitingSecondFactor(request: Request) {
  const headers = new Headers()
  const { session, user } = await readSession(request, headers)
  if (!session || !user.totpEnabled || session.secondFactor === 'verified') return null
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, session }
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await authenticate(request)).user
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url)
  const redirectTo = `${url.pathname}${url.search}`
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`)
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request)
  if (!user) signInRedirect(request)
  return user
}

export function isStaff(user: Pick<SessionUser, 'role'> | null): boolean {
  return user?.role === 'staff' || user?.role === 'admin'
}

/** Where a staff member or admin goes before their role counts: set up the app, or enter its code. */
export function secondFactorPath(user: Pick<SessionUser, 'totpEnabled'>, redirectTo: string) {
  const query = new URLSearchParams({ redirectTo })
  return user.totpEnabled ? `/sign-in/code?${query}` : `/account/authenticator?${query}`
}

function requireSecondFactor(request: Request, user: SessionUser) {
  if (user.role === user.heldRole) return
  const url = new URL(request.url)
  throw redirect(secondFactorPath(user, `${url.pathname}${url.search}`))
}

export async function requireStaff(request: Request): Promise<SessionUser> {
  const user = await requireUser(request)
  requireSecondFactor(request, user)
  if (!isStaff(user)) throw new Response('Forbidden', { status: 403 })
  return user
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request)
  requireSecondFactor(request, user)
  if (user.role !== 'admin') throw new Response('Forbidden', { status: 403 })
  return user
}

/**
 * For actions that publish something others will see: an unverified person
 * is sent to confirm their email address first.
 */
export async function requireVerifiedUser(request: Request): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!user.emailVerifiedAt) throw redirect('/verify-email?needed=true')
  return user
}

/**
 * Signs in with a new session id, at each step: after the password and
 * again after the code. Any session the browser already carried ends, so a
 * session id planted or seen before a step is worthless after it.
 */
export async function rotateSession(request: Request, userId: string, secondFactor: SecondFactor = 'none'): Promise<string> {
  forgetInRequest(SESSION_READ)
  const previous = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (previous) await lucia.invalidateSession(previous)
  return createSessionCookie(userId, secondFactor)
}

export async function createSessionCookie(userId: string, secondFactor: SecondFactor = 'none'): Promise<string> {
  forgetInRequest(SESSION_READ)
  const session = await lucia.createSession(userId, { secondFactor })
  return lucia.createSessionCookie(session.id).serialize()
}

/**
 * Where a correct password leads: an account with an authenticator app goes
 * on to its code in a session that counts for nothing until then; staff and
 * admins without one go to set it up; everyone else goes where they were going.
 */
export async function signInWithPassword(request: Request, user: Pick<User, 'id' | 'role' | 'totpEnabledAt'>, redirectTo: string) {
  const query = new URLSearchParams({ redirectTo })
  if (user.totpEnabledAt) return { cookie: await rotateSession(request, user.id, 'awaiting'), location: `/sign-in/code?${query}` }
  const cookie = await rotateSession(request, user.id, 'none')
  return { cookie, location: needsSecondFactor(user.role) ? `/account/authenticator?${query}` : redirectTo }
}

export async function signOutCookie(request: Request): Promise<string> {
  forgetInRequest(SESSION_READ)
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (sessionId) await lucia.invalidateSession(sessionId)
  return lucia.createBlankSessionCookie().serialize()
}

export async function signOutEverywhere(userId: string) {
  forgetInRequest(SESSION_READ)
  await lucia.invalidateUserSessions(userId)
}
