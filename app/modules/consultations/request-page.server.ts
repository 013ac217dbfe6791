import { z } from 'zod'
import { getUser } from '~/lib/auth.server'
import { choice, email, requiredText } from '~/lib/fields'
import { formValues, invalid, parseForm, ruleFailed } from '~/lib/forms'
import { mailLimitedStatus } from '~/lib/unconfirmed-mail.server'
import type { ConsultationRequestKind } from '~db/schema'
import { recordRequest } from './requests.server'
import { ACCESSIBLE_FORMAT_VALUES, REQUEST_KINDS } from './requests'
import { publishedConsultation } from './web.server'

/**
 * Route glue for the two public forms beside a consultation (an accessible
 * format or other help, and feedback on the process). Both are deliberately
 * public: anyone may ask for help to respond or comment on how we consult.
 */

function requestSchema(kind: ConsultationRequestKind) {
  return z.object({
    name: requiredText('Enter your name', { max: 200 }),
    email: email(),
    // Only the accessible-format form asks; recordRequest keeps it for no other kind.
    format: choice(ACCESSIBLE_FORMAT_VALUES, 'Select a format from the list').optional(),
    message: requiredText(REQUEST_KINDS[kind].messageMissing, { max: 5000 }),
  })
}

/** A signed-in person's name and address are offered as the defaults: only their own. */
export async function requestPageLoader(request: Request, slug: string | undefined) {
  const user = await getUser(request)
  const c = await publishedConsultation(slug)
  return { title: c.title, slug: c.slug, name: user?.name ?? '', email: user?.email ?? '' }
}

export async function requestPageAction(request: Request, slug: string | undefined, kind: ConsultationRequestKind, clientIp?: string) {
  const user = await getUser(request)
  const c = await publishedConsultation(slug)
  const formData = await request.formData()
  const form = parseForm(formData, requestSchema(kind))
  if (!form.ok) return invalid(form)
  try {
    await recordRequest(c, kind, { ...form.data, format: form.data.format ?? null, userId: user?.id ?? null }, { ip: clientIp, senderId: user?.id })
  } catch (error) {
    return ruleFailed(error, { values: formValues(formData), status: mailLimitedStatus })
  }
  return { ok: true as const, errors: undefined, values: undefined }
}
