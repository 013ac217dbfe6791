import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { signOutCookie } from '~/lib/auth.server'

// Public: signing out needs no session; without one it only clears the cookie.
export async function loader() {
  throw redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  throw redirect('/', { headers: { 'Set-Cookie': await signOutCookie(request) } })
}
