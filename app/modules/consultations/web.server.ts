import { config } from '~/lib/config.server'
import { getUser, type SessionUser } from '~/lib/auth.server'
import { db } from '~/lib/db.server'
import { invariantResponse } from '~/lib/http.server'
import { sharedData } from '~/lib/shared-data.server'
import type { Consultation } from '~db/schema'
import { getConsultationBySlug } from './consultations.server'
import { responseForConsultation, type Access } from './responses.server'

/**
 * Route glue shared by the respondent pages: finding the consultation and
 * proving the right to a response. Signed out, that right is a secret token
 * kept in an HttpOnly cookie scoped to /consultations.
 */

const COOKIE = 'hub_consultation_response'

export function responseCookie(responseId: string, token: string, expires: Date) {
  const secure = config().NODE_ENV === 'production' && config().APP_URL.startsWith('https:') ? '; Secure' : ''
  return `${COOKIE}=${responseId}.${token}; Path=/consultations; HttpOnly; SameSite=Lax; Expires=${expires.toUTCString()}${secure}`
}

function cookieToken(request: Request, responseId: string): string | null {
  const raw = request.headers.get('cookie') ?? ''
  for (const part of raw.split(/;\s*/)) {
    const [name, ...rest] = part.split('=')
    if (name !== COOKIE) continue
    const value = rest.join('=')
    const dot = value.indexOf('.')
    if (value.slice(0, dot) === responseId) return value.slice(dot + 1)
  }
  return null
}

async function publishedBySlug(slug: string) {
  const consultation = await getConsultationBySlug(db, slug)
  return consultation?.status === 'published' ? consultation : null
}

/** A published consultation, or 404: drafts are never shown to the public. */
export async function publishedConsultation(slug: string | undefined): Promise<Consultation> {
  // The same for everyone: kept per process until content changes or the consultation opens or closes (decision 160).
  const consultation = slug ? await sharedData(`published-consultation:${slug}`, () => publishedBySlug(slug)) : null
  invariantResponse(consultation && consultation.status === 'published', 'Consultation not found')
  return consultation
}

/**
 * The response the request may use, or 404 for anyone else: someone else's
 * response looks exactly like one that does not exist.
 */
export async function requireResponseAccess(request: Request, slug: string | undefined, responseId: string | undefined) {
  const consultation = await publishedConsultation(slug)
  const user = await getUser(request)
  const access = responseId ? await responseForConsultation(consultation.id, responseId, { user, token: cookieToken(request, responseId) }) : null
  invariantResponse(access, 'Response not found')
  return { consultation, access, user }
}

export function actorOf(user: SessionUser | null, access: Access) {
  return { id: user?.id ?? null, name: user?.name ?? access.response.name }
}

export const CONSENT_LABELS = {
  named: 'Publish my response with my name (or my organisation’s name)',
  anonymous: 'Publish my response anonymously',
  none: 'Do not publish my response',
} as const
