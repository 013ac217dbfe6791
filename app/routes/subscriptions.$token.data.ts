import type { LoaderFunctionArgs } from '@remix-run/node'
import { invariantResponse } from '~/lib/http.server'
import { downloadSubscriberData, findByToken } from '~/modules/newsletters/subscriptions.server'

// Deliberately public: the emailed token is the key; the download holds only this address's data.
export async function loader({ params }: LoaderFunctionArgs) {
  const subscriber = await findByToken(params.token ?? '')
  invariantResponse(subscriber, 'Not found', { status: 404 })
  const data = await downloadSubscriberData(subscriber)
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), subscription: data }, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="commissioning-hub-subscription.json"',
      'Cache-Control': 'no-store',
    },
  })
}
