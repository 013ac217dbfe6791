import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { awaitingSecondFactor, getUser, rotateSession } from '~/lib/auth.server'
import { invalid, parseForm } from '~/lib/forms'
import { safeRedirectPath } from '~/lib/http.server'
import { failure } from './form-values'
import { authenticatorCodeSchema, recoveryCodeSchema, type SecondFactorKind } from './second-factor-form'
import { checkAuthenticatorCode, redeemRecoveryCode } from './two-factor.server'

const KINDS = {
  authenticator: { schema: authenticatorCodeSchema, check: checkAuthenticatorCode },
  recovery: { schema: recoveryCodeSchema, check: redeemRecoveryCode },
}

/** Only a person whose password was right and who has an authenticator app gets this far. */
async function pending(request: Request, redirectTo: string) {
  const waiting = await awaitingSecondFactor(request)
  if (waiting) return waiting
  if (await getUser(request)) throw redirect(redirectTo)
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`)
}

export async function secondFactorLoader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/account')
  await pending(request, redirectTo)
  return { redirectTo }
}

/** Checks the code of this kind; the right one turns the waiting session into a signed-in one. */
export async function secondFactorAction(kind: SecondFactorKind, { request, context }: ActionFunctionArgs) {
  const { schema, check } = KINDS[kind]
  const formData = await request.formData()
  const redirectTo = safeRedirectPath(String(formData.get('redirectTo') ?? ''), '/account')
  const { user } = await pending(request, redirectTo)
  const parsed = parseForm(formData, schema)
  if (!parsed.ok) return invalid(failure(parsed.errors, { redirectTo }))
  const outcome = await check({ userId: user.id, code: parsed.data.code, ip: context?.clientIp })
  if (!outcome.ok) {
    return invalid(failure(outcome.errors, { redirectTo }), { status: outcome.code === 'throttled' ? 429 : 400 })
  }
  const cookie = await rotateSession(request, user.id, 'verified')
  throw redirect(redirectTo, { headers: { 'Set-Cookie': cookie } })
}
