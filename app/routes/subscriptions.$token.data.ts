import type { LoaderFunctionArgs } from '@remix-run/node'
import { db } from '~/lib/db.server'
import { auditExport } from '~/lib/export-audit.server'
import { invariantResponse } from '~/lib/http.server'
import { exportSubscriberData, findByToken } from '~/modules/newsletters/subscriptions.server'

// Deliberately public: the emailed token is the key; the download holds only this address's data.
export async function loader({ params }: LoaderFunctionArgs) {
  const subscriber = await findByToken(params.token ?? '')
  invariantResponse(subscriber, 'Not found', { status: 404 })
  const data = await exportSubscriberData(db, subscriber)
  await auditExport(null, 'subscriber.export', { type: 'subscriber', id: subscriber.id })
  return new Response(JSON.stringify({ exportedAt: new Date().toISOString(), subscription: data }, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="commissioning-hub-subscription.json"',
      'Cache-Control': 'no-store',
    },
  })
}
