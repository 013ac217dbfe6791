import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requireUser, signOutCookie, signOutEverywhere } from '~/lib/auth.server'

export async function loader() {
  throw redirect('/account')
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await signOutEverywhere(user.id)
  throw redirect('/sign-in?notice=signed-out-everywhere', { headers: { 'Set-Cookie': await signOutCookie(request) } })
}
