import { requireUser, type SessionUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { getOrganisationBySlug, membershipRole } from './organisations.server'

/** The organisation a page's address names, or the 404 page. */
export async function organisationFromAddress(slug: string | undefined) {
  const organisation = slug ? await getOrganisationBySlug(slug) : null
  invariantResponse(organisation, 'Organisation not found', { status: 404 })
  return organisation
}

/**
 * Lets through the organisation's own admins, and the hub's admins (who own
 * the system and may need to fix a profile; their changes are audited like
 * everyone's). Everyone else signed in gets a 403.
 */
export async function requireOrganisationAdmin(request: Request, organisationId: string): Promise<SessionUser> {
  const user = await requireUser(request)
  if (user.role === 'admin') return user
  if ((await membershipRole(organisationId, user.id)) !== 'admin') throw new Response('Forbidden', { status: 403 })
  return user
}

/** Lets through the organisation's own members, admins included; everyone else signed in gets a 403. */
export async function requireOrganisationMember(request: Request, organisationId: string) {
  const user = await requireUser(request)
  const role = await membershipRole(organisationId, user.id)
  if (!role) throw new Response('Forbidden', { status: 403 })
  return { user, role }
}
