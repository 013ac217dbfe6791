import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { redirect } from '@remix-run/node'
import { Lucia, TimeSpan, type Session } from 'lucia'
import { sessions, users, type Role, type User } from '~db/schema'
import { config } from './config.server'
import { db } from './db.server'
import { singleton } from './singleton.server'

export const lucia = singleton(
  'lucia',
  () =>
    new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
      // Sessions last 30 days and are renewed when used in their second half.
      sessionExpiresIn: new TimeSpan(30, 'd'),
      sessionCookie: {
        name: 'hub_session',
        attributes: { secure: config().NODE_ENV === 'production', sameSite: 'lax' },
      },
      getUserAttributes: (attributes) => ({
        email: attributes.email,
        name: attributes.name,
        role: attributes.role,
        emailVerifiedAt: attributes.emailVerifiedAt,
      }),
    }),
)

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia
    DatabaseUserAttributes: Pick<User, 'email' | 'name' | 'role' | 'emailVerifiedAt'>
    UserId: string
  }
}

export type SessionUser = { id: string; email: string; name: string; role: Role; emailVerifiedAt: Date | null }

type Authenticated = { user: SessionUser; session: Session; headers: Headers }

/** Reads the session cookie; a renewed session's cookie is returned in headers. */
export async function authenticate(request: Request): Promise<Authenticated | { user: null; session: null; headers: Headers }> {
  const headers = new Headers()
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (!sessionId) return { user: null, session: null, headers }
  const { session, user } = await lucia.validateSession(sessionId)
  if (!session) {
    headers.append('Set-Cookie', lucia.createBlankSessionCookie().serialize())
    return { user: null, session: null, headers }
  }
  if (session.fresh) headers.append('Set-Cookie', lucia.createSessionCookie(session.id).serialize())
  return { user: user as SessionUser, session, headers }
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

export async function requireStaff(request: Request): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!isStaff(user)) throw new Response('Forbidden', { status: 403 })
  return user
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request)
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
 * Signs in with a new session id. Any session the browser already carried
 * ends, so a session id planted before sign-in is worthless afterwards.
 */
export async function rotateSession(request: Request, userId: string): Promise<string> {
  const previous = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (previous) await lucia.invalidateSession(previous)
  return createSessionCookie(userId)
}

export async function createSessionCookie(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {})
  return lucia.createSessionCookie(session.id).serialize()
}

export async function signOutCookie(request: Request): Promise<string> {
  const sessionId = lucia.readSessionCookie(request.headers.get('cookie') ?? '')
  if (sessionId) await lucia.invalidateSession(sessionId)
  return lucia.createBlankSessionCookie().serialize()
}

export async function signOutEverywhere(userId: string) {
  await lucia.invalidateUserSessions(userId)
}
