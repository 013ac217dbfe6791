import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/lib/auth.server'
import { invariantResponse } from '~/lib/http.server'
import { downloadPersonalData } from '~/modules/accounts/personal-data.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const data = await downloadPersonalData(user)
  invariantResponse(data, 'Not found')
  const day = new Date().toISOString().slice(0, 10)
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="commissioning-hub-your-data-${day}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
