import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { requireUser, signOutCookie, signOutEverywhere } from '~/lib/auth.server'
import { redirectWithNotice } from '~/lib/notice.server'

export async function loader() {
  throw redirect('/account')
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await signOutEverywhere(user.id)
  throw await redirectWithNotice('/sign-in', 'You have been signed out on every device. Sign in again to continue.', { headers: { 'Set-Cookie': await signOutCookie(request) } })
}
