import type { SessionUser } from '~/lib/auth.server'
import type { DetailsValues } from './details-form'
import type { RespondentDetails } from './responses.server'

/** Turns the details form into what is stored; an organisation picked from the person's memberships supplies its own name. */
export function toRespondentDetails(
  form: DetailsValues,
  user: SessionUser | null,
  memberships: Array<{ id: string; name: string }>,
): { ok: true; details: RespondentDetails } | { ok: false; errors: Record<string, string> } {
  const email = user?.email ?? form.email
  if (!email) return { ok: false, errors: { email: 'Enter your email address' } }
  const organisation = form.respondentType === 'organisation' && form.organisationId ? memberships.find((m) => m.id === form.organisationId) : null
  if (form.respondentType === 'organisation' && form.organisationId && !organisation) {
    return { ok: false, errors: { organisationId: 'Select an organisation you belong to' } }
  }
  const isOrg = form.respondentType === 'organisation'
  return {
    ok: true,
    details: {
      respondentType: form.respondentType as RespondentDetails['respondentType'],
      name: form.name,
      email,
      organisationId: organisation?.id ?? null,
      organisationName: isOrg ? (organisation?.name ?? form.organisationName) : null,
      represents: isOrg ? form.represents : null,
      howViewsAssembled: isOrg ? form.howViewsAssembled || null : null,
      publishingConsent: form.publishingConsent as RespondentDetails['publishingConsent'],
      confidential: form.confidential === 'yes',
      confidentialReason: form.confidential === 'yes' ? form.confidentialReason : null,
      notifyOnPublication: form.notify === 'yes',
    },
  }
}
